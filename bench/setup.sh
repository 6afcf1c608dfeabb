#!/bin/sh
# Installs the alternatives the benchmark compares shenbao with. Only the benchmark
# needs them, so they are not in scripts/packages.txt. Run as root (or with sudo).
set -e
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update
# poppler-utils: pdfinfo/pdftoppm; tesseract-ocr-chi-sim: the chi_sim model (shenbao's set-up
# installs it already); time: /usr/bin/time -v for peak RSS.
$SUDO apt-get install -y --no-install-recommends ocrmypdf tesseract-ocr tesseract-ocr-chi-sim poppler-utils time
