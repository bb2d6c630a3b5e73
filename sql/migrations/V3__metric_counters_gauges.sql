-- Counters, gauges and resource usage of the performance-metrics job, per base window.

-- Counters arrive as monotonic totals; the job turns them into deltas per instance (a total lower
-- than the previous one is a process restart: the new total is the delta) and sums them per series.
CREATE TABLE metric_counters_base (
    bucket          TIMESTAMPTZ      NOT NULL,
    window_seconds  INTEGER          NOT NULL,
    service         TEXT             NOT NULL,
    operation       TEXT             NOT NULL,
    name            TEXT             NOT NULL,
    tags            TEXT             NOT NULL DEFAULT '',
    delta           DOUBLE PRECISION NOT NULL,
    rate_per_second DOUBLE PRECISION NOT NULL,
    resets          BIGINT           NOT NULL,
    PRIMARY KEY (bucket, window_seconds, service, operation, name, tags)
);
SELECT create_hypertable('metric_counters_base', 'bucket', chunk_time_interval => INTERVAL '1 day');

CREATE TABLE metric_gauges_base (
    bucket          TIMESTAMPTZ      NOT NULL,
    window_seconds  INTEGER          NOT NULL,
    service         TEXT             NOT NULL,
    operation       TEXT             NOT NULL,
    name            TEXT             NOT NULL,
    tags            TEXT             NOT NULL DEFAULT '',
    last            DOUBLE PRECISION NOT NULL,
    min             DOUBLE PRECISION NOT NULL,
    max             DOUBLE PRECISION NOT NULL,
    avg             DOUBLE PRECISION NOT NULL,
    samples         BIGINT           NOT NULL,
    PRIMARY KEY (bucket, window_seconds, service, operation, name, tags)
);
SELECT create_hypertable('metric_gauges_base', 'bucket', chunk_time_interval => INTERVAL '1 day');

CREATE TABLE metric_resources_base (
    bucket            TIMESTAMPTZ      NOT NULL,
    window_seconds    INTEGER          NOT NULL,
    service           TEXT             NOT NULL,
    instance          TEXT             NOT NULL,
    samples           BIGINT           NOT NULL,
    cpu_percent_avg   DOUBLE PRECISION,
    cpu_percent_max   DOUBLE PRECISION,
    memory_bytes_max  DOUBLE PRECISION,
    gpu_percent_avg   DOUBLE PRECISION,
    queue_depth_max   DOUBLE PRECISION,
    PRIMARY KEY (bucket, window_seconds, service, instance)
);
SELECT create_hypertable('metric_resources_base', 'bucket', chunk_time_interval => INTERVAL '1 day');
