package dev.vigil.jobs.business.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.detection.Observation;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class FunnelCohortsTest {
    private static final List<FunnelDefinition> FUNNELS =
            FunnelDefinition.parseAll(List.of("name=checkout;steps=view>cart>pay;within=2min"));
    private static final long MINUTE = 60_000;

    @Test
    void conversionCountsEachUserInTheWindowTheyEnteredSoItNeverExceedsOne() throws Exception {
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new FunnelCohorts(FUNNELS, MINUTE)),
                (CohortSteps c) -> c.funnel,
                TypeInformation.of(String.class))) {
            h.open();
            // window 0: four users enter, two reach the cart, one pays - in window 2, after the window closed;
            // one more pays after window 0 was decided (end + within = 179,999): not counted
            for (int u = 0; u < 4; u++) step(h, 0, 10_000 + u, 10_000 + u);
            step(h, 1, 70_000, 10_000);
            step(h, 1, 75_000, 10_001);
            step(h, 2, 130_000, 10_000);
            // window 2: one user enters and pays at once; with the earlier payer, window 2 saw 2 payments and 1 entry
            step(h, 0, 125_000, 125_000);
            step(h, 1, 126_000, 125_000);
            step(h, 2, 127_000, 125_000);
            h.processWatermark(MINUTE - 1 + 2 * MINUTE - 1); // window 0 is decided at its end plus within
            assertThat(observations(h)).isEmpty();
            h.processWatermark(MINUTE - 1 + 2 * MINUTE);
            step(h, 2, 185_000, 10_001);
            List<Observation> first = observations(h);
            assertThat(first).hasSize(1);
            assertThat(first.get(0).windowStart).isZero();
            assertThat(first.get(0).value).isEqualTo(0.25);
            assertThat(first.get(0).weight).isEqualTo(4);
            assertThat(first.get(0).service).isEqualTo("checkout");
            assertThat(first.get(0).detail)
                    .isEqualTo("most stopped after view: 50% of the 4 who reached it did not reach cart");

            step(h, 0, 30_000, 30_000); // after window 0 was decided: not counted again
            h.processWatermark(Long.MAX_VALUE);
            List<Observation> second = observations(h);
            assertThat(second).extracting(o -> o.windowStart + "=" + o.value).containsExactly(2 * MINUTE + "=1.0");
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    /** One user reaching {@code step}, as {@link CohortCombiner} sends it when a watermark came between steps. */
    private static void step(
            KeyedOneInputStreamOperatorTestHarness<String, CohortSteps, Observation> h,
            int step,
            long ts,
            long runStart)
            throws Exception {
        CohortSteps c = new CohortSteps();
        c.funnel = "checkout";
        c.start = runStart / MINUTE * MINUTE;
        c.reached = new long[FUNNELS.get(0).steps.length];
        c.reached[step] = 1;
        h.processElement(new StreamRecord<>(c, ts));
    }

    private static List<Observation> observations(
            KeyedOneInputStreamOperatorTestHarness<String, CohortSteps, Observation> h) {
        List<Observation> out = new ArrayList<>();
        for (Object o : h.getOutput()) if (o instanceof StreamRecord<?> r) out.add((Observation) r.getValue());
        h.getOutput().clear();
        return out;
    }
}
