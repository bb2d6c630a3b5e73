package dev.vigil.jobs.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.jobs.alerting.sinks.AlertmanagerPoster;
import dev.vigil.jobs.alerting.sources.InMemoryAlerts;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.detection.AlertSigning;
import dev.vigil.schema.event.Alert;
import dev.vigil.schema.json.AlertJson;
import dev.vigil.testing.JobCounters;
import dev.vigil.testing.JobOutputs;
import dev.vigil.testing.JobRun;
import dev.vigil.testing.JobTestConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole alerting pipeline on a MiniCluster with in-memory input (through the job's own signature
 * check) and collecting sinks, posting to an in-process HTTP endpoint in Alertmanager's place (the real
 * Alertmanager is in AlertsEndToEndIT and AlertmanagerOutageIT): forged and broken records are
 * dead-lettered, a report is posted once, a repeat is not, a rate past the escalation factor resolves
 * the warning and posts a critical, a resolution is posted once; the same with object reuse on and off.
 */
class AlertingJobTest {
    private static final long T0 = 1_795_860_900_000L;
    /** How a posted alert names its service (its query URL also holds "_search"). */
    private static final String PAYMENTS = "\"service\":\"payments\"";

    private static final String SEARCH = "\"service\":\"search\"";

    @Test
    void signedAlertsArePostedOnceEscalatedAndResolvedAndObjectReuseChangesNothing(@TempDir Path tmp) throws Exception {
        HttpServer alertmanager = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> posts = new CopyOnWriteArrayList<>();
        alertmanager.createContext("/api/v2/alerts", exchange -> {
            posts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        alertmanager.start();
        try {
            VigilConfig config =
                    config(tmp, "http://127.0.0.1:" + alertmanager.getAddress().getPort());
            List<InMemoryAlerts.Record> records = records(config);
            List<List<String>> postsByRun = new ArrayList<>();
            Map<String, List<String>> withReuse = JobRun.sameWithAndWithoutObjectReuse(reuse -> {
                posts.clear();
                Map<String, List<String>> out = run(config, records, reuse);
                postsByRun.add(new ArrayList<>(posts));
                return out;
            });

            assertThat(withReuse.get("dead letters"))
                    .hasSize(3)
                    .filteredOn(d -> d.contains("\"UNAUTHENTICATED\""))
                    .hasSize(2);
            assertThat(withReuse.get("dead letters"))
                    .filteredOn(d -> d.contains("\"MALFORMED_JSON\""))
                    .hasSize(1);
            // payments fires (warning), repeats (no post), doubles its rate: its warning is resolved and it fires again
            // as critical; search fires and resolves
            assertThat(withReuse.get("deliveries"))
                    .hasSize(5)
                    .allMatch(d -> d.contains("\"delivered\":true"))
                    .filteredOn(d -> d.contains("payments") && d.contains("\"severity\":\"critical\""))
                    .hasSize(1)
                    .allMatch(d -> d.contains("\"status\":\"FIRING\""));
            for (List<String> run : postsByRun) {
                assertThat(run).hasSize(5);
                assertThat(run)
                        .filteredOn(p -> p.contains(PAYMENTS) && p.contains("\"severity\":\"warning\""))
                        .hasSize(2);
                assertThat(run)
                        .filteredOn(p -> p.contains(PAYMENTS) && p.contains("\"severity\":\"critical\""))
                        .hasSize(1);
                assertThat(run).filteredOn(p -> p.contains(SEARCH)).hasSize(2);
                assertThat(run).noneMatch(p -> p.contains("\"service\":\"checkout\""));
            }
            assertThat(JobCounters.totals()).containsEntry("received", (long) records.size());
        } finally {
            alertmanager.stop(0);
        }
    }

    private static VigilConfig config(Path tmp, String alertmanagerUrl) throws Exception {
        Path key = Files.writeString(tmp.resolve("alert-signing-key"), "job-test-alert-signing-key-0123456789abcdef");
        return JobTestConfig.of(tmp, """
                alerting:
                  alertmanager-url: "%s"
                  signing-key-file: "%s"
                  escalation: ["warning>critical;after=1h;rate-factor=2"]
                """.formatted(alertmanagerUrl, key));
    }

    private static Map<String, List<String>> run(VigilConfig config, List<InMemoryAlerts.Record> records, boolean reuse)
            throws Exception {
        AlertingJob.Sinks sinks = new AlertingJob.Sinks();
        JobOutputs outputs = new JobOutputs();
        sinks.deadLetters = outputs.sink("dead letters");
        sinks.alertmanager = AlertmanagerPoster.from(config);
        sinks.deliveries = outputs.sink("deliveries");
        AlertingJob job = new AlertingJob(config, InMemoryAlerts.of(config, records), sinks);
        JobRun.run("alerting", config, reuse, job::build);
        return outputs.received();
    }

    private static List<InMemoryAlerts.Record> records(VigilConfig config) {
        AlertSigning.Signer signer = AlertSigning.from(config).open();
        List<InMemoryAlerts.Record> r = new ArrayList<>();
        for (Alert a : List.of(
                alert("payments", Alert.FIRING, 10),
                alert("payments", Alert.FIRING, 12),
                alert("payments", Alert.FIRING, 25),
                alert("search", Alert.FIRING, 3),
                alert("search", Alert.RESOLVED, 0))) {
            byte[] value = AlertJson.toBytes(a);
            r.add(new InMemoryAlerts.Record(value, signer.sign(value)));
        }
        byte[] forged = AlertJson.toBytes(alert("checkout", Alert.FIRING, 99));
        r.add(new InMemoryAlerts.Record(forged, null)); // unsigned
        r.add(new InMemoryAlerts.Record(forged, signer.sign("something else".getBytes(StandardCharsets.UTF_8))));
        byte[] broken = "{not an alert".getBytes(StandardCharsets.UTF_8);
        r.add(new InMemoryAlerts.Record(broken, signer.sign(broken)));
        return r;
    }

    private static Alert alert(String service, String status, double observed) {
        Alert a = new Alert();
        a.name = "ErrorRateBreach";
        a.fingerprint = "ErrorRateBreach/" + service;
        a.severity = "warning";
        a.status = status;
        a.service = service;
        a.windowStart = T0;
        a.windowEnd = T0 + 60_000;
        a.observed = observed;
        a.baseline = 1;
        a.labels = Map.of("series", service + " error rate");
        a.annotations = Map.of("summary", service + " errors above their usual rate");
        return a;
    }
}
