package dev.vigil.jobs.agentlogs.functions;

import static dev.vigil.jobs.agentlogs.functions.WindowHarness.at;
import static dev.vigil.jobs.agentlogs.functions.WindowHarness.log;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schema.event.Event;
import dev.vigil.schema.rows.Journey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class JourneysTest {

    private static KeyedOneInputStreamOperatorTestHarness<String, Event, Journey> harness(int cap) throws Exception {
        return WindowHarness.of(EventTimeSessionWindows.withGap(Duration.ofSeconds(30)), Duration.ZERO, e -> e.correlationId,
                new Journeys.Collect(cap), new Journeys.ToJourney(), TypeInformation.of(Journeys.Steps.class));
    }

    @Test
    void ordersOutOfOrderEventsIntoHopsAndCleansUp() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Event, Journey> h = harness(100);
        Event err = log("payments", "ERROR", 4_000, "r1");
        h.processElement(at(err));                                 // arrives first, happened last
        h.processElement(at(log("gateway", "INFO", 1_000, "r1")));
        h.processElement(at(log("checkout", "INFO", 2_000, "r1")));
        h.processElement(at(log("checkout", "DEBUG", 2_500, "r1"))); // same service again: same hop
        h.processElement(at(log("gateway", "INFO", 50_000, "r2")));  // another request
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
        KeyedOneInputStreamOperatorTestHarness<String, Event, Journey> h = harness(3);
        for (int i = 0; i < 10; i++) h.processElement(at(log("svc" + (i % 2), "INFO", 1_000 + i, "big")));
        h.processWatermark(Long.MAX_VALUE);
        Journey j = journeys(h).get(0);
        assertThat(j.eventCount).isEqualTo(10);
        assertThat(j.capped).isTrue();
        assertThat(j.services).containsExactly("svc0", "svc1", "svc0");
        h.close();
    }

    private static List<Journey> journeys(KeyedOneInputStreamOperatorTestHarness<String, Event, Journey> h) {
        List<Journey> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord) out.add((Journey) ((StreamRecord<?>) o).getValue());
        }
        h.getOutput().clear();
        return out;
    }
}
