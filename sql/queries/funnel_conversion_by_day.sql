-- Funnel conversion per day and dimension value: users reaching each step that day, and the share
-- of the day's first-step users that reached it.
WITH daily AS (
    SELECT time_bucket('1 day', bucket) AS day, funnel, dimension, step, step_name, sum(users) AS users
    FROM funnel_steps_base
    WHERE bucket >= now() - interval '30 days'
    GROUP BY day, funnel, dimension, step, step_name
)
SELECT day, funnel, dimension, step, step_name, users,
       round(users::numeric / nullif(first_value(users) OVER w, 0), 4) AS conversion_from_first
FROM daily
WINDOW w AS (PARTITION BY day, funnel, dimension ORDER BY step)
ORDER BY day, funnel, dimension, step;
