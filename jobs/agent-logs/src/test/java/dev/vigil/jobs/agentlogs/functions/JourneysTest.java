package dev.vigil.jobs.agentlogs.functions;

import static dev.vigil.jobs.agentlogs.functions.WindowHarness.at;
import static dev.vigil.jobs.agentlogs.functions.WindowHarness.log;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.jobs.agentlogs.rows.Journey;
import dev.vigil.schema.event.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class JourneysTest {

    private static JourneyChain harness(int cap) throws Exception {
        return harness(cap, Duration.ZERO);
    }

    private static JourneyChain harness(int cap, Duration lateness) throws Exception {
        return new JourneyChain(cap, lateness, 10_000);
    }

    /**
     * The job's journey path: {@link JourneyCombiner} before the shuffle, {@link JourneySessions} keyed by
     * correlation ID after it; what the combiner emits (parts and watermarks) goes on to the keyed operator.
     */
    static final class JourneyChain {
        final OneInputStreamOperatorTestHarness<Event, Journeys.Part> combiner;
        final KeyedOneInputStreamOperatorTestHarness<String, Journeys.Part, Journey> sessions;
        /** Parts the keyed operator received. */
        int parts;

        JourneyChain(int cap, Duration lateness, int maxBuffered) throws Exception {
            Duration gap = Duration.ofSeconds(30);
            combiner = new OneInputStreamOperatorTestHarness<>(new JourneyCombiner(gap, cap, maxBuffered));
            sessions = new KeyedOneInputStreamOperatorTestHarness<>(
                    new KeyedProcessOperator<>(new JourneySessions(gap, lateness, cap)),
                    (Journeys.Part p) -> p.correlationId,
                    TypeInformation.of(String.class));
            combiner.open();
            sessions.open();
        }

        void processElement(StreamRecord<Event> e) throws Exception {
            combiner.processElement(e);
            forward();
        }

        void processWatermark(long watermark) throws Exception {
            combiner.processWatermark(watermark);
            forward();
        }

        /** What a checkpoint barrier does: the combiner sends what it holds. */
        void checkpoint(long id) throws Exception {
            combiner.prepareSnapshotPreBarrier(id);
            forward();
        }

        @SuppressWarnings("unchecked")
        private void forward() throws Exception {
            for (Object o : combiner.getOutput()) {
                if (o instanceof StreamRecord) {
                    sessions.processElement((StreamRecord<Journeys.Part>) o);
                    parts++;
                } else if (o instanceof Watermark w) {
                    sessions.processWatermark(w);
                }
            }
            combiner.getOutput().clear();
        }

        java.util.concurrent.ConcurrentLinkedQueue<Object> getOutput() {
            return sessions.getOutput();
        }

        int numKeyedStateEntries() {
            return sessions.numKeyedStateEntries();
        }

        int numEventTimeTimers() {
            return sessions.numEventTimeTimers();
        }

        void close() throws Exception {
            combiner.close();
            sessions.close();
        }
    }

    @Test
    void ordersOutOfOrderEventsIntoHopsAndCleansUp() throws Exception {
        JourneyChain h = harness(100);
        Event err = log("payments", "ERROR", 4_000, "r1");
        h.processElement(at(err)); // arrives first, happened last
        h.processElement(at(log("gateway", "INFO", 1_000, "r1")));
        h.processElement(at(log("checkout", "INFO", 2_000, "r1")));
        h.processElement(at(log("checkout", "DEBUG", 2_500, "r1"))); // same service again: same hop
        h.processElement(at(log("gateway", "INFO", 50_000, "r2"))); // another request
        h.processWatermark(40_000);

        List<Journey> out = journeys(h);
        assertThat(out).hasSize(1);
        Journey j = out.get(0);
        assertThat(j.correlationId).isEqualTo("r1");
        assertThat(j.services).containsExactly("gateway", "checkout", "payments");
        assertThat(j.hopLatencyMs).containsExactly(1000L, 2000L, 0L);
        assertThat(j.start).isEqualTo(1_000);
        assertThat(j.end).isEqualTo(4_000);
        assertThat(j.eventCount).isEqualTo(4);
        assertThat(j.error).isTrue();
        assertThat(j.capped).isFalse();

        h.processWatermark(Long.MAX_VALUE);
        assertThat(journeys(h)).extracting(x -> x.correlationId).containsExactly("r2");
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void capsHugeJourneysAndFlagsThem() throws Exception {
        JourneyChain h = harness(3);
        for (int i = 0; i < 10; i++) h.processElement(at(log("svc" + (i % 2), "INFO", 1_000 + i, "big")));
        h.processWatermark(Long.MAX_VALUE);
        Journey j = journeys(h).get(0);
        assertThat(j.eventCount).isEqualTo(10);
        assertThat(j.capped).isTrue();
        assertThat(j.services).containsExactly("svc0", "svc1", "svc0");
        h.close();
    }

    @Test
    void eventsInOrderMoveNoTimerAndOutOfOrderOnesMergeSessions() throws Exception {
        JourneyChain h = harness(100);
        for (int i = 0; i < 20; i++) h.processElement(at(log("svc" + (i / 10), "INFO", 1_000 + i * 1_000L, "r1")));
        h.checkpoint(1);
        assertThat(h.parts)
                .as("twenty events in a row of one request: one part")
                .isEqualTo(1);
        assertThat(h.numEventTimeTimers())
                .as("one pending end timer, not one per event")
                .isEqualTo(1);
        h.processElement(at(log("late-joiner", "INFO", 70_000, "r1"))); // its own session: 50 s after the last event
        h.processElement(at(log("bridge", "INFO", 45_000, "r1"))); // within 30 s of both: one session
        h.processWatermark(Long.MAX_VALUE);
        List<Journey> out = journeys(h);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).services).containsExactly("svc0", "svc1", "bridge", "late-joiner");
        assertThat(out.get(0).eventCount).isEqualTo(22);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void aLateEventWithinTheLatenessEmitsTheJourneyAgainAndOneBeyondItIsDropped() throws Exception {
        JourneyChain h = harness(100, Duration.ofSeconds(60));
        h.processElement(at(log("gateway", "INFO", 1_000, "r1")));
        h.processElement(at(log("checkout", "INFO", 2_000, "r1")));
        h.processWatermark(40_000);
        assertThat(journeys(h)).extracting(j -> j.eventCount).containsExactly(2L);
        h.processElement(
                at(log("payments", "INFO", 3_000, "r1"))); // late, within the lateness: the journey again, complete
        List<Journey> again = journeys(h);
        assertThat(again).hasSize(1);
        assertThat(again.get(0).services).containsExactly("gateway", "checkout", "payments");
        assertThat(again.get(0).start).isEqualTo(1_000);
        h.processWatermark(95_000); // past the session's end (31,999) plus the lateness
        assertThat(h.numKeyedStateEntries()).isZero();
        h.processElement(
                at(log("payments", "INFO", 4_000, "r1"))); // beyond the lateness: dropped, as a window operator would
        h.processWatermark(Long.MAX_VALUE);
        assertThat(journeys(h)).isEmpty();
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    /**
     * Differential: random requests, out of order, interleaved with watermarks, through Flink's own
     * session window operator and through {@link JourneySessions}; the journeys emitted are the same.
     */
    @Test
    void emitsWhatFlinksSessionWindowsEmit() throws Exception {
        for (long seed = 1; seed <= 6; seed++) {
            java.util.Random r = new java.util.Random(seed);
            Duration lateness = seed % 2 == 0 ? Duration.ZERO : Duration.ofSeconds(20);
            KeyedOneInputStreamOperatorTestHarness<String, Event, Journey> window = WindowHarness.of(
                    EventTimeSessionWindows.withGap(Duration.ofSeconds(30)),
                    lateness,
                    e -> e.correlationId,
                    Types.STRING,
                    new Journeys.Collect(10_000),
                    new ProcessWindowFunction<Journeys.Steps, Journey, String, TimeWindow>() {
                        @Override
                        public void process(
                                String key, Context ctx, Iterable<Journeys.Steps> all, Collector<Journey> out) {
                            out.collect(Journeys.build(key, all.iterator().next()));
                        }
                    },
                    TypeInformation.of(Journeys.Steps.class));
            // no cap here: which events a capped journey keeps depends on the order Flink merges panes in. The
            // combiner holds 1 request (every event on its own), a few, or all until the watermark.
            int maxBuffered = new int[] {1, 3, 10_000}[(int) (seed % 3)];
            JourneyChain sessions = new JourneyChain(10_000, lateness, maxBuffered);
            long now = 0;
            for (int i = 0; i < 3000; i++) {
                now += r.nextInt(400);
                // timestamps up to 50 s behind "now": some late, some bridging sessions; 40 correlation IDs
                Event e = log(
                        "svc" + r.nextInt(4),
                        r.nextInt(20) == 0 ? "ERROR" : "INFO",
                        Math.max(0, now - r.nextInt(50_000)),
                        "r" + r.nextInt(40));
                window.processElement(at(e));
                sessions.processElement(at(e));
                if (i % 25 == 0) {
                    window.processWatermark(now - 10_000);
                    sessions.processWatermark(now - 10_000);
                }
            }
            window.processWatermark(Long.MAX_VALUE);
            sessions.processWatermark(Long.MAX_VALUE);
            List<String> expected = journeys(window).stream()
                    .map(JourneysTest::describe)
                    .sorted()
                    .toList();
            assertThat(expected).hasSizeGreaterThan(100);
            assertThat(journeys(sessions).stream()
                            .map(JourneysTest::describe)
                            .sorted()
                            .toList())
                    .as("seed " + seed)
                    .isEqualTo(expected);
            assertThat(sessions.numKeyedStateEntries()).isZero();
            assertThat(sessions.numEventTimeTimers()).isZero();
            if (maxBuffered > 1)
                assertThat(sessions.parts).as("events combined into parts").isLessThan(3000);
            window.close();
            sessions.close();
        }
    }

    private static String describe(Journey j) {
        return j.correlationId + " " + j.start + "-" + j.end + " " + String.join(">", j.services) + " "
                + java.util.Arrays.toString(j.hopLatencyMs) + " n=" + j.eventCount + (j.error ? " error" : "")
                + (j.capped ? " capped" : "");
    }

    private static List<Journey> journeys(JourneyChain h) {
        return journeys(h.getOutput());
    }

    private static List<Journey> journeys(KeyedOneInputStreamOperatorTestHarness<String, Event, Journey> h) {
        return journeys(h.getOutput());
    }

    private static List<Journey> journeys(java.util.Queue<Object> output) {
        List<Journey> out = new ArrayList<>();
        for (Object o : output) {
            if (o instanceof StreamRecord) out.add((Journey) ((StreamRecord<?>) o).getValue());
        }
        output.clear();
        return out;
    }
}
