package dev.vigil.jobs.metrics;

import dev.vigil.jobs.metrics.sinks.KindTables;
import dev.vigil.jobs.metrics.sinks.TimingTables;
import dev.vigil.runtime.JobRules;
import dev.vigil.runtime.VigilEnvironment;
import dev.vigil.runtime.accounting.DeadLetterSink;
import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.sinks.timescale.Migrations;
import dev.vigil.runtime.sources.KafkaSources;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Entry point: wires config to sources and sinks, applies migrations, runs {@link PerformanceMetricsJob}. */
public final class PerformanceMetricsMain {
    private PerformanceMetricsMain() {}

    public static void main(String[] args) throws Exception {
        VigilConfig config;
        try {
            config = VigilConfig.fromArgs(args, System.getenv());
        } catch (ConfigException e) {
            System.err.println("vigil performance-metrics: bad configuration: " + e.getMessage());
            throw e;
        }
        StreamExecutionEnvironment env = VigilEnvironment.create(config);
        Migrations.apply(config);
        job(config, config.get(VigilOptions.KAFKA_BOUNDED), System.getenv()).build(env);
        env.execute("vigil-" + PerformanceMetricsJob.NAME);
    }

    public static PerformanceMetricsJob job(VigilConfig config, boolean bounded, Map<String, String> env) {
        PerformanceMetricsJob.Sinks sinks = new PerformanceMetricsJob.Sinks();
        sinks.deadLetters = DeadLetterSink.create(config, PerformanceMetricsJob.NAME);
        sinks.base = TimingTables.base(config);
        sinks.rollups = new HashMap<>();
        for (String level : TimingTables.LEVELS) sinks.rollups.put(level, TimingTables.rollup(config, level));
        sinks.counters = KindTables.counters(config);
        sinks.gauges = KindTables.gauges(config);
        sinks.resources = KindTables.resources(config);
        return new PerformanceMetricsJob(config, KafkaSources.source(config, PerformanceMetricsJob.NAME, bounded), sinks,
                JobRules.masking(config), JobRules.maskingKey(config, env));
    }
}
