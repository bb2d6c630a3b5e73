-- Analyst-facing views: stable names and plain columns over the job tables.

-- Hourly latency per service and endpoint (each hour's quantiles are true quantiles of that hour).
CREATE VIEW latency_by_endpoint_hourly AS
SELECT bucket AS hour, service, operation, name AS metric, tags, count AS requests,
       round(mean::numeric, 2) AS mean_ms, round(p50::numeric, 2) AS p50_ms, round(p95::numeric, 2) AS p95_ms,
       round(p99::numeric, 2) AS p99_ms, round(max::numeric, 2) AS max_ms
FROM metric_timings_1h;

-- Revenue per day and currency.
CREATE VIEW revenue_daily AS
SELECT time_bucket('1 day', bucket) AS day, currency, round(sum(revenue)::numeric, 2) AS revenue, sum(purchases) AS purchases
FROM business_revenue_base
GROUP BY day, currency;

-- AI-agent spend per day.
CREATE VIEW agent_cost_daily AS
SELECT time_bucket('1 day', bucket) AS day, agent_id, model, sum(steps) AS steps, sum(failures) AS failures,
       sum(tokens_in) AS tokens_in, sum(tokens_out) AS tokens_out, round(sum(cost)::numeric, 4) AS cost_usd
FROM agent_usage
GROUP BY day, agent_id, model;
