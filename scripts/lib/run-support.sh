# shellcheck shell=bash
# Helpers for run.sh: the embedded database, secrets kept in the data directory, and the simbot
# image. Source pg-cluster.sh first.

# Prints the secret kept in FILE, creating it (0600, random) when absent.
read_or_create_secret() {
    local file=$1
    if [ ! -s "$file" ]; then
        (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=\n' >"$file")
    fi
    cat "$file"
}

# The cluster runs as an unprivileged system user, which must be able to pass through every
# folder above the data directory. Grants only that (an ACL entry with x for that user) where a
# folder such as /root is closed.
open_path_for_cluster_user() {
    local dir=$1 user=${PG_CLUSTER_OS_USER:-nbdash}
    [ "$(id -u)" -eq 0 ] || return 0
    id -u "$user" >/dev/null 2>&1 || useradd --system --user-group --no-create-home \
        --home-dir /nonexistent --shell /usr/sbin/nologin "$user"
    while [ "$dir" != / ]; do
        if ! runuser -u "$user" -- test -x "$dir"; then
            echo "run.sh: letting $user pass through $dir (ACL u:$user:x)" >&2
            setfacl -m "u:$user:x" "$dir"
        fi
        dir=$(dirname "$dir")
    done
}

# Starts the cluster under DATA/postgres (creating it on first run) and brings its schema up to
# date. Sets NBDASH_DATABASE_URL and EMBEDDED_PG_DIR.
start_embedded_database() {
    local data=$1 pg_port superuser_password app_password
    EMBEDDED_PG_DIR=$data/postgres
    mkdir -p "$EMBEDDED_PG_DIR"
    open_path_for_cluster_user "$data"
    superuser_password=$(read_or_create_secret "$data/.pg-superuser-password")
    app_password=$(read_or_create_secret "$data/.pg-app-password")
    if [ -s "$data/.pg-port" ]; then
        pg_port=$(cat "$data/.pg-port")
    else
        pg_port=$(pg_free_port)
        echo "$pg_port" >"$data/.pg-port"
    fi

    export PGPASSWORD=$superuser_password PGHOST=127.0.0.1 PGPORT=$pg_port PGUSER=postgres
    if [ ! -f "$EMBEDDED_PG_DIR/data/PG_VERSION" ]; then
        pg_cluster_init "$EMBEDDED_PG_DIR" "$pg_port" scram
    fi
    pg_cluster_start "$EMBEDDED_PG_DIR" "$pg_port"
    # The init script is idempotent: run on every start, it adds the tables, indexes and
    # settings a newer release needs and leaves existing rows and operator-changed values alone.
    NBDASH_DB_NAME=nbdash NBDASH_DB_USER=nbdash NBDASH_DB_PASSWORD=$app_password \
        "$(dirname "${BASH_SOURCE[0]}")/../init-full-db.sh" >"$data/db-init.log" 2>&1 || {
        cat "$data/db-init.log" >&2
        echo "run.sh: initialising the database failed (log above, also in $data/db-init.log)" >&2
        return 1
    }
    unset PGPASSWORD PGHOST PGPORT PGUSER
    NBDASH_DATABASE_URL="postgresql://nbdash:$app_password@127.0.0.1:$pg_port/nbdash"
}

# Places simbot as DATA/images/simbot/nanobot and registers it as simbot:latest.
register_simbot_image() {
    local nbdash=$1 simbot=$2 data=$3 image_dir
    image_dir=$data/images/simbot
    mkdir -p "$image_dir"
    install -m 0755 "$simbot" "$image_dir/nanobot"
    "$nbdash" add-image --data-dir "$data" --tag simbot:latest --source-dir "$image_dir" \
        --version "$("$simbot" --version 2>/dev/null | head -n 1 || echo simbot)" >/dev/null
}

# True when the Docker daemon at HOST (unix:///path) answers /_ping within 3 s.
docker_answers() {
    local host=$1
    [[ $host == unix://* ]] || return 1
    [ -S "${host#unix://}" ] || return 1
    curl -sf --max-time 3 --unix-socket "${host#unix://}" http://docker/_ping >/dev/null 2>&1
}

# Builds the static simbot, lays out DATA/images/simbot-docker and builds it on the daemon at
# HOST as simbot:latest through nbdash (Engine API), registering it for the Docker runtime.
register_simbot_docker_image() {
    local nbdash=$1 top=$2 build_dir=$3 data=$4 host=$5 simbot context
    # shellcheck source=scripts/lib/dockerd.sh
    source "$top/scripts/lib/dockerd.sh"
    simbot=$(build_static_simbot "$top" "$build_dir")
    context=$data/images/simbot-docker
    simbot_image_context "$top" "$simbot" "$context"
    NBDASH_DOCKER_HOST=$host "$nbdash" add-image --docker --data-dir "$data" \
        --tag simbot:latest --source-dir "$context" \
        --version "$("$simbot" --version 2>/dev/null | head -n 1 || echo simbot)" >/dev/null
}
