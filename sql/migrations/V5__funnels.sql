-- Funnels of the business-events job: users reaching each step, per window (of the step's event
-- time) and dimension value. The view gives drop-off from the previous step and conversion from the
-- first step.

CREATE TABLE funnel_steps_base (
    bucket          TIMESTAMPTZ NOT NULL,
    window_seconds  INTEGER     NOT NULL,
    funnel          TEXT        NOT NULL,
    dimension       TEXT        NOT NULL,
    step            INTEGER     NOT NULL,
    step_name       TEXT        NOT NULL,
    users           BIGINT      NOT NULL,
    PRIMARY KEY (bucket, window_seconds, funnel, dimension, step)
);
SELECT create_hypertable('funnel_steps_base', 'bucket', chunk_time_interval => INTERVAL '7 days');

CREATE VIEW funnel_conversion AS
SELECT bucket, window_seconds, funnel, dimension, step, step_name, users,
       lag(users) OVER w - users                                   AS dropped_since_previous,
       users::double precision / NULLIF(first_value(users) OVER w, 0) AS conversion_from_first
FROM funnel_steps_base
WINDOW w AS (PARTITION BY bucket, window_seconds, funnel, dimension ORDER BY step);
