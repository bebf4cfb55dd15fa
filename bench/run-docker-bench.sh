#!/usr/bin/env bash
# Docker runtime benchmark on a private dockerd and PostgreSQL cluster (nothing else is touched):
#   1. POST start -> current_state ready, against a bare create+start of the same image with the
#      same mount and limits until its channel port listens (interleaved runs, median ratio);
#   2. Engine API calls per fleet refresh (the background sampling: one list call, one stats
#      call per running bot) while the console polls GET /api/bots, and while nbdash restarts
#      and reconciles a running fleet (counted by a pass-through proxy on the Engine socket).
#
#   bench/run-docker-bench.sh        BENCH_RUNS (10) and BENCH_FLEET (5) tune it
# Needs a built tree (NBDASH_BUILD_DIR, default ./build), dockerd and python3; run as root.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${NBDASH_BUILD_DIR:-$top/build}
nbdash=$build_dir/backend/nbdash
# shellcheck source=scripts/lib/pg-cluster.sh
source "$top/scripts/lib/pg-cluster.sh"
# shellcheck source=scripts/lib/dockerd.sh
source "$top/scripts/lib/dockerd.sh"

work=$(mktemp -d /tmp/nbdash-bench.XXXXXX)
chmod 711 "$work"
server_pid= proxy_pid=
stop_server() {
    [ -n "$server_pid" ] || return 0
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
}
cleanup() {
    stop_server
    [ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null || true
    dockerd_stop "$work/docker" >/dev/null 2>&1 || true
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
# One fleet refresh a second, so the window holds enough of them to count.
export BENCH_STATS_INTERVAL=${BENCH_STATS_INTERVAL:-1}
psql -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d bench -c \
    "UPDATE sys_setting SET value_json = '$BENCH_STATS_INTERVAL'
     WHERE key = 'runtime.stats_interval_seconds'" >/dev/null
export NBDASH_ADMIN_PASSWORD=bench-admin-password

dockerd_start "$work/docker"
simbot=$(build_static_simbot "$top" "$build_dir")
simbot_image_context "$top" "$simbot" "$work/data/images/simbot-docker"
NBDASH_DOCKER_HOST=$DOCKERD_HOST "$nbdash" add-image --docker --data-dir "$work/data" \
    --tag simbot:latest --source-dir "$work/data/images/simbot-docker" >/dev/null

python3 "$top/bench/docker_proxy.py" "$work/proxy.sock" "$work/docker/docker.sock" \
    "$work/calls.log" &
proxy_pid=$!
for ((i = 0; i < 50; i++)); do [ -S "$work/proxy.sock" ] && break; sleep 0.1; done

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
start_server() {
    NBDASH_RUNTIME=docker NBDASH_DOCKER_HOST=unix://$work/proxy.sock NBDASH_BOT_NETWORK=host \
        "$nbdash" serve --data-dir "$work/data" --port "$port" >>"$work/nbdash.log" 2>&1 &
    server_pid=$!
    for ((i = 0; i < 100; i++)); do
        curl -sf "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "bench: nbdash did not come up" >&2
    tail -n 20 "$work/nbdash.log" >&2
    return 1
}

export BENCH_NBDASH_PORT=$port BENCH_DOCKER_SOCKET=$work/docker/docker.sock
export BENCH_CALL_LOG=$work/calls.log
start_server
python3 "$top/bench/docker_bench.py" measure

# A dashboard restart with the fleet running: how does it learn the state of every container?
stop_server
: >"$work/calls.log"
start_server
python3 "$top/bench/docker_bench.py" fleet-ready
lists=$(grep -c "^GET /v1.41/containers/json" "$work/calls.log" || true)
inspects=$(grep -c "^GET /v1.41/containers/nanobot-[^/]*/json" "$work/calls.log" || true)
echo "{\"restart_reconcile\": {\"fleet\": ${BENCH_FLEET:-5}, \"list_calls\": $lists," \
     "\"per_container_inspects\": $inspects, \"all_engine_calls\": $(wc -l <"$work/calls.log")}}"
python3 "$top/bench/docker_bench.py" cleanup
