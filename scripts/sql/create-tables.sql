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
--   sys_setting         global platform settings, typed values stored as JSON.
--   skill_market_item   skills the operator can install into a bot's workspace.
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
CREATE TABLE IF NOT EXISTS bot_request_usage (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bot_id           text NOT NULL REFERENCES bot_instance (id) ON DELETE CASCADE,
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

COMMIT;
