package dev.vigil.jobs.metrics;

import dev.vigil.jobs.metrics.sinks.KindTables;
import dev.vigil.jobs.metrics.sinks.TimingTables;
import dev.vigil.runtime.JobInput;
import dev.vigil.runtime.JobLauncher;
import dev.vigil.runtime.accounting.DeadLetterSink;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.detection.AlertSink;
import dev.vigil.runtime.sinks.timescale.Migrations;
import java.util.HashMap;
import java.util.Map;

/** Entry point: wires config to sources and sinks, applies migrations, runs {@link PerformanceMetricsJob}. */
public final class PerformanceMetricsMain {
    private PerformanceMetricsMain() {}

    public static void main(String[] args) throws Exception {
        JobLauncher.run(args, PerformanceMetricsJob.NAME, Migrations::apply, PerformanceMetricsMain::job);
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
        sinks.histograms = KindTables.histograms(config);
        sinks.alerts = AlertSink.create(config);
        return new PerformanceMetricsJob(JobInput.fromConfig(PerformanceMetricsJob.NAME, config, bounded, env), sinks);
    }
}
