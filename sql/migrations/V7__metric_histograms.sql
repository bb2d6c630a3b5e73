-- Histogram-typed metric inputs, merged bucket-wise per series and window: the union of the
-- producers' bucket bounds (le), with their counts summed. Quantiles are the upper bound of the bucket
-- holding the rank (no interpolation), so they are upper estimates at the buckets' resolution.
CREATE TABLE metric_histograms_base (
    bucket          TIMESTAMPTZ        NOT NULL,
    window_seconds  INTEGER            NOT NULL,
    service         TEXT               NOT NULL,
    operation       TEXT               NOT NULL,
    name            TEXT               NOT NULL,
    tags            TEXT               NOT NULL DEFAULT '',
    bounds          DOUBLE PRECISION[] NOT NULL,
    counts          BIGINT[]           NOT NULL,
    total           BIGINT             NOT NULL,
    p50_upper       DOUBLE PRECISION,
    p95_upper       DOUBLE PRECISION,
    p99_upper       DOUBLE PRECISION,
    PRIMARY KEY (bucket, window_seconds, service, operation, name, tags)
);
SELECT create_hypertable('metric_histograms_base', 'bucket', chunk_time_interval => INTERVAL '1 day');
