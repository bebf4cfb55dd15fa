#!/usr/bin/env bash
# Console benchmark in headless Chromium against a real nbdash on a private PostgreSQL cluster
# (process runtime; nothing else is touched):
#   1. bytes of the first screen (sign-in page, then the fleet page) as the browser loads them,
#      raw and gzip-compressed;
#   2. time from navigation to a usable fleet page with 10 bots, then with 1,000 bots in the
#      database (median of BENCH_RUNS cold loads each), and their ratio.
#
#   bench/run-console-bench.sh        BENCH_RUNS (5) and BENCH_BOTS (1000) tune it
# Needs a built tree (NBDASH_BUILD_DIR, default ./build), frontend/dist (npm run build) and
# e2e/node_modules (playwright-core). Results go to bench/results/console-<time>.json.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${NBDASH_BUILD_DIR:-$top/build}
nbdash=$build_dir/backend/nbdash
simbot=$build_dir/tools/simbot/simbot
# shellcheck source=scripts/lib/pg-cluster.sh
source "$top/scripts/lib/pg-cluster.sh"

[ -x "$nbdash" ] || { echo "no $nbdash: build first" >&2; exit 1; }
[ -f "$top/frontend/dist/index.html" ] || { echo "no frontend/dist: npm run build first" >&2; exit 1; }

work=$(mktemp -d /tmp/nbdash-console-bench.XXXXXX)
chmod 711 "$work"
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    pg_cluster_stop "$work/pg" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

pg_port=$(pg_free_port)
pg_cluster_init "$work/pg" "$pg_port" trust >/dev/null
pg_cluster_start "$work/pg" "$pg_port" >/dev/null
export PGHOST=127.0.0.1 PGPORT=$pg_port PGUSER=postgres

NBDASH_DB_NAME=nbdash_bench NBDASH_DB_USER=nbdash_bench NBDASH_DB_PASSWORD=bench-only-password \
    "$top/scripts/init-full-db.sh" >/dev/null
export NBDASH_DATABASE_URL="postgresql://nbdash_bench:bench-only-password@127.0.0.1:$pg_port/nbdash_bench"
mkdir -p "$work/data/images/simbot"
install -m 0755 "$simbot" "$work/data/images/simbot/nanobot"
"$nbdash" add-image --data-dir "$work/data" --tag simbot:latest \
    --source-dir "$work/data/images/simbot" >/dev/null

port=$(pg_free_port)
export NBDASH_ADMIN_PASSWORD=bench-admin-password
NBDASH_RUNTIME=process "$nbdash" serve --data-dir "$work/data" --port "$port" \
    --frontend-dir "$top/frontend/dist" >"$work/nbdash.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
    sleep 0.1
done

mkdir -p "$top/bench/results"
out="$top/bench/results/console-$(date -u +%Y%m%dT%H%M%SZ).json"
NBDASH_URL="http://127.0.0.1:$port" node "$top/bench/console_bench.mjs" "$out"
echo "results: $out"
