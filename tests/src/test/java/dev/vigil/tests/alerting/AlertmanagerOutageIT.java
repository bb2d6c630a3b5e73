package dev.vigil.tests.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.jobs.alerting.AlertingMain;
import dev.vigil.runtime.VigilEnvironment;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.detection.AlertSigning;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alertmanager is down when the alerts arrive: posts fail after their retries, the job keeps running
 * and keeps reading, and once Alertmanager is up the periodic resend delivers every alert. A record
 * on the alerts topic that is not an alert goes to the dead-letter topic, and so does every forged
 * alert (unsigned, or signed with another key): a forged critical never reaches Alertmanager and a
 * forged resolution does not end a real alert. An alert Alertmanager itself refuses (a label name it
 * does not accept) goes to the dead-letter topic with Alertmanager's answer; the job keeps running.
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
        Alert b = Alerts.firing(
                "LatencyRegression", "warning", "svc-b-" + run, "latency_p95|b", now - 60_000, now, 300, 100, "slow b");
        AlertSigning.Signer signer = AlertSigning.from(config).open();
        Alert forged = Alerts.firing(
                "DatabaseDown", "critical", "svc-forged-" + run, "db", now - 60_000, now, 1, 0, "forged page");
        Alert forgedResolution =
                Alerts.firing("ErrorSpike", "warning", a.service, "g-a", now - 60_000, now, 40, 0, "spike a");
        forgedResolution.status = Alert.RESOLVED;
        forgedResolution.endsAt = now;
        Path otherKey = java.nio.file.Files.writeString(
                tmp.resolve("other-key"), "another-key-0123456789abcdef0123456789abcdef");
        AlertSigning.Signer otherSigner = AlertSigning.from(
                        VigilConfig.load("alerting.signing-key-file: " + otherKey, List.of(), Map.of()))
                .open();
        Alert refusedByAlertmanager =
                Alerts.firing("ErrorSpike", "warning", "svc-c-" + run, "g-c", now - 60_000, now, 40, 0, "spike c");
        refusedByAlertmanager.labels.put("not-a-label-name", "x"); // Prometheus label names take no '-'
        String topic = prefix + "alerts";
        produce(List.of(
                signed(topic, signer, a),
                new ProducerRecord<>(topic, "{\"not\":\"an alert\"}".getBytes(StandardCharsets.UTF_8)),
                new ProducerRecord<>(topic, AlertJson.toBytes(forged)), // unsigned
                signed(topic, otherSigner, forged), // signed with another key
                new ProducerRecord<>(topic, AlertJson.toBytes(forgedResolution)))); // an unsigned resolution of a

        AtomicReference<PrivateAlertmanager> am = new AtomicReference<>();
        long started = System.nanoTime();
        try (WebhookReceiver webhook = new WebhookReceiver()) {
            boolean delivered = MiniClusterRun.runUntil(
                    "it-am-outage-" + run,
                    env -> {
                        VigilEnvironment.configure(env, config, "alerting");
                        AlertingMain.job(config, false, Map.of()).build(env);
                    },
                    () -> {
                        long elapsed = (System.nanoTime() - started) / 1_000_000;
                        if (elapsed > 8_000 && am.get() == null) {
                            // The job has been posting into the void for a while; a report produced now must still be
                            // read.
                            produce(List.of(signed(topic, signer, b), signed(topic, signer, refusedByAlertmanager)));
                            am.set(PrivateAlertmanager.start(tmp.resolve("am"), webhook.url(), port));
                        }
                        // Dead letters are written in Kafka transactions: the run ends only once the refusal is
                        // committed.
                        return am.get() != null
                                && active(am.get(), a.service) == 1
                                && active(am.get(), b.service) == 1
                                && deadLetters(prefix + "dead-letters", Duration.ofSeconds(1)).stream()
                                        .anyMatch(d -> header(d, "vigil.reason").equals("SINK_REJECTED"));
                    },
                    Duration.ofMinutes(2));
            assertThat(delivered).isTrue();
            JsonNode listed = Http.get(am.get().url() + "/api/v2/alerts?filter="
                    + URLEncoder.encode("service=\"" + a.service + "\"", StandardCharsets.UTF_8));
            assertThat(listed.get(0).at("/labels/alertname").asText()).isEqualTo("ErrorSpike");
            assertThat(listed.get(0).at("/annotations/summary").asText()).isEqualTo("spike a");
            assertThat(active(am.get(), forged.service))
                    .as("forged alerts never reach Alertmanager")
                    .isZero();
        } finally {
            if (am.get() != null) am.get().close();
        }

        List<ConsumerRecord<byte[], byte[]>> all = deadLetters(prefix + "dead-letters", Duration.ofSeconds(10));
        List<ConsumerRecord<byte[], byte[]>> refused = all.stream()
                .filter(d -> header(d, "vigil.reason").equals("SINK_REJECTED"))
                .toList();
        assertThat(refused)
                .as("refused at each resend, at least once")
                .isNotEmpty()
                .allSatisfy(d ->
                        assertThat(header(d, "vigil.detail")).startsWith("alertmanager refused the alert: HTTP 400"))
                .allSatisfy(d -> assertThat(new String(d.value(), StandardCharsets.UTF_8))
                        .contains("not-a-label-name")
                        .contains("svc-c-" + run));
        List<ConsumerRecord<byte[], byte[]>> dead = all.stream()
                .filter(d -> !header(d, "vigil.reason").equals("SINK_REJECTED"))
                .toList();
        assertThat(dead)
                .extracting(d -> header(d, "vigil.reason") + " " + header(d, "vigil.detail"))
                .containsExactlyInAnyOrder(
                        "UNAUTHENTICATED alert is not signed",
                        "UNAUTHENTICATED alert is not signed",
                        "UNAUTHENTICATED alert signature does not match the signing key",
                        "UNAUTHENTICATED alert is not signed");
        assertThat(dead).allSatisfy(d -> assertThat(header(d, "vigil.job")).isEqualTo("alerting"));
        assertThat(dead)
                .extracting(d -> new String(d.value(), StandardCharsets.UTF_8))
                .contains("{\"not\":\"an alert\"}")
                .contains(new String(AlertJson.toBytes(forged), StandardCharsets.UTF_8));
    }

    /** An alert record as the jobs write it: its JSON with the signature header. */
    private static ProducerRecord<byte[], byte[]> signed(String topic, AlertSigning.Signer signer, Alert alert) {
        byte[] value = AlertJson.toBytes(alert);
        return new ProducerRecord<>(
                topic, null, (byte[]) null, value, new RecordHeaders().add(AlertSigning.HEADER, signer.sign(value)));
    }

    private static void produce(List<ProducerRecord<byte[], byte[]>> records) {
        Properties p = new Properties();
        p.put("bootstrap.servers", LocalStack.kafkaBootstrap());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<byte[], byte[]> r : records) producer.send(r);
            producer.flush();
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return r.headers().lastHeader(name) == null
                ? ""
                : new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static int active(PrivateAlertmanager am, String service) {
        return Http.get(am.url() + "/api/v2/alerts?filter="
                        + URLEncoder.encode("service=\"" + service + "\"", StandardCharsets.UTF_8))
                .size();
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLetters(String topic, Duration pollFor) {
        Properties p = new Properties();
        p.put("bootstrap.servers", LocalStack.kafkaBootstrap());
        p.put("group.id", "it-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + pollFor.toMillis();
            while (System.currentTimeMillis() < deadline)
                c.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }
}
