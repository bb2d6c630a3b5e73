package dev.vigil.jobs.metrics.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.event.MetricKind;
import dev.vigil.schema.event.PerformanceMetric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class HistogramDeltasTest {
    private static final SeriesKey SERIES = new SeriesKey(List.of());
    private static final double INF = Double.POSITIVE_INFINITY;

    private static Event totals(String instance, long ts, double[] bounds, long... counts) {
        Event e = new Event();
        e.type = EventType.PERFORMANCE_METRIC;
        e.service = "api";
        e.instance = instance;
        e.timestamp = ts;
        e.metric = new PerformanceMetric();
        e.metric.kind = MetricKind.CUMULATIVE_HISTOGRAM;
        e.metric.name = "latency";
        e.metric.bucketBounds = bounds;
        e.metric.bucketCounts = counts;
        return e;
    }

    private static KeyedOneInputStreamOperatorTestHarness<CounterDeltas.Instance, Event, Event> harness()
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<CounterDeltas.Instance, Event, Event> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new HistogramDeltas(Duration.ofHours(1))),
                        e -> CounterDeltas.Instance.of(e, SERIES),
                        CounterDeltas.Instance.TYPE);
        h.getExecutionConfig().disableGenericTypes();
        h.open();
        return h;
    }

    private static List<String> observed(
            KeyedOneInputStreamOperatorTestHarness<CounterDeltas.Instance, Event, Event> h) {
        List<String> out = new ArrayList<>();
        for (Event e : h.extractOutputValues()) {
            assertThat(e.metric.kind).isEqualTo(MetricKind.HISTOGRAM);
            out.add(e.instance + "@" + e.timestamp + " " + Arrays.toString(e.metric.bucketBounds) + "="
                    + Arrays.toString(e.metric.bucketCounts));
        }
        h.getOutput().clear();
        return out;
    }

    @Test
    void totalsBecomeTheObservationsBetweenReportsPerInstanceDetectingRestarts() throws Exception {
        double[] b = {10, 100, INF};
        KeyedOneInputStreamOperatorTestHarness<CounterDeltas.Instance, Event, Event> h = harness();
        h.processElement(new StreamRecord<>(totals("a", 1000, b, 1, 2, 0), 1000)); // baseline only
        h.processElement(new StreamRecord<>(totals("b", 1000, b, 50, 0, 0), 1000)); // another instance's baseline
        h.processElement(new StreamRecord<>(totals("a", 2000, b, 3, 2, 1), 2000));
        h.processElement(new StreamRecord<>(totals("a", 1500, b, 2, 2, 0), 1500)); // out of order: ignored
        h.processElement(new StreamRecord<>(totals("a", 3000, b, 3, 2, 1), 3000)); // nothing new: no output
        h.processElement(new StreamRecord<>(totals("a", 4000, b, 1, 0, 0), 4000)); // a count fell: restart
        h.processElement(new StreamRecord<>(totals("b", 4000, b, 51, 0, 0), 4000));
        assertThat(observed(h))
                .containsExactly(
                        "a@2000 [10.0, 100.0, Infinity]=[2, 0, 1]",
                        "a@4000 [10.0, 100.0, Infinity]=[1, 0, 0]",
                        "b@4000 [10.0, 100.0, Infinity]=[1, 0, 0]");
        h.close();
    }

    @Test
    void observationsPassThroughWithoutState() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<CounterDeltas.Instance, Event, Event> h = harness();
        Event observed = totals("a", 1000, new double[] {10, INF}, 4, 1);
        observed.metric.kind = MetricKind.HISTOGRAM;
        h.processElement(new StreamRecord<>(observed, 1000));
        assertThat(observed(h)).containsExactly("a@1000 [10.0, Infinity]=[4, 1]");
        h.processElement(new StreamRecord<>(totals("a", 2000, new double[] {10, INF}, 1, 0), 2000)); // a baseline
        assertThat(observed(h)).isEmpty();
        h.close();
    }

    @Test
    void bucketsThatAppearOrMergeCarryTheEarlierCountsExactly() {
        // an exponential histogram: a bucket (at 4) gains its first value, so a bound appears between 2 and 8
        assertThat(HistogramDeltas.observedSince(
                        new double[] {2, 8}, new long[] {5, 3}, new double[] {2, 4, 8}, new long[] {6, 1, 3}))
                .containsExactly(1, 1, 0);
        // the SDK lowers the scale: (1,2] and (2,4] merge into (1,4]
        assertThat(HistogramDeltas.observedSince(
                        new double[] {2, 4}, new long[] {5, 3}, new double[] {4}, new long[] {10}))
                .containsExactly(2);
        // an earlier bucket above every current bound: a new layout, counted as a restart
        assertThat(HistogramDeltas.observedSince(
                        new double[] {2, 16}, new long[] {5, 3}, new double[] {2, 8}, new long[] {6, 1}))
                .containsExactly(6, 1);
    }

    @Test
    void forgetsAnInstanceAfterTheTtl() throws Exception {
        double[] b = {10, INF};
        KeyedOneInputStreamOperatorTestHarness<CounterDeltas.Instance, Event, Event> h = harness();
        h.setStateTtlProcessingTime(0);
        h.processElement(new StreamRecord<>(totals("a", 1000, b, 1, 0), 1000));
        h.setStateTtlProcessingTime(Duration.ofHours(2).toMillis());
        h.processElement(new StreamRecord<>(totals("a", 2000, b, 5, 0), 2000)); // expired baseline: a new baseline
        h.processElement(new StreamRecord<>(totals("a", 3000, b, 6, 1), 3000));
        assertThat(observed(h)).containsExactly("a@3000 [10.0, Infinity]=[1, 1]");
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }
}
