package dev.vigil.tests.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.jobs.agentlogs.rows.LogCountRow;
import dev.vigil.jobs.agentlogs.sinks.AgentLogTables;
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
import java.util.UUID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A row TimescaleDB refuses for its content (here a NUL byte, which the contract now stops before any
 * sink, fed to the sink directly) must not fail the job: its batch is bisected, every other row is
 * written, and the refused row goes to the dead-letter topic with PostgreSQL's error. The job finishes
 * without a restart (a MiniCluster job with a failing sink would fail its execution here).
 */
class SinkRejectionIT {
    @Test
    void aRowThePostgresRejectsIsDeadLetteredAndTheRestOfItsBatchIsWritten(@TempDir Path tmp) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "sr" + run + ".";
        KafkaTopics.create(1, prefix + "dead-letters");
        VigilConfig config = TestJobConfig.create(prefix, tmp, "sinks: {timescaledb: {batch-size: 100}}\n");
        long bucket = (System.currentTimeMillis() - 3_600_000) / 10_000 * 10_000;
        List<LogCountRow> rows = new ArrayList<>();
        for (int i = 0; i < 250; i++)
            rows.add(row(bucket, i == 137 ? "sr-" + run + "-bad\u0000" : "sr-" + run, "a" + i, i));
        MiniClusterRun.run("it-sink-rejection-" + run, env -> {
            VigilEnvironment.configure(env, config, "agent-logs");
            env.fromData(TypeInformation.of(LogCountRow.class), rows.toArray(new LogCountRow[0]))
                    .sinkTo(AgentLogTables.logCounts(config));
        });

        try (Connection c =
                        DriverManager.getConnection(LocalStack.pgUrl(), LocalStack.pgUser(), LocalStack.pgPassword());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(*), sum(events) FROM agent_log_counts WHERE service = 'sr-" + run + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("every other row of the batch").isEqualTo(249);
            assertThat(rs.getLong(2)).isEqualTo(249L * 250 / 2 - 137);
        }
        List<ConsumerRecord<byte[], byte[]>> dead =
                KafkaTopics.readCommitted(prefix + "dead-letters", 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        ConsumerRecord<byte[], byte[]> d = dead.get(0);
        assertThat(header(d, "vigil.reason")).isEqualTo("SINK_REJECTED");
        assertThat(header(d, "vigil.detail"))
                .startsWith("timescaledb:agent_log_counts refused the record: SQLSTATE 22021");
        JsonNode row = Http.JSON.readTree(d.value());
        assertThat(row.get("table").asText()).isEqualTo("agent_log_counts");
        assertThat(row.get("parameters").get(2).asText()).isEqualTo("sr-" + run + "-bad\u0000");
        assertThat(row.get("parameters").get(5).asLong()).isEqualTo(137);
    }

    /**
     * Batches go as multi-row upserts, which PostgreSQL refuses when they hold one key twice (a window
     * that fired again for late data): the writer keeps the later row of each key.
     */
    @Test
    void aKeyTwiceInOneBatchIsWrittenInOrderWithoutARejection(@TempDir Path tmp) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "sd" + run + ".";
        KafkaTopics.create(1, prefix + "dead-letters");
        VigilConfig config = TestJobConfig.create(prefix, tmp, "sinks: {timescaledb: {batch-size: 100}}\n");
        long bucket = (System.currentTimeMillis() - 3_600_000) / 10_000 * 10_000;
        List<LogCountRow> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++)
            rows.add(row(bucket, "sd-" + run, "a" + (i % 50), i)); // a0..a9 twice: first with i, then with i + 50
        Map<String, Long> counters = MiniClusterRun.run("it-sink-duplicates-" + run, env -> {
            VigilEnvironment.configure(env, config, "agent-logs");
            env.fromData(TypeInformation.of(LogCountRow.class), rows.toArray(new LogCountRow[0]))
                    .sinkTo(AgentLogTables.logCounts(config));
        });
        assertThat(counters.getOrDefault("sinkRejected", 0L)).isZero();
        try (Connection c =
                        DriverManager.getConnection(LocalStack.pgUrl(), LocalStack.pgUser(), LocalStack.pgPassword());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(*), sum(events), max(events) FILTER (WHERE agent_id = 'a3') FROM agent_log_counts "
                                + "WHERE service = 'sd-" + run + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("one row per key").isEqualTo(50);
            assertThat(rs.getLong(3)).as("the later row of a3 won").isEqualTo(53);
            assertThat(rs.getLong(2)).isEqualTo((50L + 59) * 10 / 2 + (10L + 49) * 40 / 2);
        }
    }

    private static LogCountRow row(long bucket, String service, String agentId, long events) {
        LogCountRow r = new LogCountRow();
        r.bucket = bucket;
        r.windowSeconds = 10;
        r.service = service;
        r.level = "INFO";
        r.agentId = agentId;
        r.events = events;
        return r;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return r.headers().lastHeader(name) == null
                ? ""
                : new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
