#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in their own build folder (the main build uses g++ and
# is left alone) and runs each for NBDASH_FUZZ_SECONDS (default 15) on its committed corpus,
# then replays the saved regressions. Called by CTest (test "fuzz_targets") and usable alone:
#
#   scripts/run-fuzz.sh [build folder, default ./build-fuzz]
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build-fuzz}
seconds=${NBDASH_FUZZ_SECONDS:-15}

if ! command -v clang++ >/dev/null; then
    echo "run-fuzz: clang++ is missing (scripts/setup.sh --test installs it)" >&2
    exit 1
fi
cmake -S "$top/fuzz" -B "$build" -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNBDASH_FUZZ_SECONDS="$seconds" >/dev/null
cmake --build "$build" -j2 >/dev/null
ctest --test-dir "$build" --output-on-failure
