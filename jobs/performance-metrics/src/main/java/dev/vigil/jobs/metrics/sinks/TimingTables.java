package dev.vigil.jobs.metrics.sinks;

import dev.vigil.jobs.metrics.rows.SeriesRow;
import dev.vigil.jobs.metrics.rows.TimingRow;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.sinks.timescale.RowKey;
import dev.vigil.runtime.sinks.timescale.TimescaleSinks;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.apache.flink.api.connector.sink2.Sink;

/** Upserts timing rows into the table of their level (see sql/migrations/V2__performance_metrics.sql). */
public final class TimingTables {
    /** Rollup levels and their tables, finest first. */
    public static final String[] LEVELS = {"1m", "1h", "1d"};

    private TimingTables() {}

    public static Sink<TimingRow> base(VigilConfig config) {
        return table(config, "metric_timings_base");
    }

    public static Sink<TimingRow> rollup(VigilConfig config, String level) {
        return table(config, "metric_timings_" + level);
    }

    static String upsert(String table) {
        return "INSERT INTO " + table
                + " (bucket, window_seconds, service, operation, name, tags, unit, count, sum, min, max, mean, "
                + "rate_per_second, p50, p90, p95, p99, p999, sketch, bin_indexes, bin_counts, zero_count) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (bucket, window_seconds, service, operation, name, tags) DO UPDATE SET unit = EXCLUDED.unit, "
                + "count = EXCLUDED.count, sum = EXCLUDED.sum, min = EXCLUDED.min, max = EXCLUDED.max, mean = EXCLUDED.mean, "
                + "rate_per_second = EXCLUDED.rate_per_second, p50 = EXCLUDED.p50, p90 = EXCLUDED.p90, p95 = EXCLUDED.p95, "
                + "p99 = EXCLUDED.p99, p999 = EXCLUDED.p999, sketch = EXCLUDED.sketch, bin_indexes = EXCLUDED.bin_indexes, "
                + "bin_counts = EXCLUDED.bin_counts, zero_count = EXCLUDED.zero_count";
    }

    /**
     * The conflict target of every metric upsert but resources': bucket, window_seconds, service, operation,
     * name, tags. Each sink calls it from a lambda of its own: serialisable method references to one method
     * with different row types come back from deserialisation as one (javac's {@code $deserializeLambda$}),
     * and the gauge sink's key then casts its rows to counter rows.
     */
    static Object seriesKey(SeriesRow r) {
        return RowKey.of(r.bucket, r.windowSeconds, r.service, r.operation, r.name, r.tags);
    }

    /** Parameters 1 to 6 of every metric upsert: bucket, window_seconds, service, operation, name, tags. */
    static void bindSeries(PreparedStatement ps, SeriesRow r) throws SQLException {
        ps.setTimestamp(1, new Timestamp(r.bucket));
        ps.setInt(2, r.windowSeconds);
        ps.setString(3, r.service);
        ps.setString(4, r.operation);
        ps.setString(5, r.name);
        ps.setString(6, r.tags);
    }

    private static Sink<TimingRow> table(VigilConfig config, String table) {
        return TimescaleSinks.upsert(config, upsert(table), r -> seriesKey(r), (ps, r) -> {
            bindSeries(ps, r);
            ps.setString(7, r.unit);
            ps.setLong(8, r.count);
            ps.setDouble(9, r.sum);
            ps.setDouble(10, r.min);
            ps.setDouble(11, r.max);
            ps.setDouble(12, r.mean());
            ps.setDouble(13, r.ratePerSecond());
            ps.setDouble(14, r.p50);
            ps.setDouble(15, r.p90);
            ps.setDouble(16, r.p95);
            ps.setDouble(17, r.p99);
            ps.setDouble(18, r.p999);
            ps.setBytes(19, r.sketch);
            Integer[] indexes = new Integer[r.binIndexes.length];
            Long[] counts = new Long[r.binCounts.length];
            for (int i = 0; i < indexes.length; i++) {
                indexes[i] = r.binIndexes[i];
                counts[i] = r.binCounts[i];
            }
            ps.setArray(20, ps.getConnection().createArrayOf("integer", indexes));
            ps.setArray(21, ps.getConnection().createArrayOf("bigint", counts));
            ps.setLong(22, r.zeroCount);
        });
    }
}
