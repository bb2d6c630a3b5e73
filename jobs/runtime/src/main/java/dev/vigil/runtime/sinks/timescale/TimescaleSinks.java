package dev.vigil.runtime.sinks.timescale;

import dev.vigil.runtime.accounting.SinkRejections;
import dev.vigil.runtime.config.Secrets;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.sinks.SinkSettings;

/** The TimescaleDB sinks of every job: one {@link UpsertSink} per table. */
public final class TimescaleSinks {
    private TimescaleSinks() {}

    /**
     * Upserts with {@code sql} ({@code INSERT INTO table ... ON CONFLICT (columns) DO UPDATE}); {@code key}
     * gives a row's values of those columns. Refused rows go to the dead-letter topic.
     */
    public static <T> UpsertSink<T> upsert(VigilConfig config, String sql, RowKey<T> key, RowBinder<T> binder) {
        return new UpsertSink<>(
                sql,
                key,
                binder,
                ConnectionSettings.of(config),
                SinkSettings.of(config, "timescaledb"),
                SinkRejections.of(config, "timescaledb:" + UpsertSink.tableOf(sql)));
    }

    static String password(VigilConfig config) {
        return Secrets.fromFile(config.get(VigilOptions.PG_PASSWORD_FILE), VigilOptions.PG_PASSWORD_FILE.key());
    }
}
