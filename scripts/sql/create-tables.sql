-- Dashboard Nanobot: schema (tables, indexes, comments). The one source of the schema; the
-- server never creates or alters tables, it only checks at start-up that they exist.
--
-- Tables:
--   bot_image           base images bots run from: registered from a local image or built
--                       from source_dir; status and build log.
--   bot_instance        one row per bot: its index entry (id, name, folder, image) and what the
--                       runtime and the dashboard last knew about its state. The bot's
--                       configuration lives in files under workspace_dir, not here.
--   bot_message         chat history of the dashboard channel, with feedback on answers.
--   bot_request_usage   one row per request (turn) sent to a bot: status, provider, model,
--                       token counts, latency.
--   bot_activity_event  operations log: lifecycle, commands, config changes, image builds,
--                       channel connects, alerts. Outlives the bot it names (bot_ref).
--   bot_usage_hourly    closed requests summed per UTC hour, bot, channel, provider, model and
--                       status, with a latency histogram; kept by a trigger on
--                       bot_request_usage, rebuilt from it by nbdash_usage_rollup_rebuild().
--   fleet_usage_hourly  the same without the bot: serves fleet-wide queries over long ranges.
--   fleet_model_hourly  the same per hour, provider and model only: the fleet's year reports.
--   fleet_model_daily   fleet_model_hourly summed per day in the report zone (the setting
--                       usage.report_time_zone): a year of the fleet in ~2,000 rows.
--   bot_usage_ledger    each bot's own token ledger (spend by source: user, api, cron, dream,
--                       system) per day, imported from its data folder.
--   bot_alert           alert episodes: open while a rule holds for a bot, closed when it
--                       stops holding.
--   sys_setting         global platform settings, typed values stored as JSON.
--   skill_market_item   skills the operator can install into a bot's workspace.
--   api_token           tokens scripts use instead of a signed-in session; digests only.
--   bot_file_revision   every saved version of a bot's config.json, env.json and persona
--                       files, secrets redacted.
--
-- Idempotent: CREATE ... IF NOT EXISTS throughout, so a re-run changes nothing that exists.
-- It does not migrate: an existing table of a different shape is left as it is.
--
-- Ownership: run it connected to the application database either as the application role, or
-- as a superuser with -v db_user=<application role>; the script then switches to that role
-- (SET LOCAL ROLE) so every table, sequence and function it creates is owned by the
-- application role, which therefore has full rights on them without further grants.
--
--   psql -X -v ON_ERROR_STOP=1 -d nbdash -v db_user=nbdash -f create-tables.sql

\set ON_ERROR_STOP on

BEGIN;

-- Quiet re-runs: no "already exists, skipping" notice per object.
SET LOCAL client_min_messages = warning;

\if :{?db_user}
SET LOCAL ROLE :"db_user";
\endif

-- Two concurrent runs would race on IF NOT EXISTS; one waits for the other instead.
SELECT pg_advisory_xact_lock(hashtext('nbdash.create-tables')) \g /dev/null

-- updated_at follows every UPDATE unless the statement sets it itself.
CREATE OR REPLACE FUNCTION nbdash_touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END
$fn$;

-- bot_ref keeps the bot's id on an event after bot_id is set NULL by the bot's deletion.
CREATE OR REPLACE FUNCTION nbdash_fill_event_bot_ref() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    NEW.bot_ref := COALESCE(NEW.bot_ref, NEW.bot_id);
    RETURN NEW;
END
$fn$;

