#!/usr/bin/env bash
# Runs the browser tests against a real nbdash: a fresh database made by the init script on the
# cluster named by PGHOST/PGPORT/PGUSER, simbot as the bot image, and the built console.
#
#   e2e/run-e2e.sh NBDASH_BINARY SIMBOT_BINARY
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
nbdash=$1
simbot=$2
: "${PGHOST:?run under ./test.sh, or set PGHOST/PGPORT/PGUSER of a PostgreSQL cluster}"

work=$(mktemp -d "${NBDASH_TEST_WORK_DIR:-/tmp}/e2e.XXXXXX")
db_name=nbdash_e2e_$RANDOM$RANDOM
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

NBDASH_DB_NAME=$db_name NBDASH_DB_USER=nbdash_test NBDASH_DB_PASSWORD=test-only-password \
    "$top/scripts/init-full-db.sh" >/dev/null
export NBDASH_DATABASE_URL="postgresql://nbdash_test:test-only-password@$PGHOST:$PGPORT/$db_name"
mkdir -p "$work/images/simbot"
install -m 0755 "$simbot" "$work/images/simbot/nanobot"
"$nbdash" add-image --data-dir "$work" --tag simbot:latest --source-dir "$work/images/simbot" \
    >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export NBDASH_ADMIN_PASSWORD=e2e-admin-password
NBDASH_RUNTIME=process SIMBOT_CHUNK_DELAY_MS=15 "$nbdash" serve --data-dir "$work" \
    --port "$port" --frontend-dir "$top/frontend/dist" >"$work/nbdash.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
    sleep 0.1
done

cd "$top/e2e"
if ! NBDASH_URL="http://127.0.0.1:$port" node --test --test-reporter=spec tests/; then
    echo "--- nbdash log ---"
    tail -n 50 "$work/nbdash.log"
    exit 1
fi
