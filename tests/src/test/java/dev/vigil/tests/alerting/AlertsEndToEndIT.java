package dev.vigil.tests.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.jobs.alerting.AlertingMain;
import dev.vigil.jobs.errors.ErrorsMain;
import dev.vigil.jobs.metrics.PerformanceMetricsMain;
import dev.vigil.runtime.VigilEnvironment;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.tests.stack.Http;
import dev.vigil.tests.stack.KafkaTopics;
import dev.vigil.tests.stack.LocalStack;
import dev.vigil.tests.stack.MiniClusterRun;
import dev.vigil.tests.stack.PrivateAlertmanager;
import dev.vigil.tests.stack.TestJobConfig;
import dev.vigil.tests.stack.WebhookReceiver;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detection path end to end on the local stack: an error spike and a latency regression go into
 * Kafka next to steady traffic; the errors and performance-metrics jobs detect them, the alerting job
 * posts to a real Alertmanager running Vigil's routing config, whose webhooks reach this test. Each
 * alert fires as a warning to its team's chat, escalates to critical on the team's pager (the
 * warning resolved), then resolves when the detectors stop reporting it. Steady traffic raises nothing.
 */
class AlertsEndToEndIT {
    static final long WINDOW = 10_000;

    @Test
    void injectedIncidentsFireEscalateAndResolveInAlertmanager(@TempDir Path tmp) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "al" + run + ".";
        String search = "search-" + run;
        String checkout = "checkout-" + run;
        String payments = "payments-" + run;
        long t0 = (System.currentTimeMillis() - 900_000) / WINDOW * WINDOW;

        List<byte[]> metrics = new ArrayList<>();
        for (int w = 0; w < 30; w++) {
            for (int i = 0; i < 20; i++) {
                long ts = t0 + w * WINDOW + i * 400;
                double normal = 30 + (i % 10);
                metrics.add(timer(search, ts, w >= 25 ? normal * 4 : normal));
                metrics.add(timer(checkout, ts, normal));
            }
        }
        metrics.add(("{\"type\":\"performance_metric\",\"timestamp\":" + (t0 + 400_000) + ",\"service\":\"ticker-" + run
                        + "\",\"name\":\"tick\",\"kind\":\"timer\",\"value\":1}")
                .getBytes(StandardCharsets.UTF_8));
        List<byte[]> errors = new ArrayList<>();
        for (int i = 0; i < 25; i++) errors.add(error(payments, t0 + 100_000 + i * 1000, "user-" + (i % 7)));
        errors.add(error(payments, t0 + 400_000, null)); // moves the errors job's event time on

        KafkaTopics.create(
                1, prefix + "performance-metrics", prefix + "errors", prefix + "alerts", prefix + "dead-letters");
        KafkaTopics.produce(prefix + "performance-metrics", metrics);
        KafkaTopics.produce(prefix + "errors", errors);

