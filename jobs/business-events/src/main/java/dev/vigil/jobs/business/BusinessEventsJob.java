package dev.vigil.jobs.business;

import dev.vigil.jobs.business.functions.CohortCombiner;
import dev.vigil.jobs.business.functions.CohortSteps;
import dev.vigil.jobs.business.functions.FunnelCohorts;
import dev.vigil.jobs.business.functions.FunnelCounts;
import dev.vigil.jobs.business.functions.FunnelDefinition;
import dev.vigil.jobs.business.functions.FunnelProgress;
import dev.vigil.jobs.business.functions.FunnelStep;
import dev.vigil.jobs.business.functions.Kpis;
import dev.vigil.jobs.business.rows.FunnelRow;
import dev.vigil.jobs.business.rows.RevenueRow;
import dev.vigil.jobs.business.rows.UsageRow;
import dev.vigil.runtime.JobInput;
import dev.vigil.runtime.JobLauncher;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.detection.BaselineScorer;
import dev.vigil.runtime.detection.Observation;
import dev.vigil.runtime.detection.patterns.ConsecutiveBreachPattern;
import dev.vigil.runtime.detection.patterns.KpiDropPattern;
import dev.vigil.runtime.detection.patterns.SeriesAnomalyPattern;
import dev.vigil.runtime.windows.LateEvents;
import dev.vigil.runtime.windows.PaneWindows;
import dev.vigil.schema.event.Alert;
import dev.vigil.schema.event.DeadLetter;
import dev.vigil.schema.event.Event;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * Business events: per window, events and unique users by name and by feature, revenue by currency,
 * and users reaching each step of the funnels defined in config.
 */
public class BusinessEventsJob implements JobLauncher.Pipeline {
    public static final String NAME = "business-events";

    /** Where each output goes. */
    public static final class Sinks {
        public Sink<DeadLetter> deadLetters;
        public Sink<UsageRow> byName;
        public Sink<UsageRow> byFeature;
        public Sink<RevenueRow> revenue;
        public Sink<FunnelRow> funnels;
        public Sink<Alert> alerts;
    }

    private final JobInput input;
    private final VigilConfig config;
    private final Sinks sinks;

    public BusinessEventsJob(JobInput input, Sinks sinks) {
        this.input = input;
        this.config = input.config();
        this.sinks = sinks;
    }

    @Override
    public void build(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<Event> events = input.events(env, sinks.deadLetters);
        DataStream<Event> business =
                events.filter(Kpis::isBusiness).uid("business").name("business events");

        // Each window pre-aggregates per key and pane before its shuffle (one HyperLogLog merge per key and
        // pane in RocksDB, not a sketch decoded and encoded per event). Every business event has a name: this
        // window counts late events once, the others over the same events name it.
        SingleOutputStreamOperator<UsageRow> byName = PaneWindows.keyedAggregate(
                business,
                e -> e.business.name,
                Types.STRING,
                new Kpis.CountUsers(),
                Kpis.Usage.class,
                new Kpis.UsageToRow(),
                LateEvents.counted(u -> u.events),
                config,
                NAME,
                "by-name-pre-aggregate",
                "by-name",
                "events and users by name");
        byName.sinkTo(sinks.byName).uid("by-name-sink").name("timescaledb: business_events_base");

        PaneWindows.keyedAggregate(
                        business.filter(Kpis::hasFeature).uid("features").name("feature use"),
                        e -> e.business.feature,
                        Types.STRING,
                        new Kpis.CountUsers(),
                        Kpis.Usage.class,
                        new Kpis.UsageToRow(),
                        LateEvents.countedBy("by-name"),
                        config,
                        NAME,
                        "by-feature-pre-aggregate",
                        "by-feature",
                        "events and users by feature")
                .sinkTo(sinks.byFeature)
                .uid("by-feature-sink")
                .name("timescaledb: business_features_base");

        PaneWindows.keyedAggregate(
                        business.filter(Kpis::hasRevenue).uid("revenue").name("revenue events"),
                        e -> e.business.currency,
                        Types.STRING,
                        new Kpis.SumRevenue(),
                        Kpis.Revenue.class,
                        new Kpis.RevenueToRow(),
                        LateEvents.countedBy("by-name"),
                        config,
                        NAME,
                        "revenue-pre-aggregate",
                        "revenue-by-currency",
                        "revenue by currency")
                .sinkTo(sinks.revenue)
                .uid("revenue-sink")
                .name("timescaledb: business_revenue_base");

        List<FunnelDefinition> funnels = FunnelDefinition.parseAll(config.get(VigilOptions.FUNNELS));
        if (funnels.isEmpty()) return;
        SingleOutputStreamOperator<FunnelStep> progress = business.flatMap(
                        (Event e, Collector<Tuple2<FunnelProgress.User, FunnelProgress.Hit>> out) ->
                                FunnelProgress.route(funnels, e, out))
                .returns(Types.TUPLE(FunnelProgress.User.TYPE, FunnelProgress.Hit.TYPE))
                .uid("funnel-route")
                .name("funnel steps by user")
                .keyBy(t -> t.f0, FunnelProgress.User.TYPE)
                .transform(
                        "funnel progress",
                        TypeInformation.of(FunnelStep.class),
                        new FunnelProgress(funnels, config.get(VigilOptions.FUNNELS_CACHED_RUNS)))
                .uid("funnel-progress");
        // a step has its event's time, so it is late exactly when its event is; counted per key and pane in
        // the progress task first, so the window's RocksDB state and timers see a partial, not every step
        SingleOutputStreamOperator<FunnelRow> steps = PaneWindows.keyedAggregate(
                progress,
                FunnelCounts.Key::of,
                FunnelCounts.Key.TYPE,
                new FunnelCounts.Count(),
                Long.class,
                new FunnelCounts.ToRow(),
                LateEvents.countedBy("by-name"),
                config,
                NAME,
                "funnel-counts-pre-aggregate",
                "funnel-counts",
                "funnel step counts");
        steps.sinkTo(sinks.funnels).uid("funnel-sink").name("timescaledb: funnel_steps_base");

        // KPI drop: each funnel's conversion per window of entrants against its baseline.
        long size = config.get(VigilOptions.<Long>window(NAME, "size"));
        SingleOutputStreamOperator<Observation> conversion = progress.transform(
                        "funnel steps per cohort",
                        TypeInformation.of(CohortSteps.class),
                        new CohortCombiner(funnels, size))
                .uid("funnel-cohort-pre-aggregate")
                .keyBy(c -> c.funnel, TypeInformation.of(String.class))
                .process(new FunnelCohorts(funnels, size))
                .uid("funnel-cohorts")
                .name("funnel conversion by cohort");
        DataStream<Observation> scored = BaselineScorer.scored(conversion, config);
        DataStream<Alert> alerts = ConsecutiveBreachPattern.detect(scored, KpiDropPattern.rule(config));
        if (SeriesAnomalyPattern.enabled(config))
            alerts = alerts.union(ConsecutiveBreachPattern.detect(
                    scored, SeriesAnomalyPattern.rule(config.get(VigilOptions.KPI_DROP_MIN_ENTRIES))));
        alerts.sinkTo(sinks.alerts).uid("alerts-sink").name("kafka: alerts");
    }
}
