# shellcheck shell=bash
# A private Docker daemon for tests and local runs: its own socket, data root and exec root
# under one folder, no bridge network and no iptables changes (bots use the host network).
# Also builds the static simbot and lays out the simbot image's build context.

# Starts dockerd under DIR and waits (at most 60 s) until its socket answers /_ping. Sets
# DOCKERD_HOST (unix://DIR/docker.sock). Returns 1, with the end of its log on stderr, when it
# does not come up.
dockerd_start() {
    local dir=$1 pid i
    mkdir -p "$dir"
    chmod 711 "$dir"
    if ! command -v dockerd >/dev/null 2>&1; then
        echo "dockerd: not installed (Debian package docker.io)" >&2
        return 1
    fi
    dockerd --host "unix://$dir/docker.sock" --data-root "$dir/data" --exec-root "$dir/exec" \
        --pidfile "$dir/docker.pid" --bridge=none --iptables=false \
        >"$dir/dockerd.log" 2>&1 &
    pid=$!
    echo "$pid" >"$dir/dockerd.launch-pid"
    for ((i = 0; i < 120; i++)); do
        if curl -sf --max-time 2 --unix-socket "$dir/docker.sock" http://docker/_ping \
            >/dev/null 2>&1; then
            DOCKERD_HOST=unix://$dir/docker.sock
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            break
        fi
        sleep 0.5
    done
    echo "dockerd: the private daemon did not answer on $dir/docker.sock; its log ends:" >&2
    tail -n 20 "$dir/dockerd.log" >&2
    dockerd_stop "$dir"
    return 1
}

# Stops the daemon started by dockerd_start DIR (SIGTERM, then SIGKILL after 30 s); it stops
# its containers itself.
dockerd_stop() {
    local dir=$1 pid i
    [ -s "$dir/dockerd.launch-pid" ] || return 0
    pid=$(cat "$dir/dockerd.launch-pid")
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 60; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$dir/dockerd.launch-pid"
    # dockerd leaves its default network namespace (and, when killed, layers) mounted under
    # DIR; only mounts under DIR are touched, deepest first.
    awk -v root="$dir/" 'index($2, root) == 1 {print $2}' /proc/mounts | sort -r |
        while read -r mount_point; do umount -l "$mount_point" 2>/dev/null || true; done
}

# Builds simbot fully static (for a FROM scratch image) under BUILD_DIR/simbot-static and
# prints the binary's path.
build_static_simbot() {
    local top=$1 build_dir=$2 out=$2/simbot-static
    cmake -S "$top/tools/simbot" -B "$out" -DSIMBOT_STATIC=ON -DNBDASH_BUILD_TESTS=OFF \
        -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$out" --target simbot -j"$(nproc)" >"$out/build.log" 2>&1 || {
        tail -n 30 "$out/build.log" >&2
        return 1
    }
    echo "$out/simbot"
}

# Lays out the simbot image's build context in DIR: images/simbot/Dockerfile and the static
# binary as `nanobot`.
simbot_image_context() {
    local top=$1 simbot=$2 dir=$3
    mkdir -p "$dir"
    install -m 0644 "$top/images/simbot/Dockerfile" "$dir/Dockerfile"
    install -m 0755 "$simbot" "$dir/nanobot"
}
