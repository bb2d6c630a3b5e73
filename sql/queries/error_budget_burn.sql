-- Error-budget burn per service: the share of requests that failed (status 5xx) over the last hour
-- and the last 6 hours, divided by the error budget of a 99.9% availability SLO. A burn rate of 1
-- spends the budget exactly over the SLO period; 14.4 over 1 h is the classic fast-burn page.
-- Source: metric_timings_1m rows of the http.server.duration timer, split by the kept tag "status".
WITH params AS (SELECT 0.999 AS slo),
windows AS (
    SELECT service,
           sum(count) FILTER (WHERE bucket >= now() - interval '1 hour')                                AS requests_1h,
           sum(count) FILTER (WHERE bucket >= now() - interval '1 hour' AND tags ~ '(^|,)status=5')      AS errors_1h,
           sum(count)                                                                                   AS requests_6h,
           sum(count) FILTER (WHERE tags ~ '(^|,)status=5')                                             AS errors_6h
    FROM metric_timings_1m
    WHERE name = 'http.server.duration' AND bucket >= now() - interval '6 hours'
    GROUP BY service
)
SELECT service,
       requests_1h,
       coalesce(errors_1h, 0)                                                          AS errors_1h,
       round((coalesce(errors_1h, 0)::numeric / nullif(requests_1h, 0)) / (1 - slo), 2) AS burn_rate_1h,
       requests_6h,
       coalesce(errors_6h, 0)                                                          AS errors_6h,
       round((coalesce(errors_6h, 0)::numeric / nullif(requests_6h, 0)) / (1 - slo), 2) AS burn_rate_6h
FROM windows, params
ORDER BY burn_rate_1h DESC NULLS LAST, service;
