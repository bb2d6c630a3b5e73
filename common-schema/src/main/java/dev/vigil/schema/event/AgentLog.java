package dev.vigil.schema.event;

import java.util.Objects;

/** Payload of an {@code agent_log} event: a log line, optionally from one step of an AI agent. */
public class AgentLog {
    /** TRACE, DEBUG, INFO, WARN, ERROR or FATAL (upper-cased by the parser). */
    public String level;

    public String logger;
    public String message;
    public String agentId;
    public String sessionId;
    public Long step;
    public String tool;
    public String model;
    public Long tokensIn;
    public Long tokensOut;
    /** Cost of the step in USD. */
    public Double cost;

    public Double durationMs;
    /** e.g. success, failure, retry, timeout. */
    public String outcome;

    public AgentLog() {}

    public boolean isAgentStep() {
        return agentId != null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof AgentLog)) return false;
        AgentLog a = (AgentLog) o;
        return Objects.equals(level, a.level)
                && Objects.equals(logger, a.logger)
                && Objects.equals(message, a.message)
                && Objects.equals(agentId, a.agentId)
                && Objects.equals(sessionId, a.sessionId)
                && Objects.equals(step, a.step)
                && Objects.equals(tool, a.tool)
                && Objects.equals(model, a.model)
                && Objects.equals(tokensIn, a.tokensIn)
                && Objects.equals(tokensOut, a.tokensOut)
                && Objects.equals(cost, a.cost)
                && Objects.equals(durationMs, a.durationMs)
                && Objects.equals(outcome, a.outcome);
    }

    @Override
    public int hashCode() {
        return Objects.hash(level, message, agentId, step);
    }
}
