#!/usr/bin/env bash
# Integration test of the database scripts. Starts a private PostgreSQL cluster on 127.0.0.1
# (a free port, a temporary folder), runs init-full-db.sh twice and checks tables, core
# settings, skills, the application role's rights and limits, password rotation and that
# operator changes survive a re-run. Prints PASS/FAIL per check, stops the cluster and exits 0
# only if every check passed.
#
#   scripts/sql/test-init.sh [scram|trust|all]     (default all: one cluster per mode)
#
# Needs psql and the PostgreSQL server binaries (PG_BINDIR, see scripts/lib/pg-cluster.sh). As
# root, the cluster runs as the system user nbdash.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
scripts=$(dirname "$here")
# shellcheck source-path=SCRIPTDIR source=../lib/pg-cluster.sh
source "$scripts/lib/pg-cluster.sh"

case ${1:-all} in
    scram | trust) modes=("$1") ;;
    all) modes=(scram trust) ;;
    *) echo "usage: $0 [scram|trust|all]" >&2; exit 2 ;;
esac

# Only the variables set below reach libpq; nothing from the caller's environment.
unset PGDATABASE PGSERVICE PGSERVICEFILE PGSSLMODE PGHOSTADDR PGOPTIONS PGPASSWORD
workdir=$(mktemp -d /tmp/nbdash-sqltest.XXXXXX)
chmod 711 "$workdir"  # as root, the cluster owner nbdash must pass through it
export PGPASSFILE=$workdir/no-pgpass PGCONNECT_TIMEOUT=10
export PGOPTIONS='-c statement_timeout=30s'
export NBDASH_DB_NAME=nbdash_test NBDASH_DB_USER=nbdash_app
started=()
checks=0
failures=0

cleanup() {
    local dir
    for dir in "${started[@]}"; do
        pg_cluster_stop "$dir" || true
    done
    rm -rf -- "$workdir"
}
trap cleanup EXIT

pass() { checks=$((checks + 1)); printf 'PASS %s\n' "$1"; }

fail() {
    checks=$((checks + 1))
    failures=$((failures + 1))
    printf 'FAIL %s\n' "$1"
    [ -z "${2:-}" ] || printf '     %s\n' "${2//$'\n'/$'\n'     }"
}

# expect NAME EXPECTED ACTUAL
expect() {
    if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected '$2', got '$3'"; fi
}

# expect_ok NAME COMMAND...: the command succeeds.
expect_ok() {
    local name=$1 out
    shift
    if out=$("$@" 2>&1); then pass "$name"; else fail "$name" "$out"; fi
}

# expect_error NAME PATTERN COMMAND...: the command fails and its output matches PATTERN.
expect_error() {
    local name=$1 pattern=$2 out
    shift 2
    if out=$("$@" 2>&1); then
        fail "$name" "succeeded but should have failed"
    elif grep -Eq -- "$pattern" <<<"$out"; then
        pass "$name"
    else
        fail "$name" "failed differently: $out"
    fi
}

su_sql() { psql -X -q -At -v ON_ERROR_STOP=1 -d "${2:-$NBDASH_DB_NAME}" -c "$1"; }

# app_sql SQL [DB]: runs SQL as the application role with the current app password.
app_sql() {
    PGUSER=$NBDASH_DB_USER PGPASSWORD=$app_password \
        psql -X -q -At -v ON_ERROR_STOP=1 -d "${2:-$NBDASH_DB_NAME}" -c "$1"
}

init_db() { "$scripts/init-full-db.sh"; }

random_secret() { head -c 18 /dev/urandom | base64 | tr -d '/+='; }

core_keys="'bots.default_image_tag', 'bots.default_model', 'bots.default_cpus',
'bots.default_memory_mb', 'bots.default_storage_mb', 'bots.default_pids',
'chat.turn_timeout_seconds', 'chat.history_page_size', 'chat.max_message_bytes',
'chat.upload_max_bytes', 'runtime.docker_data_path', 'runtime.stop_grace_seconds',
'runtime.bot_network', 'auth.session_ttl_hours', 'auth.login_max_attempts',
'auth.login_window_seconds', 'ui.site_title', 'ui.default_language', 'usage.price_table'"

