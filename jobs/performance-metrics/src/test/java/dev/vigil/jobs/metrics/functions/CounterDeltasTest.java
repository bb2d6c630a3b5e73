package dev.vigil.jobs.metrics.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.event.MetricKind;
import dev.vigil.schema.event.PerformanceMetric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class CounterDeltasTest {
    private static final SeriesKey SERIES = new SeriesKey(List.of());

    private static Event total(String instance, long ts, double value) {
        Event e = new Event();
        e.type = EventType.PERFORMANCE_METRIC;
        e.service = "api";
        e.instance = instance;
        e.timestamp = ts;
        e.metric = new PerformanceMetric();
        e.metric.kind = MetricKind.COUNTER;
        e.metric.name = "requests";
        e.metric.value = value;
        return e;
    }

    private static KeyedOneInputStreamOperatorTestHarness<CounterDeltas.Instance, Event, CounterDelta> harness()
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<CounterDeltas.Instance, Event, CounterDelta> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new CounterDeltas(Duration.ofHours(1))),
                        e -> CounterDeltas.Instance.of(e, SERIES),
                        CounterDeltas.Instance.TYPE);
        h.getExecutionConfig().disableGenericTypes();
        h.open();
        return h;
    }

    private static List<String> deltas(
            KeyedOneInputStreamOperatorTestHarness<CounterDeltas.Instance, Event, CounterDelta> h) {
        List<String> out = new ArrayList<>();
        for (CounterDelta d : h.extractOutputValues()) out.add(d.timestamp + ":" + d.delta + (d.reset ? " reset" : ""));
        h.getOutput().clear();
        return out;
    }

    @Test
    void turnsTotalsIntoIncreasesPerInstanceDetectingRestarts() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<CounterDeltas.Instance, Event, CounterDelta> h = harness();
        h.processElement(new StreamRecord<>(total("a", 1000, 100), 1000)); // baseline only
        h.processElement(new StreamRecord<>(total("b", 1000, 5000), 1000)); // another instance: its own baseline
        h.processElement(new StreamRecord<>(total("a", 2000, 130), 2000));
        h.processElement(new StreamRecord<>(total("a", 1500, 120), 1500)); // out of order: ignored
        h.processElement(new StreamRecord<>(total("a", 3000, 20), 3000)); // restart: the total is the increase
        h.processElement(new StreamRecord<>(total("b", 3000, 5010), 3000));
        assertThat(deltas(h)).containsExactly("2000:30.0", "3000:20.0 reset", "3000:10.0");
        h.close();
    }

    @Test
    void passesReportedIncreasesThroughWithoutTouchingTotals() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<CounterDeltas.Instance, Event, CounterDelta> h = harness();
        Event reported = total("a", 1500, 7);
        reported.metric.kind = MetricKind.DELTA;
        h.processElement(new StreamRecord<>(total("a", 1000, 100), 1000)); // baseline only
        h.processElement(new StreamRecord<>(reported, 1500)); // its own increase, never compared with totals
        h.processElement(new StreamRecord<>(total("a", 2000, 130), 2000));
        Event older = total("a", 500, 3);
        older.metric.kind = MetricKind.DELTA;
        h.processElement(new StreamRecord<>(older, 500)); // older than the last total: still its own increase
        assertThat(deltas(h)).containsExactly("1500:7.0", "2000:30.0", "500:3.0");
        h.close();
    }

    @Test
    void forgetsAnInstanceAfterTheTtl() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<CounterDeltas.Instance, Event, CounterDelta> h = harness();
        h.setStateTtlProcessingTime(0);
        h.processElement(new StreamRecord<>(total("a", 1000, 100), 1000));
        h.setStateTtlProcessingTime(Duration.ofHours(2).toMillis());
        h.processElement(new StreamRecord<>(total("a", 2000, 150), 2000)); // expired baseline: this is a new baseline
        h.processElement(new StreamRecord<>(total("a", 3000, 160), 3000));
        assertThat(deltas(h)).containsExactly("3000:10.0");
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }
}
