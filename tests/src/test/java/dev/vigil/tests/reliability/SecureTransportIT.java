package dev.vigil.tests.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.tests.stack.ArchiveObjects;
import dev.vigil.tests.stack.Http;
import dev.vigil.tests.stack.KafkaTopics;
import dev.vigil.tests.stack.LocalStack;
import dev.vigil.tests.stack.SecureElasticsearch;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent-logs job on the cluster talks to Kafka only over the broker's TLS + SASL/SCRAM listener
 * and to an Elasticsearch node with its security module on (HTTPS, basic auth, a user limited to
 * vigil-* indices), with every credential read from a file. Seeded secrets (the SCRAM, trust store,
 * Elasticsearch, database, S3 and masking-key secrets, a password and a bearer token inside an event)
 * and seeded raw PII (an e-mail, a card number, an IP address) must then appear in no log file,
 * metric, exception or sink.
 */
class SecureTransportIT {

    @Test
    void jobsUseTlsAndScramWithFileCredentialsAndLeakNoSecretOrRawPii(@TempDir Path tmp) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "st" + run + ".";
        String service = "secure-" + run;
        Map<String, String> seeds = new LinkedHashMap<>();
        seeds.put("Kafka SCRAM password", LocalStack.secret("VIGIL_KAFKA_SASL_PASSWORD"));
        seeds.put("Kafka trust store password", LocalStack.secret("VIGIL_KAFKA_TRUSTSTORE_PASSWORD"));
        seeds.put("database password", LocalStack.pgPassword());
        seeds.put("S3 secret key", LocalStack.s3SecretKey());
        seeds.put("masking key", "mask-canary-" + run + "-0123456789");
        seeds.put("password in an event", "pw-canary-" + run);
        seeds.put("bearer token in an event", "tok" + run + "canary9f8e7d6c5b4a");
        seeds.put("raw e-mail", "canary." + run + "@example.org");
        seeds.put("raw card number", "4111 1111 1111 1111");
        seeds.put("raw IP address", "203.0.113.77");
        seeds.put("Elasticsearch password", "es-canary-" + UUID.randomUUID());
        KafkaTopics.create(1, prefix + "agent-logs", prefix + "dead-letters", prefix + "alerts");
        Path esPassword = Files.writeString(tmp.resolve("es-password"), seeds.get("Elasticsearch password"));

