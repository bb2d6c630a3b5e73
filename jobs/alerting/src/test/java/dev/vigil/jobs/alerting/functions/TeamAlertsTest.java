package dev.vigil.jobs.alerting.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.runtime.detection.Alerts;
import dev.vigil.schema.event.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Processing time is the harness's; every step sets it explicitly. Resend 10 s, resolve after 30 s, keep resolved 60 s
 * (the budget's tests: 30 s), 500 places per team (the budget's tests: 3). Keyed by team, as in the job.
 */
class TeamAlertsTest {
    static final AlertRouting ROUTING = new AlertRouting(
            Map.of("payments", "payments-team"),
            "platform",
            "https://runbooks/{alertname}",
            "http://es/q?service={service}&from={from}&to={to}");

    @Test
    void oneAlertPerFingerprintResentEveryPeriodThenResolvedAndForgotten() throws Exception {
        try (var h = harness(List.of())) {
            h.setProcessingTime(1000);
            h.processElement(new StreamRecord<>(report(5)));
            h.setProcessingTime(3000);
            h.processElement(new StreamRecord<>(report(6))); // a duplicate report: no new alert, nothing sent now
            List<Alert> sent = drain(h);
            assertThat(sent).hasSize(1);
            Alert first = sent.get(0);
            assertThat(first.status).isEqualTo(Alert.FIRING);
            assertThat(first.startsAt).isEqualTo(1000);
            assertThat(first.endsAt).isEqualTo(1000 + 30_000);
            assertThat(first.labels)
                    .containsEntry("team", "payments-team")
                    .containsEntry("severity", "warning")
                    .containsEntry("alertname", "ErrorSpike")
                    .containsEntry("service", "payments");
            assertThat(first.annotations)
                    .containsEntry("runbook_url", "https://runbooks/ErrorSpike")
                    .containsEntry("query_url", "http://es/q?service=payments&from=60000&to=120000");

            h.setProcessingTime(11_000);
            List<Alert> resent = drain(h);
            assertThat(resent).hasSize(1);
            assertThat(resent.get(0).startsAt).isEqualTo(1000);
            assertThat(resent.get(0).observed).isEqualTo(6);
            // the refreshed alert is routed when it is resent, as the first report was when raised
            assertThat(resent.get(0).labels)
                    .containsEntry("team", "payments-team")
                    .containsEntry("severity", "warning");
            assertThat(resent.get(0).annotations)
                    .containsEntry("query_url", "http://es/q?service=payments&from=60000&to=120000");

            h.setProcessingTime(21_000);
            h.setProcessingTime(31_000);
            assertThat(drain(h)).extracting(a -> a.status).containsExactly(Alert.FIRING, Alert.FIRING);
            h.setProcessingTime(41_000); // 38 s since the last report
            List<Alert> resolved = drain(h);
            assertThat(resolved).hasSize(1);
            assertThat(resolved.get(0).status).isEqualTo(Alert.RESOLVED);
            assertThat(resolved.get(0).endsAt).isEqualTo(41_000);
            h.setProcessingTime(51_000);
            assertThat(drain(h)).extracting(a -> a.status).containsExactly(Alert.RESOLVED);
            for (long t = 61_000; t <= 101_000; t += 10_000) h.setProcessingTime(t);
            drain(h);
            assertThat(h.numKeyedStateEntries())
                    .as("forgotten after resolved-kept")
                    .isZero();
            assertThat(h.numProcessingTimeTimers()).isZero();
            h.setProcessingTime(200_000);
            assertThat(drain(h)).isEmpty();
        }
    }

    @Test
    void escalatesAfterTheConfiguredTimeResolvingTheWarning() throws Exception {
        try (var h = harness(EscalationStep.parse(List.of("warning>critical;after=20s")))) {
            h.setProcessingTime(0);
            h.processElement(new StreamRecord<>(report(5)));
            h.setProcessingTime(10_000);
            h.processElement(new StreamRecord<>(report(5)));
            h.setProcessingTime(20_000);
            List<Alert> sent = drain(h);
            assertThat(sent)
                    .extracting(a -> a.labels.get("severity") + " " + a.status)
                    .containsExactly("warning FIRING", "warning FIRING", "warning RESOLVED", "critical FIRING");
            Alert critical = sent.get(3);
            assertThat(critical.startsAt).isZero();
            assertThat(critical.annotations).containsEntry("escalated_from", "warning");
            h.processElement(new StreamRecord<>(report(5)));
            h.setProcessingTime(30_000);
            // The critical alert is resent, and so is the resolution of the warning it replaced.
            assertThat(drain(h))
                    .extracting(a -> a.labels.get("severity") + " " + a.status)
                    .containsExactly("critical FIRING", "warning RESOLVED");
        }
    }

