# shellcheck shell=bash
# Private PostgreSQL clusters for run.sh and test.sh. Source this file; it sets no shell options
# and every function returns non-zero on failure with a message on stderr.
#
#   pg_cluster_init DIR PORT [scram|trust]   initdb into DIR (no-op if DIR holds a cluster)
#   pg_cluster_start DIR PORT                start and wait until it accepts connections
#   pg_cluster_stop DIR                      fast shutdown (no-op if not running)
#   pg_free_port                             print a free TCP port on 127.0.0.1
#
# A cluster directory DIR holds data/ (PGDATA), socket/ (unix socket) and server.log. The server
# listens on 127.0.0.1 only; superuser is "postgres". Connect with PGHOST=127.0.0.1 PGPORT=PORT
# PGUSER=postgres, or PGHOST=DIR/socket (keep DIR short: socket paths are limited to ~100 bytes).
#
# Authentication (local and 127.0.0.1, all users):
#   scram  (default, for run.sh) scram-sha-256; the superuser password is read from PGPASSWORD at
#          init time, so export PGPASSWORD before pg_cluster_init and keep it for connecting.
#   trust  (private test clusters only) no password: any local user who can reach 127.0.0.1 on
#          PORT is superuser while the cluster runs.
#
# As root, the server runs as the system user PG_CLUSTER_OS_USER (default nbdash), created with
# useradd --system if absent; DIR is chowned to it. PG_BINDIR names the server binaries' folder.

PG_BINDIR=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
PG_CLUSTER_OS_USER=${PG_CLUSTER_OS_USER:-nbdash}

_pg_cluster_say() { printf 'pg-cluster: %s\n' "$*" >&2; }

# Runs a command as the cluster owner, from / so that an unreadable cwd does not get in the way.
_pg_cluster_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u "$PG_CLUSTER_OS_USER" -- "$@")
    else
        (cd / && "$@")
    fi
}

# Prints DIR as an absolute path after checking it is safe to embed in postgresql.conf.
_pg_cluster_dir() {
    local dir
    dir=$(realpath -m -- "${1:-}") || return 1
    if [ -z "${1:-}" ] || ! [[ $dir =~ ^[A-Za-z0-9_./+-]+$ ]]; then
        _pg_cluster_say "cluster directory must be given and use only [A-Za-z0-9_./+-]: '${1:-}'"
        return 1
    fi
    printf '%s\n' "$dir"
}

_pg_cluster_port_ok() {
    if ! [[ ${1:-} =~ ^[0-9]+$ ]] || [ "$1" -lt 1024 ] || [ "$1" -gt 65535 ]; then
        _pg_cluster_say "port must be a number in 1024..65535: '${1:-}'"
        return 1
    fi
}

# As root: make sure the system user exists; with a second argument, hand that folder to it.
_pg_cluster_owner_ready() {
    [ "$(id -u)" -eq 0 ] || return 0
    if ! id -u "$PG_CLUSTER_OS_USER" >/dev/null 2>&1; then
        useradd --system --user-group --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin "$PG_CLUSTER_OS_USER" || return 1
        _pg_cluster_say "created system user $PG_CLUSTER_OS_USER"
    fi
    [ -n "${1:-}" ] || return 0
    chown -R "$PG_CLUSTER_OS_USER:" "$1" || return 1
    if ! runuser -u "$PG_CLUSTER_OS_USER" -- test -w "$1"; then
        _pg_cluster_say "$PG_CLUSTER_OS_USER cannot reach $1 (is a parent folder closed?)"
        return 1
    fi
}

pg_cluster_init() {
    local dir port auth=${3:-scram} method rc=0
    dir=$(_pg_cluster_dir "${1:-}") || return 1
    port=${2:-}
    _pg_cluster_port_ok "$port" || return 1
    case $auth in
        scram) method=scram-sha-256 ;;
        trust) method=trust ;;
        *) _pg_cluster_say "auth must be scram or trust: '$auth'"; return 1 ;;
    esac
    if [ -f "$dir/data/PG_VERSION" ]; then
        _pg_cluster_say "cluster already initialised in $dir"
        return 0
    fi
    if [ "$auth" = scram ] && [ -z "${PGPASSWORD:-}" ]; then
        _pg_cluster_say "scram needs the superuser password in PGPASSWORD"
        return 1
    fi

    mkdir -p "$dir/socket" && chmod 700 "$dir" "$dir/socket" || return 1
    local -a pwopt=()
    if [ "$auth" = scram ]; then
        (umask 077 && printf '%s\n' "$PGPASSWORD" >"$dir/.pwfile") || return 1
        pwopt=(--pwfile="$dir/.pwfile")
    fi
    _pg_cluster_owner_ready "$dir" || { rm -f "$dir/.pwfile"; return 1; }
    _pg_cluster_as_owner "$PG_BINDIR/initdb" -D "$dir/data" -U postgres --auth="$method" \
        "${pwopt[@]}" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || rc=$?
    rm -f "$dir/.pwfile"
    if [ "$rc" -ne 0 ]; then
        _pg_cluster_say "initdb failed; see $dir/initdb.log"
        tail -n 15 "$dir/initdb.log" >&2
        return 1
    fi

    cat >>"$dir/data/postgresql.conf" <<EOF || return 1

# pg-cluster.sh: private cluster, loopback and its own socket only.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/socket'
unix_socket_permissions = 0700
password_encryption = 'scram-sha-256'
EOF
    cat >"$dir/data/pg_hba.conf" <<EOF || return 1
# pg-cluster.sh: every user, every database, unix socket and 127.0.0.1 only.
# TYPE  DATABASE  USER  ADDRESS       METHOD
local   all       all                 $method
host    all       all   127.0.0.1/32  $method
EOF
    _pg_cluster_say "initialised $dir (port $port, auth $auth)"
}

pg_cluster_start() {
    local dir port
    dir=$(_pg_cluster_dir "${1:-}") || return 1
    port=${2:-}
    _pg_cluster_port_ok "$port" || return 1
    _pg_cluster_owner_ready || return 1
    if _pg_cluster_as_owner "$PG_BINDIR/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        _pg_cluster_say "already running in $dir"
        return 0
    fi
    if ! _pg_cluster_as_owner "$PG_BINDIR/pg_ctl" -D "$dir/data" -l "$dir/server.log" \
            -o "-p $port" -w -t 60 start >/dev/null; then
        _pg_cluster_say "start failed; last lines of $dir/server.log:"
        tail -n 15 "$dir/server.log" >&2
        return 1
    fi
    _pg_cluster_say "started on 127.0.0.1:$port"
}

pg_cluster_stop() {
    local dir
    dir=$(_pg_cluster_dir "${1:-}") || return 1
    [ -f "$dir/data/postmaster.pid" ] || return 0
    _pg_cluster_as_owner "$PG_BINDIR/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 || return 0
    _pg_cluster_as_owner "$PG_BINDIR/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null \
        || { _pg_cluster_say "stop failed in $dir"; return 1; }
    _pg_cluster_say "stopped $dir"
}

pg_free_port() {
    local i port
    if command -v python3 >/dev/null 2>&1 && python3 -c '
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'; then
        return 0
    fi
    # No python3: probe random ports; a refused connection means nothing listens there.
    for ((i = 0; i < 50; i++)); do
        port=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            printf '%s\n' "$port"
            return 0
        fi
    done
    _pg_cluster_say "no free port found"
    return 1
}
