package dev.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.windows.WindowAssigners;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.junit.jupiter.api.Test;

/** Changing a window in the YAML changes the buckets, with no code change. */
class WindowAssignersTest {

    private static List<String> windowsFor(String yaml, long timestamp) {
        WindowAssigner<Object, TimeWindow> a =
                WindowAssigners.of(VigilConfig.load(yaml, List.of(), Map.of()), "performance-metrics");
        List<String> out = new ArrayList<>();
        WindowAssigner.WindowAssignerContext context = new WindowAssigner.WindowAssignerContext() {
            @Override
            public long getCurrentProcessingTime() {
                return 0;
            }
        };
        for (TimeWindow w : a.assignWindows("x", timestamp, context)) out.add(w.getStart() + ".." + w.getEnd());
        return out;
    }

    @Test
    void tumblingAndSlidingWindowsFollowTheConfig() {
        assertThat(windowsFor("windows: {performance-metrics: {size: 10s}}", 25_000))
                .containsExactly("20000..30000");
        assertThat(windowsFor("windows: {performance-metrics: {size: 1min}}", 25_000))
                .containsExactly("0..60000");
        assertThat(windowsFor("windows: {performance-metrics: {type: sliding, size: 30s, slide: 10s}}", 25_000))
                .containsExactlyInAnyOrder("0..30000", "10000..40000", "20000..50000");
    }

    @Test
    void aPaneIsTheLargestSliceWhoseEventsShareTheirWindows() {
        for (String yaml : List.of(
                "windows: {performance-metrics: {size: 10s}}",
                "windows: {performance-metrics: {type: sliding, size: 30s, slide: 10s}}",
                "windows: {performance-metrics: {type: sliding, size: 20s, slide: 5s}}")) {
            long pane = WindowAssigners.paneMillis(VigilConfig.load(yaml, List.of(), Map.of()), "performance-metrics");
            long start = 7 * pane;
            assertThat(windowsFor(yaml, start + pane - 1)).as(yaml).isEqualTo(windowsFor(yaml, start));
            assertThat(windowsFor(yaml, start + pane)).as(yaml).isNotEqualTo(windowsFor(yaml, start));
            assertThat(windowsFor(yaml, start - 1)).as(yaml).isNotEqualTo(windowsFor(yaml, start));
        }
        VigilConfig config = VigilConfig.load(
                "windows: {performance-metrics: {type: sliding, size: 20s, slide: 5s}}", List.of(), Map.of());
        assertThat(WindowAssigners.paneMillis(config, "performance-metrics")).isEqualTo(5_000);
        assertThat(WindowAssigners.paneMillis(
                        VigilConfig.load(
                                "windows: {performance-metrics: {type: session, gap: 30s}}", List.of(), Map.of()),
                        "performance-metrics"))
                .isEqualTo(1);
    }
}
