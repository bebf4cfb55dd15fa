#!/usr/bin/env bash
# Recomputes the hourly usage rollups (bot_usage_hourly, fleet_usage_hourly, fleet_model_hourly)
# from the raw bot_request_usage rows, then the days of fleet_model_daily from those hours. The rollups are kept up to date by a trigger; run this after fixing
# raw rows by hand, or to check that the live rollups agree with the raw rows.
set -euo pipefail

usage() {
    cat <<'TEXT'
Usage: scripts/rebuild-usage-rollup.sh [--since TIMESTAMP] [DATABASE_URL]

  DATABASE_URL   postgresql://… of the dashboard database; default $NBDASH_DATABASE_URL.
                 Prefer the variable: a password on the command line is visible to other users.
  --since TS     rebuild only the hours from TS onwards (e.g. 2026-12-01T00:00:00Z). Hours
                 before it are kept as they are, which matters once retention has purged their
                 raw rows: a full rebuild would then drop history only the rollup still holds.

Concurrent closes of requests wait while it runs (the raw table is locked in share mode).
Prints the number of raw rows summed.
TEXT
}

since="-infinity"
url=${NBDASH_DATABASE_URL:-}
while [ $# -gt 0 ]; do
    case $1 in
        -h|--help) usage; exit 0 ;;
        --since) since=${2:?--since needs a timestamp}; shift 2 ;;
        -*) echo "rebuild-usage-rollup: unknown option $1" >&2; usage >&2; exit 2 ;;
        *) url=$1; shift ;;
    esac
done
if [ -z "$url" ]; then
    echo "rebuild-usage-rollup: no database: pass DATABASE_URL or set NBDASH_DATABASE_URL" >&2
    exit 2
fi

# The timestamp travels as a psql variable, quoted by psql (:'since'), never spliced into SQL;
# psql expands variables only in what it reads as a script, hence stdin rather than -c.
PGAPPNAME=nbdash-rollup-rebuild psql "$url" -X -q -t -A -v ON_ERROR_STOP=1 -v since="$since" \
    <<'SQL'
SELECT nbdash_usage_rollup_rebuild(:'since'::timestamptz) AS raw_rows_summed;
SQL
