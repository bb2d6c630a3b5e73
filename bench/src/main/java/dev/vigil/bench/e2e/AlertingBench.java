package dev.vigil.bench.e2e;

import dev.vigil.jobs.alerting.AlertingJob;
import dev.vigil.jobs.alerting.AlertingMain;
import dev.vigil.jobs.alerting.functions.AlertRouting;
import dev.vigil.jobs.alerting.sinks.AlertmanagerPoster;
import dev.vigil.jobs.alerting.sinks.Delivery;
import dev.vigil.jobs.alerting.sources.AlertSource;
import dev.vigil.runtime.VigilEnvironment;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.detection.AlertSink;
import dev.vigil.runtime.detection.Alerts;
import dev.vigil.schema.event.Alert;
import dev.vigil.workload.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.async.AsyncFunction;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The alerting job's runs. Its input is what the other jobs' detectors write, which the demo workload
 * produces only a handful of, so the bench writes a flood of its own: {@value #CONDITIONS} conditions
 * (40 per service, 200 services, ten services per team, plus one service raising 1,000 conditions at
 * once, which the team budget stops), each reported once per minute for {@value #ROUNDS} minutes; one
 * condition in ten doubles its rate half-way (an escalation), one in ten clears at the end (a
 * resolution). The reports go through the jobs' own signed-alert writer ({@link AlertSink}).
 */
final class AlertingBench {
    static final String STATELESS = "alerting stateless path";
    static final String DISCARDING = "alerting whole job, discarding sinks";
    static final String REAL = "alerting whole job (its real sinks)";
    static final String CEILING = "alerting sink ceiling: Alertmanager, the job's notices (notices, not reports)";

    static final int SERVICES = 200;
    static final int PER_SERVICE = 40;
    static final int FLOOD = 1_000;
    static final int CONDITIONS = SERVICES * PER_SERVICE + FLOOD;
    static final int ROUNDS = 20;
    static final long REPORTS = (long) CONDITIONS * ROUNDS;
    /** The first four rounds: what the long runs warm up on. */
    static final long WARM_UP_REPORTS = REPORTS / 5;

    private static final long T0 = 1_764_460_800_000L;

    private AlertingBench() {}

    static void run(Report report, JobRunner runner, Stack stack, String prefix, Path work) throws Exception {
        VigilConfig config = input(runner, stack, prefix + "a.", work, REPORTS);
        // The long runs' warm-ups read the first rounds again from topics of their own: the same conditions, so
        // Alertmanager already holds them when the measured run posts (as after any earlier bench run).
        VigilConfig warmConfig = input(runner, stack, prefix + "aw.", work, WARM_UP_REPORTS);

        if (report.wanted(STATELESS))
            report.add(runner.run(STATELESS, REPORTS, env -> {
                VigilEnvironment.configure(env, config, AlertingJob.NAME);
                env.fromSource(AlertSource.create(config, true), WatermarkStrategy.noWatermarks(), "kafka: alerts")
                        .filter(r -> r.alert != null)
                        .sinkTo(new DiscardingSink<>());
            }));
        if (report.wanted(DISCARDING)) {
            Consumer<StreamExecutionEnvironment> discarding = env -> {
                VigilEnvironment.configure(env, config, AlertingJob.NAME);
                discarding(config).build(env);
            };
            report.add(runner.run(DISCARDING, REPORTS, discarding));
            DiscardingAlertmanager.NOTICES.set(0);
            runner.runOnce(DISCARDING + " (counting its notices)", REPORTS, discarding);
            report.alertNotices = DiscardingAlertmanager.NOTICES.get();
            EndToEndBench.log("alerting: " + report.alertNotices + " notices for " + REPORTS + " reports");
        }
        if (report.wanted(REAL)) {
            Function<VigilConfig, Consumer<StreamExecutionEnvironment>> withSinks = c -> env -> {
                VigilEnvironment.configure(env, c, AlertingJob.NAME);
                AlertingMain.job(c, true, Map.of()).build(env);
            };
            report.add(runner.runOnceWarm(
                    REAL, REPORTS, WARM_UP_REPORTS, withSinks.apply(warmConfig), withSinks.apply(config)));
        }
        if (report.wanted(CEILING) && report.alertNotices > 0) {
            long notices = report.alertNotices;
            AlertRouting routing = AlertRouting.from(config);
            long timeout = AlertmanagerPoster.worstCase(config).toMillis();
            LongFunction<Consumer<StreamExecutionEnvironment>> posts = count -> env -> {
                VigilEnvironment.configure(env, config, AlertingJob.NAME);
                DataStream<Alert> alerts = env.fromSequence(0, count - 1)
                        .map(i -> routing.route(report(i)))
                        .returns(Alert.class);
                AsyncDataStream.unorderedWait(
                                alerts,
                                AlertmanagerPoster.from(config),
                                timeout,
                                TimeUnit.MILLISECONDS,
                                AlertingJob.IN_FLIGHT)
                        .sinkTo(new DiscardingSink<>());
            };
            report.add(
                    runner.runOnceWarm(CEILING, notices, notices / 5, posts.apply(notices / 5), posts.apply(notices)));
        }
    }

    /** Topics under {@code topicPrefix} holding the first {@code reports} reports; the config that reads them. */
    private static VigilConfig input(JobRunner runner, Stack stack, String topicPrefix, Path work, long reports)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka))) {
            Topics.create(
                    admin,
                    List.of(
                            new NewTopic(topicPrefix + AlertSink.TOPIC, 2, (short) 1),
                            new NewTopic(topicPrefix + "dead-letters", 2, (short) 1)));
        }
        VigilConfig config = stack.config(topicPrefix, work, true, yaml(stack.alertmanagerUrl));
        // One writer, so each condition's reports stay in order (the sink keys them by fingerprint)
        Measurement written = runner.runOnce("alerting input: signed detector reports into Kafka", reports, env -> {
            VigilEnvironment.configure(env, config, AlertingJob.NAME);
            env.setParallelism(1);
            env.fromSequence(0, reports - 1)
                    .map(AlertingBench::report)
                    .returns(Alert.class)
                    .sinkTo(AlertSink.create(config));
        });
        EndToEndBench.log(String.format(
                "alerting input (%s): %d reports written at %.0f/s", topicPrefix, reports, written.eventsPerSecond));
        return config;
    }

    private static AlertingJob discarding(VigilConfig config) {
        AlertingJob.Sinks discard = new AlertingJob.Sinks();
        discard.deadLetters = new DiscardingSink<>();
        discard.alertmanager = new DiscardingAlertmanager();
        discard.deliveries = new DiscardingSink<>();
        return new AlertingJob(config, AlertSource.create(config, true), discard);
    }

    /** Report {@code i}: minute {@code i / CONDITIONS} of condition {@code i % CONDITIONS}. */
    static Alert report(long i) {
        int condition = (int) (i % CONDITIONS);
        int round = (int) (i / CONDITIONS);
        String service = condition < SERVICES * PER_SERVICE ? service(condition / PER_SERVICE) : "svc-flood";
        long windowEnd = T0 + (round + 1) * 60_000L;
        double observed = condition % 10 == 0 && round >= ROUNDS / 2 ? 25 : 10;
        Alert a = Alerts.firing(
                "ErrorRateBreach",
                "warning",
                service,
                service + " operation-" + condition,
                windowEnd - 60_000L,
                windowEnd,
                observed,
                4,
                service + " errors above their usual rate");
        if (condition % 10 == 1 && round == ROUNDS - 1) a.status = Alert.RESOLVED;
        return a;
    }

    static String service(int i) {
        return String.format("svc-%03d", i);
    }

    /** Ten services per team; the flooding service belongs to the first team. */
    static String yaml(String alertmanagerUrl) {
        List<String> teams = new ArrayList<>();
        for (int s = 0; s < SERVICES; s++) teams.add("\"" + service(s) + "=team-" + (s % (SERVICES / 10)) + "\"");
        teams.add("\"svc-flood=team-0\"");
        return "alerting.alertmanager-url: \"" + alertmanagerUrl + "\"\nalerting.teams: [" + String.join(", ", teams)
                + "]\n";
    }

    /** Alertmanager's place in the discarding run: every notice delivered at once, and counted. */
    static final class DiscardingAlertmanager implements AsyncFunction<Alert, Delivery> {
        static final AtomicLong NOTICES = new AtomicLong();

        @Override
        public void asyncInvoke(Alert alert, ResultFuture<Delivery> result) {
            NOTICES.incrementAndGet();
            Delivery d = new Delivery();
            d.fingerprint = alert.fingerprint;
            d.status = alert.status;
            d.severity = alert.severity;
            d.attempts = 1;
            d.delivered = true;
            d.httpStatus = 200;
            result.complete(Collections.singleton(d));
        }
    }
}
