package dev.vigil.jobs.alerting;

import dev.vigil.jobs.alerting.functions.AlertRouting;
import dev.vigil.jobs.alerting.functions.EscalationStep;
import dev.vigil.jobs.alerting.sinks.AlertmanagerPoster;
import dev.vigil.jobs.alerting.sources.AlertSource;
import dev.vigil.runtime.JobLauncher;
import dev.vigil.runtime.accounting.DeadLetterSink;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import java.util.Map;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** Entry point: validates the alerting config, wires the alerts topic to Alertmanager, runs {@link AlertingJob}. */
public final class AlertingMain {
    private AlertingMain() {}

    public static void main(String[] args) throws Exception {
        JobLauncher.run(args, AlertingJob.NAME, AlertingMain::validate, AlertingMain::job);
    }

    /** Fails start-up on a bad escalation or team entry, naming the key. */
    static void validate(VigilConfig config) {
        EscalationStep.parse(config.get(VigilOptions.ALERT_ESCALATION));
        AlertRouting.from(config);
    }

    public static AlertingJob job(VigilConfig config, boolean bounded, Map<String, String> env) {
        AlertingJob.Sinks sinks = new AlertingJob.Sinks();
        sinks.deadLetters = DeadLetterSink.create(config, AlertingJob.NAME);
        sinks.alertmanager = AlertmanagerPoster.from(config);
        sinks.deliveries = new DiscardingSink<>();
        return new AlertingJob(config, AlertSource.create(config, bounded), sinks);
    }
}
