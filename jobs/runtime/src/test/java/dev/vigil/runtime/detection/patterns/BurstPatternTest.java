package dev.vigil.runtime.detection.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.detection.Alerts;
import dev.vigil.runtime.detection.Observation;
import dev.vigil.schema.event.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bursts of events per key; observations stand in for any event type, {@code windowStart} as their time. */
class BurstPatternTest {
    static final BurstPattern.AlertFactory<Observation> FACTORY = burst -> Alerts.firing(
            "Burst",
            "warning",
            burst.get(0).service,
            burst.get(0).series,
            burst.get(0).windowStart,
            burst.get(burst.size() - 1).windowStart,
            burst.size(),
            0,
            burst.stream().map(o -> String.valueOf((long) o.value)).collect(Collectors.joining(",")));

    @Test
    void fiveWithinAMinuteFireOnceAndTheNextFiveAgain() throws Exception {
        List<Alert> alerts = run(0, 10_000, 20_000, 30_000, 50_000, 55_000, 56_000, 57_000, 58_000, 59_000);
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).windowStart).isEqualTo(0);
        assertThat(alerts.get(0).windowEnd).isEqualTo(50_000);
        assertThat(alerts.get(0).observed).isEqualTo(5);
        assertThat(alerts.get(1).windowStart).isEqualTo(55_000);
        assertThat(alerts.get(1).windowEnd).isEqualTo(59_000);
    }

    @Test
    void fiveSpreadOverMoreThanAMinuteOrFourInOneDoNotFire() throws Exception {
        assertThat(run(0, 20_000, 40_000, 60_000, 80_000)).isEmpty();
        assertThat(run(0, 1000, 2000, 3000)).isEmpty();
    }

    @Test
    void eventsArrivingOutOfOrderAreCountedInTimeOrderAndLateOnesDropped() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Observation, Alert> h =
                detector(5, Duration.ofMinutes(1))) {
            // 69 s first, then four before it: in time order 10..69 s, five within a minute
            for (long t : new long[] {69_000, 10_000, 30_000, 50_000, 60_000}) h.processElement(at(t, t));
            h.processWatermark(new Watermark(65_000));
            assertThat(alerts(h)).isEmpty();
            h.processElement(at(64_000, 1)); // behind the watermark: dropped
            h.processWatermark(new Watermark(69_000));
            List<Alert> out = alerts(h);
            assertThat(out).hasSize(1);
            assertThat(out.get(0).annotations.get("summary")).isEqualTo("10000,30000,50000,60000,69000");
            assertThat(h.numKeyedStateEntries())
                    .as("a match consumes its events")
                    .isZero();
            // the timer that would have dropped the partial match at 60 s + 1 min is left; it finds nothing
            h.processWatermark(new Watermark(120_000));
            assertThat(alerts(h)).isEmpty();
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    /**
     * Differential: random keys and times, out of order, interleaved with watermarks, through Flink CEP's
     * operator with the pattern this replaces and through {@link BurstPattern}: the same matches, made of the
     * same events, and no state or timer left.
     */
    @Test
    @Timeout(120) // a detector that re-arms a timer behind the watermark would loop, not fail
    void findsWhatFlinkCepFinds() throws Exception {
        for (long seed = 1; seed <= 6; seed++) {
            Random r = new Random(seed);
            int count = 2 + (int) (seed % 4);
            Duration within = Duration.ofSeconds(20 + 10 * seed);
            Pattern<Observation, Observation> pattern = Pattern.<Observation>begin(
                            "burst", AfterMatchSkipStrategy.skipPastLastEvent())
                    .times(count)
                    .within(within);
            try (KeyedOneInputStreamOperatorTestHarness<String, Observation, Alert> cep =
                            CepHarness.of(pattern, new ToAlert(), o -> o.series, Observation.class);
                    KeyedOneInputStreamOperatorTestHarness<String, Observation, Alert> ours = detector(count, within)) {
                long now = 0;
                for (int i = 0; i < 3000; i++) {
                    now += 1000 * r.nextInt(4);
                    // whole seconds (many ties, many exactly `within` apart), up to 30 s behind "now" (some late); 8
                    // keys
                    long t = r.nextInt(10) == 0 ? now : Math.max(0, now - 1000 * r.nextInt(30));
                    StreamRecord<Observation> e =
                            new StreamRecord<>(Observation.of("errors", "payments", "g" + r.nextInt(8), t, t, i, 1), t);
                    cep.processElement(e);
                    ours.processElement(new StreamRecord<>(e.getValue(), t));
                    if (i % 20 == 0) {
                        cep.processWatermark(new Watermark(now - 10_000));
                        ours.processWatermark(new Watermark(now - 10_000));
                    }
                }
                cep.processWatermark(new Watermark(Long.MAX_VALUE - 1));
                ours.processWatermark(new Watermark(Long.MAX_VALUE - 1));
                List<String> expected = describe(alerts(cep));
                assertThat(expected).as("seed " + seed).hasSizeGreaterThan(50);
                List<String> actual = describe(alerts(ours));
                // the first difference, not AssertJ's diff of two long lists (slow to compute)
                int same = 0;
                while (same < Math.min(expected.size(), actual.size())
                        && expected.get(same).equals(actual.get(same))) same++;
                assertThat(same < actual.size() ? actual.get(same) : "(end, " + actual.size() + " matches)")
                        .as("seed " + seed + ", match " + same)
                        .isEqualTo(
                                same < expected.size() ? expected.get(same) : "(end, " + expected.size() + " matches)");
                assertThat(ours.numKeyedStateEntries()).isZero();
                assertThat(ours.numEventTimeTimers()).isZero();
            }
        }
    }

    @Test
    void pendingEventsAreTakenOncePerSixtiethOfTheWindowOfEventTime() throws Exception {
        // within one minute: pending events are taken when the watermark passes a whole second
        try (KeyedOneInputStreamOperatorTestHarness<String, Observation, Alert> h =
                detector(5, Duration.ofMinutes(1))) {
            for (long t = 100; t <= 500; t += 100) h.processElement(at(t, t));
            assertThat(h.numEventTimeTimers())
                    .as("one timer for the key's batch")
                    .isEqualTo(1);
            h.processWatermark(new Watermark(600));
            assertThat(alerts(h))
                    .as("all five are behind the watermark, the batch is not")
                    .isEmpty();
            h.processWatermark(new Watermark(1000));
            assertThat(alerts(h)).hasSize(1);
            h.processWatermark(new Watermark(Long.MAX_VALUE - 1));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void eventsFiledUnderLaterBatchesAreCheckpointedWithTheirTimers() throws Exception {
        OperatorSubtaskState saved;
        try (KeyedOneInputStreamOperatorTestHarness<String, Observation, Alert> h =
                detector(5, Duration.ofMinutes(1))) {
            for (long t : new long[] {100, 4500, 1500, 3500, 2500}) h.processElement(at(t, t));
            h.processWatermark(new Watermark(1000)); // takes 100, files the other four under their batches' ends
            assertThat(alerts(h)).isEmpty();
            assertThat(h.numEventTimeTimers())
                    .as("one timer per batch still to come and one for the open run")
                    .isEqualTo(5);
            saved = h.snapshot(0, 0);
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, Observation, Alert> h =
                unopened(5, Duration.ofMinutes(1))) {
            h.initializeState(saved);
            h.open();
            h.processWatermark(new Watermark(4000));
            assertThat(alerts(h)).isEmpty();
            h.processWatermark(new Watermark(5000));
            List<Alert> alerts = alerts(h);
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).annotations).containsEntry("summary", "100,1500,2500,3500,4500");
            h.processWatermark(new Watermark(Long.MAX_VALUE - 1));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void anOpenRunKeptAsOneListByAnEarlierVersionIsTakenOverAtTheKeysNextBatch() throws Exception {
        OperatorSubtaskState saved;
        try (KeyedOneInputStreamOperatorTestHarness<String, Observation, Alert> before =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new LegacyOpenRun()),
                        o -> o.series,
                        TypeInformation.of(String.class))) {
            before.open();
            for (long t = 10_000; t <= 30_000; t += 10_000) before.processElement(at(t, t));
            saved = before.snapshot(0, 0);
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, Observation, Alert> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new BurstPattern.Detector<>(
                                TypeInformation.of(Observation.class),
                                o -> o.windowStart,
                                5,
                                Duration.ofMinutes(1).toMillis(),
                                FACTORY)),
                        o -> o.series,
                        TypeInformation.of(String.class))) {
            h.initializeState(saved);
            h.open();
            h.processElement(at(40_000, 40_000));
            h.processElement(at(50_000, 50_000));
            h.processWatermark(new Watermark(51_000));
            List<Alert> alerts = alerts(h);
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).annotations).containsEntry("summary", "10000,20000,30000,40000,50000");
            h.processWatermark(new Watermark(Long.MAX_VALUE - 1));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    /** What versions before the ring kept of a key's open run: one list under "open", a timer at its last time + within. */
    static final class LegacyOpenRun extends KeyedProcessFunction<String, Observation, Alert> {
        @Override
        public void processElement(Observation o, Context ctx, Collector<Alert> out) throws Exception {
            ValueState<List<Observation>> open = getRuntimeContext()
                    .getState(new ValueStateDescriptor<>(
                            "open", new ListTypeInfo<>(TypeInformation.of(Observation.class))));
            List<Observation> run = open.value() == null ? new ArrayList<>() : open.value();
            run.add(o);
            open.update(run);
            ctx.timerService().registerEventTimeTimer(o.windowStart + 60_000);
        }
    }

    static List<Alert> run(long... times) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Observation, Alert> h =
                detector(5, Duration.ofMinutes(1))) {
            for (long t : times) h.processElement(at(t, t));
            h.processWatermark(new Watermark(Long.MAX_VALUE - 1));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            return alerts(h);
        }
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Observation, Alert> detector(int count, Duration within)
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Observation, Alert> h = unopened(count, within);
        h.open();
        return h;
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Observation, Alert> unopened(int count, Duration within)
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new BurstPattern.Detector<>(
                        TypeInformation.of(Observation.class), o -> o.windowStart, count, within.toMillis(), FACTORY)),
                o -> o.series,
                TypeInformation.of(String.class));
    }

    static StreamRecord<Observation> at(long t, long id) {
        return new StreamRecord<>(Observation.of("errors", "payments", "g1", t, t, id, 1), t);
    }

    static List<Alert> alerts(KeyedOneInputStreamOperatorTestHarness<String, Observation, Alert> h) {
        List<Alert> out = new ArrayList<>();
        for (Object o : h.getOutput()) if (o instanceof StreamRecord) out.add((Alert) ((StreamRecord<?>) o).getValue());
        h.getOutput().clear();
        return out;
    }

    /** Order across keys is not defined by either: compare sorted. */
    static List<String> describe(List<Alert> alerts) {
        return alerts.stream()
                .map(a -> a.labels.get("series") + " " + a.annotations.get("summary"))
                .sorted()
                .toList();
    }

    static final class ToAlert extends PatternProcessFunction<Observation, Alert> {
        @Override
        public void processMatch(Map<String, List<Observation>> match, Context ctx, Collector<Alert> out) {
            out.collect(FACTORY.create(match.get("burst")));
        }
    }
}
