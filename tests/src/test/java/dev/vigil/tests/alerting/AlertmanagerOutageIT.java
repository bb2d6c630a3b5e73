package dev.vigil.tests.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.jobs.alerting.AlertingMain;
import dev.vigil.runtime.VigilEnvironment;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.detection.Alerts;
import dev.vigil.schema.event.Alert;
import dev.vigil.schema.json.AlertJson;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alertmanager is down when the alerts arrive: posts fail after their retries, the job keeps running
 * and keeps reading, and once Alertmanager is up the periodic resend delivers every alert. A record
 * on the alerts topic that is not an alert goes to the dead-letter topic.
 */
class AlertmanagerOutageIT {
    @Test
    void alertsRaisedWhileAlertmanagerIsDownArriveOnceItIsUp(@TempDir Path tmp) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "ao" + run + ".";
        KafkaTopics.create(1, prefix + "alerts", prefix + "dead-letters");
        int port = PrivateAlertmanager.freePort();
        VigilConfig config = TestJobConfig.create(prefix, tmp, """
                alerting:
                  alertmanager-url: "http://127.0.0.1:%d"
                  resend-interval: 2s
                  resolve-after: 5min
                  max-retries: 2
                  retry-backoff: 100ms
                  request-timeout: 1s
                """.formatted(port));
        long now = System.currentTimeMillis();
        Alert a = Alerts.firing("ErrorSpike", "warning", "svc-a-" + run, "g-a", now - 60_000, now, 40, 0, "spike a");
        Alert b = Alerts.firing("LatencyRegression", "warning", "svc-b-" + run, "latency_p95|b", now - 60_000, now, 300, 100, "slow b");
        KafkaTopics.produce(prefix + "alerts", List.of(AlertJson.toBytes(a), "{\"not\":\"an alert\"}".getBytes(StandardCharsets.UTF_8)));

        AtomicReference<PrivateAlertmanager> am = new AtomicReference<>();
        long started = System.nanoTime();
        try (WebhookReceiver webhook = new WebhookReceiver()) {
            boolean delivered = MiniClusterRun.runUntil("it-am-outage-" + run, env -> {
                VigilEnvironment.configure(env, config);
                AlertingMain.job(config, false, Map.of()).build(env);
            }, () -> {
                long elapsed = (System.nanoTime() - started) / 1_000_000;
                if (elapsed > 8_000 && am.get() == null) {
                    // The job has been posting into the void for a while; a report produced now must still be read.
                    KafkaTopics.produce(prefix + "alerts", List.of(AlertJson.toBytes(b)));
                    am.set(PrivateAlertmanager.start(tmp.resolve("am"), webhook.url(), port));
                }
                return am.get() != null && active(am.get(), a.service) == 1 && active(am.get(), b.service) == 1;
            }, Duration.ofMinutes(2));
            assertThat(delivered).isTrue();
            JsonNode listed = Http.get(am.get().url() + "/api/v2/alerts?filter=" + URLEncoder.encode("service=\"" + a.service + "\"", StandardCharsets.UTF_8));
            assertThat(listed.get(0).at("/labels/alertname").asText()).isEqualTo("ErrorSpike");
            assertThat(listed.get(0).at("/annotations/summary").asText()).isEqualTo("spike a");
        } finally {
            if (am.get() != null) am.get().close();
        }

        List<ConsumerRecord<byte[], byte[]>> dead = deadLetters(prefix + "dead-letters");
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\":\"an alert\"}");
        assertThat(new String(dead.get(0).headers().lastHeader("vigil.reason").value(), StandardCharsets.UTF_8)).isEqualTo("MALFORMED_JSON");
        assertThat(new String(dead.get(0).headers().lastHeader("vigil.job").value(), StandardCharsets.UTF_8)).isEqualTo("alerting");
    }

    private static int active(PrivateAlertmanager am, String service) {
        return Http.get(am.url() + "/api/v2/alerts?filter=" + URLEncoder.encode("service=\"" + service + "\"", StandardCharsets.UTF_8)).size();
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLetters(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", LocalStack.kafkaBootstrap());
        p.put("group.id", "it-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) c.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }
}
