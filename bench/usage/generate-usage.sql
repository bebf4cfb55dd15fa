-- Fills bot_request_usage with :rows closed requests (default 5,000,000) across :bots bots
-- (500) over the :days days (365) before the current hour, deterministically (no random()), then
-- rebuilds the hourly rollups from them. Run on a bench database only: it empties the usage
-- tables first.
--   psql -v rows=5000000 -v bots=500 -v days=365 -f bench/usage/generate-usage.sql
\set ON_ERROR_STOP on
\if :{?rows} \else \set rows 5000000 \endif
\if :{?bots} \else \set bots 500 \endif
\if :{?days} \else \set days 365 \endif
\timing on

TRUNCATE bot_request_usage, bot_usage_hourly, fleet_usage_hourly;

-- Bulk load without the per-statement rollup trigger, then one rebuild: the rebuild is the
-- script operators use, so this also times it at scale.
ALTER TABLE bot_request_usage DISABLE TRIGGER bot_request_usage_rollup_insert;
INSERT INTO bot_request_usage (bot_id, request_id, channel, status, provider, model,
                               input_tokens, output_tokens, total_tokens, latency_ms,
                               started_at, completed_at)
SELECT 'bot-' || lpad((i % :bots)::text, 3, '0'),
       'bench-' || i,
       CASE WHEN i % 10 = 0 THEN 'api' ELSE 'dashboard' END,
       CASE WHEN i % 50 = 0 THEN 'error' WHEN i % 199 = 0 THEN 'timeout'
            WHEN i % 499 = 0 THEN 'interrupted' ELSE 'success' END,
       (ARRAY['openai', 'openai', 'anthropic', 'deepseek', 'dashscope', 'local'])[1 + i % 6],
       (ARRAY['gpt-4o', 'gpt-4o-mini', 'claude-sonnet', 'deepseek-chat', 'qwen-max',
              'llama3'])[1 + i % 6],
       200 + (i * 7919) % 4000,
       50 + (i * 104729) % 1200,
       250 + (i * 7919) % 4000 + (i * 104729) % 1200,
       200 + (i * 15485863) % 12000,
       date_trunc('hour', now()) - make_interval(days => :days)
           + (i::float8 / :rows) * make_interval(days => :days),
       date_trunc('hour', now()) - make_interval(days => :days)
           + (i::float8 / :rows) * make_interval(days => :days) + interval '2 seconds'
FROM generate_series(1::bigint, :rows) AS i;
ALTER TABLE bot_request_usage ENABLE TRIGGER bot_request_usage_rollup_insert;

SELECT nbdash_usage_rollup_rebuild() AS raw_rows_summed;
VACUUM ANALYZE bot_request_usage;
VACUUM ANALYZE bot_usage_hourly;
VACUUM ANALYZE fleet_usage_hourly;
SELECT (SELECT count(*) FROM bot_usage_hourly) AS bot_rollup_rows,
       (SELECT count(*) FROM fleet_usage_hourly) AS fleet_rollup_rows;
