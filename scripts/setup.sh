#!/usr/bin/env bash
# Installs what Dashboard Nanobot needs from Debian's packages and npm, then builds the server,
# simbot and the console. Safe to run again: it installs only what is missing and rebuilds only
# what changed.
#
#   scripts/setup.sh           packages to build and run
#   scripts/setup.sh --test    also what the tests need (Chromium, clang, Docker)
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
want_test=0
[ "${1:-}" = "--test" ] && want_test=1
build_dir=${NBDASH_BUILD_DIR:-$top/build}

say() { printf '\033[1m==>\033[0m %s\n' "$*"; }

packages=(
    g++ cmake make pkg-config git ca-certificates acl python3 curl
    libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
    libpqxx-dev libpq-dev libspdlog-dev libfmt-dev libcli11-dev libsodium-dev
    nlohmann-json3-dev libssl-dev googletest libgtest-dev libgmock-dev libbenchmark-dev
    postgresql-15 postgresql-client-15
)
if [ "$want_test" -eq 1 ]; then
    packages+=(chromium fonts-wqy-microhei clang libclang-rt-14-dev docker.io)
fi
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "setup: missing Debian packages: ${missing[*]}" >&2
        echo "setup: run as root, or install them with apt-get first" >&2
        exit 1
    fi
    say "Installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
    echo "setup: Node.js 20 or newer is needed to build the console (found $(node -v))" >&2
    exit 1
fi

say "Building the server and simbot (the first build takes a while; log: $build_dir/build.log)"
# Running the dashboard needs only the server and simbot; the test binaries come with --test.
tests=OFF
[ "$want_test" -eq 1 ] && tests=ON
cmake -S "$top" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNBDASH_BUILD_TESTS=$tests \
    >/dev/null
if ! cmake --build "$build_dir" -j"$(nproc)" >"$build_dir/build.log" 2>&1; then
    grep -E "error" "$build_dir/build.log" | head -n 30 >&2
    echo "setup: the build failed; the full log is $build_dir/build.log" >&2
    exit 1
fi

say "Building the console"
(
    cd "$top/frontend"
    # Reinstall only when the lock file changed since the last install.
    if [ ! -f node_modules/.package-lock.json ] ||
        [ package-lock.json -nt node_modules/.package-lock.json ]; then
        npm ci --no-audit --no-fund --loglevel=error
    fi
    # Rebuilt only when a source, the lock file or the build configuration is newer than the
    # last build, so a restart does not rewrite the files a running server may be serving.
    if [ ! -f dist/index.html ] || [ -n "$(find src index.html package-lock.json vite.config.* \
        tsconfig*.json -newer dist/index.html -print -quit 2>/dev/null)" ]; then
        npm run --silent build >/dev/null
    fi
)
if [ "$want_test" -eq 1 ]; then
    (
        cd "$top/e2e"
        if [ ! -f node_modules/.package-lock.json ] ||
            [ package-lock.json -nt node_modules/.package-lock.json ]; then
            npm ci --no-audit --no-fund --loglevel=error
        fi
    )
fi
say "Setup done"
