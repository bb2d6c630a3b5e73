package dev.vigil.jobs.metrics;

import static dev.vigil.testing.JobOutputs.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.jobs.metrics.sinks.TimingTables;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.testing.InMemoryInput;
import dev.vigil.testing.JobCounters;
import dev.vigil.testing.JobOutputs;
import dev.vigil.testing.JobRun;
import dev.vigil.testing.JobTestConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole performance-metrics pipeline on a MiniCluster with in-memory input and collecting sinks (no stack):
 * every metric kind to its table, the same with object reuse on (production) and off.
 */
class PerformanceMetricsJobTest {
    private static final long T0 = 1_795_860_900_000L;

    @Test
    void everyKindReachesItsTableAndObjectReuseChangesNothing(@TempDir Path tmp) throws Exception {
        List<String> records = records();
        Map<String, List<String>> withReuse = JobRun.sameWithAndWithoutObjectReuse(reuse -> run(tmp, records, reuse));

        assertThat(withReuse.get("dead letters")).hasSize(1).allMatch(d -> d.contains("\"MALFORMED_JSON\""));
        // 100 timings of 1..100 ms in one 10 s window: one row, and the median within the sketch's 1 %
        assertThat(withReuse.get("timings")).hasSize(1);
        String timing = withReuse.get("timings").get(0);
        assertThat(number(timing, "count")).isEqualTo(100);
        assertThat(number(timing, "sum")).isEqualTo(5050);
        assertThat(number(timing, "min")).isEqualTo(1);
        assertThat(number(timing, "max")).isEqualTo(100);
        assertThat(number(timing, "p50")).isBetween(49.5, 51.5);
        for (String level : TimingTables.LEVELS)
            assertThat(withReuse.get("timings " + level)).as(level).hasSize(1);
        // gauge readings 3, 5, 7
        // the first window's readings, and the one that moved the watermark in a window of its own
        assertThat(withReuse.get("gauges")).hasSize(2);
        String gauge = withReuse.get("gauges").stream()
                .filter(g -> number(g, "bucket") == T0)
                .findFirst()
                .orElseThrow();
        assertThat(number(gauge, "samples")).isEqualTo(3);
        assertThat(number(gauge, "min")).isEqualTo(3);
        assertThat(number(gauge, "max")).isEqualTo(7);
        assertThat(number(gauge, "last")).isEqualTo(7);
        // a cumulative counter 100 → 160 → 250 within the window
        assertThat(withReuse.get("counters")).hasSize(1);
        assertThat(number(withReuse.get("counters").get(0), "resets")).isZero();
        // the histogram's three buckets, and the one reading of resources
        assertThat(withReuse.get("histograms")).hasSize(1);
        assertThat(number(withReuse.get("histograms").get(0), "total")).isEqualTo(6);
        assertThat(withReuse.get("resources")).hasSize(1);
        assertThat(number(withReuse.get("resources").get(0), "cpuPercentMax")).isEqualTo(40.5);
        // the end of the input moves event time to its end: not a silence of checkout (SilencePattern.UnlessEndOfInput)
        assertThat(withReuse.get("alerts")).isEmpty();
        // each record once, processed (100 + 1 timings, 3 + 1 gauge readings, 3 counter totals, 1 histogram) or
        // dead-lettered; the late timing is counted late by the timings window only, not by the request observations
        Map<String, Long> counters = JobCounters.totals();
        assertThat(counters).containsEntry("processed", 109L).containsEntry("deadLettered.MALFORMED_JSON.records", 1L);
        assertThat(counters.get("processed") + JobCounters.deadLettered(counters))
                .isEqualTo(records.size());
        assertThat(counters).containsEntry("late", 1L);
    }

