package dev.vigil.tests.agentlogs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.tests.stack.FlinkRest;
import dev.vigil.tests.stack.Http;
import dev.vigil.tests.stack.LocalStack;
import dev.vigil.tests.stack.TestJobConfig;
import dev.vigil.workload.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded job jar, submitted over REST to the standalone cluster as an operator would, with a config file. */
class AgentLogsOnClusterIT {

    @Test
    void theJobJarRunsOnTheStandaloneCluster(@TempDir Path tmp) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "cl" + run + ".";
        String service = "cl-" + run;
        long base = (System.currentTimeMillis() - 300_000) / 10_000 * 10_000;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", LocalStack.kafkaBootstrap()))) {
            Topics.create(
                    admin,
                    List.of(
                            new NewTopic(prefix + "agent-logs", 2, (short) 1),
                            new NewTopic(prefix + "dead-letters", 1, (short) 1),
                            new NewTopic(prefix + "alerts", 1, (short) 1)));
        }
        Properties p = new Properties();
        p.put("bootstrap.servers", LocalStack.kafkaBootstrap());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 20; i++) {
                String json = "{\"event_id\":\"c" + i + "-" + run + "\",\"type\":\"agent_log\",\"timestamp\":"
                        + (base + i * 1000L)
                        + ",\"service\":\"" + service + "\",\"correlation_id\":\"r" + (i % 4) + "-" + run
                        + "\",\"level\":\""
                        + (i % 5 == 0 ? "warn" : "info") + "\",\"message\":\"call " + i + " from ops" + i
                        + "@example.com\"}";
                producer.send(new ProducerRecord<>(prefix + "agent-logs", json.getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
            producer.send(new ProducerRecord<>(prefix + "agent-logs", "not json".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }

        Path key = Files.writeString(tmp.resolve("masking-key"), "cluster-it-key-0123456789");
        Path config = Files.writeString(
                tmp.resolve("vigil.yaml"),
                TestJobConfig.signingKeyYaml(tmp)
                        + """
                kafka: {bootstrap-servers: "%s", topic-prefix: "%s", topics: [agent-logs], starting-offsets: earliest, bounded: true}
                windows: {agent-logs: {size: 10s}}
                masking: {hmac-key-env: VIGIL_CLUSTER_IT_UNSET, hmac-key-file: "%s"}
                timescaledb: {url: "%s", username: "%s", password-file: "%s"}
                elasticsearch: {hosts: ["%s"]}
                s3: {archive-path: "s3://%s/cl-%s/archive"}
                checkpoint: {interval: 2s, storage: "file://%s"}
                parallelism: 2
                """.formatted(
                                        LocalStack.kafkaBootstrap(),
                                        prefix,
                                        key,
                                        LocalStack.pgUrl(),
                                        LocalStack.pgUser(),
                                        LocalStack.get("VIGIL_PG_PASSWORD_FILE"),
                                        LocalStack.esUrl(),
                                        LocalStack.s3Bucket(),
                                        run,
                                        tmp.resolve("checkpoints")));
        LocalStack.shareWithFlink(tmp);

        FlinkRest flink = new FlinkRest(LocalStack.flinkUrl());
        String jobId = flink.submit(
                LocalStack.repoRoot().resolve("jobs/agent-logs/target/vigil-agent-logs-job.jar"),
                "dev.vigil.jobs.agentlogs.AgentLogsMain",
                "--config",
                config.toString());
        assertThat(flink.awaitTerminal(jobId, Duration.ofMinutes(3))).isEqualTo("FINISHED");

        Http.send("POST", LocalStack.esUrl() + "/vigil-logs/_refresh", "");
        assertThat(Http.get(LocalStack.esUrl() + "/vigil-logs/_count?q=service:" + service)
                        .get("count")
                        .asLong())
                .isEqualTo(20);
        assertThat(Http.get(LocalStack.esUrl() + "/vigil-logs/_count?q=message:example.com")
                        .get("count")
                        .asLong())
                .isZero();
        try (Connection c =
                        DriverManager.getConnection(LocalStack.pgUrl(), LocalStack.pgUser(), LocalStack.pgPassword());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(*), sum(events) FROM agent_log_counts WHERE service = '" + service + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("rows: 2 windows x (info, warn)").isEqualTo(4);
            assertThat(rs.getLong(2)).isEqualTo(20);
        }
    }
}
