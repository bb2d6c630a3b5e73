-- Endpoints whose hourly p95 latency in the last 24 hours is more than 20% above the same hour one
-- week earlier. Both sides are true p95s of one hour (each row's quantile comes from its own sketch),
-- so hours are compared one to one rather than averaging percentiles.
SELECT now_.service,
       now_.operation,
       now_.bucket                                      AS hour,
       round(last_week.p95::numeric, 1)                 AS p95_last_week,
       round(now_.p95::numeric, 1)                      AS p95_now,
       round((now_.p95 / last_week.p95)::numeric, 2)    AS ratio
FROM metric_timings_1h AS now_
JOIN metric_timings_1h AS last_week
  ON last_week.service = now_.service
 AND last_week.operation = now_.operation
 AND last_week.name = now_.name
 AND last_week.tags = now_.tags
 AND last_week.bucket = now_.bucket - interval '7 days'
WHERE now_.bucket >= now() - interval '24 hours'
  AND now_.name = 'http.server.duration'
  AND now_.p95 > 1.2 * last_week.p95
ORDER BY ratio DESC, now_.service, now_.operation, hour;
