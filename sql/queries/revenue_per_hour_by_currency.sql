-- Revenue per hour and currency over the last 48 hours (currencies are never added together).
SELECT time_bucket('1 hour', bucket) AS hour,
       currency,
       round(sum(revenue)::numeric, 2) AS revenue,
       sum(purchases)                  AS purchases
FROM business_revenue_base
WHERE bucket >= now() - interval '48 hours'
GROUP BY hour, currency
ORDER BY hour, currency;
