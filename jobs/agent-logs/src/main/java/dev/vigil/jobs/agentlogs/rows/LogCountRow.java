package dev.vigil.jobs.agentlogs.rows;

/** Log events per window by service, level and agent (table {@code agent_log_counts}); counts every processed event, sampled or not. */
public class LogCountRow {
    public long bucket;
    public int windowSeconds;
    public String service;
    public String level;
    /** "" for events that are not AI-agent steps. */
    public String agentId;

    public long events;

    public LogCountRow() {}
}
