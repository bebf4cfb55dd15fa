-- Dashboard Nanobot: initial data. Core sys_setting rows (the server refuses to start without
-- them) and the built-in skill market. Idempotent: rows are inserted only when their key is
-- absent (ON CONFLICT DO NOTHING), so values an operator changed survive a re-run, and a row the
-- operator deleted comes back with its default.
--
--   psql -X -v ON_ERROR_STOP=1 -d nbdash -f init-data.sql
--
-- sys_setting.value_json holds the JSON encoding of the value and must match value_type
-- (enforced by a CHECK in create-tables.sql).

\set ON_ERROR_STOP on

SET client_encoding = 'UTF8';

BEGIN;

INSERT INTO sys_setting
    (key, name, category, description, value_type, value_json, is_public, sort_order)
VALUES
    -- bots: defaults for a new bot; each bot keeps its own copy once created.
    ('bots.default_image_tag', 'Default image', 'bots',
     'Image tag (bot_image.tag) a new bot runs from unless another is chosen.',
     'string', '"simbot:latest"', false, 10),
    ('bots.default_model', 'Default model', 'bots',
     'Model written into a new bot''s config.json, as <provider>/<model>.',
     'string', '"openai/gpt-4o-mini"', false, 20),
    ('bots.default_cpus', 'Default CPU quota', 'bots',
     'CPUs a new bot may use (fractions allowed, e.g. 0.5).',
     'number', '1.0', false, 30),
    ('bots.default_memory_mb', 'Default memory limit (MiB)', 'bots',
     'Memory limit of a new bot''s container, in MiB.',
     'integer', '512', false, 40),
    ('bots.default_storage_mb', 'Default storage quota (MiB)', 'bots',
     'Disk space a new bot''s folder may use, in MiB.',
     'integer', '1024', false, 50),
    ('bots.default_pids', 'Default process limit', 'bots',
     'Maximum number of processes and threads in a new bot''s container.',
     'integer', '256', false, 60),
    ('bots.max_persona_file_bytes', 'Largest persona file (bytes)', 'bots',
     'Largest AGENTS.md, SOUL.md, USER.md, TOOLS.md or HEARTBEAT.md the console may save, '
     'in bytes.',
     'integer', '262144', false, 70),
    ('bots.storage_check_interval_seconds', 'Storage check interval (s)', 'bots',
     'Seconds between measurements of each bot folder''s disk use against its storage quota.',
     'integer', '300', false, 80),
    -- chat: the dashboard channel.
    ('chat.turn_timeout_seconds', 'Turn timeout (s)', 'chat',
     'Seconds a request may wait for the bot''s turn end before it is closed as timeout.',
     'integer', '300', false, 10),
    ('chat.history_page_size', 'History page size', 'chat',
     'Messages returned per page of chat history when the request names no limit.',
     'integer', '50', false, 20),
    ('chat.max_message_bytes', 'Maximum message size (bytes)', 'chat',
     'Largest chat message text accepted from the browser, in bytes (UTF-8).',
     'integer', '65536', false, 30),
    ('chat.upload_max_bytes', 'Maximum upload size (bytes)', 'chat',
     'Largest file a user may attach to a chat message, in bytes.',
     'integer', '6291456', false, 40),
    ('chat.max_queued_messages', 'Queued messages per bot', 'chat',
     'Messages that may wait for their turn while a bot is answering; one more is refused '
     '(429) until the queue shrinks. Their attachments wait on disk, not in memory.',
     'integer', '20', false, 50),
    -- runtime: how bots are run.
    ('runtime.docker_data_path', 'Bot data path in the container', 'runtime',
     'Where the bot''s .nanobot folder is mounted inside its container when the image '
     'does not name a path in a label.',
     'string', '"/home/nanobot/.nanobot"', false, 10),
    ('runtime.stop_grace_seconds', 'Stop grace period (s)', 'runtime',
     'Seconds a bot gets to exit after the stop signal before it is killed.',
     'integer', '10', false, 20),
    ('runtime.bot_network', 'Bot network', 'runtime',
     'Container network for bots: bridge (ports published on 127.0.0.1 only) or host.',
     'string', '"bridge"', false, 30),
    ('runtime.stats_interval_seconds', 'Live stats interval (s)', 'runtime',
     'Seconds between two samples of the CPU and memory use of running bots (one fleet '
     'refresh each).',
     'integer', '5', false, 40),
    ('bots.storage_check_interval_seconds', 'Storage check interval (s)', 'runtime',
     'Seconds between two measurements of every bot folder against its storage quota.',
     'integer', '300', false, 50),
    ('runtime.read_only_rootfs', 'Read-only root file system', 'runtime',
     'Run bot containers with a read-only root file system (the bot''s folder and a small '
     '/tmp stay writable). Takes effect at the next start.',
     'boolean', 'false', false, 60),
    ('runtime.publish_address', 'Published port address', 'runtime',
     'Host address the ports of bridge-network bots are published on. 127.0.0.1 keeps them '
     'local; 0.0.0.0 opens them to the network.',
     'string', '"127.0.0.1"', false, 70),
    -- auth: operator sign-in.
    ('auth.session_ttl_hours', 'Session lifetime (h)', 'auth',
     'Hours a login session stays valid.',
     'integer', '24', false, 10),
    ('auth.login_max_attempts', 'Login attempts', 'auth',
     'Failed logins allowed per client within the login window before further attempts '
     'are refused.',
     'integer', '5', false, 20),
    ('auth.login_window_seconds', 'Login window (s)', 'auth',
     'Length of the window, in seconds, over which failed logins are counted.',
     'integer', '300', false, 30),
    ('auth.session_idle_minutes', 'Session idle limit (min)', 'auth',
     'Minutes without a request after which a session ends.',
     'integer', '120', false, 40),
    ('auth.login_account_max_attempts', 'Login attempts per account', 'auth',
     'Failed logins allowed per account (the admin, or one shared bot) from all clients '
     'together within the login window.',
     'integer', '20', false, 50),
    ('http.trusted_proxy', 'Trusted proxy address', 'http',
     'Address of a reverse proxy whose X-Forwarded-For and X-Forwarded-Proto are believed '
     '(e.g. 127.0.0.1). Empty: trust no proxy.',
     'string', '""', false, 10),
    -- ui: shown before login, hence public.
    ('ui.site_title', 'Site title', 'ui',
     'Title shown in the browser tab and on the login page.',
     'string', '"Dashboard Nanobot"', true, 10),
    ('ui.default_language', 'Default language', 'ui',
     'Interface language when the browser states no preference: en or zh-CN.',
     'string', '"en"', true, 20),
    -- system: the server itself.
    ('settings.reload_interval_seconds', 'Settings reload interval (s)', 'system',
     'Seconds between re-reads of this table, so values changed directly in the database '
     'take effect without a restart (changes made in the console apply at once).',
     'integer', '30', false, 10),
    -- usage: cost reporting.
    ('usage.price_table', 'Model prices', 'usage',
     'Prices used to turn token counts into cost. Shape: {"currency": "USD", "models": '
     '{"<provider>/<model>": {"input_per_mtok": <price per million input tokens>, '
     '"output_per_mtok": <price per million output tokens>}}}. Models absent from the table '
     'are reported without a cost.',
     'json', '{"currency": "USD", "models": {}}', false, 10),
    ('usage.ledger_import_seconds', 'Ledger import interval (s)', 'usage',
     'Seconds between imports of each bot''s own token ledger (spend by source: other '
     'channels, cron, heartbeats, the memory job).',
     'integer', '300', false, 20),
    ('usage.report_time_zone', 'Report time zone', 'usage',
     'Time zone whose days the fleet''s daily usage rollup follows, e.g. Asia/Shanghai. '
     'Reports asked in this zone over long ranges are read from whole days; other zones are '
     'exact too, read from hours. Changing it regroups the stored days at once.',
     'string', '"UTC"', false, 30),
    -- alerts: rules checked by a background job; one alert event per episode.
    ('alerts.rules', 'Alert rules', 'alerts',
     'Rules checked every alerts.check_seconds. crash_loop: deaths container deaths within '
     'minutes. error_rate: errors / requests >= threshold over the last minutes, with at '
     'least min_requests. unreachable: a bot meant to run not ready for minutes. '
     'token_budget: tokens today above per_bot[id] or daily_tokens; stop_bot also stops it.',
     'json', '{"crash_loop": {"enabled": true, "deaths": 3, "minutes": 10}, '
     '"error_rate": {"enabled": true, "threshold": 0.5, "min_requests": 5, "minutes": 15}, '
     '"unreachable": {"enabled": true, "minutes": 10}, '
     '"token_budget": {"enabled": false, "daily_tokens": 1000000, "per_bot": {}, '
     '"stop_bot": false}}', false, 10),
    ('alerts.check_seconds', 'Alert check interval (s)', 'alerts',
     'Seconds between two checks of the alert rules.',
     'integer', '30', false, 20),
    ('alerts.webhook_url', 'Alert webhook URL', 'alerts',
     'http:// URL that receives every alert and its clearing as a JSON POST; empty = none.',
     'string', '""', false, 30),
    -- retention: how long raw records are kept; 0 keeps them forever.
    ('retention.usage_days', 'Keep request records (days)', 'retention',
     'Days raw per-request usage rows are kept; hourly rollups and ledger imports stay. '
     '0 = forever.',
     'integer', '90', false, 10),
    ('retention.events_days', 'Keep events (days)', 'retention',
     'Days event log entries are kept. 0 = forever.',
     'integer', '365', false, 20),
    ('retention.messages_days', 'Keep chat messages (days)', 'retention',
     'Days chat messages are kept. 0 = forever.',
     'integer', '0', false, 30),
    ('retention.purge_interval_minutes', 'Purge interval (min)', 'retention',
     'Minutes between two purges of records older than their retention.',
     'integer', '60', false, 40),
    ('retention.batch_size', 'Purge batch size', 'retention',
     'Rows deleted per short transaction by the purge, so tables are never locked for long.',
     'integer', '5000', false, 50)
