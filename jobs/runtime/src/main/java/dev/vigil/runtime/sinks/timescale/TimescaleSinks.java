package dev.vigil.runtime.sinks.timescale;

import dev.vigil.runtime.config.Secrets;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.sinks.SinkSettings;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * TimescaleDB sink: batched {@code INSERT ... ON CONFLICT (natural key) DO UPDATE}, flushed by size and
 * interval, retried; an upsert on the natural key makes at-least-once delivery idempotent, and a
 * late-firing window simply updates its row.
 */
public final class TimescaleSinks {
    private TimescaleSinks() {}

    public static <T> JdbcSink<T> upsert(VigilConfig config, String sql, JdbcStatementBuilder<T> statement) {
        SinkSettings s = SinkSettings.of(config, "timescaledb");
        return JdbcSink.<T>builder()
                .withQueryStatement(sql, statement)
                .withExecutionOptions(JdbcExecutionOptions.builder()
                        .withBatchSize(s.batchSize)
                        .withBatchIntervalMs(s.flushIntervalMs)
                        .withMaxRetries(s.maxRetries)
                        .build())
                .buildAtLeastOnce(connection(config));
    }

    public static JdbcConnectionOptions connection(VigilConfig config) {
        return new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                .withUrl(config.get(VigilOptions.PG_URL))
                .withDriverName("org.postgresql.Driver")
                .withUsername(config.get(VigilOptions.PG_USERNAME))
                .withPassword(password(config))
                .withConnectionCheckTimeoutSeconds(30)
                .build();
    }

    static String password(VigilConfig config) {
        return Secrets.fromFile(config.get(VigilOptions.PG_PASSWORD_FILE), VigilOptions.PG_PASSWORD_FILE.key());
    }
}