        try (WebhookReceiver webhook = new WebhookReceiver();
                PrivateAlertmanager am = PrivateAlertmanager.start(tmp.resolve("am"), webhook.url())) {
            VigilConfig config = TestJobConfig.create(prefix, tmp, """
                    windows:
                      performance-metrics: {size: 10s, allowed-lateness: 0s, out-of-orderness: 1s}
                      errors: {size: 10s, allowed-lateness: 0s, out-of-orderness: 1s}
                    detection:
                      baseline: {warm-up: 5}
                      latency-regression: {factor: 2, windows: 3}
                      error-spike: {count: 20, within: 1min}
                      silence: {after: 1h}
                    alerting:
                      alertmanager-url: "%s"
                      resend-interval: 2s
                      resolve-after: 12s
                      resolved-kept: 1min
                      escalation: ["warning>critical;after=5s"]
                      teams: ["%s=payments", "%s=search", "%s=search"]
                    """.formatted(am.url(), payments, search, checkout));
            ErrorsMain.prepareStores(config);
            Map<String, Consumer<StreamExecutionEnvironment>> jobs = new LinkedHashMap<>();
            jobs.put(
                    "it-errors-" + run,
                    env -> build(
                            env,
                            config,
                            "errors",
                            () -> ErrorsMain.job(config, false, Map.of()).build(env)));
            jobs.put(
                    "it-metrics-" + run,
                    env -> build(
                            env,
                            config,
                            "performance-metrics",
                            () -> PerformanceMetricsMain.job(config, false, Map.of())
                                    .build(env)));
            jobs.put(
                    "it-alerting-" + run,
                    env -> build(
                            env,
                            config,
                            "alerting",
                            () -> AlertingMain.job(config, false, Map.of()).build(env)));

            List<String> expected = List.of(
                    "payments-chat ErrorSpike " + payments + " warning firing",
                    "payments-chat ErrorSpike " + payments + " warning resolved",
                    "payments-pager ErrorSpike " + payments + " critical firing",
                    "payments-pager ErrorSpike " + payments + " critical resolved",
                    "search-chat LatencyRegression " + search + " warning firing",
                    "search-chat LatencyRegression " + search + " warning resolved",
                    "search-pager LatencyRegression " + search + " critical firing",
                    "search-pager LatencyRegression " + search + " critical resolved",
                    "errors-digest NewErrorGroup " + payments + " info firing");
            AtomicReference<JsonNode> whileCritical = new AtomicReference<>();
            boolean done = MiniClusterRun.runJobsUntil(
                    jobs,
                    () -> {
                        List<String> seen = webhook.notified();
                        if (whileCritical.get() == null
                                && seen.contains("search-pager LatencyRegression " + search + " critical firing")) {
                            whileCritical.set(Http.get(am.url() + "/api/v2/alerts?filter="
                                    + URLEncoder.encode("service=\"" + search + "\"", StandardCharsets.UTF_8)));
                        }
                        return seen.containsAll(expected);
                    },
                    Duration.ofMinutes(3));
            List<String> seen = webhook.notified();
            assertThat(done).as("notifications so far: %s", seen).isTrue();
            // Nothing but the injected incidents: no alert for steady checkout traffic, no throughput, silence or
            // error-rate alert.
            assertThat(seen.stream().distinct()).containsExactlyInAnyOrderElementsOf(expected);
            // The order of one alert's life: warning, then critical (with the warning resolved), then resolved.
            for (String name : List.of("ErrorSpike " + payments, "LatencyRegression " + search)) {
                List<String> life = seen.stream()
                        .filter(s -> s.contains(" " + name + " "))
                        .map(s -> s.substring(s.indexOf(name) + name.length() + 1))
                        .distinct()
                        .toList();
                assertThat(life.indexOf("warning firing")).isLessThan(life.indexOf("critical firing"));
                assertThat(life.indexOf("critical firing")).isLessThan(life.indexOf("critical resolved"));
            }

            JsonNode active = whileCritical.get();
            assertThat(active).isNotNull();
            JsonNode critical = null;
            for (JsonNode a : active) if (a.at("/labels/severity").asText().equals("critical")) critical = a;
            assertThat(critical).as("active alerts: %s", active).isNotNull();
            assertThat(critical.at("/labels/alertname").asText()).isEqualTo("LatencyRegression");
            assertThat(critical.at("/labels/team").asText()).isEqualTo("search");
            assertThat(critical.at("/annotations/runbook_url").asText())
                    .isEqualTo("https://vigil.dev/runbooks/LatencyRegression");
            assertThat(critical.at("/annotations/escalated_from").asText()).isEqualTo("warning");
            assertThat(critical.at("/annotations/query_url").asText()).contains("service:" + search);
            // p95 of the regressed windows (120..156 ms) against the baseline of the normal ones (30..39 ms), within
            // DDSketch's 1%.
            assertThat(Double.parseDouble(critical.at("/annotations/observed").asText()))
                    .isBetween(154.4, 157.6);
            assertThat(Double.parseDouble(critical.at("/annotations/baseline").asText()))
                    .isBetween(38.6, 39.4);
        }

