#!/usr/bin/env bash
# Installs the second Chinese model, chi_sim_int, that re-reads doubtful lines.
#
# Why: Debian's chi_sim and HanS are the "fast" models. Both misread characters
# common in company and person names (鑫 磊 睿 辰 焱 潜 …) on clean print, and
# agree on some misreadings (潜江 → 洪江), so voting between them cannot fix them.
# The LSTM of tessdata's chi_sim 4.0.0 (integer version of the "best" model) reads
# them; as the second opinion it cut the mistakes on the labelled samples by a
# fifth at the same speed (README, "Models"). Debian does not package it; npm's
# @tesseract.js-data/chi_sim does, byte for byte as tessdata published it.
#
# The package also carries the legacy engine (40 MB) that shenbao never uses; only
# the LSTM parts are kept (2.6 MB, half the memory per worker).
#
# Usage: scripts/models.sh [DIR]   (default /usr/local/share/shenbao/tessdata,
#        the folder the build looks in; see SHENBAO_MODEL_DIR in ocr/CMakeLists.txt)
set -euo pipefail

dir="${1:-/usr/local/share/shenbao/tessdata}"
target="$dir/chi_sim_int.traineddata"
url="https://registry.npmjs.org/@tesseract.js-data/chi_sim/-/chi_sim-1.0.0.tgz"
# npm's "integrity" of that tarball (sha512, base64) — a changed file is refused.
integrity="iuErURkPbECDUazgsLn/r3c+tU2y5o5S/w14d0A/YiagfsjYyZKgTo75RUpsGJ311qtu0dIX4hqnXAAjmqf2CA=="
# The LSTM parts Tesseract needs with OEM_LSTM_ONLY. This model has no
# lstm-unicharset/recoder: its LSTM speaks the legacy unicharset.
parts="lstm lstm-number-dawg lstm-punc-dawg lstm-word-dawg unicharset version config"

if [ -s "$target" ]; then
  echo "== model present: $target"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ] && [ ! -w "$(dirname "$dir")" ]; then SUDO="sudo"; fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "== fetching the chi_sim_int model from npm (@tesseract.js-data/chi_sim 1.0.0, 21 MB)"
curl -fsSL --retry 3 -o "$work/chi_sim.tgz" "$url"
got="$(python3 -c 'import base64, hashlib, sys; print(base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$work/chi_sim.tgz")"
if [ "$got" != "$integrity" ]; then
  echo "scripts/models.sh: $url does not match its published checksum; not installed" >&2
  exit 1
fi
tar -xzf "$work/chi_sim.tgz" -C "$work" package/4.0.0/chi_sim.traineddata.gz
gunzip "$work/package/4.0.0/chi_sim.traineddata.gz"
mkdir -p "$work/split"
combine_tessdata -u "$work/package/4.0.0/chi_sim.traineddata" "$work/split/full." > "$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
mkdir -p "$work/lstm"
for p in $parts; do cp "$work/split/full.$p" "$work/lstm/chi_sim_int.$p"; done
combine_tessdata "$work/lstm/chi_sim_int." > "$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
$SUDO mkdir -p "$dir"
$SUDO install -m 0644 "$work/lstm/chi_sim_int.traineddata" "$target"
echo "== installed $target"
