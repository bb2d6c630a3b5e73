package dev.vigil.jobs.business;

import dev.vigil.jobs.business.sinks.BusinessTables;
import dev.vigil.runtime.JobInput;
import dev.vigil.runtime.JobLauncher;
import dev.vigil.runtime.accounting.DeadLetterSink;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.detection.AlertSink;
import dev.vigil.runtime.sinks.timescale.Migrations;
import java.util.Map;

/** Entry point: wires config to sources and sinks, applies migrations, runs {@link BusinessEventsJob}. */
public final class BusinessEventsMain {
    private BusinessEventsMain() {}

    public static void main(String[] args) throws Exception {
        JobLauncher.run(args, BusinessEventsJob.NAME, Migrations::apply, BusinessEventsMain::job);
    }

    public static BusinessEventsJob job(VigilConfig config, boolean bounded, Map<String, String> env) {
        BusinessEventsJob.Sinks sinks = new BusinessEventsJob.Sinks();
        sinks.deadLetters = DeadLetterSink.create(config, BusinessEventsJob.NAME);
        sinks.byName = BusinessTables.usage(config, "business_events_base", "name");
        sinks.byFeature = BusinessTables.usage(config, "business_features_base", "feature");
        sinks.revenue = BusinessTables.revenue(config);
        sinks.funnels = BusinessTables.funnels(config);
        sinks.alerts = AlertSink.create(config);
        return new BusinessEventsJob(JobInput.fromConfig(BusinessEventsJob.NAME, config, bounded, env), sinks);
    }
}
