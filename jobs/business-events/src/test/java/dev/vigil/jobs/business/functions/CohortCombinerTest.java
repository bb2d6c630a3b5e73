package dev.vigil.jobs.business.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class CohortCombinerTest {
    private static final List<FunnelDefinition> FUNNELS = FunnelDefinition.parseAll(
            List.of("name=checkout;steps=view>cart>pay;within=2min", "name=signup;steps=form>confirm;within=10min"));
    private static final long MINUTE = 60_000;

    @Test
    void countsPerFunnelCohortAndStepLeaveBeforeEachWatermarkAndBarrier() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(new CohortCombiner(FUNNELS, MINUTE))) {
            h.open();
            step(h, "checkout", 0, 10_000, 10_000);
            step(h, "checkout", 0, 20_000, 20_000);
            step(h, "checkout", 1, 70_000, 10_000); // cohort 0, though the step is in the next window
            step(h, "checkout", 0, 65_000, 65_000); // cohort 1
            step(h, "signup", 1, 30_000, 5_000);
            assertThat(h.getOutput()).as("nothing leaves before a watermark").isEmpty();

            h.processWatermark(new Watermark(70_000));
            List<Object> out = new ArrayList<>(h.getOutput());
            assertThat(out.subList(0, 3))
                    .extracting(o -> counts(o))
                    .containsExactlyInAnyOrder("checkout@0=[2, 1, 0]", "checkout@60000=[1, 0, 0]", "signup@0=[0, 1]");
            assertThat(out.get(3)).as("the counts before the watermark").isEqualTo(new Watermark(70_000));
            h.getOutput().clear();

            step(h, "checkout", 2, 71_000, 10_000);
            h.prepareSnapshotPreBarrier(1);
            assertThat(h.getOutput()).extracting(o -> counts(o)).containsExactly("checkout@0=[0, 0, 1]");
            h.getOutput().clear();

            step(h, "checkout", 1, 72_000, 65_000);
            h.endInput();
            assertThat(h.getOutput()).extracting(o -> counts(o)).containsExactly("checkout@60000=[0, 1, 0]");
        }
    }

    private static void step(
            OneInputStreamOperatorTestHarness<FunnelStep, CohortSteps> h,
            String funnel,
            int step,
            long ts,
            long runStart)
            throws Exception {
        FunnelStep s = new FunnelStep();
        s.funnel = funnel;
        s.step = step;
        s.stepName = "";
        s.dimension = "";
        s.timestamp = ts;
        s.runStart = runStart;
        h.processElement(new StreamRecord<>(s, ts));
    }

    private static String counts(Object o) {
        CohortSteps c = (CohortSteps) ((StreamRecord<?>) o).getValue();
        return c.funnel + "@" + c.start + "=" + Arrays.toString(c.reached);
    }
}
