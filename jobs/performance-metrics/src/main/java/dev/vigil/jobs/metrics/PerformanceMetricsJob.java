package dev.vigil.jobs.metrics;

import dev.vigil.jobs.metrics.functions.CounterDelta;
import dev.vigil.jobs.metrics.functions.CounterDeltas;
import dev.vigil.jobs.metrics.functions.HistogramDeltas;
import dev.vigil.jobs.metrics.functions.Histograms;
import dev.vigil.jobs.metrics.functions.RequestObservations;
import dev.vigil.jobs.metrics.functions.Series;
import dev.vigil.jobs.metrics.functions.SeriesKey;
import dev.vigil.jobs.metrics.functions.TimingStats;
import dev.vigil.jobs.metrics.functions.Timings;
import dev.vigil.jobs.metrics.functions.WindowedKinds;
import dev.vigil.jobs.metrics.rows.CounterRow;
import dev.vigil.jobs.metrics.rows.GaugeRow;
import dev.vigil.jobs.metrics.rows.HistogramRow;
import dev.vigil.jobs.metrics.rows.ResourceRow;
import dev.vigil.jobs.metrics.rows.TimingRow;
import dev.vigil.runtime.JobInput;
import dev.vigil.runtime.JobLauncher;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.detection.BaselineScorer;
import dev.vigil.runtime.detection.Observation;
import dev.vigil.runtime.detection.patterns.ConsecutiveBreachPattern;
import dev.vigil.runtime.detection.patterns.ErrorRateBreachPattern;
import dev.vigil.runtime.detection.patterns.LatencyRegressionPattern;
import dev.vigil.runtime.detection.patterns.SeriesAnomalyPattern;
import dev.vigil.runtime.detection.patterns.SilencePattern;
import dev.vigil.runtime.detection.patterns.ThroughputDropPattern;
import dev.vigil.runtime.windows.LateEvents;
import dev.vigil.runtime.windows.PaneCombiner;
import dev.vigil.runtime.windows.PaneWindows;
import dev.vigil.runtime.windows.WindowAssigners;
import dev.vigil.schema.event.Alert;
import dev.vigil.schema.event.DeadLetter;
import dev.vigil.schema.event.Event;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * Performance metrics: timer observations per series (service, operation, name, kept tags) in the
 * configured window, with count, sum, min, max, mean, rate and quantiles from a DDSketch, then
 * rollups to 1 minute, 1 hour and 1 day by merging the sketches of the finer level; counter totals
 * as increases with reset detection; gauges as last/min/max/avg; resource usage per instance;
 * histogram inputs merged bucket-wise.
 */
public class PerformanceMetricsJob implements JobLauncher.Pipeline {
    public static final String NAME = "performance-metrics";
    /** Rollup window sizes, in the order of {@code TimingTables.LEVELS}. */
    static final List<Duration> ROLLUPS = List.of(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(1));

    /** Where each output goes: timings (base and one per rollup level), counters, gauges, resources, dead letters. */
    public static final class Sinks {
        public Sink<DeadLetter> deadLetters;
        public Sink<TimingRow> base;
        public Map<String, Sink<TimingRow>> rollups;
        public Sink<CounterRow> counters;
        public Sink<GaugeRow> gauges;
        public Sink<ResourceRow> resources;
        public Sink<HistogramRow> histograms;
        public Sink<Alert> alerts;
    }

    private final JobInput input;
    private final VigilConfig config;
    private final Sinks sinks;

    public PerformanceMetricsJob(JobInput input, Sinks sinks) {
        this.input = input;
        this.config = input.config();
        this.sinks = sinks;
    }

