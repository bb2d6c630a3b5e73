package dev.vigil.jobs.metrics.sinks;

import dev.vigil.jobs.metrics.rows.CounterRow;
import dev.vigil.jobs.metrics.rows.GaugeRow;
import dev.vigil.jobs.metrics.rows.HistogramRow;
import dev.vigil.jobs.metrics.rows.ResourceRow;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.sinks.timescale.RowKey;
import dev.vigil.runtime.sinks.timescale.TimescaleSinks;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import org.apache.flink.api.connector.sink2.Sink;

/** Upserts of counters, gauges, resource usage and histograms (sql/migrations V3 and V7). */
public final class KindTables {
    private KindTables() {}

    public static Sink<CounterRow> counters(VigilConfig config) {
        return TimescaleSinks.upsert(
                config,
                "INSERT INTO metric_counters_base (bucket, window_seconds, service, operation, name, tags, "
                        + "delta, rate_per_second, resets) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (bucket, window_seconds, service, operation, "
                        + "name, tags) DO UPDATE SET delta = EXCLUDED.delta, rate_per_second = EXCLUDED.rate_per_second, resets = EXCLUDED.resets",
                r -> TimingTables.seriesKey(r),
                (ps, r) -> {
                    TimingTables.bindSeries(ps, r);
                    ps.setDouble(7, r.delta);
                    ps.setDouble(8, r.ratePerSecond());
                    ps.setLong(9, r.resets);
                });
    }

    public static Sink<GaugeRow> gauges(VigilConfig config) {
        return TimescaleSinks.upsert(
                config,
                "INSERT INTO metric_gauges_base (bucket, window_seconds, service, operation, name, tags, "
                        + "last, min, max, avg, samples) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (bucket, window_seconds, service, "
                        + "operation, name, tags) DO UPDATE SET last = EXCLUDED.last, min = EXCLUDED.min, max = EXCLUDED.max, avg = EXCLUDED.avg, "
                        + "samples = EXCLUDED.samples",
                r -> TimingTables.seriesKey(r),
                (ps, r) -> {
                    TimingTables.bindSeries(ps, r);
                    ps.setDouble(7, r.last);
                    ps.setDouble(8, r.min);
                    ps.setDouble(9, r.max);
                    ps.setDouble(10, r.avg);
                    ps.setLong(11, r.samples);
                });
    }

    public static Sink<ResourceRow> resources(VigilConfig config) {
        return TimescaleSinks.upsert(
                config,
                "INSERT INTO metric_resources_base (bucket, window_seconds, service, instance, samples, "
                        + "cpu_percent_avg, cpu_percent_max, memory_bytes_max, gpu_percent_avg, queue_depth_max) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (bucket, window_seconds, service, instance) DO UPDATE SET samples = EXCLUDED.samples, "
                        + "cpu_percent_avg = EXCLUDED.cpu_percent_avg, cpu_percent_max = EXCLUDED.cpu_percent_max, "
                        + "memory_bytes_max = EXCLUDED.memory_bytes_max, gpu_percent_avg = EXCLUDED.gpu_percent_avg, "
                        + "queue_depth_max = EXCLUDED.queue_depth_max",
                r -> RowKey.of(r.bucket, r.windowSeconds, r.service, r.instance),
                (ps, r) -> {
                    ps.setTimestamp(1, new Timestamp(r.bucket));
                    ps.setInt(2, r.windowSeconds);
                    ps.setString(3, r.service);
                    ps.setString(4, r.instance);
                    ps.setLong(5, r.samples);
                    nullable(ps, 6, r.cpuPercentAvg);
                    nullable(ps, 7, r.cpuPercentMax);
                    nullable(ps, 8, r.memoryBytesMax);
                    nullable(ps, 9, r.gpuPercentAvg);
                    nullable(ps, 10, r.queueDepthMax);
                });
    }

    public static Sink<HistogramRow> histograms(VigilConfig config) {
        return TimescaleSinks.upsert(
                config,
                "INSERT INTO metric_histograms_base (bucket, window_seconds, service, operation, name, tags, "
                        + "bounds, counts, total, p50_upper, p95_upper, p99_upper) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (bucket, "
                        + "window_seconds, service, operation, name, tags) DO UPDATE SET bounds = EXCLUDED.bounds, counts = EXCLUDED.counts, "
                        + "total = EXCLUDED.total, p50_upper = EXCLUDED.p50_upper, p95_upper = EXCLUDED.p95_upper, p99_upper = EXCLUDED.p99_upper",
                r -> TimingTables.seriesKey(r),
                (ps, r) -> {
                    TimingTables.bindSeries(ps, r);
                    Double[] bounds = new Double[r.bounds.length];
                    Long[] counts = new Long[r.counts.length];
                    for (int i = 0; i < bounds.length; i++) {
                        bounds[i] = r.bounds[i];
                        counts[i] = r.counts[i];
                    }
                    ps.setArray(7, ps.getConnection().createArrayOf("float8", bounds));
                    ps.setArray(8, ps.getConnection().createArrayOf("bigint", counts));
                    ps.setLong(9, r.total);
                    nullable(ps, 10, Double.isNaN(r.p50Upper) ? null : r.p50Upper);
                    nullable(ps, 11, Double.isNaN(r.p95Upper) ? null : r.p95Upper);
                    nullable(ps, 12, Double.isNaN(r.p99Upper) ? null : r.p99Upper);
                });
    }

    private static void nullable(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) ps.setNull(i, Types.DOUBLE);
        else ps.setDouble(i, v);
    }
}
