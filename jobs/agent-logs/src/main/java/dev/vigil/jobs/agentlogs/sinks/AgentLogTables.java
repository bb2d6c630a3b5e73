package dev.vigil.jobs.agentlogs.sinks;

import dev.vigil.jobs.agentlogs.rows.AgentUsageRow;
import dev.vigil.jobs.agentlogs.rows.LogCountRow;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.sinks.timescale.RowKey;
import dev.vigil.runtime.sinks.timescale.TimescaleSinks;
import java.sql.Timestamp;
import java.sql.Types;
import org.apache.flink.api.connector.sink2.Sink;

/** Upserts into the agent-logs job's TimescaleDB tables (see sql/migrations/V1__agent_logs.sql). */
public final class AgentLogTables {
    static final String LOG_COUNTS =
            "INSERT INTO agent_log_counts (bucket, window_seconds, service, level, agent_id, events) "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (bucket, window_seconds, service, level, agent_id) "
                    + "DO UPDATE SET events = EXCLUDED.events";
    static final String AGENT_USAGE =
            "INSERT INTO agent_usage (bucket, window_seconds, agent_id, model, steps, tool_calls, failures, "
                    + "tokens_in, tokens_out, cost, duration_p50, duration_p95, duration_p99, duration_sketch) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (bucket, window_seconds, agent_id, model) DO UPDATE SET "
                    + "steps = EXCLUDED.steps, tool_calls = EXCLUDED.tool_calls, failures = EXCLUDED.failures, tokens_in = EXCLUDED.tokens_in, "
                    + "tokens_out = EXCLUDED.tokens_out, cost = EXCLUDED.cost, duration_p50 = EXCLUDED.duration_p50, "
                    + "duration_p95 = EXCLUDED.duration_p95, duration_p99 = EXCLUDED.duration_p99, duration_sketch = EXCLUDED.duration_sketch";
    static final String JOURNEY_HOPS =
            "INSERT INTO journey_hops (started_at, correlation_id, hop, service, latency_ms, error) "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (started_at, correlation_id, hop) DO UPDATE SET "
                    + "service = EXCLUDED.service, latency_ms = EXCLUDED.latency_ms, error = EXCLUDED.error";

    private AgentLogTables() {}

    public static Sink<LogCountRow> logCounts(VigilConfig config) {
        return TimescaleSinks.upsert(
                config,
                LOG_COUNTS,
                r -> RowKey.of(r.bucket, r.windowSeconds, r.service, r.level, r.agentId),
                (ps, r) -> {
                    ps.setTimestamp(1, new Timestamp(r.bucket));
                    ps.setInt(2, r.windowSeconds);
                    ps.setString(3, r.service);
                    ps.setString(4, r.level);
                    ps.setString(5, r.agentId);
                    ps.setLong(6, r.events);
                });
    }

    public static Sink<AgentUsageRow> agentUsage(VigilConfig config) {
        return TimescaleSinks.upsert(
                config, AGENT_USAGE, r -> RowKey.of(r.bucket, r.windowSeconds, r.agentId, r.model), (ps, r) -> {
                    ps.setTimestamp(1, new Timestamp(r.bucket));
                    ps.setInt(2, r.windowSeconds);
                    ps.setString(3, r.agentId);
                    ps.setString(4, r.model);
                    ps.setLong(5, r.steps);
                    ps.setLong(6, r.toolCalls);
                    ps.setLong(7, r.failures);
                    ps.setLong(8, r.tokensIn);
                    ps.setLong(9, r.tokensOut);
                    ps.setDouble(10, r.cost);
                    setNullable(ps, 11, r.durationP50);
                    setNullable(ps, 12, r.durationP95);
                    setNullable(ps, 13, r.durationP99);
                    ps.setBytes(14, r.durationSketch);
                });
    }

    /** One row per hop of a journey. */
    public static Sink<HopRow> journeyHops(VigilConfig config) {
        return TimescaleSinks.upsert(
                config, JOURNEY_HOPS, r -> RowKey.of(r.startedAt, r.correlationId, r.hop), (ps, r) -> {
                    ps.setTimestamp(1, new Timestamp(r.startedAt));
                    ps.setString(2, r.correlationId);
                    ps.setInt(3, r.hop);
                    ps.setString(4, r.service);
                    ps.setLong(5, r.latencyMs);
                    ps.setBoolean(6, r.error);
                });
    }

    private static void setNullable(java.sql.PreparedStatement ps, int i, double v) throws java.sql.SQLException {
        if (Double.isNaN(v)) ps.setNull(i, Types.DOUBLE);
        else ps.setDouble(i, v);
    }

    /** A journey hop as a table row. */
    public static class HopRow {
        public long startedAt;
        public String correlationId;
        public int hop;
        public String service;
        public long latencyMs;
        public boolean error;

        public HopRow() {}
    }
}
