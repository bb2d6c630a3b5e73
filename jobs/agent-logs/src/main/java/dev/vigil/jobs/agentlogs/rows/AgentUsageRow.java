package dev.vigil.jobs.agentlogs.rows;

/** AI-agent activity per window by agent and model (table {@code agent_usage}). */
public class AgentUsageRow {
    public long bucket;
    public int windowSeconds;
    public String agentId;
    public String model;
    public long steps;
    public long toolCalls;
    public long failures;
    public long tokensIn;
    public long tokensOut;
    public double cost;
    public double durationP50;
    public double durationP95;
    public double durationP99;
    /** The DDSketch (1% relative accuracy) of step durations, so quantiles merge correctly across rows. */
    public byte[] durationSketch;

    public AgentUsageRow() {}
}
