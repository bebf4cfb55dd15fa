#!/usr/bin/env bash
# Sets up and runs Dashboard Nanobot on this machine.
#
#   ./run.sh [--data-dir DIR] [--port PORT] [--bind ADDRESS]
#
# Without NBDASH_DATABASE_URL it runs its own PostgreSQL cluster under DIR/postgres (created and
# initialised on first run). Without a reachable Docker socket (or with NBDASH_RUNTIME=process)
# bots run as local processes, from the simbot image registered here. The admin password comes
# from NBDASH_ADMIN_PASSWORD, or is generated once and kept in DIR/admin-password.
set -euo pipefail

top=$(cd "$(dirname "$0")" && pwd)
data_dir=$top/.data
port=8080
bind=127.0.0.1
while [ $# -gt 0 ]; do
    case $1 in
        --data-dir) data_dir=$2; shift 2 ;;
        --port) port=$2; shift 2 ;;
        --bind) bind=$2; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
if ! [[ $port =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
    echo "run.sh: --port must be a number from 1 to 65535, not '$port'" >&2
    exit 2
fi

mkdir -p "$data_dir"
data_dir=$(cd "$data_dir" && pwd)
chmod 711 "$data_dir"
# One run per data directory: a second one would share (and on exit stop) the first one's
# database. The lock is held by this script and the server until both have exited.
exec 9>"$data_dir/.run.lock"
if ! flock -n 9; then
    echo "run.sh: another ./run.sh is already running with $data_dir; stop it first," \
        "or use --data-dir for a second instance" >&2
    exit 2
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "run.sh: port $port on 127.0.0.1 is already in use; choose another with --port" >&2
    exit 2
fi

"$top/scripts/setup.sh"
# shellcheck source=scripts/lib/pg-cluster.sh
source "$top/scripts/lib/pg-cluster.sh"
source "$top/scripts/lib/run-support.sh"
build_dir=${NBDASH_BUILD_DIR:-$top/build}
nbdash=$build_dir/backend/nbdash

if [ -z "${NBDASH_DATABASE_URL:-}" ]; then
    start_embedded_database "$data_dir"  # sets NBDASH_DATABASE_URL and EMBEDDED_PG_DIR
    trap 'pg_cluster_stop "$EMBEDDED_PG_DIR" 2>/dev/null || true' EXIT
fi
export NBDASH_DATABASE_URL

runtime=${NBDASH_RUNTIME:-auto}
docker_host=${NBDASH_DOCKER_HOST:-unix:///var/run/docker.sock}
register_simbot_image "$nbdash" "$build_dir/tools/simbot/simbot" "$data_dir"
if [ "$runtime" != process ] && docker_answers "$docker_host"; then
    # Bots run in containers: simbot:latest becomes a FROM scratch image on that daemon.
    runtime=docker
    register_simbot_docker_image "$nbdash" "$top" "$build_dir" "$data_dir" "$docker_host"
elif [ "$runtime" = docker ]; then
    echo "run.sh: NBDASH_RUNTIME=docker but no Docker daemon answers at $docker_host" >&2
    exit 2
else
    runtime=process
fi
export NBDASH_RUNTIME=$runtime NBDASH_DOCKER_HOST=$docker_host

if [ -z "${NBDASH_ADMIN_PASSWORD:-}" ]; then
    NBDASH_ADMIN_PASSWORD=$(read_or_create_secret "$data_dir/admin-password")
fi
export NBDASH_ADMIN_PASSWORD

cat <<MSG

  Dashboard Nanobot is starting.
    URL:             http://$bind:$port/
    Admin password:  $NBDASH_ADMIN_PASSWORD
    (used when the dashboard starts for the first time; after that the stored
     one stays in force: see docs/operations.md to reset it)
    Bot runtime:     $runtime
    Data directory:  $data_dir

  Stop with Ctrl+C.

MSG
# The server runs as a child so that the database is stopped only after it has exited; a
# SIGINT or SIGTERM to this script is passed on to it.
"$nbdash" serve --data-dir "$data_dir" --port "$port" --bind "$bind" \
    --frontend-dir "$top/frontend/dist" &
server_pid=$!
trap 'kill -TERM "$server_pid" 2>/dev/null' INT TERM
status=0
wait "$server_pid" || status=$?
# wait returns early when a trapped signal arrives; wait again for the server to finish.
while kill -0 "$server_pid" 2>/dev/null; do
    wait "$server_pid" || status=$?
done
exit "$status"