ON CONFLICT (key) DO NOTHING;

-- Built-in skills. Each skill_md is a complete SKILL.md: YAML front matter whose name equals
-- skill_key, then the instructions nanobot reads when the skill applies. Front matter values
-- stay on one line each (descriptions run past 100 columns, metadata is one-line JSON), so
-- that front matter readers working line by line, not only full YAML parsers, accept them.
INSERT INTO skill_market_item
    (skill_key, name, description, category, version, author, skill_md, is_builtin)
VALUES
    ('daily-standup', 'Daily stand-up', 'Turns notes, commits and tickets into a short '
     'stand-up update: done, next, blocked.', 'productivity', '1.0.0', 'Dashboard Nanobot',
$skill$---
name: daily-standup
description: "Write a short daily stand-up update (done, next, blockers) from raw notes, commit messages, ticket lists or chat excerpts. Use when asked for a standup, a daily update or a yesterday/today summary."
metadata: {"nanobot":{"emoji":"🗓️"}}
---

# Daily stand-up

Produce an update a teammate can read in thirty seconds.

## Gather

1. Take what the user pasted: notes, `git log --oneline` output, ticket titles, chat lines.
2. If they point at a file in the workspace, read it. If nothing was given, ask for the
   material in one question; do not invent work.
3. Note the period. Default: since the previous working day (Friday when today is Monday).

## Sort every item into one bucket

- **Done**: finished, merged, shipped, answered. Fold several commits on one topic into one
  line that states the outcome, not the steps ("Login throttling merged", not five commits).
- **Next**: what the person intends to do today, at most three items, most important first.
- **Blocked**: waiting on someone or something. Name who or what, and since when if known.
- Drop noise: merges of main, typo fixes, formatting-only commits, unless nothing else exists.

## Write

```
**Done**
- <outcome> (<ticket or PR id if known>)
**Next**
- <intent>
**Blocked**
- <what> - waiting on <who/what>
```

- One line per item, 12 words or fewer, past tense for Done, plain verbs for Next.
- Write "Blocked: none" rather than leaving the section out.
- Keep ids and links exactly as given. Never guess a ticket number.
- For a team, repeat the block per person under their name, then add a "Team risks" line
  only when two or more people are blocked on the same thing.

## Check before sending

- Every Done item traces back to the input.
- No item appears in two buckets.
- The whole update fits on one screen.
$skill$, true),

    ('incident-triage', 'Incident triage from logs', 'Reads log excerpts during an incident '
     'and returns impact, likely cause, evidence and the next safe steps.', 'operations',
     '1.0.0', 'Dashboard Nanobot',
$skill$---
name: incident-triage
description: "Triage a production problem from log excerpts, error messages, stack traces or metrics. Use when the user pastes logs and asks what is wrong, how bad it is or what to do first."
metadata: {"nanobot":{"emoji":"🚨"}}
---

# Incident triage from logs

Goal: within one reply, tell the responder how bad it is, what most likely broke, the
evidence, and the next safe step. Accuracy beats speed: say what you do not know.

## 1. Establish the frame

- Extract the time range covered by the logs and the time zone of the timestamps.
- List the services, hosts or containers that appear.
- If the user did not say when the trouble started, find the first abnormal line and
  propose that as the start.

## 2. Find the signal

- Group lines by message template (replace ids, numbers and timestamps with placeholders)
  and count each group. Report the top groups by count and by first appearance.
- The earliest new error is usually closer to the cause than the loudest one. Retries,
  timeouts and "connection refused" downstream are usually symptoms.
- Look for these patterns and name them when present: resource exhaustion (OOM kill,
  "no space left", too many open files), dependency down (refused, reset, DNS failure, TLS
  handshake), bad deploy (errors start right after a version or config change), overload
  (latency climbs before errors), data problem (one tenant, one id or one input repeats).

## 3. Judge impact

Classify as one of:
- **SEV1**: users cannot use a core function, or data is being lost or exposed.
- **SEV2**: a core function is degraded or a subset of users is failing.
- **SEV3**: errors without visible user impact yet.
State the reason in one sentence, and what evidence would change the rating.

## 4. Reply in this shape

```
Impact: SEVn - <one sentence>
Started: <time, tz> (first abnormal line: "<quoted line>")
Likely cause: <hypothesis> (confidence: high/medium/low)
Evidence:
- <count>x "<template>" from <service>, first at <time>
Next steps:
1. <read-only check that confirms or refutes the hypothesis>
2. <mitigation, with how to undo it>
Unknowns: <what the logs cannot tell>
```

## Rules

- Prefer read-only checks first (status, recent deploys, disk, connection counts). Mark any
  step that changes production and give its rollback.
- Never suggest deleting data, logs or volumes as a mitigation.
- Quote log lines exactly; redact tokens, passwords, keys and personal data you see in them,
  and tell the user you did.
- If the logs do not support any hypothesis, say so and list the two logs or metrics that
  would help most.
$skill$, true),

    ('meeting-action-items', 'Meeting notes to action items', 'Turns meeting notes or a '
     'transcript into decisions, action items with owners and dates, and open questions.',
     'productivity', '1.0.0', 'Dashboard Nanobot',
$skill$---
name: meeting-action-items
description: "Turn meeting notes or a transcript into decisions, action items (owner, task, due date) and open questions. Use after a meeting, or when asked who does what."
metadata: {"nanobot":{"emoji":"📝"}}
---

# Meeting notes to action items

## Read the notes

- Identify participants from names, initials or speaker labels. Keep the spelling used in
  the notes; do not expand initials you cannot resolve.
- Resolve relative dates ("next Friday", "end of sprint") against the meeting date. If the
  meeting date is unknown, keep the relative wording and say so.

## Extract

- **Decision**: something the group agreed and will not revisit without new facts. Signal
  words: agreed, decided, we will, go with, approved.
- **Action item**: a task one person owns. It needs a verb and a deliverable. "Look into X"
  becomes "Investigate X and report findings" so that completion is checkable.
- **Open question**: raised and not answered, or answered with "let's check".
- A task without an owner is still listed, with owner `UNASSIGNED`; never pick an owner.

## Output

```
## Decisions
1. <decision>

## Action items
| # | Owner | Action | Due |
|---|-------|--------|-----|
| 1 | <name> | <verb + deliverable> | <date or "not set"> |

## Open questions
- <question> (raised by <name>)
```

- Order action items by due date, then by owner.
- Keep each action under 15 words.
- End with one line counting items without an owner or a due date, if there are any, so
  the organiser can chase them.

## Follow-up message (only when asked)

Write a short note to participants: one sentence of context, the action table, and the
date of the next check-in if the notes mention one. No summary of the discussion itself.
$skill$, true),

    ('sql-review', 'SQL query reviewer', 'Reviews a SQL query or migration for correctness, '
     'performance and safety, with concrete rewrites.', 'engineering', '1.0.0',
     'Dashboard Nanobot',
$skill$---
name: sql-review
description: "Review a SQL query, schema change or migration for correctness, performance and safety, and propose concrete rewrites. PostgreSQL by default. Use when the user shares SQL and asks for a review, or asks why a query is slow."
metadata: {"nanobot":{"emoji":"🔍"}}
---

# SQL query reviewer

Assume PostgreSQL unless the user names another engine. Ask for the table definitions and,
for slow queries, the output of `EXPLAIN (ANALYZE, BUFFERS)` when they are missing; review
what you have meanwhile and mark assumptions.

## Correctness (check first)

- NULL handling: `NOT IN (subquery)` returns nothing when the subquery yields a NULL; prefer
  `NOT EXISTS`. `col = NULL` is never true. Aggregates skip NULLs; `COUNT(col)` differs from
  `COUNT(*)`.
- Joins: a LEFT JOIN whose right table is filtered in WHERE has become an inner join; move
  the condition into ON. Look for row multiplication when joining two one-to-many tables and
  then aggregating.
- GROUP BY and DISTINCT hiding duplicates caused by a wrong join.
- Time: `timestamp` vs `timestamptz`, day boundaries in which time zone, `BETWEEN` on
  timestamps including the end instant twice across ranges; prefer `>= start AND < end`.
- Pagination: `OFFSET` on a changing table skips or repeats rows; prefer keyset pagination
  (`WHERE id < $last ORDER BY id DESC LIMIT n`).
- Integer division, implicit casts, and text comparison under the database collation.

## Performance

- Does an index match the filter and the sort, in the right column order? Equality columns
  first, then the range or sort column.
- Functions on indexed columns (`lower(email) = ...`, `created_at::date = ...`) disable the
  index unless an expression index exists; rewrite as a range when possible.
- `SELECT *` in hot paths, N+1 query patterns, correlated subqueries that run per row.
- In a plan: compare estimated and actual rows (a factor of 10 or more suggests stale
  statistics), look for sequential scans on large tables, sorts spilling to disk, nested
  loops over many rows.

## Safety of changes

- `UPDATE` or `DELETE` without a WHERE, or with one that could match far more than intended:
  suggest running the same WHERE as a `SELECT count(*)` first, inside a transaction.
- Migrations that lock: adding a column with a volatile default, `ALTER COLUMN TYPE`,
  creating an index without `CONCURRENTLY` on a busy table, adding a foreign key or CHECK
  without `NOT VALID` followed by `VALIDATE CONSTRAINT`.
- SQL built by string concatenation from user input: require bind parameters.

## Reply format

1. Verdict in one line: OK, OK with suggestions, or must change.
2. Findings, most severe first, each with: what, why it matters, and the rewrite.
3. The full rewritten query when you changed more than one thing.
Do not reformat the user's SQL just for style unless they asked.
$skill$, true),

    ('release-notes', 'Release notes writer', 'Writes user-facing release notes from '
     'commits, merged pull requests or a changelog draft.', 'engineering', '1.0.0',
     'Dashboard Nanobot',
$skill$---
name: release-notes
description: "Write user-facing release notes from commit logs, merged pull request titles or a rough changelog. Use when preparing a release, a version announcement or a CHANGELOG entry."
metadata: {"nanobot":{"emoji":"🚀"}}
---

# Release notes writer

Readers are users and operators of the product, not its developers. They want to know what
changed for them and whether they must do anything.

## Input

- Commits (`git log --no-merges --format='%h %s' <previous tag>..HEAD`), pull request titles
  with labels, or a draft list. Ask for the version number and the previous version if they
  are not given.

## Classify each entry

- **Breaking changes**: anything that needs action on upgrade (config renamed, API response
  changed, minimum version raised, data migration). Always first.
- **New**: features a user can try.
- **Improved**: faster, clearer, more reliable versions of existing behaviour.
- **Fixed**: bugs a user could have hit. Describe the symptom that is gone, not the code.
- **Security**: fixes with security impact; state the affected versions, no exploit detail.
- Leave out: refactors, tests, CI, dependency bumps without user effect, reverted work.
  When unsure whether something is visible to users, list it under "Possibly user-visible"
  in a note to the user rather than in the notes themselves.

## Write

```
## <version> - <date>

### Breaking changes
- <what changed>. **Action:** <what to do on upgrade>.

### New
- <capability, from the user's point of view> (#<pr>)

### Improved
### Fixed
### Security
```

- Start each entry with the user-visible noun or verb: "Bots can now...", "Chat history
  loads...". No commit-message prefixes like `feat:` or `fix(ui):`.
- One sentence per entry; a second only for an action or a caveat.
- Keep issue and PR references exactly as given. Omit empty sections.
- If there are breaking changes, add a short "Upgrading" paragraph after the list with the
  steps in order.

## Final check

- Every breaking change has an action.
- Nothing in the notes depends on reading the code.
- Version and date are present.
$skill$, true),

    ('translate-zh-en', 'Translation zh-CN / en with glossary', 'Translates between '
     'Simplified Chinese and English, keeping a glossary of fixed terms consistent.',
     'language', '1.0.0', 'Dashboard Nanobot',
$skill$---
name: translate-zh-en
description: "Translate text between Simplified Chinese (zh-CN) and English while keeping product and technical terms consistent through a glossary. Use for UI strings, documentation, messages and release notes."
metadata: {"nanobot":{"emoji":"🌐"}}
---

# Translation zh-CN / en with glossary

## Before translating

1. Detect the source language; translate into the other one unless the user names a target.
2. Load the glossary: `glossary.md` in this skill's folder if it exists, otherwise the table
   below, plus any terms the user gives in the conversation (those win).
3. Identify the text type: UI string, documentation, chat message, or legal/contract text.
   For legal text, translate but advise a human review.

## Default glossary

| English | 简体中文 | Note |
|---|---|---|
| bot | 机器人 | |
| dashboard | 控制台 | product name "Dashboard Nanobot" stays in English |
| workspace | 工作区 | |
| skill | 技能 | |
| image (container) | 镜像 | |
| container | 容器 | |
| token (LLM) | token | keep in English; 令牌 only for auth tokens |
| provider | 服务商 | model provider |
| usage | 用量 | |
| settings | 设置 | |
| event | 事件 | |
| deploy | 部署 | |

## Rules

- Never translate: code, commands, file paths, URLs, placeholders (`{name}`, `%s`, `{{count}}`),
  HTML tags, Markdown link targets, product names, model names.
- Keep Markdown structure, line breaks and list numbering as in the source.
- Chinese output: full-width punctuation （，。：；！？）in prose; a space between Chinese and
  Latin words or numbers is optional but be consistent within one text; use 「」 only if the
  source already uses quotation marks for UI labels, otherwise “”.
- English output: sentence case for UI labels and headings, plain active voice, no
  literal word order carried over from Chinese.
- UI strings: stay within roughly the source length; buttons are verbs (保存 -> Save).
- When a term has no glossary entry and several valid translations, pick one, use it
  throughout, and list it at the end as a proposed glossary addition.

## Output

The translation only, then (if any) a short section:

```
Glossary additions:
- <source term> -> <chosen translation>
Notes:
- <ambiguities you resolved and how>
```
$skill$, true)
ON CONFLICT (skill_key) DO NOTHING;

COMMIT;
