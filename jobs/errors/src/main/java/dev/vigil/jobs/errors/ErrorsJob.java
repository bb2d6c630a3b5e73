package dev.vigil.jobs.errors;

import dev.vigil.jobs.errors.functions.AssignGroup;
import dev.vigil.jobs.errors.functions.ErrorFingerprinter;
import dev.vigil.jobs.errors.functions.ErrorSpikePattern;
import dev.vigil.jobs.errors.functions.GroupBudget;
import dev.vigil.jobs.errors.functions.GroupTracker;
import dev.vigil.jobs.errors.functions.GroupWindows;
import dev.vigil.jobs.errors.rows.ErrorGroupRow;
import dev.vigil.runtime.JobInput;
import dev.vigil.runtime.JobLauncher;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.windows.LateEvents;
import dev.vigil.runtime.windows.PaneWindows;
import dev.vigil.runtime.windows.WindowAssigners;
import dev.vigil.schema.event.Alert;
import dev.vigil.schema.event.DeadLetter;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.rows.ErrorGroup;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Errors: every error event gets its group ({@link ErrorFingerprinter}) and is indexed with it; per
 * group and window, occurrences, services, users, first and last seen go to TimescaleDB; each group's
 * life goes to Elasticsearch; new groups, regressions and error spikes become alerts.
 */
public class ErrorsJob implements JobLauncher.Pipeline {
    public static final String NAME = "errors";

    /** Where each output goes. */
    public static final class Sinks {
        public Sink<DeadLetter> deadLetters;
        public Sink<Event> occurrences;
        /** The Redis hot tier; null when it is off. Gets exactly what the error index gets. */
        public Sink<Event> hotTier;

        public Sink<ErrorGroupRow> groupCounts;
        public Sink<ErrorGroup> groups;
        public Sink<Alert> alerts;
    }

    private final JobInput input;
    private final VigilConfig config;
    private final Sinks sinks;

    public ErrorsJob(JobInput input, Sinks sinks) {
        this.input = input;
        this.config = input.config();
        this.sinks = sinks;
    }

    @Override
    public void build(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<Event> errors = input.events(env, sinks.deadLetters)
                .filter(e -> e.type == EventType.ERROR)
                .uid("errors-only")
                .name("errors only")
                .keyBy(e -> e.service, TypeInformation.of(String.class))
                .process(new AssignGroup(
                        ErrorFingerprinter.from(config), Duration.ofMillis(config.get(VigilOptions.ERRORS_GROUP_TTL))))
                .uid("error-templates")
                .name("error groups and templates");
        // still keyed by service: no second shuffle
        errors = DataStreamUtils.reinterpretAsKeyedStream(errors, e -> e.service, TypeInformation.of(String.class))
                .process(new GroupBudget(
                        config.get(VigilOptions.ERRORS_MAX_GROUPS),
                        Duration.ofMillis(config.get(VigilOptions.ERRORS_GROUP_TTL))))
                .uid("group-budget")
                .name("error groups per service");
        errors.sinkTo(sinks.occurrences).uid("occurrences-sink").name("elasticsearch: vigil-errors");
        if (sinks.hotTier != null) errors.sinkTo(sinks.hotTier).uid("hot-tier").name("redis: hot tier");

        Duration lateness = WindowAssigners.allowedLateness(config, NAME);
        long size = config.get(VigilOptions.<Long>window(NAME, "size"));
        // Pre-aggregated per group and pane before the shuffle: a partial crosses it, not every error event.
        SingleOutputStreamOperator<ErrorGroupRow> counts = PaneWindows.keyedAggregate(
                errors,
                e -> e.error.groupId,
                Types.STRING,
                new GroupWindows.Collect(),
                GroupWindows.Stats.class,
                new GroupWindows.ToRow(),
                LateEvents.counted(s -> s.occurrences),
                config,
                NAME,
                "group-counts-pre-aggregate",
                "group-counts",
                "error groups per window");
        counts.sinkTo(sinks.groupCounts).uid("group-counts-sink").name("timescaledb: error_group_counts");

        SingleOutputStreamOperator<ErrorGroup> groups = counts.keyBy(r -> r.groupId, TypeInformation.of(String.class))
                .process(new GroupTracker(
                        Duration.ofMillis(config.get(VigilOptions.ERRORS_REGRESSION_QUIET)),
                        Duration.ofMillis(config.get(VigilOptions.ERRORS_GROUP_TTL)),
                        lateness.plusMillis(size)))
                .uid("group-tracker")
                .name("error group history");
        groups.sinkTo(sinks.groups).uid("groups-sink").name("elasticsearch: vigil-error-groups");

        DataStream<Alert> alerts =
                groups.getSideOutput(GroupTracker.ALERTS).union(ErrorSpikePattern.detect(errors, config));
        alerts.sinkTo(sinks.alerts).uid("alerts-sink").name("kafka: alerts");
    }
}
