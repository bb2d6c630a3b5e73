package dev.vigil.bench.e2e;

import dev.vigil.jobs.agentlogs.AgentLogsJob;
import dev.vigil.jobs.agentlogs.AgentLogsMain;
import dev.vigil.jobs.agentlogs.rows.Journey;
import dev.vigil.jobs.agentlogs.sinks.AgentLogTables;
import dev.vigil.jobs.alerting.AlertingJob;
import dev.vigil.jobs.business.BusinessEventsJob;
import dev.vigil.jobs.business.BusinessEventsMain;
import dev.vigil.jobs.business.functions.Kpis;
import dev.vigil.jobs.business.rows.FunnelRow;
import dev.vigil.jobs.business.rows.RevenueRow;
import dev.vigil.jobs.business.rows.UsageRow;
import dev.vigil.jobs.business.sinks.BusinessTables;
import dev.vigil.jobs.errors.ErrorsJob;
import dev.vigil.jobs.errors.ErrorsMain;
import dev.vigil.jobs.metrics.PerformanceMetricsJob;
import dev.vigil.jobs.metrics.PerformanceMetricsMain;
import dev.vigil.jobs.metrics.functions.Timings;
import dev.vigil.jobs.metrics.rows.CounterRow;
import dev.vigil.jobs.metrics.rows.GaugeRow;
import dev.vigil.jobs.metrics.rows.HistogramRow;
import dev.vigil.jobs.metrics.rows.ResourceRow;
import dev.vigil.jobs.metrics.rows.TimingRow;
import dev.vigil.jobs.metrics.sinks.KindTables;
import dev.vigil.jobs.metrics.sinks.TimingTables;
import dev.vigil.runtime.JobInput;
import dev.vigil.runtime.JobLauncher;
import dev.vigil.runtime.JobRules;
import dev.vigil.runtime.VigilEnvironment;
import dev.vigil.runtime.accounting.SampleEvents;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.sinks.archive.ArchiveSink;
import dev.vigil.runtime.sinks.hot.HotTierSink;
import dev.vigil.runtime.sinks.timescale.Migrations;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.bridge.java.StreamStatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.util.FileUtils;

/**
 * {@code ./vigil bench}: preloads Kafka with the demo's workload, then measures on the local stack the
 * raw-consumer ceiling; for each job its stateless path, the whole job with discarding sinks and with its real
 * sinks; the sinks' own ceilings; the performance-metrics windowed aggregation against the same in Flink SQL;
 * the TimescaleDB sink, the Parquet archive's size, the hot tier, and event-time-to-row latency. Writes Markdown and JSON under bench/results/.
 */
public final class EndToEndBench {
    /** Errors and business events are 1% and 6% of the workload's records: their jobs read this many times the requests. */
    static final int FEW_REQUESTS = 10;

    /**
     * And each error this many times (distinct correlation IDs): with the errors of ten times the requests alone
     * (26,745), the errors job's runs lasted 0.1-0.3 s, too short for a rate.
     */
    static final int ERROR_COPIES = 10;

    /** The few preload's streams: each error ten times (under correlation IDs of its own), business events once. */
    static final Map<String, Integer> FEW_STREAMS = Map.of("errors", ERROR_COPIES, "business-events", 1);

    private EndToEndBench() {}