    /**
     * 120 windows of 20 requests at 40-60 ms, then one window at 5 s: the series detector (KNN-CAD, its training set
     * capped at 60 windows here) takes the spike as one SeriesAnomaly; one window is too short for LatencyRegression,
     * the steady request count and the zero error rate raise nothing.
     */
    @Test
    void aLatencySpikeAfterTheTrainingSetIsOneSeriesAnomaly(@TempDir Path tmp) throws Exception {
        java.util.Random random = new java.util.Random(5);
        List<String> records = new ArrayList<>();
        int spikeWindow = 100;
        for (int w = 0; w < 120; w++) {
            for (int i = 0; i < 20; i++) {
                double ms = w == spikeWindow ? 5000 : 40 + random.nextInt(21);
                records.add(metric(
                        T0 + w * 10_000L + i * 400L,
                        "http.server.duration",
                        "timer",
                        ms,
                        ",\"unit\":\"ms\",\"operation\":\"GET /cart\""));
            }
        }
        List<String> alerts = run(tmp, records, true, "detection: {baseline: {training-points: 60}}\n")
                .get("alerts");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0))
                .contains("\"name\":\"SeriesAnomaly\"")
                .contains("\"series\":\"latency_p95|checkout\"")
                .contains("unusual for this series");
        assertThat(number(alerts.get(0), "observed"))
                .as("p95 within the sketch's 1%")
                .isBetween(4950.0, 5050.0);
        assertThat(number(alerts.get(0), "windowStart")).isEqualTo(T0 + spikeWindow * 10_000L);
    }

    private static Map<String, List<String>> run(Path tmp, List<String> records, boolean objectReuse) throws Exception {
        return run(tmp, records, objectReuse, "");
    }

    private static Map<String, List<String>> run(Path tmp, List<String> records, boolean objectReuse, String more)
            throws Exception {
        VigilConfig config = JobTestConfig.of(tmp, """
                windows: {performance-metrics: {size: 10s}}
                """ + more);
        PerformanceMetricsJob.Sinks sinks = new PerformanceMetricsJob.Sinks();
        JobOutputs outputs = new JobOutputs();
        sinks.deadLetters = outputs.sink("dead letters");
        sinks.base = outputs.sink("timings");
        sinks.rollups = new HashMap<>();
        for (String level : TimingTables.LEVELS) sinks.rollups.put(level, outputs.sink("timings " + level));
        sinks.counters = outputs.sink("counters");
        sinks.gauges = outputs.sink("gauges");
        sinks.resources = outputs.sink("resources");
        sinks.histograms = outputs.sink("histograms");
        sinks.alerts = outputs.sink("alerts");
        PerformanceMetricsJob job = new PerformanceMetricsJob(
                InMemoryInput.of(
                        PerformanceMetricsJob.NAME, config, "vigil.performance-metrics", records, T0 + 1_300_000),
                sinks);
        JobRun.run("performance-metrics", config, objectReuse, job::build);

        return outputs.received();
    }

    /** One of each kind in the first 10 s: 100 timings, three gauge readings, a counter, a histogram with resources. */
    private static List<String> records() {
        List<String> r = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            r.add(metric(
                    T0 + i * 50L, "http.server.duration", "timer", i, ",\"unit\":\"ms\",\"operation\":\"GET /cart\""));
        }
        r.add(metric(T0 + 6_000, "queue.depth", "gauge", 3, ""));
        r.add(metric(T0 + 6_100, "queue.depth", "gauge", 5, ""));
        r.add(metric(T0 + 6_200, "queue.depth", "gauge", 7, ""));
        r.add(metric(T0 + 7_000, "http.server.requests", "counter", 100, ""));
        r.add(metric(T0 + 7_100, "http.server.requests", "counter", 160, ""));
        r.add(metric(T0 + 7_200, "http.server.requests", "counter", 250, ""));
        r.add(
                metric(
                        T0 + 8_000,
                        "http.client.duration",
                        "histogram",
                        12,
                        ",\"unit\":\"ms\",\"buckets\":[{\"le\":10,\"count\":3},{\"le\":100,\"count\":2},"
                                + "{\"le\":\"+Inf\",\"count\":1}],\"resource\":{\"cpu_percent\":40.5,\"memory_bytes\":1048576}"));
        r.add("{not json");
        // out of order: a gauge reading 60 s on moves the watermark past the first window and its 30 s of allowed
        // lateness, so a timing 100 ms into that window arrives late: in no timing row, counted late once
        r.add(metric(T0 + 60_000, "queue.depth", "gauge", 1, ""));
        r.add(metric(T0 + 100, "http.server.duration", "timer", 1000, ",\"unit\":\"ms\",\"operation\":\"GET /cart\""));
        return r;
    }

    private static String metric(long t, String name, String kind, double value, String more) {
        return """
                {"type":"performance_metric","timestamp":%d,"service":"checkout","instance":"checkout-1","name":"%s","kind":"%s","value":%s%s}""".formatted(t, name, kind, value, more);
    }
}