    @Test
    void escalatesAtOnceWhenTheRateDoubles() throws Exception {
        try (var h = harness(EscalationStep.parse(List.of("warning>critical;after=1h;rate-factor=2")))) {
            h.setProcessingTime(0);
            h.processElement(new StreamRecord<>(report(40)));
            h.processElement(new StreamRecord<>(report(70)));
            assertThat(drain(h)).hasSize(1);
            h.processElement(new StreamRecord<>(report(80)));
            List<Alert> sent = drain(h);
            assertThat(sent)
                    .extracting(a -> a.labels.get("severity") + " " + a.status + " " + Alerts.format(a.observed))
                    .containsExactly("warning RESOLVED 80", "critical FIRING 80");
        }
    }

    @Test
    void aResolvedReportResolvesAtOnceAndANewReportRaisesTheAlertAgain() throws Exception {
        try (var h = harness(List.of())) {
            h.setProcessingTime(0);
            h.processElement(new StreamRecord<>(report(5)));
            h.setProcessingTime(4000);
            Alert clear = report(0);
            clear.status = Alert.RESOLVED;
            h.processElement(new StreamRecord<>(clear));
            h.setProcessingTime(8000);
            h.processElement(new StreamRecord<>(report(9)));
            List<Alert> sent = drain(h);
            assertThat(sent)
                    .extracting(a -> a.status + " " + a.startsAt + " " + a.endsAt)
                    .containsExactly("FIRING 0 30000", "RESOLVED 0 4000", "FIRING 8000 38000");
        }
    }

    @Test
    void alertsOfOneTeamTickEachFromWhenItWasRaisedOnATenthOfTheResendInterval() throws Exception {
        try (var h = harness(List.of())) {
            long[] raisedAt = {0, 4000, 4200, 4700};
            for (int i = 0; i < raisedAt.length; i++) {
                h.setProcessingTime(raisedAt[i]);
                h.processElement(new StreamRecord<>(series("g-" + i)));
            }
            assertThat(drain(h)).hasSize(4);
            assertThat(h.numProcessingTimeTimers())
                    .as("g-2's and g-3's ticks rounded up to one")
                    .isEqualTo(3);
            assertThat(ticks(h, 10_000, 10_000)).containsExactly("g-0 FIRING");
            h.setProcessingTime(13_999);
            assertThat(drain(h)).isEmpty();
            assertThat(ticks(h, 14_000, 14_000)).containsExactly("g-1 FIRING");
            h.setProcessingTime(14_999);
            assertThat(drain(h)).isEmpty();
            assertThat(ticks(h, 15_000, 15_000)).containsExactlyInAnyOrder("g-2 FIRING", "g-3 FIRING");
            assertThat(ticks(h, 20_000, 20_000)).containsExactly("g-0 FIRING");
        }
    }

