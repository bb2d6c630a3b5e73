-- Tables of the agent-logs job. Hypertables on the bucket time; the primary key is the natural key
-- the job upserts on, so replays and late window firings update rows instead of adding them.

CREATE TABLE agent_log_counts (
    bucket          TIMESTAMPTZ NOT NULL,
    window_seconds  INTEGER     NOT NULL,
    service         TEXT        NOT NULL,
    level           TEXT        NOT NULL,
    agent_id        TEXT        NOT NULL DEFAULT '',
    events          BIGINT      NOT NULL,
    PRIMARY KEY (bucket, window_seconds, service, level, agent_id)
);
SELECT create_hypertable('agent_log_counts', 'bucket', chunk_time_interval => INTERVAL '1 day');
CREATE INDEX agent_log_counts_service ON agent_log_counts (service, bucket DESC);

CREATE TABLE agent_usage (
    bucket          TIMESTAMPTZ      NOT NULL,
    window_seconds  INTEGER          NOT NULL,
    agent_id        TEXT             NOT NULL,
    model           TEXT             NOT NULL,
    steps           BIGINT           NOT NULL,
    tool_calls      BIGINT           NOT NULL,
    failures        BIGINT           NOT NULL,
    tokens_in       BIGINT           NOT NULL,
    tokens_out      BIGINT           NOT NULL,
    cost            DOUBLE PRECISION NOT NULL,
    duration_p50    DOUBLE PRECISION,
    duration_p95    DOUBLE PRECISION,
    duration_p99    DOUBLE PRECISION,
    -- DDSketch (1% relative accuracy), for merging quantiles across rows correctly
    duration_sketch BYTEA,
    PRIMARY KEY (bucket, window_seconds, agent_id, model)
);
SELECT create_hypertable('agent_usage', 'bucket', chunk_time_interval => INTERVAL '7 days');

CREATE TABLE journey_hops (
    started_at      TIMESTAMPTZ      NOT NULL,
    correlation_id  TEXT             NOT NULL,
    hop             INTEGER          NOT NULL,
    service         TEXT             NOT NULL,
    latency_ms      BIGINT           NOT NULL,
    error           BOOLEAN          NOT NULL,
    PRIMARY KEY (started_at, correlation_id, hop)
);
SELECT create_hypertable('journey_hops', 'started_at', chunk_time_interval => INTERVAL '1 day');
CREATE INDEX journey_hops_service ON journey_hops (service, started_at DESC);
