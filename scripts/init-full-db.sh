#!/usr/bin/env bash
# Creates or completes the Dashboard Nanobot database: role and database (sql/bootstrap.sql),
# tables (sql/create-tables.sql), initial data (sql/init-data.sql). Safe to run again.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
sql_dir=$here/sql

usage() {
    cat <<'EOF'
Usage: scripts/init-full-db.sh [--help]

Creates the Dashboard Nanobot role, database, tables and initial data. Safe to run again:
what exists is kept, what is missing is created, the role's password is set again, and
settings or skills an operator changed are left as they are.

Superuser connection, from the standard libpq variables (psql's defaults when unset):
  PGHOST PGPORT PGUSER PGPASSWORD (or ~/.pgpass) PGSSLMODE ...
  The role must be a superuser, or have CREATEROLE and CREATEDB.
  The maintenance database "postgres" must exist.

What to create:
  NBDASH_DB_NAME      database (default nbdash)
  NBDASH_DB_USER      role the server connects as (default nbdash). It owns the database,
                      its schema public and every table; it is created without superuser,
                      CREATEDB or CREATEROLE.
  NBDASH_DB_PASSWORD  that role's password, set on every run (so a re-run rotates it).
                      Required, except when the role already exists (its password is then
                      kept) or when pg_hba.conf admits that role to that database with
                      trust or peer authentication. Never printed; it reaches psql through
                      the environment, not the command line.
Names must match ^[a-z_][a-z0-9_]{0,62}$ and the role must differ from PGUSER.

Example:
  PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGPASSWORD=... \
  NBDASH_DB_PASSWORD=... scripts/init-full-db.sh
EOF
}

fail() {
    printf 'init-full-db: %s\n' "$*" >&2
    exit 1
}

say() { printf 'init-full-db: %s\n' "$*"; }

case ${1:-} in
    -h | --help) usage; exit 0 ;;
    '') ;;
    *) usage >&2; exit 2 ;;
esac

command -v psql >/dev/null || fail "psql not found (apt-get install postgresql-client)"

db_name=${NBDASH_DB_NAME:-nbdash}
db_user=${NBDASH_DB_USER:-nbdash}
export NBDASH_DB_PASSWORD=${NBDASH_DB_PASSWORD:-}
export PGAPPNAME=${PGAPPNAME:-nbdash-init-db}

name_re='^[a-z_][a-z0-9_]{0,62}$'
[[ $db_name =~ $name_re ]] || fail "NBDASH_DB_NAME '$db_name' does not match $name_re"
[[ $db_user =~ $name_re ]] || fail "NBDASH_DB_USER '$db_user' does not match $name_re"

# Runs SQL from stdin against database $1; prints unaligned rows.
query() {
    psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -v db_name="$db_name" -v db_user="$db_user"
}

# Runs sql/$2 against database $1 with the same variables.
run_file() {
    psql -X -q -v ON_ERROR_STOP=1 -d "$1" -v db_name="$db_name" -v db_user="$db_user" \
        -f "$sql_dir/$2"
}

tables="'bot_image', 'bot_instance', 'bot_message', 'bot_request_usage', \
'bot_activity_event', 'sys_setting', 'skill_market_item', 'bot_usage_hourly', \
'fleet_usage_hourly', 'bot_usage_ledger', 'bot_alert'"

# Prints: tables present, sys_setting rows, skill_market_item rows (0 where a table is absent).
counts() {
    query "$db_name" <<EOF
SELECT count(*) AS t FROM pg_tables WHERE schemaname = 'public' AND tablename IN ($tables)
\gset
SELECT to_regclass('public.sys_setting') IS NOT NULL AS has_s,
       to_regclass('public.skill_market_item') IS NOT NULL AS has_k
\gset
\set s 0
\set k 0
\if :has_s
SELECT count(*) AS s FROM sys_setting
\gset
\endif
\if :has_k
SELECT count(*) AS k FROM skill_market_item
\gset
\endif
\echo :t :s :k
EOF
}

# 1. Who we are.
info=$(query postgres <<'EOF'
SELECT current_user, COALESCE(host(inet_server_addr()), 'unix socket'),
       current_setting('port'), rolsuper, rolcreaterole AND rolcreatedb
FROM pg_roles WHERE rolname = current_user;
EOF
) || fail "cannot connect to database postgres with PGHOST/PGPORT/PGUSER/PGPASSWORD"
IFS='|' read -r su_name su_host su_port su_super su_create <<<"$info"
say "connected as $su_name to $su_host port $su_port"
[ "$su_super" = t ] || [ "$su_create" = t ] \
    || fail "$su_name is neither superuser nor CREATEROLE + CREATEDB"
[ "$db_user" != "$su_name" ] || fail "NBDASH_DB_USER must differ from the connecting role"

# 2. Is a missing password acceptable?
if [ -z "$NBDASH_DB_PASSWORD" ]; then
    role_exists=$(query postgres <<<"SELECT count(*) FROM pg_roles WHERE rolname = :'db_user';")
    trusted=$(query postgres 2>/dev/null <<'EOF' || echo 0
SELECT count(*) FROM pg_hba_file_rules
WHERE error IS NULL AND auth_method IN ('trust', 'peer')
    AND ('all' = ANY (user_name) OR :'db_user' = ANY (user_name))
    AND ('all' = ANY (database) OR :'db_name' = ANY (database)
        OR ('sameuser' = ANY (database) AND :'db_name' = :'db_user'));
EOF
)
    if [ "$role_exists" = 1 ]; then
        say "NBDASH_DB_PASSWORD empty: role $db_user keeps its current password"
    elif [ "$trusted" != 0 ]; then
        say "NBDASH_DB_PASSWORD empty: pg_hba.conf admits $db_user by trust/peer"
    else
        fail "NBDASH_DB_PASSWORD is required to create role $db_user (see --help)"
    fi
fi

# 3. Role, database, schema.
say "bootstrap: role $db_user, database $db_name"
run_file postgres bootstrap.sql | sed 's/^/  /'

# 4. Tables, owned by the application role (create-tables.sql switches to it).
read -r t0 _ _ <<<"$(counts)"
run_file "$db_name" create-tables.sql
read -r t1 s1 k1 <<<"$(counts)"
say "tables: $t1 of 11 present ($((t1 - t0)) created)"
[ "$t1" = 11 ] || fail "expected 11 tables in $db_name, found $t1"

# 5. Core settings and built-in skills; existing rows are left alone.
run_file "$db_name" init-data.sql
read -r _ s2 k2 <<<"$(counts)"
say "sys_setting: $s2 rows ($((s2 - s1)) inserted); skill_market_item: $k2 rows" \
    "($((k2 - k1)) inserted)"

# 6. The server needs DML on every table and the identity sequences.
missing=$(query "$db_name" <<EOF
SELECT string_agg(c.relname, ', ' ORDER BY c.relname)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND (
    (c.relkind = 'r' AND c.relname IN ($tables)
        AND NOT (has_table_privilege(:'db_user', c.oid, 'SELECT')
            AND has_table_privilege(:'db_user', c.oid, 'INSERT')
            AND has_table_privilege(:'db_user', c.oid, 'UPDATE')
            AND has_table_privilege(:'db_user', c.oid, 'DELETE')))
    OR (c.relkind = 'S' AND NOT has_sequence_privilege(:'db_user', c.oid, 'USAGE')));
EOF
)
[ -z "$missing" ] || fail "role $db_user lacks privileges on: $missing"
say "done: the server connects as user=$db_user dbname=$db_name" \
    "(host $su_host port $su_port; password from NBDASH_DB_PASSWORD)"
