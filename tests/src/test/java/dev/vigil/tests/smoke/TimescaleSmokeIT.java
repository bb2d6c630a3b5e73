package dev.vigil.tests.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.tests.stack.LocalStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimescaleSmokeIT {

    @Test
    void createsAHypertableAndBucketsByTime() throws Exception {
        try (Connection c =
                        DriverManager.getConnection(LocalStack.pgUrl(), LocalStack.pgUser(), LocalStack.pgPassword());
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS smoke_metrics");
            s.execute(
                    "CREATE TABLE smoke_metrics (ts TIMESTAMPTZ NOT NULL, service TEXT NOT NULL, value DOUBLE PRECISION)");
            try (ResultSet rs = s.executeQuery(
                    "SELECT create_hypertable('smoke_metrics', 'ts', chunk_time_interval => INTERVAL '1 hour')")) {
                assertThat(rs.next()).isTrue();
            }
            Instant base = Instant.parse("2026-01-01T00:00:00Z");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO smoke_metrics VALUES (?, ?, ?)")) {
                // 3 hours, one row per 10 minutes, value = minute index
                for (int minute = 0; minute < 180; minute += 10) {
                    insert.setTimestamp(1, Timestamp.from(base.plusSeconds(minute * 60L)));
                    insert.setString(2, "checkout");
                    insert.setDouble(3, minute);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            Map<Instant, double[]> buckets = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery(
                    "SELECT time_bucket('1 hour', ts) AS bucket, count(*), sum(value) FROM smoke_metrics GROUP BY bucket ORDER BY bucket")) {
                while (rs.next()) {
                    buckets.put(rs.getTimestamp(1).toInstant(), new double[] {rs.getLong(2), rs.getDouble(3)});
                }
            }
            assertThat(buckets).hasSize(3);
            assertThat(buckets.get(base)).containsExactly(6, 0 + 10 + 20 + 30 + 40 + 50);
            assertThat(buckets.get(base.plusSeconds(3600))).containsExactly(6, 60 + 70 + 80 + 90 + 100 + 110);
            assertThat(buckets.get(base.plusSeconds(7200))).containsExactly(6, 120 + 130 + 140 + 150 + 160 + 170);
            try (ResultSet rs = s.executeQuery(
                    "SELECT num_chunks FROM timescaledb_information.hypertables WHERE hypertable_name = 'smoke_metrics'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
            s.execute("DROP TABLE smoke_metrics");
        }
    }
}
