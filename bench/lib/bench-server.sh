# Shared set-up of the benchmarks: a private PostgreSQL cluster with the dashboard database,
# simbot registered as the image, nbdash on a free loopback port, a signed-in curl. Everything
# lives in $BENCH_WORK and is stopped and removed when the calling script exits.
#   source bench/lib/bench-server.sh
#   bench_start_cluster NAME; bench_register_simbot NBDASH SIMBOT; bench_start_nbdash NBDASH [ARG…]
# shellcheck shell=bash

bench_top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=scripts/lib/pg-cluster.sh
source "$bench_top/scripts/lib/pg-cluster.sh"

BENCH_WORK= BENCH_PID= BENCH_PORT=
BENCH_ADMIN_PASSWORD=bench-admin-password

bench_stop_nbdash() {
    [ -n "$BENCH_PID" ] || return 0
    kill -TERM "$BENCH_PID" 2>/dev/null || true
    wait "$BENCH_PID" 2>/dev/null || true
    BENCH_PID=
}

bench_cleanup() {
    bench_stop_nbdash
    [ -n "$BENCH_WORK" ] || return 0
    pg_cluster_stop "$BENCH_WORK/pg" >/dev/null 2>&1 || true
    rm -rf "$BENCH_WORK"
}

# Only the work folder, for a bench that brings its own database.
bench_use_work_dir() {  # name
    BENCH_WORK=$(mktemp -d "/tmp/nbdash-$1-bench.XXXXXX")
    chmod 711 "$BENCH_WORK"
    trap bench_cleanup EXIT
}

# A cluster on a free port and the database "bench" in it; exports NBDASH_DATABASE_URL and the
# superuser's PGHOST/PGPORT/PGUSER. Installs the EXIT trap that undoes it all.
bench_start_cluster() {  # name
    bench_use_work_dir "$1"
    local pg_port
    pg_port=$(pg_free_port)
    pg_cluster_init "$BENCH_WORK/pg" "$pg_port" trust >/dev/null 2>&1
    pg_cluster_start "$BENCH_WORK/pg" "$pg_port" >/dev/null 2>&1
    export PGHOST=127.0.0.1 PGPORT=$pg_port PGUSER=postgres
    NBDASH_DB_NAME=bench NBDASH_DB_USER=bench NBDASH_DB_PASSWORD=bench-only-password \
        "$bench_top/scripts/init-full-db.sh" >/dev/null
    export NBDASH_DATABASE_URL="postgresql://bench:bench-only-password@127.0.0.1:$pg_port/bench"
}

bench_register_simbot() {  # nbdash simbot
    mkdir -p "$BENCH_WORK/data/images/simbot"
    install -m 0755 "$2" "$BENCH_WORK/data/images/simbot/nanobot"
    "$1" add-image --data-dir "$BENCH_WORK/data" --tag simbot:latest \
        --source-dir "$BENCH_WORK/data/images/simbot" --version bench >/dev/null
}

# Starts nbdash (process runtime unless NBDASH_RUNTIME says otherwise) with the caller's
# environment plus the given serve arguments; waits until it answers. Sets BENCH_PID and
# BENCH_PORT; its log is $BENCH_WORK/nbdash.log.
bench_start_nbdash() {  # nbdash [serve args…]
    local nbdash=$1
    shift
    BENCH_PORT=$(pg_free_port)
    NBDASH_ADMIN_PASSWORD=$BENCH_ADMIN_PASSWORD NBDASH_RUNTIME=${NBDASH_RUNTIME:-process} \
        "$nbdash" serve --data-dir "$BENCH_WORK/data" --port "$BENCH_PORT" "$@" \
        >>"$BENCH_WORK/nbdash.log" 2>&1 &
    BENCH_PID=$!
    local _
    for _ in $(seq 1 150); do
        curl -fsS "http://127.0.0.1:$BENCH_PORT/api/health" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "bench: nbdash did not answer; its log:" >&2
    tail -n 30 "$BENCH_WORK/nbdash.log" >&2
    return 1
}

bench_sign_in() {
    curl -fsS -c "$BENCH_WORK/cookies" -H 'Content-Type: application/json' \
        -d "{\"password\":\"$BENCH_ADMIN_PASSWORD\"}" \
        "http://127.0.0.1:$BENCH_PORT/api/auth/login" >/dev/null
}

# curl with the signed-in session (GET requests; writes would also need the CSRF header).
bench_curl() {
    curl -fsS -b "$BENCH_WORK/cookies" "$@"
}
