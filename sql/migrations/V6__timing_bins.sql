-- The DDSketch bins of every timing row as plain arrays, so SQL can merge quantiles across rows
-- (services, operations, time) correctly: sum counts per bin index, walk the cumulative counts, and
-- turn the index i into a value with gamma^i * 1.01, gamma = 1.01 / 0.99 (1% relative accuracy).
-- See sql/queries/p99_latency_by_service_24h.sql.
ALTER TABLE metric_timings_base ADD COLUMN bin_indexes INTEGER[], ADD COLUMN bin_counts BIGINT[], ADD COLUMN zero_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE metric_timings_1m ADD COLUMN bin_indexes INTEGER[], ADD COLUMN bin_counts BIGINT[], ADD COLUMN zero_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE metric_timings_1h ADD COLUMN bin_indexes INTEGER[], ADD COLUMN bin_counts BIGINT[], ADD COLUMN zero_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE metric_timings_1d ADD COLUMN bin_indexes INTEGER[], ADD COLUMN bin_counts BIGINT[], ADD COLUMN zero_count BIGINT NOT NULL DEFAULT 0;