        String kafka = """
                bootstrap-servers: "%s", security: {protocol: sasl-ssl}, sasl: {mechanism: scram-sha-512, username: "%s", password-file: "%s"},
                ssl: {truststore-file: "%s", truststore-password-file: "%s"}""".formatted(
                        LocalStack.get("VIGIL_KAFKA_SASL_BOOTSTRAP"),
                        LocalStack.get("VIGIL_KAFKA_SASL_USER"),
                        LocalStack.get("VIGIL_KAFKA_SASL_PASSWORD_FILE"),
                        LocalStack.get("VIGIL_KAFKA_TRUSTSTORE"),
                        LocalStack.get("VIGIL_KAFKA_TRUSTSTORE_PASSWORD_FILE"));
        try (SecureElasticsearch es = SecureElasticsearch.start(seeds.get("Elasticsearch password"));
                ClusterJob job = ClusterJob.agentLogs(
                        tmp,
                        prefix,
                        "st-" + run + "/archive",
                        "hosts: [\"" + es.url() + "\"], username: " + SecureElasticsearch.WRITER + ", password-file: \""
                                + esPassword + "\", tls: {ca-file: \"" + LocalStack.get("VIGIL_TLS_DIR") + "/ca.crt\"}",
                        "",
                        kafka,
                        seeds.get("masking key"))) {
            seeds.put("Elasticsearch superuser password", es.elasticPassword());
            assertThat(es.request("GET", "/vigil-logs/_count", null, null, null).statusCode())
                    .as("without credentials")
                    .isEqualTo(401);
            assertThat(es.request("GET", "/_cluster/health", SecureElasticsearch.WRITER, "wrong", null)
                            .statusCode())
                    .as("wrong password")
                    .isEqualTo(401);
            assertThatThrownBy(() -> Http.getText("http://127.0.0.1:" + SecureElasticsearch.PORT + "/"))
                    .as("plain HTTP")
                    .isInstanceOf(IllegalStateException.class);
            job.start();
            long now = System.currentTimeMillis()
                    - 300_000; // the trailer, 2 min later, stays within the allowed future skew
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(scramClient(), new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < 20; i++) {
                    String json = "{\"event_id\":\"" + run + "-" + i + "\",\"type\":\"agent_log\",\"timestamp\":"
                            + (now + i) + ",\"service\":\"" + service
                            + "\",\"correlation_id\":\"c" + run + "-" + (i % 3)
                            + "\",\"level\":\"warn\",\"message\":\"login by " + seeds.get("raw e-mail")
                            + " from " + seeds.get("raw IP address") + " paid with " + seeds.get("raw card number")
                            + " Authorization: Bearer "
                            + seeds.get("bearer token in an event") + "\",\"attributes\":{\"password\":\""
                            + seeds.get("password in an event") + "\"}}";
                    producer.send(new ProducerRecord<>(prefix + "agent-logs", json.getBytes(StandardCharsets.UTF_8)))
                            .get();
                }
                String trailer = "{\"type\":\"agent_log\",\"timestamp\":" + (now + 120_000) + ",\"service\":\""
                        + service + "-trailer\",\"level\":\"info\",\"message\":\"closes the windows\"}";
                producer.send(new ProducerRecord<>(prefix + "agent-logs", trailer.getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
            awaitLogCount(es, service, 20);
            job.flink().awaitRunningAndCheckpointed(job.id(), 2, Duration.ofMinutes(2));

            // Control: the scan finds the seeds where they must be (the raw input, the secret files), so an empty
            // finding means something.
            SecretScan control = new SecretScan(seeds);
            KafkaTopics.readCommitted(prefix + "agent-logs", 21, Duration.ofSeconds(30))
                    .forEach(r -> control.bytes("input topic", r.value()));
            control.folder(LocalStack.repoRoot().resolve(".vigil/secrets")).folder(tmp);
            for (String seed : seeds.keySet()) {
                if (seed.equals("Elasticsearch superuser password"))
                    continue; // only inside the node's encrypted keystore
                assertThat(control.findings())
                        .as("control: the scan finds the %s where it must be", seed)
                        .anyMatch(f -> f.startsWith(seed + " in "));
            }

            SecretScan scan = new SecretScan(seeds);
            Path home = LocalStack.repoRoot().resolve(".vigil");
            scan.folder(home.resolve("logs"))
                    .folder(home.resolve("data/elasticsearch/logs"))
                    .folder(home.resolve("data/flink/log"))
                    .folder(home.resolve("data/flink/rocksdb-logs"))
                    .folder(es.logs());
            Path pgLog = home.resolve("data/timescaledb/root/var/lib/vigil/postgres.log");
            if (Files.exists(pgLog)) scan.file(pgLog);
            for (String url : LocalStack.get("VIGIL_FLINK_METRICS_URLS").split(","))
                scan.text("metrics " + url, Http.getText(url));
            scan.text(
                    "Prometheus series",
                    Http.getText(LocalStack.prometheusUrl() + "/api/v1/series?match%5B%5D="
                            + URLEncoder.encode("{job=\"vigil-flink\"}", StandardCharsets.UTF_8)));
            scan.text(
                    "job exceptions",
                    Http.get(LocalStack.flinkUrl() + "/jobs/" + job.id() + "/exceptions")
                            .toString());
            scan.text(
                    "Flink job config",
                    Http.get(LocalStack.flinkUrl() + "/jobs/" + job.id() + "/config")
                            .toString());
            scan.text(
                    "Flink JobManager config",
                    Http.get(LocalStack.flinkUrl() + "/jobmanager/config").toString());
            scan.text(
                    "Elasticsearch documents",
                    es.admin("POST", "/vigil-*/_search", "{\"size\":1000,\"query\":{\"match_all\":{}}}")
                            .toString());
            scan.text("TimescaleDB rows", tableRows(service));
            ArchiveObjects.parquetRows("st-" + run + "/archive/").forEach(row -> scan.text("archive", row));
            List<ConsumerRecord<byte[], byte[]>> alerts =
                    KafkaTopics.readCommitted(prefix + "alerts", 0, Duration.ofSeconds(2));
            alerts.forEach(r -> scan.bytes("alerts topic", r.value()));
            assertThat(KafkaTopics.readCommitted(prefix + "dead-letters", 0, Duration.ofSeconds(2)))
                    .as("every event was valid")
                    .isEmpty();

            assertThat(scan.findings()).as("seeded secrets or raw PII found").isEmpty();
            assertThat(esMessage(es, run + "-0"))
                    .as("the stored message is masked")
                    .doesNotContain(seeds.get("raw e-mail"))
                    .contains("[email:")
                    .contains("****1111");
            System.out.printf(
                    "[secure-transport] Kafka over SASL_SSL (SCRAM-SHA-512), Elasticsearch over HTTPS with basic auth: 20 events indexed; %d seeds, found 0 times in %d files and "
                            + "%.1f MB of logs, metrics, exceptions, configs and sinks (control: %d found in input and secret files)%n",
                    seeds.size(),
                    scan.filesScanned(),
                    scan.bytesScanned() / 1e6,
                    control.findings().size());
        }
    }

    private static Properties scramClient() {
        Properties p = new Properties();
        p.put("bootstrap.servers", LocalStack.get("VIGIL_KAFKA_SASL_BOOTSTRAP"));
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", "SCRAM-SHA-512");
        p.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + LocalStack.get("VIGIL_KAFKA_SASL_USER") + "\" password=\""
                        + LocalStack.secret("VIGIL_KAFKA_SASL_PASSWORD") + "\";");
        p.put("ssl.truststore.location", LocalStack.get("VIGIL_KAFKA_TRUSTSTORE"));
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.password", LocalStack.secret("VIGIL_KAFKA_TRUSTSTORE_PASSWORD"));
        return p;
    }

    private static void awaitLogCount(SecureElasticsearch es, String service, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long count = 0;
        while (System.nanoTime() < deadline) {
            try {
                es.admin("POST", "/vigil-logs/_refresh", null);
                count = es.admin("GET", "/vigil-logs/_count?q=service:" + service, null)
                        .get("count")
                        .asLong();
                if (count == expected) return;
            } catch (IllegalStateException e) {
                // the index does not exist before the first write
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError(
                "indexed " + count + " of " + expected + " events read over SASL_SSL into the secure node");
    }

    private static String esMessage(SecureElasticsearch es, String eventId) throws Exception {
        JsonNode hits = es.admin(
                        "POST", "/vigil-logs/_search", "{\"query\":{\"term\":{\"event_id\":\"" + eventId + "\"}}}")
                .get("hits")
                .get("hits");
        return hits.get(0).get("_source").get("message").asText();
    }

    private static String tableRows(String service) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c =
                        DriverManager.getConnection(LocalStack.pgUrl(), LocalStack.pgUser(), LocalStack.pgPassword());
                Statement s = c.createStatement()) {
            for (String table : List.of("agent_log_counts", "journey_hops")) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE service = '" + service + "'")) {
                    while (rs.next()) {
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++)
                            out.append(rs.getString(i)).append('\t');
                        out.append('\n');
                    }
                }
            }
        }
        return out.toString();
    }
}
