#!/usr/bin/env bash
# Sets up and runs every test suite against real services: a private PostgreSQL cluster started
# here, real nbdash and simbot processes, and headless Chromium. All suites run under CTest, so
# the last line printed is CTest's summary.
#
#   ./test.sh [ctest arguments, e.g. -L unit or -R ChatFlow]
set -euo pipefail

top=$(cd "$(dirname "$0")" && pwd)
"$top/scripts/setup.sh" --test
# shellcheck source=scripts/lib/pg-cluster.sh
source "$top/scripts/lib/pg-cluster.sh"
# shellcheck source=scripts/lib/dockerd.sh
source "$top/scripts/lib/dockerd.sh"
build_dir=${NBDASH_BUILD_DIR:-$top/build}

work=$(mktemp -d /tmp/nbdash-test.XXXXXX)
chmod 711 "$work"
pg_port=$(pg_free_port)
cleanup() {
    dockerd_stop "$work/docker" >/dev/null 2>&1 || true
    pg_cluster_stop "$work/pg" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

pg_cluster_init "$work/pg" "$pg_port" trust 2>/dev/null
pg_cluster_start "$work/pg" "$pg_port" 2>/dev/null
export PGHOST=127.0.0.1 PGPORT=$pg_port PGUSER=postgres
export NBDASH_REQUIRE_SERVICES=1
export NBDASH_TEST_WORK_DIR=$work

# The Docker tests need a private daemon and a static simbot for the FROM scratch image; when
# either is missing they fail (NBDASH_REQUIRE_SERVICES), so the cause is printed here.
if dockerd_start "$work/docker"; then
    export NBDASH_TEST_DOCKER_HOST=$DOCKERD_HOST
else
    echo "test.sh: the private dockerd did not start; the Docker tests will fail" >&2
fi
if simbot_static=$(build_static_simbot "$top" "$build_dir"); then
    export NBDASH_TEST_SIMBOT_STATIC=$simbot_static
else
    echo "test.sh: the static simbot did not build; the Docker tests will fail" >&2
fi

cd "$build_dir"
status=0
ctest --output-on-failure --timeout 600 "$@" | tee "$work/ctest.log" || status=$?
# The count of tests run and passed is the last line, whatever CTest prints after it.
grep -E "tests passed, [0-9]+ tests? failed out of [0-9]+" "$work/ctest.log" | tail -n 1 || true
exit "$status"