    @Override
    public void build(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<Event> events = input.events(env, sinks.deadLetters);

        DataStream<Event> timers = events.filter(Timings::isTimer).uid("timers").name("timers");
        SeriesKey series = new SeriesKey(config.get(VigilOptions.METRICS_KEPT_TAGS));
        Duration lateness = WindowAssigners.allowedLateness(config, NAME);
        long size = config.get(VigilOptions.<Long>window(NAME, "size"));

        KeyedStream<Tuple2<Series, TimingStats>, Series> timerPartials = timerPartials(timers, config);
        SingleOutputStreamOperator<TimingRow> base = baseTimings(timerPartials, config);
        base.sinkTo(sinks.base).uid("timings-base-sink").name("timescaledb: metric_timings_base");

        // Rollups merge tumbling windows; a sliding or session base window gets its own tumbling feed.
        DataStream<TimingRow> finer = config.get(VigilOptions.<VigilOptions.WindowType>window(NAME, "type"))
                        == VigilOptions.WindowType.TUMBLING
                ? base
                : timerPartials
                        .window(TumblingEventTimeWindows.of(Duration.ofMillis(size)))
                        .allowedLateness(lateness)
                        .aggregate(PaneCombiner.merging(new Timings.Observe()), new Timings.ToRow())
                        .uid("timings-rollup-feed")
                        .name("timings (rollup feed)");
        String[] levels = dev.vigil.jobs.metrics.sinks.TimingTables.LEVELS;
        for (int i = 0; i < levels.length; i++) {
            SingleOutputStreamOperator<TimingRow> level = finer.keyBy(new Timings.RowSeries())
                    .window(TumblingEventTimeWindows.of(ROLLUPS.get(i)))
                    .allowedLateness(lateness)
                    .process(new Timings.Rollup(), TypeInformation.of(TimingRow.class))
                    .uid("timings-" + levels[i])
                    .name("timings rollup " + levels[i]);
            level.sinkTo(sinks.rollups.get(levels[i]))
                    .uid("timings-" + levels[i] + "-sink")
                    .name("timescaledb: metric_timings_" + levels[i]);
            finer = level;
        }

        DataStream<CounterDelta> deltas = events.filter(CounterDeltas::isIncrease)
                .uid("counters")
                .name("counters")
                .keyBy(e -> CounterDeltas.Instance.of(e, series), CounterDeltas.Instance.TYPE)
                .process(new CounterDeltas(Duration.ofMillis(config.get(VigilOptions.METRICS_COUNTER_TTL))))
                .uid("counter-deltas")
                .name("counter deltas");
        PaneWindows.keyedAggregate(
                        deltas,
                        d -> d.series,
                        Series.TYPE,
                        new WindowedKinds.SumDeltas(),
                        WindowedKinds.CounterSum.class,
                        new WindowedKinds.CounterToRow(),
                        LateEvents.counted(c -> c.events),
                        config,
                        NAME,
                        "counters-pre-aggregate",
                        "counters-base",
                        "counter increases")
                .sinkTo(sinks.counters)
                .uid("counters-sink")
                .name("timescaledb: metric_counters_base");

        DataStream<Event> gauges =
                events.filter(WindowedKinds::isGauge).uid("gauges").name("gauges");
        PaneWindows.keyedAggregate(
                        gauges,
                        series,
                        Series.TYPE,
                        new WindowedKinds.Gauge(),
                        WindowedKinds.GaugeStats.class,
                        new WindowedKinds.GaugeToRow(),
                        LateEvents.counted(g -> g.samples),
                        config,
                        NAME,
                        "gauges-pre-aggregate",
                        "gauges-base",
                        "gauge readings")
                .sinkTo(sinks.gauges)
                .uid("gauges-sink")
                .name("timescaledb: metric_gauges_base");

        DataStream<Event> resources =
                events.filter(WindowedKinds::hasResources).uid("resources").name("resource usage");
        PaneWindows.keyedAggregate(
                        resources,
                        WindowedKinds.Instance::of,
                        WindowedKinds.Instance.TYPE,
                        new WindowedKinds.Resources(),
                        WindowedKinds.ResourceStats.class,
                        new WindowedKinds.ResourceToRow(),
                        // every metric has a kind, and its kind's window counts it late
                        LateEvents.countedBy("timings-base, counters-base, gauges-base or histograms-base"),
                        config,
                        NAME,
                        "resources-pre-aggregate",
                        "resources-base",
                        "resource usage per instance")
                .sinkTo(sinks.resources)
                .uid("resources-sink")
                .name("timescaledb: metric_resources_base");

        // Both kinds take the same path (one channel, so a late histogram is late whichever kind it came as);
        // observations pass through, cumulative totals are differenced per instance.
        DataStream<Event> histograms = events.filter(
                        e -> Histograms.isHistogram(e) || HistogramDeltas.isCumulativeHistogram(e))
                .uid("histograms")
                .name("histograms")
                .keyBy(e -> CounterDeltas.Instance.of(e, series), CounterDeltas.Instance.TYPE)
                .process(new HistogramDeltas(Duration.ofMillis(config.get(VigilOptions.METRICS_COUNTER_TTL))))
                .uid("histogram-deltas")
                .name("histogram observations");
        PaneWindows.keyedAggregate(
                        histograms,
                        series,
                        Series.TYPE,
                        new Histograms.MergeBuckets(),
                        Histograms.Buckets.class,
                        new Histograms.ToRow(),
                        LateEvents.counted(b -> b.events),
                        config,
                        NAME,
                        "histograms-pre-aggregate",
                        "histograms-base",
                        "histograms merged bucket-wise")
                .sinkTo(sinks.histograms)
                .uid("histograms-sink")
                .name("timescaledb: metric_histograms_base");

        detectAnomalies(timers);
    }

