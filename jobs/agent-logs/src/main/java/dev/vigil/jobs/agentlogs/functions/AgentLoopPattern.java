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
 * {@code detection.agent-loop.within} (Flink CEP) - an agent stuck retrying, burning tokens. Loops are
 * found per session and tool, but the incident is the agent: every stuck session of it, with whatever
 * tool, refreshes one alert, and the tool, session and request of the latest loop go in its
 * annotations (labels identify the alert in Alertmanager, so an ID there would page once per session).
 */
public final class AgentLoopPattern {
    public static final String NAME = "AgentLoop";

    private AgentLoopPattern() {}

    public static boolean isToolCall(Event e) {
        return e.agentLog != null && e.agentLog.agentId != null && e.agentLog.tool != null;
    }

    /** {@code steps} are agent steps; only tool calls are watched. */
    public static DataStream<Alert> detect(DataStream<Event> steps, VigilConfig config) {
        int count = config.get(VigilOptions.AGENT_LOOP_COUNT);
        Duration within = Duration.ofMillis(config.get(VigilOptions.AGENT_LOOP_WITHIN));
        return BurstPattern.detect(
                steps.filter(AgentLoopPattern::isToolCall).uid("tool-calls").name("tool calls"),
                AgentLoopPattern::series,
                count,
                within,
                NAME,
                new ToAlert());
    }

    /** What a loop is counted per: the agent's session (or request) and the tool. */
    static String series(Event e) {
        return e.agentLog.agentId + "|" + session(e) + "|" + e.agentLog.tool;
    }

    /** What an alert is about: the agent. */
    static String incident(Event e) {
        return e.agentLog.agentId;
    }

    private static String session(Event e) {
        return e.agentLog.sessionId == null ? e.correlationId : e.agentLog.sessionId;
    }

    static final class ToAlert implements BurstPattern.AlertFactory<Event> {
        @Override
        public Alert create(List<Event> calls) {
            Event first = calls.get(0);
            Event last = calls.get(calls.size() - 1);
            long tokens = 0;
            for (Event e : calls) {
                if (e.agentLog.tokensIn != null) tokens += e.agentLog.tokensIn;
                if (e.agentLog.tokensOut != null) tokens += e.agentLog.tokensOut;
            }
            Alert a = Alerts.firing(
                    NAME,
                    "warning",
                    first.service,
                    incident(first),
                    first.timestamp,
                    last.timestamp,
                    calls.size(),
                    0,
                    "agent " + first.agentLog.agentId + " called " + first.agentLog.tool + " " + calls.size()
                            + " times in " + Math.max(1, (last.timestamp - first.timestamp) / 1000) + " s (" + tokens
                            + " tokens)");
            a.labels.put("agent_id", first.agentLog.agentId);
            a.annotations.put("example_tool", first.agentLog.tool);
            a.annotations.put("example_session", session(first));
            if (first.correlationId != null) a.annotations.put("example_request", first.correlationId);
            return a;
        }
    }
}
