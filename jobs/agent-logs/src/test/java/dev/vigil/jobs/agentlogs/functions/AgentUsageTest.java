package dev.vigil.jobs.agentlogs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.runtime.sketches.Sketches;
import dev.vigil.schema.event.Event;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AgentUsageTest {

    private static Event step(double duration, String tool, String outcome) {
        Event e = WindowHarness.log("agent", "INFO", 1000, "s");
        e.agentLog.agentId = "bot";
        e.agentLog.model = "m";
        e.agentLog.durationMs = duration;
        e.agentLog.tool = tool;
        e.agentLog.outcome = outcome;
        e.agentLog.tokensIn = 10L;
        e.agentLog.tokensOut = 1L;
        e.agentLog.cost = 0.01;
        return e;
    }

    @Test
    void totalsAreAFlinkPojoWithoutKryo() {
        org.apache.flink.api.common.typeinfo.TypeInformation<AgentUsage.Totals> info =
                org.apache.flink.api.common.typeinfo.TypeInformation.of(AgentUsage.Totals.class);
        assertThat(info).isInstanceOf(org.apache.flink.api.java.typeutils.PojoTypeInfo.class);
        org.apache.flink.api.common.serialization.SerializerConfigImpl config =
                new org.apache.flink.api.common.serialization.SerializerConfigImpl();
        config.setGenericTypes(false);
        assertThat(info.createSerializer(config)).isNotNull();
    }

    @Test
    void mergedPartialsGiveTheSameTotalsAndQuantilesWithinTheSketchError() {
        AgentUsage.Aggregate agg = new AgentUsage.Aggregate();
        AgentUsage.Totals a = agg.createAccumulator();
        AgentUsage.Totals b = agg.createAccumulator();
        Random r = new Random(7);
        double[] all = new double[1000];
        for (int i = 0; i < all.length; i++) {
            all[i] = Math.exp(4 + r.nextGaussian());
            Event e = step(all[i], i % 3 == 0 ? null : "tool", i % 10 == 0 ? "failure" : "success");
            if (i % 2 == 0) agg.add(e, a);
            else agg.add(e, b);
        }
        AgentUsage.Totals t = agg.merge(a, b);
        assertThat(t.steps).isEqualTo(1000);
        assertThat(t.toolCalls).isEqualTo(666);
        assertThat(t.failures).isEqualTo(100);
        assertThat(t.tokensIn).isEqualTo(10_000);
        assertThat(t.cost).isCloseTo(10.0, within(1e-9));

        Arrays.sort(all);
        for (double q : new double[] {0.5, 0.95, 0.99}) {
            double reference = all[(int) Math.floor(q * (all.length - 1))];
            assertThat(t.durations.getValueAtQuantile(q))
                    .as("p%s", q * 100)
                    .isCloseTo(reference, within(reference * Sketches.RELATIVE_ACCURACY * 1.01));
        }
    }
}
