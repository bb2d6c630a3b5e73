package dev.vigil.jobs.agentlogs;

import dev.vigil.jobs.agentlogs.functions.AgentLoopPattern;
import dev.vigil.jobs.agentlogs.functions.AgentUsage;
import dev.vigil.jobs.agentlogs.functions.JourneyCombiner;
import dev.vigil.jobs.agentlogs.functions.JourneySessions;
import dev.vigil.jobs.agentlogs.functions.Journeys;
import dev.vigil.jobs.agentlogs.functions.LogCounts;
import dev.vigil.jobs.agentlogs.rows.AgentUsageRow;
import dev.vigil.jobs.agentlogs.rows.Journey;
import dev.vigil.jobs.agentlogs.rows.LogCountRow;
import dev.vigil.jobs.agentlogs.sinks.AgentLogTables;
import dev.vigil.runtime.JobInput;
import dev.vigil.runtime.JobLauncher;
import dev.vigil.runtime.accounting.SampleEvents;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.windows.LateEvents;
import dev.vigil.runtime.windows.PaneWindows;
import dev.vigil.runtime.windows.WindowAssigners;
import dev.vigil.schema.event.Alert;
import dev.vigil.schema.event.DeadLetter;
import dev.vigil.schema.event.Event;
import dev.vigil.schema.event.EventType;
import dev.vigil.schema.sampling.SamplingRules;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * Agent logs: parse (dead letters out) → mask → index sampled logs in Elasticsearch, archive every
 * valid event, count per window by service/level/agent, AI-agent usage per window by agent/model,
 * and request journeys by correlation ID.
 *
 * <p>Sources and sinks come in through the constructor, so tests can run the same pipeline.
 */
public class AgentLogsJob implements JobLauncher.Pipeline {
    public static final String NAME = "agent-logs";

    /** Where each output goes. */
    public static final class Sinks {
        public Sink<Event> logIndex;
        /** The Redis hot tier; null when it is off. Gets exactly what the log index gets. */
        public Sink<Event> hotTier;

        public Sink<Event> archive;
        public Sink<DeadLetter> deadLetters;
        public Sink<LogCountRow> logCounts;
        public Sink<AgentUsageRow> agentUsage;
        public Sink<Journey> journeyIndex;
        public Sink<AgentLogTables.HopRow> journeyHops;
        public Sink<Alert> alerts;
    }

    private final JobInput input;
    private final VigilConfig config;
    private final Sinks sinks;
    private final SamplingRules sampling;

    public AgentLogsJob(JobInput input, Sinks sinks, SamplingRules sampling) {
        this.input = input;
        this.config = input.config();
        this.sinks = sinks;
        this.sampling = sampling;
    }

    @Override
    public void build(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<Event> events = input.events(env, sinks.deadLetters);

        // Other event types on the topic are a producer mistake, but still valid events: archived, never windowed as
        // logs.
        DataStream<Event> logs = events.filter(e -> e.type == EventType.AGENT_LOG)
                .uid("logs-only")
                .name("agent logs only");

        events.sinkTo(sinks.archive).uid("archive").name("archive");
        DataStream<Event> kept =
                logs.flatMap(new SampleEvents(sampling)).uid("sample").name("sample");
        kept.sinkTo(sinks.logIndex).uid("log-index").name("elasticsearch: logs");
        if (sinks.hotTier != null) kept.sinkTo(sinks.hotTier).uid("hot-tier").name("redis: hot tier");

        Duration lateness = WindowAssigners.allowedLateness(config, NAME);
        PaneWindows.keyedAggregate(
                        logs,
                        LogCounts.Key::of,
                        LogCounts.Key.TYPE,
                        new LogCounts.Count(),
                        Long.class,
                        new LogCounts.ToRow(),
                        LateEvents.counted(n -> n),
                        config,
                        NAME,
                        "log-counts-pre-aggregate",
                        "log-counts",
                        "log counts")
                .sinkTo(sinks.logCounts)
                .uid("log-counts-sink")
                .name("timescaledb: agent_log_counts");

        DataStream<Event> steps =
                logs.filter(AgentUsage::isAgentStep).uid("agent-steps").name("agent steps");
        AgentLoopPattern.detect(steps, config)
                .sinkTo(sinks.alerts)
                .uid("alerts-sink")
                .name("kafka: alerts");
        PaneWindows.keyedAggregate(
                        steps,
                        AgentUsage.Key::of,
                        AgentUsage.Key.TYPE,
                        new AgentUsage.Aggregate(),
                        AgentUsage.Totals.class,
                        new AgentUsage.ToRow(),
                        // agent steps are logs: log counts count them late
                        LateEvents.countedBy("log-counts"),
                        config,
                        NAME,
                        "agent-usage-pre-aggregate",
                        "agent-usage",
                        "agent usage")
                .sinkTo(sinks.agentUsage)
                .uid("agent-usage-sink")
                .name("timescaledb: agent_usage");

        Duration journeyGap = Duration.ofMillis(config.get(VigilOptions.JOURNEY_GAP));
        int journeyCap = config.get(VigilOptions.JOURNEY_MAX_EVENTS);
        SingleOutputStreamOperator<Journey> journeys = logs.transform(
                        "journey parts",
                        TypeInformation.of(Journeys.Part.class),
                        new JourneyCombiner(
                                journeyGap, journeyCap, config.get(VigilOptions.PRE_AGGREGATION_MAX_BUFFERED)))
                .uid("journey-parts")
                .keyBy(p -> p.correlationId, TypeInformation.of(String.class))
                .process(new JourneySessions(journeyGap, lateness, journeyCap))
                .uid("journey-sessions")
                .name("journeys");
        journeys.sinkTo(sinks.journeyIndex).uid("journey-index").name("elasticsearch: journeys");
        journeys.flatMap((Journey j, Collector<AgentLogTables.HopRow> out) -> {
                    for (int h = 0; h < j.services.length; h++) {
                        AgentLogTables.HopRow r = new AgentLogTables.HopRow();
                        r.startedAt = j.start;
                        r.correlationId = j.correlationId;
                        r.hop = h;
                        r.service = j.services[h];
                        r.latencyMs = j.hopLatencyMs[h];
                        r.error = j.error;
                        out.collect(r);
                    }
                })
                .returns(AgentLogTables.HopRow.class)
                .uid("journey-hops")
                .name("journey hops")
                .sinkTo(sinks.journeyHops)
                .uid("journey-hops-sink")
                .name("timescaledb: journey_hops");
    }
}
