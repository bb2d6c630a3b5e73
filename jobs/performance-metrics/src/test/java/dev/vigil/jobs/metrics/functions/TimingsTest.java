package dev.vigil.jobs.metrics.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.jobs.metrics.rows.TimingRow;
import dev.vigil.runtime.sketches.Sketches;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.event.MetricKind;
import dev.vigil.schema.event.PerformanceMetric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class TimingsTest {

    private static Event timer(long ts, double value, Map<String, String> tags) {
        Event e = new Event();
        e.type = EventType.PERFORMANCE_METRIC;
        e.service = "checkout";
        e.timestamp = ts;
        e.metric = new PerformanceMetric();
        e.metric.kind = MetricKind.TIMER;
        e.metric.name = "http.server.duration";
        e.metric.operation = "GET /cart";
        e.metric.unit = "ms";
        e.metric.value = value;
        e.metric.tags = tags;
        return e;
    }

    @Test
    void seriesKeyKeepsOnlyConfiguredTagsInCanonicalOrder() {
        SeriesKey key = new SeriesKey(List.of("status", "region"));
        assertThat(key.getKey(timer(0, 1, Map.of("region", "eu", "pod", "p-123", "status", "200"))))
                .isEqualTo(new Series("checkout", "GET /cart", "http.server.duration", "region=eu,status=200"));
        assertThat(key.getKey(timer(0, 1, null)).tags()).isEmpty();
    }

    @Test
    void baseWindowStatisticsMatchAReferenceAndStateIsCleaned() throws Exception {
        ExecutionConfig config = new ExecutionConfig();
        config.disableGenericTypes();
        SeriesKey key = new SeriesKey(List.of("status"));
        WindowOperatorBuilder<Event, Series, TimeWindow> b = new WindowOperatorBuilder<>(
                TumblingEventTimeWindows.of(Duration.ofSeconds(10)),
                TumblingEventTimeWindows.of(Duration.ofSeconds(10)).getDefaultTrigger(),
                config,
                TypeInformation.of(Event.class),
                key,
                Series.TYPE);
        KeyedOneInputStreamOperatorTestHarness<Series, Event, TimingRow> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        b.aggregate(new Timings.Observe(), new Timings.ToRow(), TypeInformation.of(TimingStats.class)),
                        key,
                        Series.TYPE);
        h.getExecutionConfig().disableGenericTypes();
        h.open();
        double[] values = new double[500];
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.round(Math.exp(3 + r.nextGaussian()) * 10) / 10.0;
            h.processElement(new StreamRecord<>(timer(i * 10L, values[i], Map.of("status", "200")), i * 10L));
        }
        h.processWatermark(Long.MAX_VALUE);
        List<TimingRow> rows = new ArrayList<>();
        h.extractOutputValues().forEach(rows::add);
        assertThat(rows).hasSize(1);
        TimingRow row = rows.get(0);
        Arrays.sort(values);
        assertThat(row.count).isEqualTo(500);
        assertThat(row.sum).isCloseTo(Arrays.stream(values).sum(), within(1e-6));
        assertThat(row.min).isEqualTo(values[0]);
        assertThat(row.max).isEqualTo(values[499]);
        assertThat(row.windowSeconds).isEqualTo(10);
        assertThat(row.unit).isEqualTo("ms");
        assertThat(row.ratePerSecond()).isEqualTo(50.0);
        double[][] quantiles = {{0.5, row.p50}, {0.9, row.p90}, {0.95, row.p95}, {0.99, row.p99}, {0.999, row.p999}};
        for (double[] q : quantiles) {
            double reference = values[(int) Math.floor(q[0] * (values.length - 1))];
            assertThat(q[1])
                    .as("p%s", q[0])
                    .isCloseTo(reference, within(reference * Sketches.RELATIVE_ACCURACY * 1.01));
        }
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void rollupReplacesARefiredFinerRowInsteadOfCountingItTwice() throws Exception {
        TimingStats first = new TimingStats();
        first.add(10);
        TimingStats refired = new TimingStats();
        refired.add(10);
        refired.add(30);
        TimingStats other = new TimingStats();
        other.add(20);
        TimeWindow w0 = new TimeWindow(0, 10_000);
        TimeWindow w1 = new TimeWindow(10_000, 20_000);
        Series key = new Series("s", "op", "m", "");
        List<TimingRow> finer =
                List.of(Timings.row(key, w0, first), Timings.row(key, w1, other), Timings.row(key, w0, refired));

        List<TimingRow> out = new ArrayList<>();
        Timings.Rollup rollup = new Timings.Rollup();
        rollup.process(
                key,
                rollup.new Context() {
                    @Override
                    public TimeWindow window() {
                        return new TimeWindow(0, 60_000);
                    }

                    @Override
                    public long currentProcessingTime() {
                        return 0;
                    }

                    @Override
                    public long currentWatermark() {
                        return 0;
                    }

                    @Override
                    public org.apache.flink.api.common.state.KeyedStateStore windowState() {
                        return null;
                    }

                    @Override
                    public org.apache.flink.api.common.state.KeyedStateStore globalState() {
                        return null;
                    }

                    @Override
                    public <X> void output(org.apache.flink.util.OutputTag<X> tag, X value) {}
                },
                finer,
                new org.apache.flink.api.common.functions.util.ListCollector<>(out));

        TimingRow minute = out.get(0);
        assertThat(minute.windowSeconds).isEqualTo(60);
        assertThat(minute.count).isEqualTo(3);
        assertThat(minute.sum).isEqualTo(60.0);
        assertThat(minute.min).isEqualTo(10.0);
        assertThat(minute.max).isEqualTo(30.0);
        assertThat(minute.p50).isCloseTo(20.0, within(0.2));
    }
}
