-- The AI agents (and models) that cost the most over the last 7 days, with what they did for it.
SELECT agent_id,
       model,
       round(sum(cost)::numeric, 4)                                  AS cost_usd,
       sum(steps)                                                    AS steps,
       sum(tool_calls)                                               AS tool_calls,
       round(sum(failures)::numeric / nullif(sum(steps), 0), 4)      AS failure_rate,
       sum(tokens_in)                                                AS tokens_in,
       sum(tokens_out)                                               AS tokens_out
FROM agent_usage
WHERE bucket >= now() - interval '7 days'
GROUP BY agent_id, model
ORDER BY cost_usd DESC, agent_id, model
LIMIT 10;