-- ---------------------------------------------------------------------------------------------
-- bot_image
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS bot_image (
    tag         text PRIMARY KEY,
    image_id    text,
    version     text,
    status      text NOT NULL
        CONSTRAINT bot_image_status_check
        CHECK (status IN ('registered', 'building', 'ready', 'failed', 'missing')),
    source_dir  text,
    build_log   text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE OR REPLACE TRIGGER bot_image_touch_updated_at
    BEFORE UPDATE ON bot_image
    FOR EACH ROW EXECUTE FUNCTION nbdash_touch_updated_at();

COMMENT ON TABLE bot_image IS
    'Base images bots run from; registered from a local image or built from source_dir.';
COMMENT ON COLUMN bot_image.tag IS 'Image reference as the runtime knows it, e.g. simbot:latest.';
COMMENT ON COLUMN bot_image.image_id IS 'Runtime image id (sha256:...) from the last inspect.';
COMMENT ON COLUMN bot_image.status IS
    'registered = known, not yet inspected; building = build in progress; ready = present and '
    'usable; failed = last build failed (see build_log); missing = no longer in the runtime.';
COMMENT ON COLUMN bot_image.source_dir IS 'Build context directory, when built by the dashboard.';
COMMENT ON COLUMN bot_image.build_log IS 'Output of the last build.';

-- ---------------------------------------------------------------------------------------------
-- bot_instance
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS bot_instance (
    id               text PRIMARY KEY
        CONSTRAINT bot_instance_id_check CHECK (id ~ '^[a-z][a-z0-9-]{1,62}$'),
    name             text NOT NULL
        CONSTRAINT bot_instance_name_check CHECK (char_length(name) BETWEEN 1 AND 128),
    enabled          boolean NOT NULL DEFAULT false,
    access_password  text,
    workspace_dir    text NOT NULL UNIQUE,
    docker_status    text NOT NULL DEFAULT 'absent'
        CONSTRAINT bot_instance_docker_status_check
        CHECK (docker_status IN ('absent', 'created', 'running', 'paused', 'restarting',
                                 'exited', 'dead', 'unknown')),
    current_state    text NOT NULL DEFAULT 'stopped'
        CONSTRAINT bot_instance_current_state_check
        CHECK (current_state IN ('stopped', 'starting', 'ready', 'busy', 'degraded', 'error')),
    last_action      text NOT NULL DEFAULT 'create'
        CONSTRAINT bot_instance_last_action_check
        CHECK (last_action IN ('create', 'start', 'stop', 'restart', 'update_config',
                               'delete')),
    state_detail     text,
    image_tag        text NOT NULL REFERENCES bot_image (tag) ON UPDATE CASCADE,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Serves the foreign key check when an image is deleted or retagged.
CREATE INDEX IF NOT EXISTS bot_instance_image_tag_idx ON bot_instance (image_tag);

CREATE OR REPLACE TRIGGER bot_instance_touch_updated_at
    BEFORE UPDATE ON bot_instance
    FOR EACH ROW EXECUTE FUNCTION nbdash_touch_updated_at();

COMMENT ON TABLE bot_instance IS
    'One row per bot: index entry and last known runtime state; configuration lives in files.';
COMMENT ON COLUMN bot_instance.id IS
    'Slug ^[a-z][a-z0-9-]{1,62}$; names the folder and the container nanobot-<id>.';
COMMENT ON COLUMN bot_instance.enabled IS 'Desired state: true = the operator wants it running.';
COMMENT ON COLUMN bot_instance.access_password IS
    'argon2id hash string of the share-page password, never the password; NULL = no sharing.';
COMMENT ON COLUMN bot_instance.workspace_dir IS 'The bot''s folder, holding .nanobot/.';
COMMENT ON COLUMN bot_instance.docker_status IS
    'Runtime''s own container state: absent, created, running, paused, restarting, exited, '
    'dead; unknown = the runtime is unreachable.';
COMMENT ON COLUMN bot_instance.current_state IS
    'Dashboard''s view: stopped; starting; ready = channel connected; busy = a turn in flight; '
    'degraded = running but unreachable; error.';
COMMENT ON COLUMN bot_instance.last_action IS
    'Last lifecycle verb: create, start, stop, restart, update_config, delete; its outcome is '
    'recorded as a bot_activity_event.';
COMMENT ON COLUMN bot_instance.state_detail IS
    'Why the actual state differs from the desired one (e.g. the container exit reason).';
COMMENT ON COLUMN bot_instance.image_tag IS 'Image the bot runs from (bot_image.tag).';

-- ---------------------------------------------------------------------------------------------
-- bot_message
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS bot_message (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bot_id       text NOT NULL REFERENCES bot_instance (id) ON DELETE CASCADE,
    role         text NOT NULL
        CONSTRAINT bot_message_role_check CHECK (role IN ('user', 'assistant', 'system')),
    text         text NOT NULL DEFAULT '',
    media_json   jsonb,
    feedback     text
        CONSTRAINT bot_message_feedback_check CHECK (feedback IN ('up', 'down')),
    feedback_at  timestamptz,
    request_id   text,
    status       text NOT NULL DEFAULT 'complete'
        CONSTRAINT bot_message_status_check CHECK (status IN ('complete', 'partial', 'error')),
    reasoning    text,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS bot_message_bot_id_id_idx ON bot_message (bot_id, id DESC);
CREATE INDEX IF NOT EXISTS bot_message_request_id_idx ON bot_message (request_id);
-- The retention purge deletes the oldest messages first.
CREATE INDEX IF NOT EXISTS bot_message_created_at_idx ON bot_message (created_at);

COMMENT ON TABLE bot_message IS 'Chat history of the dashboard channel, with answer feedback.';
COMMENT ON COLUMN bot_message.role IS 'user, assistant or system.';
COMMENT ON COLUMN bot_message.media_json IS
    'Attachments: paths inside the bot''s .nanobot folder, as the channel reported them.';
COMMENT ON COLUMN bot_message.feedback IS 'Operator rating of an answer: up, down or NULL.';
COMMENT ON COLUMN bot_message.request_id IS 'Request (turn) this message belongs to.';
COMMENT ON COLUMN bot_message.status IS
    'complete; partial = the turn ended early and this is the text that had arrived; error.';
COMMENT ON COLUMN bot_message.reasoning IS 'Model reasoning text, when the bot reported it.';

-- ---------------------------------------------------------------------------------------------
-- bot_request_usage
-- ---------------------------------------------------------------------------------------------
-- bot_id is deliberately not a foreign key: deleting a bot keeps its cost history (raw rows,
-- rollups, ledger); retention.usage_days is what removes old raw rows.
CREATE TABLE IF NOT EXISTS bot_request_usage (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bot_id           text NOT NULL,
    request_id       text NOT NULL UNIQUE,
    channel          text NOT NULL DEFAULT 'dashboard',
    status           text NOT NULL
        CONSTRAINT bot_request_usage_status_check
        CHECK (status IN ('running', 'success', 'error', 'timeout', 'interrupted')),
    provider         text,
    model            text,
    input_tokens     integer NOT NULL DEFAULT 0
        CONSTRAINT bot_request_usage_input_tokens_check CHECK (input_tokens >= 0),
    output_tokens    integer NOT NULL DEFAULT 0
        CONSTRAINT bot_request_usage_output_tokens_check CHECK (output_tokens >= 0),
    total_tokens     integer NOT NULL DEFAULT 0
        CONSTRAINT bot_request_usage_total_tokens_check CHECK (total_tokens >= 0),
    usage_estimated  boolean NOT NULL DEFAULT false,
    latency_ms       integer
        CONSTRAINT bot_request_usage_latency_ms_check CHECK (latency_ms >= 0),
    usage_json       jsonb,
    error_detail     text,
    started_at       timestamptz NOT NULL DEFAULT now(),
    completed_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS bot_request_usage_bot_id_created_at_idx
    ON bot_request_usage (bot_id, created_at);
CREATE INDEX IF NOT EXISTS bot_request_usage_created_at_idx ON bot_request_usage (created_at);
-- Databases created before the cost history was kept had the bot's deletion cascade here.
ALTER TABLE bot_request_usage DROP CONSTRAINT IF EXISTS bot_request_usage_bot_id_fkey;

-- Usage reports place a request in time by started_at: edges of a range, the error-rate alert.
CREATE INDEX IF NOT EXISTS bot_request_usage_started_at_idx ON bot_request_usage (started_at);
CREATE INDEX IF NOT EXISTS bot_request_usage_bot_id_started_at_idx
    ON bot_request_usage (bot_id, started_at);
-- Requests still open: found at start-up and by the turn timeout sweep.
CREATE INDEX IF NOT EXISTS bot_request_usage_running_idx
    ON bot_request_usage (started_at) WHERE status = 'running';

COMMENT ON TABLE bot_request_usage IS 'One row per request (turn) sent to a bot.';
COMMENT ON COLUMN bot_request_usage.request_id IS 'Dashboard-generated id of the request.';
COMMENT ON COLUMN bot_request_usage.channel IS 'Channel the request came through.';
COMMENT ON COLUMN bot_request_usage.status IS
    'running = open; success; error = the bot reported an error; timeout = no turn end within '
    'chat.turn_timeout_seconds; interrupted = the connection dropped mid-turn.';
COMMENT ON COLUMN bot_request_usage.input_tokens IS 'Prompt tokens summed over the turn.';
COMMENT ON COLUMN bot_request_usage.output_tokens IS 'Completion tokens summed over the turn.';
COMMENT ON COLUMN bot_request_usage.total_tokens IS
    'Total tokens; input + output when the bot did not report it.';
COMMENT ON COLUMN bot_request_usage.usage_estimated IS
    'true when the counts are a local estimate rather than the provider''s figures.';
COMMENT ON COLUMN bot_request_usage.latency_ms IS 'Milliseconds from send to turn end.';
COMMENT ON COLUMN bot_request_usage.usage_json IS 'Usage map exactly as the bot reported it.';

-- ---------------------------------------------------------------------------------------------
-- bot_activity_event
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS bot_activity_event (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bot_id         text REFERENCES bot_instance (id) ON DELETE SET NULL,
    bot_ref        text,
    request_id     text,
    event_type     text NOT NULL
        CONSTRAINT bot_activity_event_event_type_check
        CHECK (event_type ~ '^[a-z][a-z0-9_]{1,63}$'),
    severity       text NOT NULL DEFAULT 'info'
        CONSTRAINT bot_activity_event_severity_check
        CHECK (severity IN ('info', 'warning', 'error')),
    channel        text,
    detail         text NOT NULL DEFAULT '',
    metadata_json  jsonb,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT bot_activity_event_bot_ref_check CHECK (bot_id IS NULL OR bot_ref = bot_id)
);

CREATE INDEX IF NOT EXISTS bot_activity_event_bot_id_created_at_idx
    ON bot_activity_event (bot_id, created_at DESC);
CREATE INDEX IF NOT EXISTS bot_activity_event_event_type_created_at_idx
    ON bot_activity_event (event_type, created_at DESC);
CREATE INDEX IF NOT EXISTS bot_activity_event_created_at_idx
    ON bot_activity_event (created_at DESC);
-- The event log pages newest first by id, per bot (also after the bot row is gone) and per type.
CREATE INDEX IF NOT EXISTS bot_activity_event_bot_ref_id_idx
    ON bot_activity_event (bot_ref, id DESC);
CREATE INDEX IF NOT EXISTS bot_activity_event_event_type_id_idx
    ON bot_activity_event (event_type, id DESC);

CREATE OR REPLACE TRIGGER bot_activity_event_fill_bot_ref
    BEFORE INSERT ON bot_activity_event
    FOR EACH ROW EXECUTE FUNCTION nbdash_fill_event_bot_ref();

COMMENT ON TABLE bot_activity_event IS
    'Operations log; rows outlive the bot they name (bot_id NULL, bot_ref kept).';
COMMENT ON COLUMN bot_activity_event.bot_id IS 'The bot, while it exists; NULL once deleted.';
COMMENT ON COLUMN bot_activity_event.bot_ref IS
    'The bot''s id as plain text, kept after deletion; filled from bot_id on insert.';
COMMENT ON COLUMN bot_activity_event.event_type IS
    'snake_case: lifecycle (bot_created, bot_deleted, container_started, container_stopped, '
    'container_died, ...), command_submitted, config_changed, image build events '
    '(image_build_started, image_build_succeeded, image_build_failed), channel_connected, '
    'channel_disconnected, alert.';
COMMENT ON COLUMN bot_activity_event.severity IS 'info, warning or error.';
COMMENT ON COLUMN bot_activity_event.detail IS 'One human-readable line; no secrets.';
COMMENT ON COLUMN bot_activity_event.metadata_json IS 'Structured detail for the event type.';

-- ---------------------------------------------------------------------------------------------
-- sys_setting
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS sys_setting (
    key          text PRIMARY KEY
        CONSTRAINT sys_setting_key_check CHECK (key ~ '^[a-z][a-z0-9_.]{1,127}$'),
    name         text NOT NULL,
    category     text NOT NULL,
    description  text NOT NULL DEFAULT '',
    value_type   text NOT NULL
        CONSTRAINT sys_setting_value_type_check
        CHECK (value_type IN ('string', 'integer', 'number', 'boolean', 'json')),
    value_json   jsonb NOT NULL,
    is_public    boolean NOT NULL DEFAULT false,
    sort_order   integer NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    -- Nested CASE fixes the evaluation order: the numeric cast runs only on JSON numbers.
    CONSTRAINT sys_setting_value_matches_type_check CHECK (
        CASE value_type
            WHEN 'string' THEN jsonb_typeof(value_json) = 'string'
            WHEN 'number' THEN jsonb_typeof(value_json) = 'number'
            WHEN 'boolean' THEN jsonb_typeof(value_json) = 'boolean'
            WHEN 'integer' THEN
                CASE WHEN jsonb_typeof(value_json) = 'number'
                    THEN value_json::numeric = trunc(value_json::numeric)
                    ELSE false
                END
            ELSE true
        END
    )
);

CREATE INDEX IF NOT EXISTS sys_setting_category_sort_order_idx
    ON sys_setting (category, sort_order);

CREATE OR REPLACE TRIGGER sys_setting_touch_updated_at
    BEFORE UPDATE ON sys_setting
    FOR EACH ROW EXECUTE FUNCTION nbdash_touch_updated_at();

COMMENT ON TABLE sys_setting IS 'Global platform settings; core rows come from init-data.sql.';
COMMENT ON COLUMN sys_setting.key IS
    'Dotted key <category>.<name>, e.g. chat.turn_timeout_seconds.';
COMMENT ON COLUMN sys_setting.value_type IS
    'string, integer (a whole JSON number), number, boolean, json (any JSON value).';
COMMENT ON COLUMN sys_setting.value_json IS 'JSON encoding of the value; must match value_type.';
COMMENT ON COLUMN sys_setting.is_public IS
    'true = readable without login through GET /api/settings/public.';

-- ---------------------------------------------------------------------------------------------
-- skill_market_item
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS skill_market_item (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    skill_key    text NOT NULL UNIQUE
        CONSTRAINT skill_market_item_skill_key_check
        CHECK (skill_key ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
    name         text NOT NULL,
    description  text NOT NULL,
    category     text NOT NULL,
    version      text NOT NULL DEFAULT '1.0.0',
    author       text,
    skill_md     text NOT NULL,
    is_builtin   boolean NOT NULL DEFAULT false,
    enabled      boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS skill_market_item_category_idx ON skill_market_item (category);

CREATE OR REPLACE TRIGGER skill_market_item_touch_updated_at
    BEFORE UPDATE ON skill_market_item
    FOR EACH ROW EXECUTE FUNCTION nbdash_touch_updated_at();

COMMENT ON TABLE skill_market_item IS
    'Skills offered for installation into a bot''s workspace/skills/<skill_key>/SKILL.md.';
COMMENT ON COLUMN skill_market_item.skill_key IS
    'Folder name of the installed skill; equals the name in the SKILL.md front matter.';
COMMENT ON COLUMN skill_market_item.skill_md IS
    'The complete SKILL.md: YAML front matter (name, description, metadata) and body.';
COMMENT ON COLUMN skill_market_item.is_builtin IS 'Shipped by init-data.sql.';
COMMENT ON COLUMN skill_market_item.enabled IS 'false = hidden from the market.';

-- ---------------------------------------------------------------------------------------------
-- bot_usage_hourly, fleet_usage_hourly: rollups of closed requests
-- ---------------------------------------------------------------------------------------------
-- Latency histogram: lat_bNN counts requests whose latency_ms falls in bucket NN of
-- nbdash_latency_bucket (upper bounds 50, 100, 200, 350, 500, 750 ms, 1, 1.5, 2, 3, 5, 8, 13,
-- 20, 40 s, then open). Sixteen plain columns rather than an array: sum() over columns is what
-- keeps a year of fleet rollups quick to aggregate. The server holds the same bounds
-- (usage/latency_histogram.hpp).
CREATE OR REPLACE FUNCTION nbdash_latency_bucket(latency_ms integer) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
    SELECT width_bucket(latency_ms,
        ARRAY[50, 100, 200, 350, 500, 750, 1000, 1500, 2000, 3000, 5000, 8000, 13000, 20000,
              40000])
$fn$;

CREATE TABLE IF NOT EXISTS bot_usage_hourly (
    hour_start      timestamptz NOT NULL,
    bot_id          text NOT NULL,
    channel         text NOT NULL,
    provider        text NOT NULL,
    model           text NOT NULL,
    status          text NOT NULL,
    requests        bigint NOT NULL DEFAULT 0,
    input_tokens    bigint NOT NULL DEFAULT 0,
    output_tokens   bigint NOT NULL DEFAULT 0,
    total_tokens    bigint NOT NULL DEFAULT 0,
    latency_count   bigint NOT NULL DEFAULT 0,
    latency_sum_ms  bigint NOT NULL DEFAULT 0,
    lat_b00 integer NOT NULL DEFAULT 0, lat_b01 integer NOT NULL DEFAULT 0,
    lat_b02 integer NOT NULL DEFAULT 0, lat_b03 integer NOT NULL DEFAULT 0,
    lat_b04 integer NOT NULL DEFAULT 0, lat_b05 integer NOT NULL DEFAULT 0,
    lat_b06 integer NOT NULL DEFAULT 0, lat_b07 integer NOT NULL DEFAULT 0,
    lat_b08 integer NOT NULL DEFAULT 0, lat_b09 integer NOT NULL DEFAULT 0,
    lat_b10 integer NOT NULL DEFAULT 0, lat_b11 integer NOT NULL DEFAULT 0,
    lat_b12 integer NOT NULL DEFAULT 0, lat_b13 integer NOT NULL DEFAULT 0,
    lat_b14 integer NOT NULL DEFAULT 0, lat_b15 integer NOT NULL DEFAULT 0,
    PRIMARY KEY (bot_id, hour_start, channel, provider, model, status)
);

-- Every bot over a short range (the fleet page's today figures).
CREATE INDEX IF NOT EXISTS bot_usage_hourly_hour_start_idx ON bot_usage_hourly (hour_start);

COMMENT ON TABLE bot_usage_hourly IS
    'Closed requests summed per UTC hour (by started_at), bot, channel, provider, model and '
    'status. Kept by trigger; raw rows are the truth (nbdash_usage_rollup_rebuild). Rows '
    'outlive purged raw rows and deleted bots.';
COMMENT ON COLUMN bot_usage_hourly.provider IS 'Provider, '''' when the bot reported none.';
COMMENT ON COLUMN bot_usage_hourly.model IS 'Model, '''' when the bot reported none.';
COMMENT ON COLUMN bot_usage_hourly.latency_count IS 'Requests with a latency_ms.';

CREATE TABLE IF NOT EXISTS fleet_usage_hourly (
    hour_start      timestamptz NOT NULL,
    channel         text NOT NULL,
    provider        text NOT NULL,
    model           text NOT NULL,
    status          text NOT NULL,
    requests        bigint NOT NULL DEFAULT 0,
    input_tokens    bigint NOT NULL DEFAULT 0,
    output_tokens   bigint NOT NULL DEFAULT 0,
    total_tokens    bigint NOT NULL DEFAULT 0,
    latency_count   bigint NOT NULL DEFAULT 0,
    latency_sum_ms  bigint NOT NULL DEFAULT 0,
    lat_b00 integer NOT NULL DEFAULT 0, lat_b01 integer NOT NULL DEFAULT 0,
    lat_b02 integer NOT NULL DEFAULT 0, lat_b03 integer NOT NULL DEFAULT 0,
    lat_b04 integer NOT NULL DEFAULT 0, lat_b05 integer NOT NULL DEFAULT 0,
    lat_b06 integer NOT NULL DEFAULT 0, lat_b07 integer NOT NULL DEFAULT 0,
    lat_b08 integer NOT NULL DEFAULT 0, lat_b09 integer NOT NULL DEFAULT 0,
    lat_b10 integer NOT NULL DEFAULT 0, lat_b11 integer NOT NULL DEFAULT 0,
    lat_b12 integer NOT NULL DEFAULT 0, lat_b13 integer NOT NULL DEFAULT 0,
    lat_b14 integer NOT NULL DEFAULT 0, lat_b15 integer NOT NULL DEFAULT 0,
    PRIMARY KEY (hour_start, channel, provider, model, status)
);

COMMENT ON TABLE fleet_usage_hourly IS
    'bot_usage_hourly without the bot: fleet-wide reports over long ranges read ~1/500 of the '
    'rows. Kept by the same trigger.';

CREATE TABLE IF NOT EXISTS fleet_model_hourly (
    hour_start      timestamptz NOT NULL,
    provider        text NOT NULL,
    model           text NOT NULL,
    requests        bigint NOT NULL DEFAULT 0,
    errors          bigint NOT NULL DEFAULT 0,
    input_tokens    bigint NOT NULL DEFAULT 0,
    output_tokens   bigint NOT NULL DEFAULT 0,
    total_tokens    bigint NOT NULL DEFAULT 0,
    latency_count   bigint NOT NULL DEFAULT 0,
    latency_sum_ms  bigint NOT NULL DEFAULT 0,
    lat_b00 integer NOT NULL DEFAULT 0, lat_b01 integer NOT NULL DEFAULT 0,
    lat_b02 integer NOT NULL DEFAULT 0, lat_b03 integer NOT NULL DEFAULT 0,
    lat_b04 integer NOT NULL DEFAULT 0, lat_b05 integer NOT NULL DEFAULT 0,
    lat_b06 integer NOT NULL DEFAULT 0, lat_b07 integer NOT NULL DEFAULT 0,
    lat_b08 integer NOT NULL DEFAULT 0, lat_b09 integer NOT NULL DEFAULT 0,
    lat_b10 integer NOT NULL DEFAULT 0, lat_b11 integer NOT NULL DEFAULT 0,
    lat_b12 integer NOT NULL DEFAULT 0, lat_b13 integer NOT NULL DEFAULT 0,
    lat_b14 integer NOT NULL DEFAULT 0, lat_b15 integer NOT NULL DEFAULT 0,
    PRIMARY KEY (hour_start, provider, model)
);

COMMENT ON TABLE fleet_model_hourly IS
    'fleet_usage_hourly without channel and status (errors counted instead): the fleet''s '
    'reports by day and model over a year read a third of the rows. Kept by the same trigger.';
COMMENT ON COLUMN fleet_model_hourly.errors IS 'Requests whose status is not success.';

-- Databases from before this table: fill it once from fleet_usage_hourly (which outlives
-- purged raw rows, so no history is lost). An empty fleet_usage_hourly makes this a no-op.
INSERT INTO fleet_model_hourly AS r (hour_start, provider, model, requests, errors,
    input_tokens, output_tokens, total_tokens, latency_count, latency_sum_ms, lat_b00, lat_b01,
    lat_b02, lat_b03, lat_b04, lat_b05, lat_b06, lat_b07, lat_b08, lat_b09, lat_b10, lat_b11,
    lat_b12, lat_b13, lat_b14, lat_b15)
SELECT hour_start, provider, model, sum(requests),
       coalesce(sum(requests) FILTER (WHERE status <> 'success'), 0), sum(input_tokens),
       sum(output_tokens), sum(total_tokens), sum(latency_count), sum(latency_sum_ms),
       sum(lat_b00), sum(lat_b01), sum(lat_b02), sum(lat_b03), sum(lat_b04), sum(lat_b05),
       sum(lat_b06), sum(lat_b07), sum(lat_b08), sum(lat_b09), sum(lat_b10), sum(lat_b11),
       sum(lat_b12), sum(lat_b13), sum(lat_b14), sum(lat_b15)
FROM fleet_usage_hourly
WHERE NOT EXISTS (SELECT 1 FROM fleet_model_hourly)
GROUP BY hour_start, provider, model;

-- The reporting zone's days. The setting usage.report_time_zone names it (UTC when unset).
CREATE OR REPLACE FUNCTION nbdash_usage_report_zone() RETURNS text
LANGUAGE sql STABLE AS $fn$
    SELECT coalesce((SELECT value_json #>> '{}' FROM sys_setting
                     WHERE key = 'usage.report_time_zone'), 'UTC')
$fn$;

CREATE TABLE IF NOT EXISTS fleet_model_daily (
    day_start       timestamptz NOT NULL,
    provider        text NOT NULL,
    model           text NOT NULL,
    requests        bigint NOT NULL DEFAULT 0,
    errors          bigint NOT NULL DEFAULT 0,
    input_tokens    bigint NOT NULL DEFAULT 0,
    output_tokens   bigint NOT NULL DEFAULT 0,
    total_tokens    bigint NOT NULL DEFAULT 0,
    latency_count   bigint NOT NULL DEFAULT 0,
    latency_sum_ms  bigint NOT NULL DEFAULT 0,
    lat_b00 integer NOT NULL DEFAULT 0, lat_b01 integer NOT NULL DEFAULT 0,
    lat_b02 integer NOT NULL DEFAULT 0, lat_b03 integer NOT NULL DEFAULT 0,
    lat_b04 integer NOT NULL DEFAULT 0, lat_b05 integer NOT NULL DEFAULT 0,
    lat_b06 integer NOT NULL DEFAULT 0, lat_b07 integer NOT NULL DEFAULT 0,
    lat_b08 integer NOT NULL DEFAULT 0, lat_b09 integer NOT NULL DEFAULT 0,
    lat_b10 integer NOT NULL DEFAULT 0, lat_b11 integer NOT NULL DEFAULT 0,
    lat_b12 integer NOT NULL DEFAULT 0, lat_b13 integer NOT NULL DEFAULT 0,
    lat_b14 integer NOT NULL DEFAULT 0, lat_b15 integer NOT NULL DEFAULT 0,
    PRIMARY KEY (day_start, provider, model)
);

COMMENT ON TABLE fleet_model_daily IS
    'fleet_model_hourly summed per day of the report zone (nbdash_usage_report_zone()): each '
    'UTC hour counts in the day its start falls in, which is the exact local day in every zone '
    'whose offset is a whole number of hours. Kept by the same trigger; rebuilt from '
    'fleet_model_hourly when the zone changes.';
COMMENT ON COLUMN fleet_model_daily.day_start IS 'Midnight of the day in the report zone.';

-- Fills fleet_model_daily for the days from since's day onwards from fleet_model_hourly (whole
-- hours are all a day of a whole-hour zone is made of, and the hourly rows outlive purged raw
-- rows, so no history is lost).
CREATE OR REPLACE FUNCTION nbdash_usage_daily_refill(since timestamptz DEFAULT '-infinity')
RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
    zone text := nbdash_usage_report_zone();
    first_day timestamptz := CASE WHEN since = '-infinity' THEN since
                                  ELSE date_trunc('day', since, zone) END;
BEGIN
    DELETE FROM fleet_model_daily WHERE day_start >= first_day;
    INSERT INTO fleet_model_daily (day_start, provider, model, requests, errors, input_tokens,
        output_tokens, total_tokens, latency_count, latency_sum_ms, lat_b00, lat_b01, lat_b02,
        lat_b03, lat_b04, lat_b05, lat_b06, lat_b07, lat_b08, lat_b09, lat_b10, lat_b11,
        lat_b12, lat_b13, lat_b14, lat_b15)
    SELECT date_trunc('day', hour_start, zone), provider, model, sum(requests), sum(errors),
           sum(input_tokens), sum(output_tokens), sum(total_tokens), sum(latency_count),
           sum(latency_sum_ms), sum(lat_b00), sum(lat_b01), sum(lat_b02), sum(lat_b03),
           sum(lat_b04), sum(lat_b05), sum(lat_b06), sum(lat_b07), sum(lat_b08), sum(lat_b09),
           sum(lat_b10), sum(lat_b11), sum(lat_b12), sum(lat_b13), sum(lat_b14), sum(lat_b15)
    FROM fleet_model_hourly
    WHERE hour_start >= first_day
    GROUP BY 1, 2, 3;
END
$fn$;

-- Databases from before this table: fill it once. An empty fleet_model_hourly makes this a
-- no-op.
DO $do$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM fleet_model_daily)
       AND EXISTS (SELECT 1 FROM fleet_model_hourly) THEN
        PERFORM nbdash_usage_daily_refill();
    END IF;
END
$do$;

-- A new report zone regroups the days. Checked here, so a zone PostgreSQL does not know is
-- refused whatever wrote it; closes wait (SHARE lock) so none is summed into the old days.
CREATE OR REPLACE FUNCTION nbdash_usage_report_zone_changed() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF jsonb_typeof(NEW.value_json) <> 'string'
       OR NOT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = NEW.value_json #>> '{}') THEN
        RAISE EXCEPTION 'unknown time zone %', NEW.value_json #>> '{}'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.value_json = NEW.value_json THEN
        RETURN NULL;
    END IF;
    LOCK TABLE bot_request_usage IN SHARE MODE;
    PERFORM nbdash_usage_daily_refill();
    RETURN NULL;
END
$fn$;

CREATE OR REPLACE TRIGGER sys_setting_report_zone_changed
    AFTER INSERT OR UPDATE OF value_json ON sys_setting
    FOR EACH ROW WHEN (NEW.key = 'usage.report_time_zone')
    EXECUTE FUNCTION nbdash_usage_report_zone_changed();

-- The four upserts that add a set of request rows (delta_sql: a query yielding rows of
-- bot_request_usage plus a column sign, +1 to add, -1 to take away) to the rollups. Returned
-- as text because the trigger's transition tables are visible only to statements the trigger
-- function itself runs; the rebuild runs the same text, so live and rebuilt rollups are summed
-- by one definition. The daily rollup's day is that of the request's UTC hour, as in
-- nbdash_usage_daily_refill.
CREATE OR REPLACE FUNCTION nbdash_usage_rollup_statements(delta_sql text) RETURNS text[]
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    zone text := nbdash_usage_report_zone();
    hist_cols text := (SELECT string_agg(format('lat_b%s', lpad(b::text, 2, '0')), ', ')
                       FROM generate_series(0, 15) b);
    hist_sums text := (SELECT string_agg(format('coalesce(sum(sign) FILTER (WHERE '
                           'nbdash_latency_bucket(latency_ms) = %s), 0)', b), ', ')
                       FROM generate_series(0, 15) b);
    hist_adds text := (SELECT string_agg(format('lat_b%1$s = r.lat_b%1$s + EXCLUDED.lat_b%1$s',
                           lpad(b::text, 2, '0')), ', ')
                       FROM generate_series(0, 15) b);
    measures text := 'sum(sign), coalesce(sum(sign * input_tokens), 0), '
                     'coalesce(sum(sign * output_tokens), 0), '
                     'coalesce(sum(sign * total_tokens), 0), '
                     'coalesce(sum(sign) FILTER (WHERE latency_ms IS NOT NULL), 0), '
                     'coalesce(sum(sign * latency_ms::bigint), 0), ';
    adds text := 'requests = r.requests + EXCLUDED.requests, '
                 'input_tokens = r.input_tokens + EXCLUDED.input_tokens, '
                 'output_tokens = r.output_tokens + EXCLUDED.output_tokens, '
                 'total_tokens = r.total_tokens + EXCLUDED.total_tokens, '
                 'latency_count = r.latency_count + EXCLUDED.latency_count, '
                 'latency_sum_ms = r.latency_sum_ms + EXCLUDED.latency_sum_ms, ';
    measure_cols text := 'requests, input_tokens, output_tokens, total_tokens, latency_count, '
                         'latency_sum_ms, ';
BEGIN
    RETURN ARRAY[
        format('WITH delta AS (%s) INSERT INTO bot_usage_hourly AS r (hour_start, bot_id, '
               'channel, provider, model, status, %s%s) SELECT date_trunc(''hour'', '
               'started_at, ''UTC''), bot_id, channel, coalesce(provider, ''''), '
               'coalesce(model, ''''), status, %s%s FROM delta GROUP BY 1, 2, 3, 4, 5, 6 '
               'ON CONFLICT (bot_id, hour_start, channel, provider, model, status) '
               'DO UPDATE SET %s%s',
               delta_sql, measure_cols, hist_cols, measures, hist_sums, adds, hist_adds),
        format('WITH delta AS (%s) INSERT INTO fleet_usage_hourly AS r (hour_start, '
               'channel, provider, model, status, %s%s) SELECT date_trunc(''hour'', '
               'started_at, ''UTC''), channel, coalesce(provider, ''''), '
               'coalesce(model, ''''), status, %s%s FROM delta GROUP BY 1, 2, 3, 4, 5 '
               'ON CONFLICT (hour_start, channel, provider, model, status) '
               'DO UPDATE SET %s%s',
               delta_sql, measure_cols, hist_cols, measures, hist_sums, adds, hist_adds),
        format('WITH delta AS (%s) INSERT INTO fleet_model_hourly AS r (hour_start, '
               'provider, model, errors, %s%s) SELECT date_trunc(''hour'', started_at, '
               '''UTC''), coalesce(provider, ''''), coalesce(model, ''''), '
               'coalesce(sum(sign) FILTER (WHERE status <> ''success''), 0), %s%s '
               'FROM delta GROUP BY 1, 2, 3 ON CONFLICT (hour_start, provider, model) '
               'DO UPDATE SET errors = r.errors + EXCLUDED.errors, %s%s',
               delta_sql, measure_cols, hist_cols, measures, hist_sums, adds, hist_adds),
        format('WITH delta AS (%s) INSERT INTO fleet_model_daily AS r (day_start, '
               'provider, model, errors, %s%s) SELECT date_trunc(''day'', '
               'date_trunc(''hour'', started_at, ''UTC''), %L), coalesce(provider, ''''), '
               'coalesce(model, ''''), '
               'coalesce(sum(sign) FILTER (WHERE status <> ''success''), 0), %s%s '
               'FROM delta GROUP BY 1, 2, 3 ON CONFLICT (day_start, provider, model) '
               'DO UPDATE SET errors = r.errors + EXCLUDED.errors, %s%s',
               delta_sql, measure_cols, hist_cols, zone, measures, hist_sums, adds, hist_adds)];
END
$fn$;

-- Statement-level, so a bulk insert or update is summed once per statement, and in the same
-- transaction as the change: the rollup can never disagree with committed raw rows, whichever
-- code path (closing a turn, interrupting, the timeout sweep, manual SQL) closed them. Rows
-- still running count nowhere; an update moves a row's contribution only when a summed
-- column changed. Deletes are not followed: retention purges raw rows and keeps the rollup.
CREATE OR REPLACE FUNCTION nbdash_usage_rollup_follow() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    delta_sql text;
    statement text;
    summed text := '(%1$s.bot_id, %1$s.channel, %1$s.status, %1$s.provider, %1$s.model, '
                   '%1$s.input_tokens, %1$s.output_tokens, %1$s.total_tokens, '
                   '%1$s.latency_ms, %1$s.started_at)';
BEGIN
    IF TG_OP = 'INSERT' THEN
        delta_sql := 'SELECT n.*, 1 AS sign FROM new_rows n WHERE n.status <> ''running''';
    ELSE
        delta_sql := format(
            'SELECT n.*, 1 AS sign FROM new_rows n JOIN old_rows o ON o.id = n.id '
            'WHERE n.status <> ''running'' AND %1$s IS DISTINCT FROM %2$s '
            'UNION ALL '
            'SELECT o.*, -1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id '
            'WHERE o.status <> ''running'' AND %1$s IS DISTINCT FROM %2$s',
            format(summed, 'o'), format(summed, 'n'));
    END IF;
    FOREACH statement IN ARRAY nbdash_usage_rollup_statements(delta_sql) LOOP
        EXECUTE statement;
    END LOOP;
    RETURN NULL;
END
$fn$;

CREATE OR REPLACE TRIGGER bot_request_usage_rollup_insert
    AFTER INSERT ON bot_request_usage REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION nbdash_usage_rollup_follow();
CREATE OR REPLACE TRIGGER bot_request_usage_rollup_update
    AFTER UPDATE ON bot_request_usage REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION nbdash_usage_rollup_follow();

-- Recomputes the rollups for the hours from since (rounded down to the hour) onwards from the
-- raw rows; hours before it are left as they are (their raw rows may have been purged).
-- Returns the number of raw rows summed. Locks out concurrent closes while it runs.
CREATE OR REPLACE FUNCTION nbdash_usage_rollup_rebuild(since timestamptz DEFAULT '-infinity')
RETURNS bigint
LANGUAGE plpgsql AS $fn$
DECLARE
    start_hour timestamptz := CASE WHEN since = '-infinity' THEN since
                                   ELSE date_trunc('hour', since, 'UTC') END;
    statement text;
    summed bigint;
BEGIN
    LOCK TABLE bot_request_usage IN SHARE MODE;
    DELETE FROM bot_usage_hourly WHERE hour_start >= start_hour;
    DELETE FROM fleet_usage_hourly WHERE hour_start >= start_hour;
    DELETE FROM fleet_model_hourly WHERE hour_start >= start_hour;
    -- The hourly rollups from the raw rows, then the days from the hours.
    FOREACH statement IN ARRAY (nbdash_usage_rollup_statements(format(
        'SELECT u.*, 1 AS sign FROM bot_request_usage u WHERE u.status <> ''running'' '
        'AND u.started_at >= %L::timestamptz', start_hour)))[1:3] LOOP
        EXECUTE statement;
    END LOOP;
    PERFORM nbdash_usage_daily_refill(start_hour);
    SELECT count(*) INTO summed FROM bot_request_usage
        WHERE status <> 'running' AND started_at >= start_hour;
    RETURN summed;
END
$fn$;

-- ---------------------------------------------------------------------------------------------
-- bot_usage_ledger
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS bot_usage_ledger (
    bot_id             text NOT NULL,
    day                date NOT NULL,
    source             text NOT NULL
        CONSTRAINT bot_usage_ledger_source_check CHECK (source ~ '^[a-z][a-z0-9_]{0,31}$'),
    requests           bigint NOT NULL DEFAULT 0,
    prompt_tokens      bigint NOT NULL DEFAULT 0,
    completion_tokens  bigint NOT NULL DEFAULT 0,
    total_tokens       bigint NOT NULL DEFAULT 0,
    cached_tokens      bigint NOT NULL DEFAULT 0,
    model              text,
    imported_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (bot_id, day, source)
);

CREATE INDEX IF NOT EXISTS bot_usage_ledger_day_idx ON bot_usage_ledger (day);

COMMENT ON TABLE bot_usage_ledger IS
    'Each bot''s own token ledger (<data>/webui/token-usage.json) per day and source, as the '
    'bot wrote it; the dashboard''s own turns are inside source user and are subtracted at '
    'query time. Kept after the bot is deleted.';
COMMENT ON COLUMN bot_usage_ledger.source IS 'user, api, cron, dream or system.';
COMMENT ON COLUMN bot_usage_ledger.model IS
    'Model in the bot''s config when imported (<provider>/<model>); the ledger names none.';

-- ---------------------------------------------------------------------------------------------
-- bot_alert
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS bot_alert (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bot_id         text NOT NULL,
    rule           text NOT NULL
        CONSTRAINT bot_alert_rule_check CHECK (rule ~ '^[a-z][a-z0-9_]{1,63}$'),
    severity       text NOT NULL DEFAULT 'warning'
        CONSTRAINT bot_alert_severity_check CHECK (severity IN ('info', 'warning', 'error')),
    detail         text NOT NULL DEFAULT '',
    metadata_json  jsonb,
    opened_at      timestamptz NOT NULL DEFAULT now(),
    cleared_at     timestamptz
);

-- One open episode per bot and rule: a rule that keeps holding cannot fire twice.
CREATE UNIQUE INDEX IF NOT EXISTS bot_alert_open_idx
    ON bot_alert (bot_id, rule) WHERE cleared_at IS NULL;

COMMENT ON TABLE bot_alert IS
    'Alert episodes: opened when a rule starts to hold for a bot, cleared when it stops.';
COMMENT ON COLUMN bot_alert.rule IS 'crash_loop, error_rate, unreachable or token_budget.';

-- ---------------------------------------------------------------------------------------------
-- api_token
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS api_token (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text NOT NULL
        CONSTRAINT api_token_name_check CHECK (length(name) BETWEEN 1 AND 64),
    token_digest  text NOT NULL UNIQUE,
    prefix        text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz
);

COMMENT ON TABLE api_token IS
    'API tokens for scripts (Authorization: Bearer). The token is shown once at creation.';
COMMENT ON COLUMN api_token.token_digest IS
    'Hex BLAKE2b digest of the token; the token itself is never stored. Unique, so a lookup '
    'by digest uses its index.';
COMMENT ON COLUMN api_token.prefix IS 'First characters of the token, to tell tokens apart.';

-- ---------------------------------------------------------------------------------------------
-- bot_instance.needs_restart (added after the first release; ADD COLUMN IF NOT EXISTS upgrades
-- existing databases in place)
-- ---------------------------------------------------------------------------------------------
ALTER TABLE bot_instance ADD COLUMN IF NOT EXISTS needs_restart boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN bot_instance.needs_restart IS
    'A saved change applies only when the bot starts; cleared by the next start.';

-- ---------------------------------------------------------------------------------------------
-- bot_instance.unready_since (added with the alert rules; ADD COLUMN IF NOT EXISTS upgrades
-- existing databases in place)
-- ---------------------------------------------------------------------------------------------
ALTER TABLE bot_instance ADD COLUMN IF NOT EXISTS unready_since timestamptz;
COMMENT ON COLUMN bot_instance.unready_since IS
    'Since when the bot has been neither ready nor busy nor stopped (starting, degraded, '
    'error); NULL otherwise. Kept by a trigger on current_state; read by the unreachable alert.';

-- Set on a change of current_state only, so an episode of starting -> degraded -> error
-- keeps the time it began, and every code path (or manual SQL) that changes the state counts.
CREATE OR REPLACE FUNCTION nbdash_track_unready_since() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF NEW.current_state IN ('ready', 'busy', 'stopped') THEN
        NEW.unready_since := NULL;
    ELSIF TG_OP = 'INSERT' THEN
        NEW.unready_since := COALESCE(NEW.unready_since, now());
    ELSIF NEW.current_state IS DISTINCT FROM OLD.current_state THEN
        NEW.unready_since := COALESCE(OLD.unready_since, now());
    END IF;
    RETURN NEW;
END
$fn$;

CREATE OR REPLACE TRIGGER bot_instance_track_unready_since
    BEFORE INSERT OR UPDATE ON bot_instance
    FOR EACH ROW EXECUTE FUNCTION nbdash_track_unready_since();

-- ---------------------------------------------------------------------------------------------
-- bot_file_revision
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS bot_file_revision (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bot_id        text NOT NULL REFERENCES bot_instance (id) ON DELETE CASCADE,
    file_name     text NOT NULL
        CONSTRAINT bot_file_revision_file_name_check
        CHECK (file_name IN ('config.json', 'env.json', 'AGENTS.md', 'SOUL.md', 'USER.md',
                             'TOOLS.md', 'HEARTBEAT.md')),
    content       text NOT NULL,
    changed_json  jsonb NOT NULL DEFAULT '[]'::jsonb,
    actor         text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Serves the revision list of a bot (newest first) and the previous revision of one file.
CREATE INDEX IF NOT EXISTS bot_file_revision_bot_id_idx ON bot_file_revision (bot_id, id DESC);
CREATE INDEX IF NOT EXISTS bot_file_revision_bot_file_idx
    ON bot_file_revision (bot_id, file_name, id DESC);

COMMENT ON TABLE bot_file_revision IS
    'Saved versions of a bot''s files; secret values are replaced by a mask before storing.';
COMMENT ON COLUMN bot_file_revision.changed_json IS
    'Paths that changed (config.json, env.json) or ["content"]; never values.';
COMMENT ON COLUMN bot_file_revision.actor IS 'Who saved it: admin, or system for a baseline.';

COMMIT;
