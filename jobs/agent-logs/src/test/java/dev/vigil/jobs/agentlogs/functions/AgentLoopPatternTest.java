package dev.vigil.jobs.agentlogs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schema.event.AgentLog;
import dev.vigil.schema.event.Alert;
import dev.vigil.schema.event.Event;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentLoopPatternTest {
    @Test
    void onlyToolCallsOfAgentsAreWatchedOnePerSessionAndTool() {
        assertThat(AgentLoopPattern.isToolCall(step("bot", "s1", "refund", 0))).isTrue();
        assertThat(AgentLoopPattern.isToolCall(step("bot", "s1", null, 0))).isFalse();
        assertThat(AgentLoopPattern.isToolCall(step(null, "s1", "refund", 0))).isFalse();
        assertThat(AgentLoopPattern.series(call("bot", "s1", "refund", 0))).isEqualTo("bot|s1|refund");
        assertThat(AgentLoopPattern.series(call("bot", null, "refund", 0))).isEqualTo("bot|corr-1|refund");
    }

    @Test
    void theAlertNamesTheAgentTheToolAndTheTokensBurnt() {
        List<AgentLoopPattern.ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) calls.add(call("bot-2", "s9", "refund_payment", 10_000 + i * 2000L));
        Alert a = new AgentLoopPattern.ToAlert().create(calls);
        assertThat(a.name).isEqualTo("AgentLoop");
        assertThat(a.observed).isEqualTo(5);
        assertThat(a.labels)
                .containsEntry("agent_id", "bot-2")
                .containsEntry("series", "bot-2")
                .doesNotContainKey("tool");
        assertThat(a.labels.values())
                .as("no session, request or tool in labels")
                .noneMatch(v -> v.contains("s9") || v.contains("corr-1") || v.contains("refund"));
        assertThat(a.annotations)
                .containsEntry("example_session", "s9")
                .containsEntry("example_request", "corr-1")
                .containsEntry("example_tool", "refund_payment");
        assertThat(a.annotations.get("summary"))
                .isEqualTo("agent bot-2 called refund_payment 5 times in 8 s (1500 tokens)");

        // another stuck session of the same agent, even with another tool, is the same incident: one fingerprint, one
        // active alert
        List<AgentLoopPattern.ToolCall> other = new ArrayList<>();
        for (int i = 0; i < 5; i++) other.add(call("bot-2", "s10", "kb_search", 60_000 + i * 2000L));
        assertThat(new AgentLoopPattern.ToAlert().create(other).fingerprint).isEqualTo(a.fingerprint);
        List<AgentLoopPattern.ToolCall> otherAgent = new ArrayList<>();
        for (int i = 0; i < 5; i++) otherAgent.add(call("bot-3", "s11", "refund_payment", 60_000 + i * 2000L));
        assertThat(new AgentLoopPattern.ToAlert().create(otherAgent).fingerprint)
                .isNotEqualTo(a.fingerprint);
    }

    static AgentLoopPattern.ToolCall call(String agent, String session, String tool, long ts) {
        return AgentLoopPattern.ToolCall.of(step(agent, session, tool, ts));
    }

    static Event step(String agent, String session, String tool, long ts) {
        Event e = new Event();
        e.timestamp = ts;
        e.service = "support-agent";
        e.correlationId = "corr-1";
        e.agentLog = new AgentLog();
        e.agentLog.agentId = agent;
        e.agentLog.sessionId = session;
        e.agentLog.tool = tool;
        e.agentLog.tokensIn = 200L;
        e.agentLog.tokensOut = 100L;
        return e;
    }
}
