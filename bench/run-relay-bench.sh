#!/usr/bin/env bash
# Relay benchmark of the dashboard channel on a private PostgreSQL cluster and nbdash (process
# runtime, simbot as every bot's gateway); nothing else is touched, everything on 127.0.0.1.
#   1. memory per idle bot connection: nbdash RSS before the bots start and with all of them
#      connected and idle, divided by the number of bots;
#   2. throughput and latency of deltas from simbot, read directly from each simbot and through
#      nbdash's /api/ws in the same run (flood for frames/s, paced for latency).
#
#   bench/run-relay-bench.sh      BENCH_BOTS (100), BENCH_FLOOD_FRAMES (2000),
#                                 BENCH_PACED_FRAMES (1500), BENCH_PACED_INTERVAL_US (20000),
#                                 BENCH_ROUNDS (5), BENCH_IO_THREADS tune it
# Needs a built tree (NBDASH_BUILD_DIR, default ./build); builds the relay_bench target, under
# flock on NBDASH_BUILD_LOCK when set (a build tree shared with other builds).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${NBDASH_BUILD_DIR:-$top/build}
nbdash=$build_dir/backend/nbdash
simbot=$build_dir/tools/simbot/simbot
bots=${BENCH_BOTS:-100}
# shellcheck source=bench/lib/bench-server.sh
source "$top/bench/lib/bench-server.sh"

build=(timeout 900 cmake --build "$build_dir" --target relay_bench nbdash simbot -j2)
if [ -n "${NBDASH_BUILD_LOCK:-}" ]; then
    flock "$NBDASH_BUILD_LOCK" "${build[@]}" >/dev/null
else
    "${build[@]}" >/dev/null
fi

bench_start_cluster relay
bench_register_simbot "$nbdash" "$simbot"
# Warnings only: a log line per turn of 100 bots is not what is being measured.
# BENCH_IO_THREADS sets nbdash's network threads (its default when unset).
serve_args=()
[ -z "${BENCH_IO_THREADS:-}" ] || serve_args=(--io-threads "$BENCH_IO_THREADS")
NBDASH_LOG_LEVEL=warn SIMBOT_CHUNK_DELAY_MS=0 bench_start_nbdash "$nbdash" "${serve_args[@]}"
server_pid=$BENCH_PID port=$BENCH_PORT password=$BENCH_ADMIN_PASSWORD work=$BENCH_WORK

echo "machine: $(nproc) cores, $(uname -r); nbdash pid $server_pid"
timeout 1200 "$build_dir/bench/relay_bench" --port "$port" --password "$password" \
    --data-dir "$work/data" --bots "$bots" --nbdash-pid "$server_pid" \
    --flood-frames "${BENCH_FLOOD_FRAMES:-2000}" --paced-frames "${BENCH_PACED_FRAMES:-1500}" \
    --paced-interval-us "${BENCH_PACED_INTERVAL_US:-20000}" --rounds "${BENCH_ROUNDS:-5}" \
    --timeout-s 120 || { tail -n 30 "$work/nbdash.log" >&2; exit 1; }
