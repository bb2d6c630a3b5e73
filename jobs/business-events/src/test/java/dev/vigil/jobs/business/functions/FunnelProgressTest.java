package dev.vigil.jobs.business.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.runtime.config.ConfigException;
import dev.vigil.schema.event.BusinessEvent;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FunnelProgressTest {
    private static final List<FunnelDefinition> FUNNELS =
            FunnelDefinition.parseAll(List.of("name=checkout;steps=signup>cart>purchase;within=10min;by=country"));

    private static Event event(String user, String name, long ts, String country) {
        Event e = new Event();
        e.type = EventType.BUSINESS_EVENT;
        e.service = "shop";
        e.timestamp = ts;
        e.business = new BusinessEvent();
        e.business.name = name;
        e.business.userId = user;
        e.business.properties = country == null ? null : Map.of("country", country);
        return e;
    }

    private static KeyedOneInputStreamOperatorTestHarness<
                    FunnelProgress.User, Tuple2<FunnelProgress.User, FunnelProgress.Hit>, FunnelStep>
            harness() throws Exception {
        return harness(FUNNELS, 20_000);
    }

    private static KeyedOneInputStreamOperatorTestHarness<
                    FunnelProgress.User, Tuple2<FunnelProgress.User, FunnelProgress.Hit>, FunnelStep>
            harness(List<FunnelDefinition> funnels, int cachedRuns) throws Exception {
        return harness(funnels, cachedRuns, null);
    }

    /** An opened harness of the operator, restored from {@code snapshot} unless it is null. */
    private static KeyedOneInputStreamOperatorTestHarness<
                    FunnelProgress.User, Tuple2<FunnelProgress.User, FunnelProgress.Hit>, FunnelStep>
            harness(List<FunnelDefinition> funnels, int cachedRuns, OperatorSubtaskState snapshot) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<
                        FunnelProgress.User, Tuple2<FunnelProgress.User, FunnelProgress.Hit>, FunnelStep>
                h = new KeyedOneInputStreamOperatorTestHarness<>(
                        new FunnelProgress(funnels, cachedRuns), t -> t.f0, FunnelProgress.User.TYPE);
        h.getExecutionConfig().disableGenericTypes();
        if (snapshot != null) h.initializeState(snapshot);
        h.open();
        return h;
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<
                            FunnelProgress.User, Tuple2<FunnelProgress.User, FunnelProgress.Hit>, FunnelStep>
                    h,
            Event e)
            throws Exception {
        send(h, e, FUNNELS);
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<
                            FunnelProgress.User, Tuple2<FunnelProgress.User, FunnelProgress.Hit>, FunnelStep>
                    h,
            Event e,
            List<FunnelDefinition> funnels)
            throws Exception {
        List<Tuple2<FunnelProgress.User, FunnelProgress.Hit>> routed = new ArrayList<>();
        FunnelProgress.route(funnels, e, new org.apache.flink.api.common.functions.util.ListCollector<>(routed));
        for (Tuple2<FunnelProgress.User, FunnelProgress.Hit> t : routed)
            h.processElement(new StreamRecord<>(t, e.timestamp));
    }

    private static List<String> steps(
            KeyedOneInputStreamOperatorTestHarness<
                            FunnelProgress.User, Tuple2<FunnelProgress.User, FunnelProgress.Hit>, FunnelStep>
                    h) {
        List<String> out = new ArrayList<>();
        for (FunnelStep s : h.extractOutputValues())
            out.add(s.step + ":" + s.stepName + "@" + s.dimension + " run " + s.runStart);
        h.getOutput().clear();
        return out;
    }

    @Test
    void followsEachUserThroughTheStepsInOrderAndInTime() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<
                        FunnelProgress.User, Tuple2<FunnelProgress.User, FunnelProgress.Hit>, FunnelStep>
                h = harness();
        send(h, event("u1", "signup", 0, "DE"));
        send(h, event("u1", "purchase", 1_000, "DE")); // skips cart: no progress
        send(h, event("u1", "cart", 2_000, "FR")); // dimension stays the one at entry
        send(h, event("u1", "purchase", 3_000, null));
        send(h, event("u2", "cart", 0, "US")); // never signed up: nothing
        send(h, event("u3", "signup", 0, null));
        send(h, event("u3", "cart", 700_000, null)); // more than 10 min after signup: the run is over
        assertThat(steps(h))
                .containsExactly(
                        "0:signup@DE run 0", "1:cart@DE run 0", "2:purchase@DE run 0", "0:signup@unknown run 0");

        h.processWatermark(Long.MAX_VALUE);
        h.prepareSnapshotPreBarrier(1);
        assertThat(h.numKeyedStateEntries())
                .as("finished and expired runs leave no state")
                .isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void aRunHasNoTimerAndItsStateGoesWhenItFinishesOrItsNextHitFindsItOver() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<
                        FunnelProgress.User, Tuple2<FunnelProgress.User, FunnelProgress.Hit>, FunnelStep>
                h = harness();
        send(h, event("u1", "signup", 0, "DE"));
        send(h, event("u1", "cart", 300_000, "DE"));
        send(h, event("u2", "signup", 0, "FR"));
        send(h, event("u3", "signup", 0, "US"));
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numKeyedStateEntries())
                .as("runs stay in the cache until a checkpoint")
                .isZero();
        h.prepareSnapshotPreBarrier(1);
        assertThat(h.numKeyedStateEntries()).isEqualTo(3);
        // ten minutes after the signups: u2's and u3's runs are over and leave the cache; u1's moved on at the cart
        h.processWatermark(600_001);
        h.prepareSnapshotPreBarrier(2);
        assertThat(h.numKeyedStateEntries())
                .as("the copies written at the first barrier stay until their key's next hit or their TTL")
                .isEqualTo(3);
        send(h, event("u1", "purchase", 800_000, "DE")); // within ten minutes of the cart: u1 is done
        send(h, event("u2", "purchase", 2_000_000, "FR")); // u2's run is long over: found so, and cleared
        assertThat(steps(h))
                .containsExactly(
                        "0:signup@DE run 0",
                        "1:cart@DE run 0",
                        "0:signup@FR run 0",
                        "0:signup@US run 0",
                        "2:purchase@DE run 0");
        h.prepareSnapshotPreBarrier(3);
        assertThat(h.numKeyedStateEntries())
                .as("u3's run, never continued, stays until its TTL (stateExpiresByTtlWhenEventTimeStops)")
                .isEqualTo(1);
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void aRunTheWatermarkPutOverIsNeitherRevivedByALateStepNorWritten() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<
                        FunnelProgress.User, Tuple2<FunnelProgress.User, FunnelProgress.Hit>, FunnelStep>
                h = harness(FUNNELS, 3);
        send(h, event("u1", "signup", 0, "DE"));
        send(h, event("u2", "signup", 0, "FR"));
        send(h, event("u3", "signup", 500_000, "US"));
        send(h, event("u4", "signup", 550_000, "NL")); // a cache of three runs: u1's written as it leaves
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        h.processWatermark(610_000); // u2's run over (ten minutes): it leaves the cache unwritten; u3's still going
        send(h, event("u1", "cart", 300_000, "DE")); // late, and its run (read from the state) over at the watermark
        send(h, event("u3", "cart", 520_000, "US")); // late, but its run still going: it moves on
        h.processWatermark(1_200_000); // every run over: u4's and u3's leave the cache unwritten
        h.prepareSnapshotPreBarrier(1);
        assertThat(h.numKeyedStateEntries())
                .as("u1's found over and cleared; u2's, u3's and u4's never written")
                .isZero();
        send(h, event("u6", "signup", 1_300_000, null));
        h.processWatermark(Long.MAX_VALUE); // stop --drain: the savepoint after it still holds the runs going on
        h.prepareSnapshotPreBarrier(2);
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        send(
                h,
                event(
                        "u4", "cart", 600_000,
                        "NL")); // late: within ten minutes of its signup, but over at the watermark
        send(h, event("u5", "signup", 700_000, null)); // late, but no run to continue: it starts one
        assertThat(steps(h))
                .containsExactly(
                        "0:signup@DE run 0",
                        "0:signup@FR run 0",
                        "0:signup@US run 500000",
                        "0:signup@NL run 550000",
                        "1:cart@US run 500000",
                        "0:signup@unknown run 1300000",
                        "0:signup@unknown run 700000");
        h.close();
    }

    @Test
    void stateExpiresByTtlWhenEventTimeStops() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<
                        FunnelProgress.User, Tuple2<FunnelProgress.User, FunnelProgress.Hit>, FunnelStep>
                h = harness(FUNNELS, 1);
        h.setStateTtlProcessingTime(0);
        send(h, event("u1", "signup", 0, "DE"));
        send(h, event("u2", "signup", 0, "FR")); // a cache of one run: u1's is written to the state
        h.setStateTtlProcessingTime(Duration.ofMinutes(21).toMillis()); // twice the 10 min window has passed
        send(h, event("u1", "cart", 60_000, "DE")); // within 10 min in event time, but the run expired
        assertThat(steps(h)).containsExactly("0:signup@DE run 0", "0:signup@FR run 0");
        h.close();
    }

    /**
     * The cache changes where a run is kept, never what is reported or what a checkpoint holds: random users' steps
     * (repeats, skips, late continuations, two funnels sharing a step) through caches of 1, 2, 7 and 10,000 runs give
     * the same steps, and the same runs in the state after the barrier; restored from that snapshot, they go on alike.
     * With watermarks (events up to two minutes out of order, a watermark a minute behind the latest every ten events,
     * so some steps are late), the same steps; the state then differs by the over runs each cache wrote before the
     * watermark passed them, which no step can continue.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theCacheChangesNeitherTheStepsNorTheCheckpointedRuns(boolean watermarks) throws Exception {
        List<FunnelDefinition> funnels = FunnelDefinition.parseAll(List.of(
                "name=checkout;steps=signup>cart>purchase;within=10min;by=country",
                "name=upgrade;steps=signup>upgrade;within=1h"));
        Random random = new Random(5);
        String[] names = {"signup", "cart", "purchase", "upgrade", "browse"};
        List<Event> first = new ArrayList<>();
        List<Event> second = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 4_000; i++) {
            t += random.nextInt(20_000);
            long at = watermarks ? t - random.nextInt(120_000) : t;
            Event e = event("u" + random.nextInt(60), names[random.nextInt(names.length)], at, "c" + random.nextInt(3));
            (i < 2_500 ? first : second).add(e);
        }
        List<String> reference = null;
        List<String> referenceState = null;
        for (int cached : new int[] {10_000, 1, 2, 7}) {
            KeyedOneInputStreamOperatorTestHarness<
                            FunnelProgress.User, Tuple2<FunnelProgress.User, FunnelProgress.Hit>, FunnelStep>
                    h = harness(funnels, cached);
            long watermark = watermarks ? sendWithWatermarks(h, first, funnels, Long.MIN_VALUE) : Long.MIN_VALUE;
            if (!watermarks) for (Event e : first) send(h, e, funnels);
            h.prepareSnapshotPreBarrier(1);
            OperatorSubtaskState snapshot = h.snapshot(1, 1);
            int stored = h.numKeyedStateEntries();
            List<String> out = steps(h);
            h.close();

            KeyedOneInputStreamOperatorTestHarness<
                            FunnelProgress.User, Tuple2<FunnelProgress.User, FunnelProgress.Hit>, FunnelStep>
                    restored = harness(funnels, cached, snapshot);
            if (watermarks) {
                restored.processWatermark(watermark); // as the sources' first watermark after a restore would
                sendWithWatermarks(restored, second, funnels, watermark);
            } else {
                for (Event e : second) send(restored, e, funnels);
            }
            restored.prepareSnapshotPreBarrier(2);
            out.add("restored");
            out.addAll(steps(restored));
            List<String> state =
                    List.of(stored + " runs at the first barrier", restored.numKeyedStateEntries() + " at the second");
            restored.close();
            if (reference == null) {
                reference = out;
                referenceState = state;
                assertThat(out)
                        .as("runs that finish, in both funnels, before and after the restore")
                        .anyMatch(s -> s.startsWith("2:purchase@"))
                        .anyMatch(s -> s.startsWith("1:upgrade@ run "));
                assertThat(out.subList(out.indexOf("restored"), out.size())).anyMatch(s -> s.startsWith("2:purchase@"));
            } else {
                assertThat(out).as("%d cached runs", cached).isEqualTo(reference);
                if (!watermarks) assertThat(state).as("%d cached runs", cached).isEqualTo(referenceState);
            }
        }
        assertThat(referenceState.get(0)).isNotEqualTo("0 runs at the first barrier");
    }

    /** Sends the events with a watermark a minute behind the latest time every ten events; returns the last one. */
    private static long sendWithWatermarks(
            KeyedOneInputStreamOperatorTestHarness<
                            FunnelProgress.User, Tuple2<FunnelProgress.User, FunnelProgress.Hit>, FunnelStep>
                    h,
            List<Event> events,
            List<FunnelDefinition> funnels,
            long watermark)
            throws Exception {
        long latest = Long.MIN_VALUE;
        int i = 0;
        for (Event e : events) {
            send(h, e, funnels);
            latest = Math.max(latest, e.timestamp);
            if (++i % 10 == 0 && latest - 60_000 > watermark) {
                watermark = latest - 60_000;
                h.processWatermark(watermark);
            }
        }
        return watermark;
    }

    /**
     * Runs checkpointed before the cache, by the keyed process function this operator replaced (same uid and state
     * name; the snapshot was written by it at 31ca889: u1 and u3 signed up, u2 signed up and reached the cart), go on
     * after the upgrade.
     */
    @Test
    void runsCheckpointedByTheProcessFunctionItReplacedGoOn() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<
                        FunnelProgress.User, Tuple2<FunnelProgress.User, FunnelProgress.Hit>, FunnelStep>
                h = harness(
                        FUNNELS,
                        2,
                        OperatorSnapshotUtil.readStateHandle(OperatorSnapshotUtil.getResourceFilename(
                                "snapshots/funnel-progress-process-function.snapshot")));
        send(h, event("u1", "cart", 2_000, "DE"));
        send(h, event("u2", "purchase", 3_000, "FR"));
        send(h, event("u3", "cart", 700_000, "US")); // more than 10 min after u3's signup: over
        assertThat(steps(h)).containsExactly("1:cart@DE run 0", "2:purchase@FR run 0");
        h.close();
    }

    @Test
    void badFunnelConfigNamesTheKey() {
        assertThatThrownBy(() -> FunnelDefinition.parseAll(List.of("name=x;steps=a;within=1min")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("funnels: 'name=x;steps=a;within=1min': steps needs two or more");
        assertThatThrownBy(() -> FunnelDefinition.parseAll(List.of("name=x;steps=a>b;within=soon")))
                .hasMessageContaining("within 'soon' is not a duration");
        assertThatThrownBy(() -> FunnelDefinition.parseAll(List.of("name=x;steps=a>b;within=1min;color=red")))
                .hasMessageContaining("unknown field 'color' (allowed: name, steps, within, by)");
        assertThatThrownBy(() -> FunnelDefinition.parseAll(
                        List.of("name=x;steps=a>b;within=1min", "name=x;steps=c>d;within=1min")))
                .hasMessageContaining("the name x is used twice");
    }
}
