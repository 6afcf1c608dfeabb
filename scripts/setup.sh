#!/usr/bin/env bash
# One command on a fresh Debian 12 machine: install what shenbao needs, build it,
# and run it over samples/ (records in out/).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
packages=$(grep -v '^\s*#' scripts/packages.txt | grep -v '^\s*$' | tr '\n' ' ')
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "== installing:$missing"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi

# The second model (README, "Models"). Without it shenbao still runs, re-reading with
# Debian's HanS and saying so at start-up, so a failed download does not stop the set-up.
bash scripts/models.sh || echo "== WARNING: chi_sim_int not installed (see above); shenbao will use HanS as its second model" >&2

echo "== building"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build -j "$(nproc)" --target shenbao

echo "== running: build/shenbao run samples/ --out out/"
./build/shenbao run samples/ --out out/
