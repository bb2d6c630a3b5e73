package dev.vigil.bench.e2e;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A metric reporter for the benchmark's MiniCluster: keeps the {@code numRecordsOut} counters of
 * source operators, so the runner can see how many records the sources have read at any moment.
 */
public class SourceRecordsReporter implements MetricReporter {
    private static final Map<Counter, Boolean> SOURCES = new ConcurrentHashMap<>();

    static long recordsRead() {
        long total = 0;
        for (Counter c : SOURCES.keySet()) total += c.getCount();
        return total;
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {
        SOURCES.clear();
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        if (isSourceOutput(metric, name, group)) SOURCES.put((Counter) metric, true);
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        if (metric instanceof Counter) SOURCES.remove(metric);
    }

    private static boolean isSourceOutput(Metric metric, String name, MetricGroup group) {
        String operator = group.getAllVariables().get("<operator_name>");
        return metric instanceof Counter
                && name.equals("numRecordsOut")
                && operator != null
                && operator.startsWith("Source");
    }

    /** {@code metrics.reporter.bench.factory.class}. */
    public static class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new SourceRecordsReporter();
        }
    }
}
