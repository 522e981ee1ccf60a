#!/usr/bin/env bash
# bench/documents.sh: what the documents of issue 17 cost to produce.
#   PDF: build/bench/documents_bench renders the SRA document of a 200-scenario SRA (SCENARIOS) five
#   times (ROUNDS) in English and in Arabic, in process (Pango + Cairo, both layout passes), and
#   prints the median and slowest render, the page count and the size. Target: under 2 s.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD_DIR:-build}
SCENARIOS=${SCENARIOS:-200}
ROUNDS=${ROUNDS:-5}

echo "== PDF: the SRA document, $SCENARIOS scenarios"
PDF=$(mktemp --suffix=.pdf)
trap 'rm -f "$PDF"' EXIT
"$BUILD/bench/documents_bench" "$SCENARIOS" "$ROUNDS" "$PDF"
# The page count as poppler reads it back from the English render.
echo "pages=$(pdfinfo "$PDF" | awk '/^Pages:/ {print $2}')"

# xlsx (xlsx17): the SRA risk register of the same size, written in process (libxlsxwriter), five
# times; then a list of LIST_ROWS rows as CSV and as constant-memory xlsx with the peak memory.
# Target for the register: under 1 s.
echo "== xlsx: the SRA risk register, $SCENARIOS scenarios; a list of ${LIST_ROWS:-100000} rows"
"$BUILD/bench/register_bench" "$SCENARIOS" "$ROUNDS" "${LIST_ROWS:-100000}"
