#!/usr/bin/env bash
# Bounded memory and clear refusals on a large malformed incident file (not part of CI: it takes
# more than a minute). Generates SIZE_MB (default 1024) of ACLED-layout CSV on the fly through a
# named pipe - valid rows mixed with truncated lines, binary garbage, invalid UTF-8, unterminated
# quotes and 10 MB fields - imports it with `srm incidents import` into a fresh database, and
# reports the peak memory (RSS), the counts, and that the store holds exactly the accepted rows.
#
#   bench/evidence-malformed.sh [SIZE_MB]
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${1:-1024}
BUILD=${BUILD:-build}
[ -x "$BUILD/srm" ] || { echo "build first: scripts/build.sh" >&2; exit 1; }
work=$(mktemp -d /tmp/srm-malformed.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkfifo "$work/incidents.csv"

python3 - "$SIZE_MB" >"$work/incidents.csv" <<'PY' &
import os, random, sys
limit = int(sys.argv[1]) * 1024 * 1024
out = sys.stdout.buffer
rnd = random.Random(7)
written = 0
def w(b):
    global written
    out.write(b); written += len(b)
w(b"event_id_cnty,event_date,event_type,sub_event_type,inter1,country,admin1,location,latitude,longitude,"
  b"geo_precision,notes,fatalities\n")
row = 0
cycle = 0
garbage = bytes(rnd.getrandbits(8) for _ in range(64 * 1024)).replace(b'"', b"'")
while written < limit:
    cycle += 1
    lines = []
    for _ in range(2000):
        row += 1
        lines.append(b'MAL%d,2023-%02d-%02d,Battles,Armed clash,1,Carana,,Town,%.4f,%.4f,1,"note, with comma",%d\n'
                     % (row, row % 12 + 1, row % 28 + 1, 10 + (row % 100) / 100, 20 + (row % 97) / 100, row % 3))
    w(b"".join(lines))
    w(b"TRUNC%d,2023-01-0\n" % cycle)                          # truncated line
    w(b"BIN%d,2023-01-01,Batt\x00les,1,1,Carana,,x,1,1,1,,0\n" % cycle)  # a NUL byte
    w(b"UTF%d,2023-01-01,\xff\xfe\xfd,1,1,Carana,,x,1,1,1,,0\n" % cycle)  # not UTF-8
    w(garbage[: rnd.randrange(1024, len(garbage))] + b"\n")   # binary garbage
    if cycle % 50 == 0:
        w(b'BIG%d,2023-01-01,Battles,x,1,Carana,,x,1,1,1,"' % cycle + b"y" * (10 * 1024 * 1024) + b'",0\n')  # 10 MB field
out.flush()
PY
gen=$!
/usr/bin/time -v "$BUILD/srm" incidents import "$work/incidents.csv" --db "sqlite:$work/srm.db" --areas all \
  --quiet >"$work/out.txt" 2>"$work/err.txt" || true
wait $gen || true
head -4 "$work/out.txt"
echo "refused reasons (first of each kind):"
grep '^refused' "$work/out.txt" | sed -E 's/^refused line [0-9]+//' | sed -E 's/[0-9]+/N/g' | sort | uniq -c | sort -rn | head -8
grep -E "Maximum resident set size|Elapsed" "$work/err.txt"
stored=$(sqlite3 "$work/srm.db" "SELECT count(*) FROM incidents")
accepted=$(sed -nE 's/.* ([0-9]+) accepted.*/\1/p' "$work/out.txt" | head -1)
echo "stored incidents: $stored; accepted rows: $accepted"
[ "$stored" = "$accepted" ] && echo "malformed: OK (the store holds exactly the accepted rows)" || { echo "malformed: MISMATCH"; exit 1; }
