-- Latency/duration aggregates of the performance-metrics job: the base window (size from config)
-- and rollups computed in Flink by merging DDSketches (continuous aggregates are not available on the
-- Apache-licensed TimescaleDB). One hypertable per level, chunk intervals sized to the level.
-- quantiles: DDSketch, 1% relative error, lower nearest rank; *_sketch columns hold the sketch so
-- quantiles over several rows are computed by merging sketches, never by averaging percentiles.

CREATE TABLE metric_timings_base (
    bucket          TIMESTAMPTZ      NOT NULL,
    window_seconds  INTEGER          NOT NULL,
    service         TEXT             NOT NULL,
    operation       TEXT             NOT NULL,
    name            TEXT             NOT NULL,
    tags            TEXT             NOT NULL DEFAULT '',
    unit            TEXT,
    count           BIGINT           NOT NULL,
    sum             DOUBLE PRECISION NOT NULL,
    min             DOUBLE PRECISION NOT NULL,
    max             DOUBLE PRECISION NOT NULL,
    mean            DOUBLE PRECISION NOT NULL,
    rate_per_second DOUBLE PRECISION NOT NULL,
    p50             DOUBLE PRECISION NOT NULL,
    p90             DOUBLE PRECISION NOT NULL,
    p95             DOUBLE PRECISION NOT NULL,
    p99             DOUBLE PRECISION NOT NULL,
    p999            DOUBLE PRECISION NOT NULL,
    sketch          BYTEA            NOT NULL,
    PRIMARY KEY (bucket, window_seconds, service, operation, name, tags)
);
SELECT create_hypertable('metric_timings_base', 'bucket', chunk_time_interval => INTERVAL '1 day');
CREATE INDEX metric_timings_base_service ON metric_timings_base (service, operation, bucket DESC);

CREATE TABLE metric_timings_1m (LIKE metric_timings_base INCLUDING ALL);
SELECT create_hypertable('metric_timings_1m', 'bucket', chunk_time_interval => INTERVAL '7 days');
CREATE TABLE metric_timings_1h (LIKE metric_timings_base INCLUDING ALL);
SELECT create_hypertable('metric_timings_1h', 'bucket', chunk_time_interval => INTERVAL '30 days');
CREATE TABLE metric_timings_1d (LIKE metric_timings_base INCLUDING ALL);
SELECT create_hypertable('metric_timings_1d', 'bucket', chunk_time_interval => INTERVAL '365 days');