    public static void main(String[] args) throws Exception {
        int requests =
                100_000; // about 300K log and 270K metric records: fast paths run long enough to be past JIT warm-up
        Path out = Path.of("bench/results");
        String only = "";
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--requests")) requests = Integer.parseInt(args[++i]);
            else if (args[i].equals("--out")) out = Path.of(args[++i]);
            else if (args[i].equals("--only")) only = args[++i];
        }
        Stack stack = new Stack();
        RunNames names = RunNames.of(UUID.randomUUID().toString().substring(0, 6));
        Path work = Files.createTempDirectory("vigil-bench");
        Report report = new Report(requests, only);
        try {
            measure(report, stack, names, work, requests);
        } finally {
            stack.deleteRun(names.prefixes());
            FileUtils.deleteDirectoryQuietly(work.toFile()); // its checkpoints and keys
        }
        report.write(out);
        System.out.println(report.markdown());
    }

    /** The prefixes one run creates its topics, indices and archive under, all dropped at its end. */
    private record RunNames(String run, String prefix, String hotLive, String live) {
        static RunNames of(String run) {
            return new RunNames(run, "bench" + run + ".", "hotlive" + run + ".", "live" + run + ".");
        }

        List<String> prefixes() {
            return List.of(prefix, hotLive, live);
        }
    }

    private static void measure(Report report, Stack stack, RunNames names, Path work, int requests) throws Exception {
        String run = names.run();
        String prefix = names.prefix();

        log("preloading Kafka: " + requests + " requests of the demo workload");
        Preload load = Preload.run(stack.kafka, prefix, requests, 2);
        long logs = load.records("agent-logs");
        long metrics = load.records("performance-metrics");
        report.preload = load;
        log("preloaded " + logs + " agent-log, " + metrics + " metric, " + load.records("errors") + " error and "
                + load.records("business-events") + " business records");

        log("ceiling: plain Kafka consumers, one per partition");
        report.ceilingLogs = KafkaCeiling.read(stack.kafka, prefix + "agent-logs", logs);
        report.ceilingMetrics = KafkaCeiling.read(stack.kafka, prefix + "performance-metrics", metrics);

        Configuration flink = new Configuration();
        flink.setString("s3.endpoint", stack.s3Endpoint);
        flink.setString("s3.path.style.access", "true");
        flink.setString("s3.endpoint.region", "us-east-1");
        flink.setString("s3.access-key", stack.s3AccessKey);
        flink.setString("s3.secret-key", stack.s3SecretKey);
        // The managed memory (RocksDB) of the chart's performance-metrics TaskManager: 4 GiB process, 2 slots.
        flink.setString("taskmanager.memory.managed.size", System.getProperty("vigil.bench.managed", "1400m"));
        // Flink options to compare, e.g. -Dvigil.bench.flink=state.backend.rocksdb.use-bloom-filter=true
        for (String kv : System.getProperty("vigil.bench.flink", "").split(",")) {
            if (!kv.isEmpty()) flink.setString(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        FileSystem.initialize(flink, null);
        VigilConfig config =
                stack.config(prefix, work, true, "windows: {performance-metrics: {out-of-orderness: 2s}}\n");
        AgentLogsMain.prepareStores(config);
        Migrations.apply(config);
        log("preloading the warm-up slice: " + requests / 5 + " requests");
        Preload warm = Preload.warmUpSlice(stack.kafka, prefix + "w.", requests / 5, Preload.ALL_STREAMS);
        VigilConfig warmConfig =
                stack.config(prefix + "w.", work, true, "windows: {performance-metrics: {out-of-orderness: 2s}}\n");
        AgentLogsMain.prepareStores(warmConfig);

        try (JobRunner runner = new JobRunner(flink)) {
            if (report.wanted("agent-logs stateless"))
                report.add(runner.run("agent-logs stateless path", logs, env -> {
                    VigilEnvironment.configure(env, config, AgentLogsJob.NAME);
                    JobInput input = JobInput.fromConfig(AgentLogsJob.NAME, config, true, Map.of());
                    input.events(env, new DiscardingSink<>())
                            .filter(e -> e.type == EventType.AGENT_LOG)
                            .flatMap(new SampleEvents(JobRules.sampling(config)))
                            .sinkTo(new DiscardingSink<>());
                }));
            if (report.wanted("agent-logs whole job, discarding sinks"))
                report.add(runner.run("agent-logs whole job, discarding sinks", logs, env -> {
                    // the job's own cost: every operator, state and timer of the job, no sink I/O
                    VigilEnvironment.configure(env, config, AgentLogsJob.NAME);
                    AgentLogsJob.Sinks discard = new AgentLogsJob.Sinks();
                    discard.logIndex = new DiscardingSink<>();
                    discard.archive = new DiscardingSink<>();
                    discard.deadLetters = new DiscardingSink<>();
                    discard.logCounts = new DiscardingSink<>();
                    discard.agentUsage = new DiscardingSink<>();
                    discard.journeyIndex = new DiscardingSink<>();
                    discard.journeyHops = new DiscardingSink<>();
                    discard.alerts = new DiscardingSink<>();
                    new AgentLogsJob(
                                    JobInput.fromConfig(AgentLogsJob.NAME, config, true, Map.of()),
                                    discard,
                                    JobRules.sampling(config))
                            .build(env);
                }));
            // The job with its real sinks, and each sink's own ceiling on the job's events (in input events/s, into
            // indices and an archive of their own): each long run after warm-ups on the slice, into stores of its own
            long warmLogs = warm.records("agent-logs");
            Function<VigilConfig, Consumer<StreamExecutionEnvironment>> agentLogs = c -> env -> {
                VigilEnvironment.configure(env, c, AgentLogsJob.NAME);
                AgentLogsMain.job(c, true, Map.of()).build(env);
            };
            if (report.wanted("agent-logs whole job")) {
                report.add(runner.runOnceWarm(
                        "agent-logs whole job (Elasticsearch, TimescaleDB, Parquet on S3)",
                        logs,
                        warmLogs,
                        agentLogs.apply(warmConfig),
                        agentLogs.apply(config)));
                report.archive =
                        ArchiveSize.measure(stack, prefix.replace('.', '/') + "archive/", load.bytes("agent-logs"));
            }
            VigilConfig ceiling = stack.config(prefix, prefix + "ceiling.", work, true, "");
            VigilConfig warmCeiling = stack.config(prefix + "w.", prefix + "w.ceiling.", work, true, "");
            if (report.wanted(Report.SEARCH_CEILING) || report.wanted(Report.JOURNEYS_CEILING)) {
                AgentLogsMain.prepareStores(ceiling);
                AgentLogsMain.prepareStores(warmCeiling);
            }
            if (report.wanted(Report.SEARCH_CEILING)) {
                Function<VigilConfig, Consumer<StreamExecutionEnvironment>> logIndex = c -> env -> {
                    VigilEnvironment.configure(env, c, AgentLogsJob.NAME);
                    JobInput.fromConfig(AgentLogsJob.NAME, c, true, Map.of())
                            .events(env, new DiscardingSink<>())
                            .filter(e -> e.type == EventType.AGENT_LOG)
                            .flatMap(new SampleEvents(JobRules.sampling(c)))
                            .sinkTo(AgentLogsMain.logIndex(c));
                };
                report.add(runner.runOnceWarm(
                        Report.SEARCH_CEILING, logs, warmLogs, logIndex.apply(warmCeiling), logIndex.apply(ceiling)));
            }
            // The job's other large write: a row per service a request passed through (about 0.9 per log event here)
            long hops = logs;
            if (report.wanted(Report.HOPS_CEILING)) {
                BiFunction<String, Long, Consumer<StreamExecutionEnvironment>> hopRows = (ids, count) -> env -> {
                    VigilEnvironment.configure(env, ceiling, AgentLogsJob.NAME);
                    long start = System.currentTimeMillis() - 3_600_000L;
                    env.fromSequence(0, count - 1)
                            .map(i -> hopRow(ids, start, i))
                            .returns(AgentLogTables.HopRow.class)
                            .sinkTo(AgentLogTables.journeyHops(ceiling));
                };
                report.add(runner.runOnceWarm(
                        Report.HOPS_CEILING,
                        hops,
                        hops / 5,
                        hopRows.apply(run + "w", hops / 5),
                        hopRows.apply(run, hops)));
            }
            // Its third: a journey document per request (the workload's requests each carry one correlation ID)
            if (report.wanted(Report.JOURNEYS_CEILING)) {
                long journeys = requests;
                BiFunction<VigilConfig, Long, Consumer<StreamExecutionEnvironment>> journeyDocs = (c, count) -> env -> {
                    VigilEnvironment.configure(env, c, AgentLogsJob.NAME);
                    long start = System.currentTimeMillis() - 3_600_000L;
                    env.fromSequence(0, count - 1)
                            .map(i -> journey(run, start, i))
                            .returns(Journey.class)
                            .sinkTo(AgentLogsMain.journeyIndex(c));
                };
                report.add(runner.runOnceWarm(
                        Report.JOURNEYS_CEILING,
                        journeys,
                        journeys / 5,
                        journeyDocs.apply(warmCeiling, journeys / 5),
                        journeyDocs.apply(ceiling, journeys)));
            }
            if (report.wanted(Report.ARCHIVE_CEILING)) {
                Function<VigilConfig, Consumer<StreamExecutionEnvironment>> archive = c -> env -> {
                    VigilEnvironment.configure(env, c, AgentLogsJob.NAME);
                    JobInput.fromConfig(AgentLogsJob.NAME, c, true, Map.of())
                            .events(env, new DiscardingSink<>())
                            .sinkTo(ArchiveSink.create(c, AgentLogsJob.NAME));
                };
                report.add(runner.runOnceWarm(
                        Report.ARCHIVE_CEILING, logs, warmLogs, archive.apply(warmCeiling), archive.apply(ceiling)));
            }

            Preload few = report.wantsAny(ErrorsJob.NAME) || report.wantsAny(BusinessEventsJob.NAME)
                    ? Preload.run(stack.kafka, prefix + "x.", requests * FEW_REQUESTS, 2, FEW_STREAMS)
                    : null;
            Preload fewWarm = few == null
                    ? null
                    : Preload.warmUpSlice(stack.kafka, prefix + "xw.", requests * FEW_REQUESTS / 5, FEW_STREAMS);
            report.few = few;
            VigilConfig fewConfig = stack.config(prefix + "x.", prefix, work, true, "");
            VigilConfig fewWarmConfig = stack.config(prefix + "xw.", prefix + "xw.", work, true, "");
            ErrorsMain.prepareStores(fewConfig);
            ErrorsMain.prepareStores(fewWarmConfig);
            jobRuns(
                    report,
                    runner,
                    fewConfig,
                    fewWarmConfig,
                    ErrorsJob.NAME,
                    few,
                    fewWarm,
                    e -> e.type == EventType.ERROR,
                    () -> {
                        ErrorsJob.Sinks discard = new ErrorsJob.Sinks();
                        discard.deadLetters = new DiscardingSink<>();
                        discard.occurrences = new DiscardingSink<>();
                        discard.groupCounts = new DiscardingSink<>();
                        discard.groups = new DiscardingSink<>();
                        discard.alerts = new DiscardingSink<>();
                        return new ErrorsJob(JobInput.fromConfig(ErrorsJob.NAME, fewConfig, true, Map.of()), discard);
                    },
                    c -> ErrorsMain.job(c, true, Map.of()));
            // the errors job's largest write: an occurrence document per error (here without its group fields)
            if (few != null && report.wanted(Report.ERRORS_SEARCH_CEILING)) {
                VigilConfig fewCeiling = stack.config(prefix + "x.", prefix + "ceiling.", work, true, "");
                ErrorsMain.prepareStores(fewCeiling);
                VigilConfig fewWarmCeiling = stack.config(prefix + "xw.", prefix + "xw.ceiling.", work, true, "");
                ErrorsMain.prepareStores(fewWarmCeiling);
                Function<VigilConfig, Consumer<StreamExecutionEnvironment>> occurrences = c -> env -> {
                    VigilEnvironment.configure(env, c, ErrorsJob.NAME);
                    JobInput.fromConfig(ErrorsJob.NAME, c, true, Map.of())
                            .events(env, new DiscardingSink<>())
                            .filter(e -> e.type == EventType.ERROR)
                            .sinkTo(ErrorsMain.occurrences(c));
                };
                report.add(runner.runOnceWarm(
                        Report.ERRORS_SEARCH_CEILING,
                        few.records("errors"),
                        fewWarm.records("errors"),
                        occurrences.apply(fewWarmCeiling),
                        occurrences.apply(fewCeiling)));
            }
            jobRuns(
                    report,
                    runner,
                    fewConfig,
                    fewWarmConfig,
                    BusinessEventsJob.NAME,
                    few,
                    fewWarm,
                    Kpis::isBusiness,
                    () -> new BusinessEventsJob(
                            JobInput.fromConfig(BusinessEventsJob.NAME, fewConfig, true, Map.of()),
                            discardingBusinessSinks()),
                    c -> BusinessEventsMain.job(c, true, Map.of()));
            if (few != null && report.wanted(Report.BUSINESS_ROWS_CEILING)) {
                CapturedRows rows = new CapturedRows();
                BusinessEventsJob.Sinks keep = discardingBusinessSinks();
                keep.byName = rows.table(
                        TypeInformation.of(UsageRow.class),
                        c -> BusinessTables.usage(c, "business_events_base", "name"));
                keep.byFeature = rows.table(
                        TypeInformation.of(UsageRow.class),
                        c -> BusinessTables.usage(c, "business_features_base", "feature"));
                keep.revenue = rows.table(TypeInformation.of(RevenueRow.class), BusinessTables::revenue);
                keep.funnels = rows.table(TypeInformation.of(FunnelRow.class), BusinessTables::funnels);
                rowsCeiling(
                        report,
                        runner,
                        Report.BUSINESS_ROWS_CEILING,
                        BusinessEventsJob.NAME,
                        fewConfig,
                        few.records("business-events"),
                        rows,
                        new BusinessEventsJob(
                                JobInput.fromConfig(BusinessEventsJob.NAME, fewConfig, true, Map.of()), keep));
            }

            if (report.wantsAny(AlertingJob.NAME)) AlertingBench.run(report, runner, stack, prefix, work);

            if (report.wanted("performance-metrics timer"))
                report.add(runner.run("performance-metrics timer windows (DDSketch quantiles)", metrics, env -> {
                    VigilEnvironment.configure(env, config, PerformanceMetricsJob.NAME);
                    DataStream<Event> timers = JobInput.fromConfig(PerformanceMetricsJob.NAME, config, true, Map.of())
                            .events(env, new DiscardingSink<>())
                            .filter(Timings::isTimer);
                    PerformanceMetricsJob.baseTimings(PerformanceMetricsJob.timerPartials(timers, config), config)
                            .sinkTo(new DiscardingSink<>());
                }));
            if (report.wanted("Flink SQL"))
                report.add(runner.run(
                        "Flink SQL: TUMBLE + GROUP BY (count, sum, min, max, avg)",
                        metrics,
                        env -> sql(env, stack, prefix)));
            jobRuns(
                    report,
                    runner,
                    config,
                    warmConfig,
                    PerformanceMetricsJob.NAME,
                    load,
                    warm,
                    e -> e.type == EventType.PERFORMANCE_METRIC,
                    () -> new PerformanceMetricsJob(
                            JobInput.fromConfig(PerformanceMetricsJob.NAME, config, true, Map.of()),
                            discardingMetricsSinks()),
                    c -> PerformanceMetricsMain.job(c, true, Map.of()));
            if (report.wanted(Report.METRICS_ROWS_CEILING)) {
                CapturedRows rows = new CapturedRows();
                PerformanceMetricsJob.Sinks keep = discardingMetricsSinks();
                keep.base = rows.table(TypeInformation.of(TimingRow.class), TimingTables::base);
                for (String level : TimingTables.LEVELS)
                    keep.rollups.put(
                            level, rows.table(TypeInformation.of(TimingRow.class), c -> TimingTables.rollup(c, level)));
                keep.counters = rows.table(TypeInformation.of(CounterRow.class), KindTables::counters);
                keep.gauges = rows.table(TypeInformation.of(GaugeRow.class), KindTables::gauges);
                keep.resources = rows.table(TypeInformation.of(ResourceRow.class), KindTables::resources);
                keep.histograms = rows.table(TypeInformation.of(HistogramRow.class), KindTables::histograms);
                rowsCeiling(
                        report,
                        runner,
                        Report.METRICS_ROWS_CEILING,
                        PerformanceMetricsJob.NAME,
                        config,
                        metrics,
                        rows,
                        new PerformanceMetricsJob(
                                JobInput.fromConfig(PerformanceMetricsJob.NAME, config, true, Map.of()), keep));
            }
            long rows = Math.max(100_000, requests * 4L);
            if (report.wanted("TimescaleDB")) {
                // the warm-ups write rows of other keys (negative numbers: other services and buckets)
                BiFunction<Long, Long, Consumer<StreamExecutionEnvironment>> upserts = (from, to) -> env -> {
                    VigilEnvironment.configure(env, config, PerformanceMetricsJob.NAME);
                    env.fromSequence(from, to)
                            .map(EndToEndBench::row)
                            .returns(TimingRow.class)
                            .sinkTo(TimingTables.base(config));
                };
                report.add(runner.runOnceWarm(
                        "TimescaleDB sink (upserts, rows)",
                        rows,
                        rows / 5,
                        upserts.apply(-rows / 5, -1L),
                        upserts.apply(1L, rows)));
            }

            long hot = Long.getLong("vigil.bench.hot-events", Math.max(200_000, requests * 10L));
            if (report.wanted("Redis hot tier")) {
                // Redis on the same two cores. Streams capped at 50,000 each, so all of a million events stay readable.
                // Bursts first (they also warm the JIT up): a bounded source outruns Redis (in-flight bound lifted so
                // none is
                // dropped), so the rate is what Redis applies at most; in rounds of 200,000, as a longer burst would
                // only
                // measure Lettuce's command timeout.
                String hotPrefix = "bench" + run + ":";
                VigilConfig hotConfig = stack.config(
                        prefix,
                        work,
                        true,
                        "redis: {uri: \"" + stack.redisUri + "\", password-file: \"" + stack.redisPasswordFile
                                + "\"}\nhot-tier: {key-prefix: \"" + hotPrefix
                                + "\", max-in-flight: 1000000, stream-max-length: 50000}\n");
                for (long from = 1; from <= hot; from += 200_000) {
                    long first = from, last = Math.min(hot, from + 199_999);
                    HotTierBench.AppliedWatch applied = HotTierBench.watchApplied(hotConfig, last - first + 1);
                    Measurement round = runner.runOnce(
                            "Redis hot-tier sink (events, 20 services, each with a request), events " + first + "-"
                                    + last,
                            last - first + 1,
                            env -> {
                                VigilEnvironment.configure(env, hotConfig, AgentLogsJob.NAME);
                                env.fromSequence(first, last)
                                        .map(EndToEndBench::hotEvent)
                                        .returns(Event.class)
                                        .sinkTo(HotTierSink.create(hotConfig));
                            });
                    report.add(round);
                    // the source may finish before Redis has answered: the sink's rate is what Redis applied
                    log(String.format(
                            "hot tier, events %d-%d: %,.0f events/s read by the source, %,.0f events/s to the job's end; "
                                    + "Redis (XADD calls, first to last): %s",
                            first,
                            last,
                            round.eventsPerSecond,
                            round.events / Math.max(1e-3, round.drainedSeconds),
                            applied.result()));
                }
                HotTierBench.report(hotConfig, hot);
                HotTierBench.clear(stack, hotPrefix);

                // Then paced at the goal with the sink's default in-flight bound: it sustains the rate when Redis
                // applies every
                // event (none dropped) and keeps pace with the source.
                String pacedPrefix = "bench" + run + "paced:";
                VigilConfig pacedConfig = stack.config(
                        prefix,
                        work,
                        true,
                        "redis: {uri: \"" + stack.redisUri + "\", password-file: \"" + stack.redisPasswordFile
                                + "\"}\nhot-tier: {key-prefix: \"" + pacedPrefix + "\", stream-max-length: 50000}\n");
                long paced = 1_000_000;
                int rate = Integer.getInteger("vigil.bench.hot-rate", 50_000);
                HotTierBench.AppliedWatch pacedApplied = HotTierBench.watchApplied(pacedConfig, paced);
                Measurement pacedRun = runner.runOnce(
                        "Redis hot-tier sink paced at " + rate + " events/s (default in-flight bound)", paced, env -> {
                            VigilEnvironment.configure(env, pacedConfig, AgentLogsJob.NAME);
                            env.fromSequence(1, paced)
                                    .map(new PacedEvents(rate))
                                    .returns(Event.class)
                                    .sinkTo(HotTierSink.create(pacedConfig));
                        });
                report.add(pacedRun);
                log(String.format(
                        "hot tier paced at %,d events/s: %,.0f events/s read by the source; Redis: %s",
                        rate, pacedRun.eventsPerSecond, pacedApplied.result()));
                HotTierBench.clear(stack, pacedPrefix);
            }

            try (Connection c = DriverManager.getConnection(stack.pgUrl, stack.pgUser, stack.pgPassword());
                    Statement s = c.createStatement()) {
                s.execute("DELETE FROM metric_timings_base WHERE service LIKE 'bench-sink-%'");
                s.execute("DELETE FROM journey_hops WHERE correlation_id LIKE 'bench" + run + "-%'");
            }
            if (report.wanted("hot-tier latency"))
                HotTierLatency.measure(stack, runner, work, names.hotLive(), 1000, 60);
            if (report.wanted("latency"))
                report.latency = LiveLatency.measure(stack, runner, work, names.live(), 1000, 70);
        }
    }

    /** The Flink SQL a user would write for the timer windows: same topic, same keys, what SQL can compute. */
    static void sql(StreamExecutionEnvironment env, Stack stack, String prefix) {
        env.setParallelism(2);
        StreamTableEnvironment t = StreamTableEnvironment.create(env);
        t.executeSql("""
                CREATE TABLE metrics (
                  `timestamp` STRING, service STRING, operation STRING, name STRING, kind STRING, `value` DOUBLE,
                  tags MAP<STRING, STRING>,
                  ts AS CAST(REPLACE(REPLACE(`timestamp`, 'T', ' '), 'Z', '') AS TIMESTAMP(3)),
                  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
                ) WITH (
                  'connector' = 'kafka', 'topic' = '%sperformance-metrics', 'properties.bootstrap.servers' = '%s',
                  'properties.group.id' = 'bench-sql', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',
                  'format' = 'json', 'json.ignore-parse-errors' = 'true')""".formatted(prefix, stack.kafka));
        t.executeSql("""
                CREATE TABLE timings (window_start TIMESTAMP(3), service STRING, operation STRING, name STRING, status STRING, region STRING,
                  cnt BIGINT, total DOUBLE, mn DOUBLE, mx DOUBLE, mean DOUBLE) WITH ('connector' = 'blackhole')""");
        StreamStatementSet set = t.createStatementSet();
        set.addInsertSql("""
                INSERT INTO timings
                SELECT window_start, service, operation, name, tags['status'], tags['region'],
                       COUNT(*), SUM(`value`), MIN(`value`), MAX(`value`), AVG(`value`)
                FROM TABLE(TUMBLE(TABLE metrics, DESCRIPTOR(ts), INTERVAL '10' SECOND))
                WHERE kind = 'timer'
                GROUP BY window_start, window_end, service, operation, name, tags['status'], tags['region']""");
        set.attachAsDataStream();
    }

    /** An agent log of about 300 JSON bytes, as the demo's request logs are. */
    static Event hotEvent(long i) {
        Event e = new Event();
        e.type = EventType.AGENT_LOG;
        e.schemaVersion = Event.CURRENT_SCHEMA_VERSION;
        e.eventId = "hot-" + i;
        e.timestamp = 1_764_460_800_000L + i;
        e.service = "bench-svc-" + (i % 20);
        e.correlationId = "req-" + (i / 4);
        e.agentLog = new dev.vigil.schema.event.AgentLog();
        e.agentLog.level = i % 10 == 0 ? "WARN" : "INFO";
        e.agentLog.message = "POST /api/checkout handled in " + (i % 900)
                + " ms for customer [email] (cart 3 items, total [card:****1111])";
        return e;
    }

    static TimingRow row(long i) {
        TimingRow r = new TimingRow();
        r.bucket = 1_700_000_000_000L + (i / 500) * 10_000L;
        r.windowSeconds = 10;
        r.service = "bench-sink-" + (i % 500);
        r.operation = "GET /";
        r.name = "http.server.duration";
        r.tags = "";
        r.unit = "ms";
        r.count = 10;
        r.sum = 100;
        r.min = 1;
        r.max = 20;
        r.p50 = r.p90 = r.p95 = r.p99 = r.p999 = 10;
        r.sketch = new byte[32];
        r.binIndexes = new int[] {1, 2, 3};
        r.binCounts = new long[] {3, 3, 4};
        return r;
    }

    private static PerformanceMetricsJob.Sinks discardingMetricsSinks() {
        PerformanceMetricsJob.Sinks discard = new PerformanceMetricsJob.Sinks();
        discard.deadLetters = new DiscardingSink<>();
        discard.base = new DiscardingSink<>();
        discard.rollups = new HashMap<>();
        for (String level : TimingTables.LEVELS) discard.rollups.put(level, new DiscardingSink<>());
        discard.counters = new DiscardingSink<>();
        discard.gauges = new DiscardingSink<>();
        discard.resources = new DiscardingSink<>();
        discard.histograms = new DiscardingSink<>();
        discard.alerts = new DiscardingSink<>();
        return discard;
    }

    private static BusinessEventsJob.Sinks discardingBusinessSinks() {
        BusinessEventsJob.Sinks discard = new BusinessEventsJob.Sinks();
        discard.deadLetters = new DiscardingSink<>();
        discard.byName = new DiscardingSink<>();
        discard.byFeature = new DiscardingSink<>();
        discard.revenue = new DiscardingSink<>();
        discard.funnels = new DiscardingSink<>();
        discard.alerts = new DiscardingSink<>();
        return discard;
    }

    /**
     * A job's TimescaleDB sinks' ceiling on its own rows: {@code keeping} (the job with {@code rows}' sinks in place
     * of its tables') runs once, unmeasured, then its real sinks alone write those rows again, after warm-ups writing
     * them (the same keys, so all are upserts of rows the job's own runs wrote), measured until the last is written.
     * In rows/s; the report converts it to the job's input events/s.
     */
    private static void rowsCeiling(
            Report report,
            JobRunner runner,
            String name,
            String job,
            VigilConfig config,
            long inputEvents,
            CapturedRows rows,
            JobLauncher.Pipeline keeping)
            throws Exception {
        try {
            runner.runOnce(name + " (keeping the job's rows)", inputEvents, env -> {
                VigilEnvironment.configure(env, config, job);
                keeping.build(env);
            });
            long count = rows.count();
            log(String.format("%s: the job wrote %d rows for %d input events", name, count, inputEvents));
            Consumer<StreamExecutionEnvironment> write = env -> {
                VigilEnvironment.configure(env, config, job);
                rows.writeTo(env, config);
            };
            report.add(runner.runUntilWritten(name, count, write));
        } finally {
            rows.clear();
        }
    }

    /**
     * A job's three runs on its own topic: its stateless path (source, parse, validate, mask, its own events;
     * discarding sink), the whole job with discarding sinks (its own cost), and the whole job with its real sinks.
     */
    private static void jobRuns(
            Report report,
            JobRunner runner,
            VigilConfig config,
            VigilConfig warmConfig,
            String job,
            Preload preload,
            Preload warm,
            FilterFunction<Event> own,
            Supplier<JobLauncher.Pipeline> discarding,
            Function<VigilConfig, JobLauncher.Pipeline> real)
            throws Exception {
        if (preload == null) return;
        long records = preload.records(job);
        if (report.wanted(job + " stateless"))
            report.add(runner.run(job + " stateless path", records, env -> {
                VigilEnvironment.configure(env, config, job);
                JobInput.fromConfig(job, config, true, Map.of())
                        .events(env, new DiscardingSink<>())
                        .filter(own)
                        .sinkTo(new DiscardingSink<>());
            }));
        if (report.wanted(job + " whole job, discarding sinks"))
            // with a warm-up run: these topics are small enough that JIT compilation would take much of a single run
            report.add(runner.run(job + " whole job, discarding sinks", records, env -> {
                VigilEnvironment.configure(env, config, job);
                discarding.get().build(env);
            }));
        if (report.wanted(job + " whole job (its real sinks)")) {
            Function<VigilConfig, Consumer<StreamExecutionEnvironment>> withSinks = c -> env -> {
                VigilEnvironment.configure(env, c, job);
                real.apply(c).build(env);
            };
            report.add(runner.runOnceWarm(
                    job + " whole job (its real sinks)",
                    records,
                    warm.records(job),
                    withSinks.apply(warmConfig),
                    withSinks.apply(config)));
        }
    }

    /** Hop {@code i % 3} of request {@code i / 3}, a request starting every 3 ms. */
    static AgentLogTables.HopRow hopRow(String run, long start, long i) {
        AgentLogTables.HopRow r = new AgentLogTables.HopRow();
        r.startedAt = start + (i / 3) * 3;
        r.correlationId = "bench" + run + "-" + (i / 3);
        r.hop = (int) (i % 3);
        r.service = "checkout-" + (i % 7);
        r.latencyMs = i % 250;
        r.error = i % 50 == 0;
        return r;
    }

    /** A request's journey through three services, as the job writes one when the request's session closes. */
    static Journey journey(String run, long start, long i) {
        Journey j = new Journey();
        j.correlationId = "bench" + run + "-" + i;
        j.start = start + i * 10;
        j.services = new String[] {"gateway", "checkout-" + (i % 7), "payments"};
        j.hopLatencyMs = new long[] {i % 40, i % 250, i % 90};
        j.end = j.start + j.hopLatencyMs[0] + j.hopLatencyMs[1] + j.hopLatencyMs[2];
        j.eventCount = 3;
        j.error = i % 50 == 0;
        return j;
    }

    static void log(String s) {
        System.err.println("vigil bench: " + s);
    }
}
