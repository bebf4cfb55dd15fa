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
build_dir=${NBDASH_BUILD_DIR:-$top/build}

work=$(mktemp -d /tmp/nbdash-test.XXXXXX)
chmod 711 "$work"
pg_port=$(pg_free_port)
cleanup() {
    pg_cluster_stop "$work/pg" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

pg_cluster_init "$work/pg" "$pg_port" trust 2>/dev/null
pg_cluster_start "$work/pg" "$pg_port" 2>/dev/null
export PGHOST=127.0.0.1 PGPORT=$pg_port PGUSER=postgres
export NBDASH_REQUIRE_SERVICES=1
export NBDASH_TEST_WORK_DIR=$work

cd "$build_dir"
ctest --output-on-failure --timeout 600 "$@"