        // The errors job's own outputs: counts per group and window in TimescaleDB, the group and its occurrences in
        // Elasticsearch.
        try (Connection c =
                        DriverManager.getConnection(LocalStack.pgUrl(), LocalStack.pgUser(), LocalStack.pgPassword());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT (extract(epoch FROM bucket)::bigint * 1000 - " + t0 + ") / 1000, occurrences, users, "
                                + "services, grouped_by, message FROM error_group_counts WHERE '" + payments
                                + "' = ANY(services) ORDER BY bucket")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getLong(1) + " " + rs.getLong(2) + " " + rs.getLong(3) + " " + rs.getString(4) + " "
                        + rs.getString(5) + " " + rs.getString(6));
            }
            String tail = " {" + payments + "} stack";
            String msg = " Read timed out after <num> ms calling <id>";
            // The window of the last error (at +400 s) is still open: nothing later moved event time past it.
            assertThat(rows).containsExactly("100 10 7" + tail + msg, "110 10 7" + tail + msg, "120 5 5" + tail + msg);
        }
        Http.send("POST", LocalStack.esUrl() + "/vigil-errors,vigil-error-groups/_refresh", "");
        JsonNode groups = Http.get(LocalStack.esUrl() + "/vigil-error-groups/_search?q=services:" + payments);
        assertThat(groups.at("/hits/total/value").asLong()).isEqualTo(1);
        JsonNode group = groups.at("/hits/hits/0/_source");
        assertThat(group.get("occurrences").asLong()).isEqualTo(25);
        assertThat(group.get("status").asText()).isEqualTo("ongoing");
        assertThat(group.get("error_type").asText()).isEqualTo("java.net.SocketTimeoutException");
        String groupId = group.get("group_id").asText();
        JsonNode occurrences = Http.get(
                LocalStack.esUrl() + "/vigil-errors/_count?q=service:" + payments + "%20AND%20group_id:" + groupId);
        assertThat(occurrences.get("count").asLong()).isEqualTo(26);
    }

    private static void build(StreamExecutionEnvironment env, VigilConfig config, String jobName, Runnable job) {
        VigilEnvironment.configure(env, config, jobName);
        job.run();
    }

    private static byte[] timer(String service, long ts, double latency) {
        return String.format(
                        Locale.ROOT,
                        "{\"type\":\"performance_metric\",\"timestamp\":%d,\"service\":\"%s\",\"name\":\"http.server.duration\","
                                + "\"kind\":\"timer\",\"value\":%.1f,\"unit\":\"ms\",\"operation\":\"GET /\",\"tags\":{\"status\":\"200\"}}",
                        ts,
                        service,
                        latency)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] error(String service, long ts, String user) {
        return ("{\"type\":\"error\",\"timestamp\":" + ts + ",\"service\":\"" + service
                        + "\",\"error_type\":\"java.net.SocketTimeoutException\","
                        + "\"message\":\"Read timed out after " + (3000 + ts % 7) + " ms calling psp-" + (ts % 3)
                        + ".example.net\","
                        + (user == null ? "" : "\"user_id\":\"" + user + "\",")
                        // one frame as the service's runs and deploys name it: Spring's proxy suffix, the lambda's
                        // number
                        + "\"frames\":[{\"module\":\"com.shop.payments.Client$$EnhancerBySpringCGLIB$$"
                        + (ts / 1000 % 2 == 0 ? "8f3c2a1b" : "5d7e9f01")
                        + "\",\"function\":\"lambda$call$"
                        + (ts % 3)
                        + "\",\"file\":\"Client.java\",\"line\":"
                        + (ts % 50)
                        + ",\"in_app\":true}]}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
