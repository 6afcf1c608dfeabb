#!/bin/sh
# Throughput benchmark (issue 7): shenbao vs OCRmyPDF vs plain full-page OCR.
# Usage: bench/run.sh [--pages N] [--jobs 2] [--runs 3] [--dpi 300] [--ocrmypdf-parallel] [--keep]
# See bench/README.md. Needs the tools of bench/setup.sh.
exec /usr/bin/python3 "$(dirname "$0")/run.py" "$@"