# One request's life as the server lives it; prints one summary line.
crud_sql="
BEGIN;
INSERT INTO bot_image (tag, status) VALUES ('test-image:1', 'ready');
INSERT INTO bot_instance (id, name, workspace_dir, image_tag)
    VALUES ('alpha', 'Alpha', '/tmp/fake/bots/alpha', 'test-image:1');
INSERT INTO bot_message (bot_id, role, text, request_id) VALUES ('alpha', 'user', 'hi', 'r1');
INSERT INTO bot_request_usage (bot_id, request_id, status) VALUES ('alpha', 'r1', 'running');
INSERT INTO bot_activity_event (bot_id, event_type, detail)
    VALUES ('alpha', 'command_submitted', '/new');
UPDATE bot_instance SET current_state = 'busy', docker_status = 'running' WHERE id = 'alpha';
UPDATE bot_request_usage SET status = 'success', input_tokens = 10, output_tokens = 5,
    total_tokens = 15, completed_at = now() WHERE request_id = 'r1';
UPDATE bot_message SET feedback = 'up', feedback_at = now() WHERE request_id = 'r1';
UPDATE sys_setting SET value_json = '42' WHERE key = 'chat.history_page_size';
UPDATE sys_setting SET value_json = '50' WHERE key = 'chat.history_page_size';
DELETE FROM bot_instance WHERE id = 'alpha';
SELECT (SELECT count(*) FROM bot_message) || ' ' || (SELECT count(*) FROM bot_request_usage)
    || ' ' || (SELECT bot_id IS NULL AND bot_ref = 'alpha' FROM bot_activity_event)
    || ' ' || (SELECT count(*) FROM sys_setting WHERE updated_at > created_at);
ROLLBACK;"

