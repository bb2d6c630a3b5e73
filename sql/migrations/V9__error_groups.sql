-- Error groups of the errors job, per window. A group is one fingerprint (see docs/errors.md);
-- users is a HyperLogLog estimate of distinct affected users in the window.

CREATE TABLE error_group_counts (
    bucket          TIMESTAMPTZ NOT NULL,
    window_seconds  INTEGER     NOT NULL,
    group_id        TEXT        NOT NULL,
    grouped_by      TEXT        NOT NULL,
    error_type      TEXT,
    message         TEXT        NOT NULL,
    services        TEXT[]      NOT NULL,
    occurrences     BIGINT      NOT NULL,
    users           BIGINT      NOT NULL,
    first_seen      TIMESTAMPTZ NOT NULL,
    last_seen       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (bucket, window_seconds, group_id)
);
SELECT create_hypertable('error_group_counts', 'bucket', chunk_time_interval => INTERVAL '7 days');
CREATE INDEX error_group_counts_group ON error_group_counts (group_id, bucket DESC);
