package dev.vigil.testing;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * The {@code vigil.*} counters of a job run on the local MiniCluster ({@link JobRun}), summed over
 * subtasks: processed, sampled out, late, dead letters per reason. A metric reporter the MiniCluster
 * loads; it keeps the counters themselves, so their final values are read after the job ends.
 */
public final class JobCounters implements MetricReporter {
    private static final List<Map.Entry<String, Counter>> COUNTERS = new CopyOnWriteArrayList<>();

    static void reset() {
        COUNTERS.clear();
    }

    /** Counter name under {@code vigil.} (e.g. {@code late}, {@code deadLettered.MALFORMED_JSON.records}) to its total. */
    public static Map<String, Long> totals() {
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<String, Counter> c : COUNTERS)
            out.merge(c.getKey(), c.getValue().getCount(), Long::sum);
        return out;
    }

    /** All dead letters in {@code totals}, whatever their reason. */
    public static long deadLettered(Map<String, Long> totals) {
        long total = 0;
        for (Map.Entry<String, Long> c : totals.entrySet()) {
            if (c.getKey().startsWith("deadLettered.")) total += c.getValue();
        }
        return total;
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        if (!(metric instanceof Counter counter)) return;
        String id = group.getMetricIdentifier(name);
        int vigil = id.lastIndexOf(".vigil.");
        if (vigil >= 0) COUNTERS.add(Map.entry(id.substring(vigil + ".vigil.".length()), counter));
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {}

    /** Named in {@code metrics.reporter.<name>.factory.class}; listed in META-INF/services for Flink to find. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new JobCounters();
        }
    }
}
