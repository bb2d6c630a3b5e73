package dev.vigil.runtime.sinks.timescale;

import dev.vigil.runtime.accounting.SinkRejections;
import dev.vigil.runtime.sinks.SinkSettings;
import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * TimescaleDB sink of our own (Sink V2): batched {@code INSERT ... ON CONFLICT (natural key) DO UPDATE},
 * flushed by size, interval and on every checkpoint; an upsert on the natural key makes at-least-once
 * delivery idempotent, and a late-firing window simply updates its row (a batch keeps the last row per
 * natural key, so a window that fired many times in one batch costs one row). Unlike the JDBC connector it
 * tells a lost connection (retried with backoff, then the job restarts from its checkpoint) from a row
 * the database refuses for its content: that batch is bisected until the bad row is isolated, and the
 * row goes to the dead-letter topic with the database's error ({@link SinkRejections}), so a value
 * PostgreSQL rejects can never restart a job forever. The password is read from its file when a
 * writer opens; it is never part of the job graph.
 */
public final class UpsertSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    final String sql;
    final String table;
    final RowKey<T> key;
    final RowBinder<T> binder;
    final ConnectionSettings connection;
    final SinkSettings settings;
    final SinkRejections rejections;

    UpsertSink(
            String sql,
            RowKey<T> key,
            RowBinder<T> binder,
            ConnectionSettings connection,
            SinkSettings settings,
            SinkRejections rejections) {
        this.sql = sql;
        this.table = tableOf(sql);
        this.key = key;
        this.binder = binder;
        this.connection = connection;
        this.settings = settings;
        this.rejections = rejections;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<T> createWriter(InitContext context) throws IOException {
        return new UpsertWriter<>(
                this,
                context.getProcessingTimeService(),
                context.metricGroup(),
                context.getJobInfo().getJobName());
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new UpsertWriter<>(
                this,
                context.getProcessingTimeService(),
                context.metricGroup(),
                context.getJobInfo().getJobName());
    }

    /** The table an {@code INSERT INTO table ...} statement writes. */
    static String tableOf(String sql) {
        String rest = sql.substring(sql.toUpperCase(java.util.Locale.ROOT).indexOf("INTO ") + 5)
                .trim();
        int end = 0;
        while (end < rest.length()
                && (Character.isLetterOrDigit(rest.charAt(end)) || rest.charAt(end) == '_' || rest.charAt(end) == '.'))
            end++;
        return rest.substring(0, end);
    }
}
