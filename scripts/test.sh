#!/usr/bin/env bash
# The whole test suite (unit, end-to-end over samples/, error records, corpus tests
# that run when ../shared/corpus/external exists). Run scripts/setup.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build -j "$(nproc)"
OMP_THREAD_LIMIT=1 ctest --test-dir build --output-on-failure -j 2 --timeout 900
