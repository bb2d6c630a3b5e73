package dev.vigil.tests.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.jobs.agentlogs.AgentLogsMain;
import dev.vigil.jobs.metrics.PerformanceMetricsMain;
import dev.vigil.runtime.VigilEnvironment;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.tests.stack.Http;
import dev.vigil.tests.stack.KafkaTopics;
import dev.vigil.tests.stack.LocalStack;
import dev.vigil.tests.stack.MiniClusterRun;
import dev.vigil.tests.stack.TestJobConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
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
 * What one producer may not do to everyone else, on the real stack: pull event time an hour ahead
 * (every later event would be late and every service silent), or overwrite another service's
 * documents or a finished request's journey by reusing its IDs.
 */
class HostileProducersIT {
    @Test
    void aFarFutureEventOnEveryPartitionIsDeadLetteredAndEveryoneElseIsStillAggregated(@TempDir Path tmp)
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "hf" + run + ".";
        String service = "hf-" + run;
        KafkaTopics.create(2, prefix + "performance-metrics", prefix + "dead-letters", prefix + "alerts");
        long base = (System.currentTimeMillis() - 20 * 60_000) / 10_000 * 10_000;
        long future = System.currentTimeMillis() + 59 * 60_000;
        int windows = 12;
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            // the attack first: one event 59 minutes ahead on each partition, as a producer would send to move every
            // watermark
            for (int partition = 0; partition < 2; partition++) {
                producer.send(new ProducerRecord<>(
                                prefix + "performance-metrics", partition, null, timer("attacker-" + run, future, 1)))
                        .get();
            }
            // then ordinary traffic: 12 windows of 10 s, one timer per second, on both partitions, and one later event
            // per
            // partition from another service that closes the windows (streaming: the watermark never jumps to the end)
            for (int s = 0; s < windows * 10; s++) {
                producer.send(new ProducerRecord<>(
                                prefix + "performance-metrics",
                                s % 2,
                                null,
                                timer(service, base + s * 1000L, 20 + s % 7)))
                        .get();
            }
            for (int partition = 0; partition < 2; partition++) {
                producer.send(new ProducerRecord<>(
                                prefix + "performance-metrics",
                                partition,
                                null,
                                timer("ticker-" + run, base + 200_000, 1)))
                        .get();
            }
        }
        VigilConfig config = TestJobConfig.create(
                prefix,
                tmp,
                "windows: {performance-metrics: {size: 10s, allowed-lateness: 0s, out-of-orderness: 1s}}\n");
        boolean aggregated = MiniClusterRun.runUntil(
                "it-future-" + run,
                env -> {
                    VigilEnvironment.configure(env, config, "performance-metrics");
                    PerformanceMetricsMain.job(config, false, Map.of()).build(env);
                },
                () -> timings(service)[1] == windows * 10
                        // dead letters are transactional: wait until the checkpoint that commits both has completed
                        && KafkaTopics.readCommitted(prefix + "dead-letters", 2, Duration.ofSeconds(2))
                                        .size()
                                == 2,
                Duration.ofMinutes(2));

        assertThat(aggregated).as("every ordinary timer aggregated (none late)").isTrue();
        assertThat(timings(service)).as("windows, timers").containsExactly(windows, windows * 10L);
        List<ConsumerRecord<byte[], byte[]>> dead =
                KafkaTopics.readCommitted(prefix + "dead-letters", 2, Duration.ofSeconds(30));
        assertThat(dead)
                .extracting(
                        d -> new String(d.headers().lastHeader("vigil.reason").value(), StandardCharsets.UTF_8))
                .containsExactly("FUTURE_TIMESTAMP", "FUTURE_TIMESTAMP");
        List<String> silence = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> a :
                KafkaTopics.readCommitted(prefix + "alerts", 0, Duration.ofSeconds(2))) {
            String alert = new String(a.value(), StandardCharsets.UTF_8);
            if (alert.contains("\"name\":\"Silence\"")) silence.add(alert);
        }
        assertThat(silence).as("no service is reported silent").isEmpty();
    }

    @Test
    void noServiceOverwritesAnothersDocumentsAndNoEventReplacesAFinishedJourney(@TempDir Path tmp) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "hi" + run + ".";
        KafkaTopics.create(1, prefix + "agent-logs", prefix + "dead-letters", prefix + "alerts");
        long base = (System.currentTimeMillis() - 30 * 60_000) / 10_000 * 10_000;
        String shared = "shared-" + run;
        String request = "req-" + run;
        List<byte[]> records = List.of(
                log("shop-" + run, shared, base, "c-shop-" + run, "the shop's own event"),
                log(
                        "mallory-" + run,
                        shared,
                        base + 1000,
                        "c-mallory-" + run,
                        "the same event ID from another service"),
                log("gateway-" + run, "g1-" + run, base + 2000, request, "request enters"),
                log("checkout-" + run, "g2-" + run, base + 3000, request, "request ends"),
                // ten minutes later, long after the journey's 30 s gap: a new event claims the finished request's
                // correlation ID
                log("mallory-" + run, "g3-" + run, base + 600_000, request, "a hop that never happened"),
                log("ticker-" + run, "t-" + run, base + 700_000, "c-ticker-" + run, "closes the windows"));
        KafkaTopics.produce(prefix + "agent-logs", records);
        VigilConfig config = TestJobConfig.create(
                prefix,
                tmp,
                "kafka.bounded: true\nkafka.topics: [agent-logs]\n" + "s3: {archive-path: \"s3://"
                        + LocalStack.s3Bucket() + "/" + prefix.replace('.', '/') + "archive\"}\n");
        MiniClusterRun.run("it-identity-" + run, env -> {
            VigilEnvironment.configure(env, config, "agent-logs");
            AgentLogsMain.prepareStores(config);
            AgentLogsMain.job(config, true, Map.of()).build(env);
        });

        Http.send("POST", LocalStack.esUrl() + "/vigil-logs,vigil-journeys/_refresh", "");
        JsonNode logs = Http.send(
                        "POST",
                        LocalStack.esUrl() + "/vigil-logs/_search",
                        "{\"size\":10,\"query\":{\"term\":{\"event_id\":\"" + shared + "\"}}}")
                .at("/hits/hits");
        List<String> owners = new ArrayList<>();
        for (JsonNode hit : logs)
            owners.add(hit.at("/_source/service").asText() + ": "
                    + hit.at("/_source/message").asText());
        assertThat(owners)
                .containsExactlyInAnyOrder(
                        "shop-" + run + ": the shop's own event",
                        "mallory-" + run + ": the same event ID from another service");

        JsonNode journeys = Http.send(
                        "POST",
                        LocalStack.esUrl() + "/vigil-journeys/_search",
                        "{\"size\":10,\"sort\":[{\"start\":\"asc\"}],\"query\":{\"term\":{\"correlation_id\":\""
                                + request + "\"}}}")
                .at("/hits/hits");
        assertThat(journeys).hasSize(2);
        JsonNode original = journeys.get(0).get("_source");
        assertThat(original.get("start").asLong()).isEqualTo(base + 2000);
        assertThat(original.get("services").toString()).isEqualTo("[\"gateway-" + run + "\",\"checkout-" + run + "\"]");
        assertThat(original.get("event_count").asLong()).isEqualTo(2);
        assertThat(journeys.get(1).at("/_source/services").toString()).isEqualTo("[\"mallory-" + run + "\"]");
    }

    /** Rows and summed timer counts of the service in metric_timings_base. */
    private static long[] timings(String service) throws Exception {
        try (Connection c =
                        DriverManager.getConnection(LocalStack.pgUrl(), LocalStack.pgUser(), LocalStack.pgPassword());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT count(*), coalesce(sum(count), 0) FROM metric_timings_base WHERE service = '" + service
                                + "'")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", LocalStack.kafkaBootstrap());
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static byte[] timer(String service, long ts, double value) {
        return ("{\"type\":\"performance_metric\",\"timestamp\":" + ts + ",\"service\":\"" + service
                        + "\",\"name\":\"http.server.duration\",\"kind\":\"timer\",\"value\":" + value + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] log(String service, String eventId, long ts, String correlationId, String message) {
        return ("{\"event_id\":\"" + eventId + "\",\"type\":\"agent_log\",\"timestamp\":" + ts + ",\"service\":\""
                        + service + "\",\"correlation_id\":\"" + correlationId + "\",\"level\":\"info\",\"message\":\""
                        + message + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
