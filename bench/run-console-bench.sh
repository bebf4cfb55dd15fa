#!/usr/bin/env bash
# Console benchmark in headless Chromium against a real nbdash on a private PostgreSQL cluster
# (process runtime; nothing else is touched):
#   1. bytes of the first screen (sign-in page, then the fleet page) as the browser loads them,
#      raw and gzip-compressed;
#   2. time from navigation to a usable fleet page with 10 bots, then with 1,000 bots in the
#      database (median of BENCH_RUNS cold loads each), and their ratio.
#
#   bench/run-console-bench.sh        BENCH_RUNS (5) and BENCH_BOTS (1000) tune it
# Needs a built tree (NBDASH_BUILD_DIR, default ./build), frontend/dist (npm run build) and
# e2e/node_modules (playwright-core). Results go to bench/results/console-<time>.json.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${NBDASH_BUILD_DIR:-$top/build}
nbdash=$build_dir/backend/nbdash
simbot=$build_dir/tools/simbot/simbot
# shellcheck source=bench/lib/bench-server.sh
source "$top/bench/lib/bench-server.sh"

[ -x "$nbdash" ] || { echo "no $nbdash: build first" >&2; exit 1; }
[ -f "$top/frontend/dist/index.html" ] || { echo "no frontend/dist: npm run build first" >&2; exit 1; }

bench_start_cluster console
bench_register_simbot "$nbdash" "$simbot"
bench_start_nbdash "$nbdash" --frontend-dir "$top/frontend/dist"
port=$BENCH_PORT
export NBDASH_ADMIN_PASSWORD=$BENCH_ADMIN_PASSWORD

mkdir -p "$top/bench/results"
out="$top/bench/results/console-$(date -u +%Y%m%dT%H%M%SZ).json"
NBDASH_URL="http://127.0.0.1:$port" node "$top/bench/console_bench.mjs" "$out"
echo "results: $out"
