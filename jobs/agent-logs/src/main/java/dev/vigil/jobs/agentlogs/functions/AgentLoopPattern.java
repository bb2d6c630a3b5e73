package dev.vigil.jobs.agentlogs.functions;

import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.runtime.detection.Alerts;
import dev.vigil.runtime.detection.patterns.BurstPattern;
import dev.vigil.schema.event.Alert;
import dev.vigil.schema.event.Event;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * AgentLoop: one agent session calling the same tool {@code detection.agent-loop.count} times within
 * {@code detection.agent-loop.within} ({@link BurstPattern}) - an agent stuck retrying, burning tokens. Loops are
 * found per session and tool, but the incident is the agent: every stuck session of it, with whatever
 * tool, refreshes one alert, and the tool, session and request of the latest loop go in its
 * annotations (labels identify the alert in Alertmanager, so an ID there would page once per session).
 *
 * <p>The calls of a burst in progress are keyed state, written to the state backend per call: it gets a
 * {@link ToolCall} (the identifiers, time and tokens the alert names) rather than the whole event.
 */
public final class AgentLoopPattern {
    public static final String NAME = "AgentLoop";

    private AgentLoopPattern() {}

    public static boolean isToolCall(Event e) {
        return e.agentLog != null && e.agentLog.agentId != null && e.agentLog.tool != null;
    }

    /** One tool call of an agent: what a loop is counted per and what its alert says. A Flink POJO. */
    public static class ToolCall {
        public String service;
        public String agentId;
        /** The agent's session, or its request when it names no session. */
        public String session;

        public String tool;
        public String correlationId;
        public long timestamp;
        /** Tokens in and out. */
        public long tokens;

        public ToolCall() {}

        /** {@code e} is a tool call ({@link #isToolCall}). */
        public static ToolCall of(Event e) {
            ToolCall c = new ToolCall();
            c.service = e.service;
            c.agentId = e.agentLog.agentId;
            c.session = e.agentLog.sessionId == null ? e.correlationId : e.agentLog.sessionId;
            c.tool = e.agentLog.tool;
            c.correlationId = e.correlationId;
            c.timestamp = e.timestamp;
            if (e.agentLog.tokensIn != null) c.tokens += e.agentLog.tokensIn;
            if (e.agentLog.tokensOut != null) c.tokens += e.agentLog.tokensOut;
            return c;
        }
    }

    /** {@code steps} are agent steps; only tool calls are watched. */
    public static DataStream<Alert> detect(DataStream<Event> steps, VigilConfig config) {
        int count = config.get(VigilOptions.AGENT_LOOP_COUNT);
        Duration within = Duration.ofMillis(config.get(VigilOptions.AGENT_LOOP_WITHIN));
        return BurstPattern.detect(
                steps.filter(AgentLoopPattern::isToolCall)
                        .uid("tool-calls")
                        .name("tool calls")
                        .map(ToolCall::of)
                        .returns(ToolCall.class)
                        .uid("tool-call-records")
                        .name("tool call records"),
                AgentLoopPattern::series,
                c -> c.timestamp,
                count,
                within,
                NAME,
                new ToAlert());
    }

    /** What a loop is counted per: the agent's session (or request) and the tool. */
    static String series(ToolCall c) {
        return c.agentId + "|" + c.session + "|" + c.tool;
    }

    static final class ToAlert implements BurstPattern.AlertFactory<ToolCall> {
        @Override
        public Alert create(List<ToolCall> calls) {
            ToolCall first = calls.get(0);
            ToolCall last = calls.get(calls.size() - 1);
            long tokens = 0;
            for (ToolCall c : calls) tokens += c.tokens;
            // what an alert is about: the agent
            Alert a = Alerts.firing(
                    NAME,
                    "warning",
                    first.service,
                    first.agentId,
                    first.timestamp,
                    last.timestamp,
                    calls.size(),
                    0,
                    "agent " + first.agentId + " called " + first.tool + " " + calls.size()
                            + " times in " + Math.max(1, (last.timestamp - first.timestamp) / 1000) + " s (" + tokens
                            + " tokens)");
            a.labels.put("agent_id", first.agentId);
            a.annotations.put("example_tool", first.tool);
            a.annotations.put("example_session", first.session);
            if (first.correlationId != null) a.annotations.put("example_request", first.correlationId);
            return a;
        }
    }
}