    /** On both state backends (RocksDB hands out copies, so every change must be written back), restored halfway. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"heap", "rocksdb"})
    void atMostTheBudgetOfConditionsPerTeamAndOneBudgetAlertSaysSo(String backend) throws Exception {
        var h = harness(3, List.of(), Duration.ofSeconds(30), backend, null);
        try {
            h.setProcessingTime(1000);
            for (int i = 0; i < 10; i++) h.processElement(new StreamRecord<>(series("g-" + i)));
            h.processElement(new StreamRecord<>(series("g-0"))); // a known condition only refreshes its alert
            List<Alert> raised = drain(h);
            assertThat(raised)
                    .extracting(a -> a.name + ":" + a.labels.get("series") + " " + a.status)
                    .containsExactly(
                            "ErrorSpike:g-0 FIRING",
                            "ErrorSpike:g-1 FIRING",
                            "ErrorSpike:g-2 FIRING",
                            "AlertBudgetExceeded:team=payments-team FIRING");
            Alert overflow = raised.get(3);
            assertThat(overflow.service).isEqualTo("vigil-alerting");
            assertThat(overflow.labels).as("routed to the default team").containsEntry("team", "platform");
            assertThat(overflow.annotations.get("summary"))
                    .contains("team payments-team has more than 3 active alerts");

            // a resolved report of a condition without an alert passes nothing and takes no place
            Alert resolved = series("g-13");
            resolved.status = Alert.RESOLVED;
            h.processElement(new StreamRecord<>(resolved));
            h.setProcessingTime(5000);
            h.processElement(new StreamRecord<>(series("g-0")));
            h.processElement(new StreamRecord<>(series("g-3")));
            assertThat(drain(h)).as("announced 4 s ago: dropped silently").isEmpty();

            // g-1, g-2 and the budget alert were last reported at 1 s, g-0 at 5 s: resolved at the ticks of 31 s and
            // 41 s, forgotten 30 s later, which frees g-1's and g-2's places at 61 s
            assertThat(ticks(h, 11_000, 21_000))
                    .containsExactlyInAnyOrder(
                            "g-0 FIRING",
                            "g-1 FIRING",
                            "g-2 FIRING",
                            "team=payments-team FIRING",
                            "g-0 FIRING",
                            "g-1 FIRING",
                            "g-2 FIRING",
                            "team=payments-team FIRING");
            assertThat(ticks(h, 31_000, 31_000))
                    .containsExactlyInAnyOrder(
                            "g-0 FIRING", "g-1 RESOLVED", "g-2 RESOLVED", "team=payments-team RESOLVED");
            assertThat(ticks(h, 41_000, 51_000))
                    .containsExactlyInAnyOrder(
                            "g-0 RESOLVED",
                            "g-1 RESOLVED",
                            "g-2 RESOLVED",
                            "team=payments-team RESOLVED",
                            "g-0 RESOLVED",
                            "g-1 RESOLVED",
                            "g-2 RESOLVED",
                            "team=payments-team RESOLVED");
            // restored from a snapshot: the alerts, their places in the budget and their ticks
            OperatorSubtaskState snapshot = h.snapshot(1, 51_000);
            h.close();
            h = harness(3, List.of(), Duration.ofSeconds(30), backend, snapshot);
            assertThat(ticks(h, 61_000, 61_000)).containsExactly("g-0 RESOLVED");
            for (String g : List.of("g-20", "g-21", "g-22")) h.processElement(new StreamRecord<>(series(g)));
            assertThat(drain(h))
                    .extracting(a -> a.labels.get("series") + " " + a.status)
                    .as("two places free, and the budget alert raised again for the third")
                    .containsExactly("g-20 FIRING", "g-21 FIRING", "team=payments-team FIRING");

            // once nothing is reported, every alert is resolved and forgotten, with all state and timers
            ticks(h, 71_000, 200_000);
            for (String state : List.of("alerts", "places-taken", "announced-at")) {
                try (var keys = h.getOperator().getKeyedStateBackend().getKeys(state, VoidNamespace.INSTANCE)) {
                    assertThat(keys.count()).as(state).isZero();
                }
            }
            assertThat(h.numProcessingTimeTimers()).isZero();
        } finally {
            h.close();
        }
    }

    /** What the ticks from {@code from} to {@code to} (every 10 s) sent, as "series status". */
    private static List<String> ticks(
            KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> h, long from, long to) throws Exception {
        for (long t = from; t <= to; t += 10_000) h.setProcessingTime(t);
        List<String> sent = new ArrayList<>();
        for (Alert a : drain(h)) sent.add(a.labels.get("series") + " " + a.status);
        return sent;
    }

    private static Alert series(String series) {
        return Alerts.firing("ErrorSpike", "warning", "payments", series, 0, 60_000, 40, 0, "spike");
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness(List<EscalationStep> steps)
            throws Exception {
        return harness(500, steps, Duration.ofSeconds(60));
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness(
            int places, List<EscalationStep> steps, Duration resolvedKept) throws Exception {
        return harness(places, steps, resolvedKept, "heap", null);
    }

    /** On {@code backend} (heap or rocksdb), restored from {@code snapshot} when it is not null. */
    static KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness(
            int places,
            List<EscalationStep> steps,
            Duration resolvedKept,
            String backend,
            OperatorSubtaskState snapshot)
            throws Exception {
        TeamAlerts alerts =
                new TeamAlerts(places, steps, ROUTING, Duration.ofSeconds(10), Duration.ofSeconds(30), resolvedKept);
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(alerts),
                (Alert a) -> ROUTING.team(a.service),
                TypeInformation.of(String.class));
        if (backend.equals("rocksdb")) h.setStateBackend(new EmbeddedRocksDBStateBackend());
        if (snapshot != null) h.initializeState(snapshot);
        h.open();
        return h;
    }

    static Alert report(double observed) {
        return Alerts.firing("ErrorSpike", "warning", "payments", "group-1", 60_000, 120_000, observed, 0, "spike");
    }

    static List<Alert> drain(KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> h) {
        List<Alert> out = new ArrayList<>();
        for (Object o : h.getOutput()) out.add((Alert) ((StreamRecord<?>) o).getValue());
        h.getOutput().clear();
        return out;
    }
}