    /** Timer events pre-aggregated per series and window pane, keyed by series. */
    public static KeyedStream<Tuple2<Series, TimingStats>, Series> timerPartials(
            DataStream<Event> timers, VigilConfig config) {
        SeriesKey series = new SeriesKey(config.get(VigilOptions.METRICS_KEPT_TAGS));
        return PaneCombiner.keyed(
                timers,
                series,
                Series.TYPE,
                new Timings.Observe(),
                TimingStats.class,
                config,
                NAME,
                "timings-pre-aggregate");
    }

    /** Timer statistics per series in the configured window; late timers counted as {@code vigil.late}. */
    public static SingleOutputStreamOperator<TimingRow> baseTimings(
            KeyedStream<Tuple2<Series, TimingStats>, Series> timerPartials, VigilConfig config) {
        return PaneWindows.aggregate(
                timerPartials,
                config,
                NAME,
                new Timings.Observe(),
                new Timings.ToRow(),
                LateEvents.counted(t -> t.count),
                "timings-base",
                "timings");
    }

    /** Latency regression, error-rate breach, throughput drop and silence per service, from its request timers. */
    private void detectAnomalies(DataStream<Event> timers) {
        String requestMetric = config.get(VigilOptions.DETECTION_REQUEST_METRIC);
        DataStream<Event> requests = timers.filter(e -> RequestObservations.isRequest(e, requestMetric))
                .uid("requests")
                .name("requests");
        SingleOutputStreamOperator<Observation> observations = PaneWindows.keyedAggregate(
                requests,
                e -> e.service,
                Types.STRING,
                new RequestObservations.Count(),
                RequestObservations.Requests.class,
                new RequestObservations.ToObservations(),
                // requests are timers
                LateEvents.countedBy("timings-base"),
                config,
                NAME,
                "requests-pre-aggregate",
                "request-observations",
                "requests per service");
        DataStream<Observation> scored = BaselineScorer.scored(observations, config);
        DataStream<Alert> alerts = ConsecutiveBreachPattern.detect(scored, LatencyRegressionPattern.rule(config))
                .union(
                        ConsecutiveBreachPattern.detect(scored, ErrorRateBreachPattern.rule(config)),
                        ConsecutiveBreachPattern.detect(scored, ThroughputDropPattern.rule(config)),
                        SilencePattern.detect(
                                scored,
                                ThroughputDropPattern.METRIC,
                                Duration.ofMillis(config.get(VigilOptions.SILENCE_AFTER))));
        if (SeriesAnomalyPattern.enabled(config))
            alerts = alerts.union(ConsecutiveBreachPattern.detect(scored, SeriesAnomalyPattern.rule(0)));
        alerts.sinkTo(sinks.alerts).uid("alerts-sink").name("kafka: alerts");
    }
}
