-- KPIs of the business-events job per window. Unique users are HyperLogLog estimates (Apache
-- DataSketches, lgK 12, ~1.6% standard error); *_sketch columns hold the sketch so unique users over
-- several rows are computed by a sketch union (summing estimates would double count returning users).

CREATE TABLE business_events_base (
    bucket          TIMESTAMPTZ NOT NULL,
    window_seconds  INTEGER     NOT NULL,
    name            TEXT        NOT NULL,
    events          BIGINT      NOT NULL,
    unique_users    BIGINT      NOT NULL,
    users_sketch    BYTEA       NOT NULL,
    PRIMARY KEY (bucket, window_seconds, name)
);
SELECT create_hypertable('business_events_base', 'bucket', chunk_time_interval => INTERVAL '7 days');

CREATE TABLE business_features_base (LIKE business_events_base INCLUDING ALL);
ALTER TABLE business_features_base RENAME COLUMN name TO feature;
SELECT create_hypertable('business_features_base', 'bucket', chunk_time_interval => INTERVAL '7 days');

CREATE TABLE business_revenue_base (
    bucket          TIMESTAMPTZ      NOT NULL,
    window_seconds  INTEGER          NOT NULL,
    currency        TEXT             NOT NULL,
    revenue         DOUBLE PRECISION NOT NULL,
    purchases       BIGINT           NOT NULL,
    PRIMARY KEY (bucket, window_seconds, currency)
);
SELECT create_hypertable('business_revenue_base', 'bucket', chunk_time_interval => INTERVAL '7 days');
CREATE INDEX business_revenue_currency ON business_revenue_base (currency, bucket DESC);