run_suite() {
    local auth=$1 dir port out1 out2 su_password='' pw1='' pw2=''
    dir=$workdir/$auth
    port=$(pg_free_port)
    export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres
    if [ "$auth" = scram ]; then
        su_password=$(random_secret)
        pw1="it's a \"test\" \$secret $(random_secret)"
        pw2=$(random_secret)
        export PGPASSWORD=$su_password
    else
        unset PGPASSWORD
    fi
    printf '== %s cluster on 127.0.0.1:%s\n' "$auth" "$port"
    pg_cluster_init "$dir" "$port" "$auth"
    started+=("$dir")
    pg_cluster_start "$dir" "$port"

    # Two runs: the first creates, the second finds everything in place.
    app_password=$pw1
    expect_ok "$auth: first init-full-db.sh run" \
        env NBDASH_DB_PASSWORD="$pw1" "$scripts/init-full-db.sh"
    out1=$(NBDASH_DB_PASSWORD=$pw1 init_db 2>&1) || fail "$auth: second run" "$out1"
    expect "$auth: second run creates nothing" 2 \
        "$(grep -cE '\(0 created\)|\(0 inserted\); skill_market_item: [0-9]+ rows \(0 inserted\)' \
            <<<"$out1")"
    if [ -n "$pw1" ] && grep -qF -- "$pw1" <<<"$out1"; then
        fail "$auth: output never shows the password"
    else
        pass "$auth: output never shows the password"
    fi

    # Schema.
    expect "$auth: 7 tables owned by the app role" 7 "$(su_sql "SELECT count(*) FROM pg_tables
        WHERE schemaname = 'public' AND tableowner = '$NBDASH_DB_USER' AND tablename IN
        ('bot_image', 'bot_instance', 'bot_message', 'bot_request_usage',
         'bot_activity_event', 'sys_setting', 'skill_market_item')")"
    expect "$auth: 19 core settings" 19 \
        "$(su_sql "SELECT count(*) FROM sys_setting WHERE key IN ($core_keys)")"
    expect "$auth: public settings are the ui ones" "ui.default_language ui.site_title" \
        "$(su_sql "SELECT string_agg(key, ' ' ORDER BY key) FROM sys_setting WHERE is_public")"
    expect "$auth: >= 5 skills with front matter naming them" t "$(su_sql "SELECT count(*) >= 5
        FROM skill_market_item WHERE enabled AND skill_md LIKE
        E'---\nname: ' || skill_key || E'\ndescription: %'")"

    # The application role: full DML, nothing more.
    # Deleting the bot takes its messages; its usage row stays (cost history is kept).
    expect "$auth: app role can insert/select/update/delete" "0 1 true 1" "$(app_sql "$crud_sql")"
    expect_error "$auth: bot id must be a slug" 'bot_instance_id_check' \
        app_sql "INSERT INTO bot_image (tag, status) VALUES ('x:1', 'ready');
            INSERT INTO bot_instance (id, name, workspace_dir, image_tag)
            VALUES ('../etc', 'x', '/tmp/x', 'x:1')"
    expect_error "$auth: setting value must match its type" 'value_matches_type' \
        app_sql "UPDATE sys_setting SET value_json = '\"300\"'
            WHERE key = 'chat.turn_timeout_seconds'"
    expect_error "$auth: integer setting rejects fractions" 'value_matches_type' \
        app_sql "UPDATE sys_setting SET value_json = '1.5' WHERE key = 'auth.session_ttl_hours'"
    expect "$auth: app role has no superuser/createdb/createrole" f \
        "$(su_sql "SELECT rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication
            FROM pg_roles WHERE rolname = '$NBDASH_DB_USER'")"
    expect_error "$auth: app role cannot create a database" 'permission denied' \
        app_sql "CREATE DATABASE nbdash_probe"
    expect_error "$auth: app role cannot create a role" 'permission denied' \
        app_sql "CREATE ROLE nbdash_probe"
    expect_error "$auth: app role cannot create tables in database postgres" \
        'permission denied for schema public' app_sql "CREATE TABLE probe (x int)" postgres
    expect_error "$auth: app role cannot make itself superuser" 'permission denied|must be' \
        app_sql "ALTER ROLE $NBDASH_DB_USER SUPERUSER"
    su_sql "CREATE ROLE nbdash_probe LOGIN PASSWORD 'probe-only'" postgres
    expect_error "$auth: other roles cannot connect to the app database" \
        'permission denied for database' \
        env PGUSER=nbdash_probe PGPASSWORD=probe-only psql -X -d "$NBDASH_DB_NAME" -c 'SELECT 1'

    # Re-runs: operator changes survive; deleted defaults come back.
    app_sql "UPDATE sys_setting SET value_json = '600' WHERE key = 'chat.turn_timeout_seconds';
        DELETE FROM skill_market_item WHERE skill_key = 'sql-review'" >/dev/null
    if [ "$auth" = scram ]; then
        out2=$(NBDASH_DB_PASSWORD=$pw2 init_db 2>&1) || fail "$auth: third run" "$out2"
        app_password=$pw2
        expect_ok "$auth: new password works after a re-run" app_sql "SELECT 1"
        app_password=$pw1
        expect_error "$auth: old password no longer works" 'password authentication failed' \
            app_sql "SELECT 1"
        app_password=$pw2
        expect_error "$auth: new role without a password is refused" \
            'NBDASH_DB_PASSWORD is required' \
            env NBDASH_DB_USER=nbdash_other NBDASH_DB_NAME=nbdash_other "$scripts/init-full-db.sh"
        expect "$auth: refused run created nothing" 0 \
            "$(su_sql "SELECT count(*) FROM pg_roles WHERE rolname = 'nbdash_other'" postgres)"
    else
        expect_ok "$auth: re-run without a password (trust cluster)" init_db
    fi
    expect "$auth: operator's setting value kept" 600 \
        "$(su_sql "SELECT value_json FROM sys_setting WHERE key = 'chat.turn_timeout_seconds'")"
    expect "$auth: deleted default skill restored" 1 \
        "$(su_sql "SELECT count(*) FROM skill_market_item WHERE skill_key = 'sql-review'")"

    pg_cluster_stop "$dir"
    expect "$auth: cluster stopped" no "$([ -f "$dir/data/postmaster.pid" ] && echo yes || echo no)"
}

for mode in "${modes[@]}"; do
    run_suite "$mode"
done

if [ "$failures" -eq 0 ]; then
    printf 'PASS: all %d checks\n' "$checks"
else
    printf 'FAIL: %d of %d checks failed\n' "$failures" "$checks"
    exit 1
fi
