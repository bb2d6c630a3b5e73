-- p99 latency per service over the last 24 hours, merged correctly from the per-minute sketches:
-- bin counts are summed across every operation and minute of the service, then the 99th percentile
-- is read off the merged bins exactly as DDSketch does (lower nearest rank, 1% relative error).
-- Averaging the stored p99 column instead would be wrong.
WITH bins AS (
    SELECT t.service, b.idx, sum(b.cnt) AS cnt
    FROM metric_timings_1m AS t, unnest(t.bin_indexes, t.bin_counts) AS b(idx, cnt)
    WHERE t.name = 'http.server.duration' AND t.bucket >= now() - interval '24 hours'
    GROUP BY t.service, b.idx
),
totals AS (
    SELECT service, sum(count) AS requests, sum(zero_count) AS zeros
    FROM metric_timings_1m
    WHERE name = 'http.server.duration' AND bucket >= now() - interval '24 hours'
    GROUP BY service
),
cumulative AS (
    SELECT bins.service, idx, totals.requests, totals.zeros,
           totals.zeros + sum(cnt) OVER (PARTITION BY bins.service ORDER BY idx) AS through
    FROM bins JOIN totals USING (service)
)
SELECT service,
       requests,
       round((power(1.01 / 0.99, min(idx)) * 1.01)::numeric, 2) AS p99_ms
FROM cumulative
WHERE through > 0.99 * (requests - 1)
GROUP BY service, requests
ORDER BY p99_ms DESC, service;
