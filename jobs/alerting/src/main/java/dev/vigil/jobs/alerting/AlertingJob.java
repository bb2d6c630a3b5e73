package dev.vigil.jobs.alerting;

import dev.vigil.jobs.alerting.functions.AlertRouting;
import dev.vigil.jobs.alerting.functions.EscalationStep;
import dev.vigil.jobs.alerting.functions.TeamAlerts;
import dev.vigil.jobs.alerting.sinks.AlertmanagerPoster;
import dev.vigil.jobs.alerting.sinks.Delivery;
import dev.vigil.jobs.alerting.sources.AlertRecord;
import dev.vigil.runtime.JobLauncher;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.schema.event.Alert;
import dev.vigil.schema.event.AlertWireSerializer;
import dev.vigil.schema.event.DeadLetter;
import dev.vigil.schema.event.DeadLetterReason;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.async.AsyncFunction;

/**
 * Alerting: reads every job's alert events, keeps one active alert per fingerprint with escalation,
 * routing labels, resolution and periodic resends, within a budget per team ({@link TeamAlerts}), and posts them to
 * Alertmanager ({@link AlertmanagerPoster}). Runs on processing time: alerts are about now.
 */
public class AlertingJob implements JobLauncher.Pipeline {
    public static final String NAME = "alerting";
    /** Posts in flight per subtask; beyond it the operator backpressures instead of buffering without bound. */
    public static final int IN_FLIGHT = 100;

    /** Where each output goes. */
    public static final class Sinks {
        public Sink<DeadLetter> deadLetters;
        /** Posts each alert notice and says how it went ({@link AlertmanagerPoster} in production). */
        public AsyncFunction<Alert, Delivery> alertmanager;

        public Sink<Delivery> deliveries;
    }

    private final VigilConfig config;
    private final Source<AlertRecord, ?, ?> source;
    private final Sinks sinks;

    public AlertingJob(VigilConfig config, Source<AlertRecord, ?, ?> source, Sinks sinks) {
        this.config = config;
        this.source = source;
        this.sinks = sinks;
    }

    /** An alert Alertmanager refused, as a dead letter: the body that was posted and Alertmanager's answer. */
    static DeadLetter refusedAlert(Delivery d) {
        DeadLetter dead = new DeadLetter(
                d.refusedBody, DeadLetterReason.SINK_REJECTED, "alertmanager refused the alert: " + d.refusal);
        dead.sourceTopic = "alertmanager";
        dead.sourcePartition = -1;
        dead.sourceOffset = -1;
        dead.deadLetteredAt = System.currentTimeMillis();
        dead.job = NAME;
        return dead;
    }

    @Override
    public void build(StreamExecutionEnvironment env) {
        DataStream<AlertRecord> records = env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka: alerts")
                .uid("source");
        DataStream<DeadLetter> notAlerts = records.filter(r -> r.deadLetter != null)
                .uid("bad-alerts")
                .name("not alerts")
                .map(r -> r.deadLetter, TypeInformation.of(DeadLetter.class))
                .uid("bad-alerts-unwrap")
                .name("dead letters");
        AlertRouting routing = AlertRouting.from(config);
        DataStream<Alert> notices = records.filter(r -> r.alert != null)
                .uid("alerts")
                .name("alerts")
                // between tasks as AlertWireSerializer writes them (Flink's POJO serializer was most of the team task)
                .map(r -> r.alert, AlertWireSerializer.TYPE)
                .uid("alerts-unwrap")
                .name("alert reports")
                .keyBy(a -> routing.team(a.service), TypeInformation.of(String.class))
                .process(new TeamAlerts(
                        config.get(VigilOptions.ALERT_MAX_ACTIVE_PER_TEAM),
                        EscalationStep.parse(config.get(VigilOptions.ALERT_ESCALATION)),
                        routing,
                        Duration.ofMillis(config.get(VigilOptions.ALERT_RESEND)),
                        Duration.ofMillis(config.get(VigilOptions.ALERT_RESOLVE_AFTER)),
                        Duration.ofMillis(config.get(VigilOptions.ALERT_RESOLVED_KEPT))))
                .returns(AlertWireSerializer.TYPE)
                .uid("team-alerts")
                .name("per team: budget, dedupe, escalate, resolve, resend");
        DataStream<Delivery> deliveries = AsyncDataStream.unorderedWait(
                        notices,
                        sinks.alertmanager,
                        AlertmanagerPoster.worstCase(config).toMillis(),
                        TimeUnit.MILLISECONDS,
                        IN_FLIGHT)
                .uid("alertmanager")
                .name("post to Alertmanager");
        deliveries.sinkTo(sinks.deliveries).uid("deliveries").name("deliveries (counted)");
        DataStream<DeadLetter> refused = deliveries
                .filter(Delivery::refused)
                .uid("refused-alerts")
                .name("refused by Alertmanager")
                .map(AlertingJob::refusedAlert, TypeInformation.of(DeadLetter.class))
                .uid("refused-unwrap")
                .name("refused alerts");
        notAlerts.union(refused).sinkTo(sinks.deadLetters).uid("dead-letters").name("dead letters");
    }
}
