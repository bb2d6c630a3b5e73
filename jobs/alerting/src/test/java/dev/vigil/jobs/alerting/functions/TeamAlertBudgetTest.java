package dev.vigil.jobs.alerting.functions;

import static dev.vigil.jobs.alerting.functions.AlertLifecycleTest.drain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.detection.Alerts;
import dev.vigil.schema.event.Alert;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Budget 3 per team, a condition expires 60 s after its last report, the overflow alert is repeated at most every 30 s. */
class TeamAlertBudgetTest {
    @Test
    void atMostTheBudgetOfConditionsPassPerTeamAndOneOverflowAlertSaysSo() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(1000);
            for (int i = 0; i < 10; i++) h.processElement(new StreamRecord<>(alert("g-" + i)));
            h.processElement(new StreamRecord<>(alert("g-0"))); // a known condition always passes
            var out = drain(h);
            assertThat(out)
                    .extracting(a -> a.name + ":" + a.labels.get("series"))
                    .containsExactly(
                            "ErrorSpike:g-0",
                            "ErrorSpike:g-1",
                            "ErrorSpike:g-2",
                            "AlertBudgetExceeded:team=payments-team",
                            "ErrorSpike:g-0");
            Alert overflow = out.get(3);
            assertThat(overflow.service).isEqualTo("vigil-alerting");
            assertThat(overflow.annotations.get("summary"))
                    .contains("team payments-team has more than 3 active alerts");

            h.setProcessingTime(20_000);
            h.processElement(new StreamRecord<>(alert("g-11")));
            assertThat(drain(h)).as("announced 19 s ago: dropped silently").isEmpty();
            h.setProcessingTime(31_000);
            h.processElement(new StreamRecord<>(alert("g-12")));
            assertThat(drain(h)).extracting(a -> a.name).containsExactly("AlertBudgetExceeded");

            // a resolved report of a condition that is not active passes nothing and takes no place
            Alert resolved = alert("g-13");
            resolved.status = Alert.RESOLVED;
            h.processElement(new StreamRecord<>(resolved));
            assertThat(drain(h)).isEmpty();

            // g-0 was refreshed at 1 s; g-1 and g-2 expire at 61 s and free two places
            h.setProcessingTime(50_000);
            h.processElement(new StreamRecord<>(alert("g-0")));
            h.setProcessingTime(61_000);
            h.processElement(new StreamRecord<>(alert("g-20")));
            h.processElement(new StreamRecord<>(alert("g-21")));
            assertThat(drain(h)).extracting(a -> a.labels.get("series")).containsExactly("g-0", "g-20", "g-21");

            // once nothing is reported, every place and all state and timers are freed
            for (long t = 70_000; t <= 200_000; t += 10_000) h.setProcessingTime(t);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numProcessingTimeTimers()).isZero();
        }
    }

    private static Alert alert(String series) {
        return Alerts.firing("ErrorSpike", "warning", "payments", series, 0, 60_000, 40, 0, "spike");
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness() throws Exception {
        TeamAlertBudget budget = new TeamAlertBudget(3, Duration.ofSeconds(60), Duration.ofSeconds(30));
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(budget),
                (Alert a) -> AlertLifecycleTest.ROUTING.team(a.service),
                TypeInformation.of(String.class));
        h.open();
        return h;
    }
}
