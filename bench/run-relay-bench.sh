#!/usr/bin/env bash
# Relay benchmark of the dashboard channel on a private PostgreSQL cluster and nbdash (process
# runtime, simbot as every bot's gateway); nothing else is touched, everything on 127.0.0.1.
#   1. memory per idle bot connection: nbdash RSS before the bots start and with all of them
#      connected and idle, divided by the number of bots;
#   2. throughput and latency of deltas from simbot, read directly from each simbot and through
#      nbdash's /api/ws in the same run (flood for frames/s, paced for latency).
#
#   bench/run-relay-bench.sh      BENCH_BOTS (100), BENCH_FLOOD_FRAMES (2000),
#                                 BENCH_PACED_FRAMES (500), BENCH_PACED_INTERVAL_US (5000),
#                                 BENCH_ROUNDS (3) tune it
# Needs a built tree (NBDASH_BUILD_DIR, default ./build); builds the relay_bench target.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${NBDASH_BUILD_DIR:-$top/build}
nbdash=$build_dir/backend/nbdash
simbot=$build_dir/tools/simbot/simbot
bots=${BENCH_BOTS:-100}
# shellcheck source=scripts/lib/pg-cluster.sh
source "$top/scripts/lib/pg-cluster.sh"

timeout 900 cmake --build "$build_dir" --target relay_bench nbdash simbot -j2 >/dev/null

work=$(mktemp -d /tmp/nbdash-relay-bench.XXXXXX)
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
pg_cluster_init "$work/pg" "$pg_port" trust >/dev/null 2>&1
pg_cluster_start "$work/pg" "$pg_port" >/dev/null 2>&1
PGHOST=127.0.0.1 PGPORT=$pg_port PGUSER=postgres NBDASH_DB_NAME=bench NBDASH_DB_USER=bench \
    NBDASH_DB_PASSWORD=bench-only "$top/scripts/init-full-db.sh" >/dev/null
export NBDASH_DATABASE_URL=postgresql://bench:bench-only@127.0.0.1:$pg_port/bench
password=bench-admin-password

mkdir -p "$work/data/images/simbot"
cp "$simbot" "$work/data/images/simbot/nanobot"
"$nbdash" add-image --data-dir "$work/data" --tag simbot:latest \
    --source-dir "$work/data/images/simbot" --version bench >/dev/null

port=$(pg_free_port)
# Warnings only: a log line per turn of 100 bots is not what is being measured.
NBDASH_ADMIN_PASSWORD=$password NBDASH_RUNTIME=process NBDASH_LOG_LEVEL=warn \
    SIMBOT_CHUNK_DELAY_MS=0 \
    "$nbdash" serve --data-dir "$work/data" --port "$port" >>"$work/nbdash.log" 2>&1 &
server_pid=$!
for ((i = 0; i < 100; i++)); do
    curl -sf "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
    sleep 0.1
done

echo "machine: $(nproc) cores, $(uname -r); nbdash pid $server_pid"
timeout 1200 "$build_dir/bench/relay_bench" --port "$port" --password "$password" \
    --data-dir "$work/data" --bots "$bots" --nbdash-pid "$server_pid" \
    --flood-frames "${BENCH_FLOOD_FRAMES:-2000}" --paced-frames "${BENCH_PACED_FRAMES:-500}" \
    --paced-interval-us "${BENCH_PACED_INTERVAL_US:-5000}" --rounds "${BENCH_ROUNDS:-3}" \
    --timeout-s 120 || { tail -n 30 "$work/nbdash.log" >&2; exit 1; }
