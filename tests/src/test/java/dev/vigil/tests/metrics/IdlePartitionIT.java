package dev.vigil.tests.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.jobs.metrics.PerformanceMetricsMain;
import dev.vigil.runtime.VigilEnvironment;
import dev.vigil.runtime.config.VigilConfig;
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
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streaming job whose topic has a partition that never receives data: with source idleness the
 * windows still close; without it (a control run with a huge idleness) they never do.
 */
class IdlePartitionIT {

    @Test
    void anIdlePartitionDoesNotStallWindows(@TempDir Path tmp) throws Exception {
        assertThat(windowsClose(tmp.resolve("idle"), "2s", Duration.ofSeconds(60)))
                .as("with 2 s idleness")
                .isTrue();
        assertThat(windowsClose(tmp.resolve("control"), "1h", Duration.ofSeconds(15)))
                .as("control: idleness never reached")
                .isFalse();
    }

    private static boolean windowsClose(Path tmp, String idleness, Duration wait) throws Exception {
        java.nio.file.Files.createDirectories(tmp);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "idle" + run + ".";
        String service = "idle-" + run;
        KafkaTopics.create(2, prefix + "performance-metrics", prefix + "dead-letters", prefix + "alerts");
        long b = (System.currentTimeMillis() - 600_000) / 10_000 * 10_000;
        Properties p = new Properties();
        p.put("bootstrap.servers", LocalStack.kafkaBootstrap());
        VigilConfig config = TestJobConfig.create(
                prefix,
                tmp,
                "windows: {performance-metrics: {size: 10s, out-of-orderness: 1s, source-idleness: " + idleness
                        + "}}\n");
        // Partition 0 keeps flowing (one event per 200 ms, a second of event time each) for the whole run;
        // partition 1 never receives anything. Were partition 0 to stop too, both would go idle and no
        // watermark could close a window, whatever the idleness.
        AtomicBoolean running = new AtomicBoolean(true);
        Thread traffic = new Thread(
                () -> {
                    try (KafkaProducer<byte[], byte[]> producer =
                            new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                        for (int i = 0; running.get(); i++) {
                            String json = "{\"type\":\"performance_metric\",\"timestamp\":" + (b + i * 1000L)
                                    + ",\"service\":\"" + service
                                    + "\",\"name\":\"http.server.duration\",\"kind\":\"timer\",\"value\":"
                                    + (10 + i % 50) + "}";
                            producer.send(new ProducerRecord<>(
                                    prefix + "performance-metrics", 0, null, json.getBytes(StandardCharsets.UTF_8)));
                            producer.flush();
                            Thread.sleep(200);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "partition-0-traffic");
        traffic.start();
        try {
            return MiniClusterRun.runUntil(
                    "it-idle-" + run,
                    env -> {
                        VigilEnvironment.configure(env, config, "performance-metrics");
                        PerformanceMetricsMain.job(config, false, Map.of()).build(env);
                    },
                    () -> rows(service) > 0,
                    wait);
        } finally {
            running.set(false);
            traffic.join();
        }
    }

    private static long rows(String service) throws Exception {
        try (Connection c =
                        DriverManager.getConnection(LocalStack.pgUrl(), LocalStack.pgUser(), LocalStack.pgPassword());
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT count(*) FROM metric_timings_base WHERE service = '" + service + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
