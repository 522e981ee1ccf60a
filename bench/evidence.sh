#!/usr/bin/env bash
# Evidence benchmark: OpenSRM against PostGIS on the same data, in the same run.
#
#   bench/evidence.sh [N]     N seeded incidents (default 1,000,000)
#
# Takes the 4,594 real admin-1 polygons of ../shared/data/boundaries/admin1/ and N incidents
# seeded around the 1,716 real OSAC incident locations (85%) plus a uniform background (15%).
# Times OpenSRM's placement + indicators per area x category (bench/evidence_bench.cpp, 2 threads),
# then PostGIS doing the same point-in-polygon join and per-area, per-category aggregation
# (GiST index, 2 parallel workers) on a throwaway PostgreSQL started and stopped here
# (scripts/pg.sh: loopback only). Also reports the end-to-end import rate into the SQLite store.
# Loading and indexing are outside the timings on both sides. Last line:
#   evidence: srm_s=… postgis_s=… speedup=…
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
BUILD=${BUILD:-build}
SHARED=${SHARED:-../shared/data}
IMPORT_ROWS=${IMPORT_ROWS:-$N}

[ -d "$SHARED/boundaries/admin1" ] || { echo "evidence.sh: $SHARED/boundaries/admin1 not found (set SHARED)" >&2; exit 1; }
if [ ! -x "$BUILD/bench/evidence_bench" ]; then
  cmake -S . -B "$BUILD" >/dev/null
  make -C "$BUILD" -j2 evidence_bench >/dev/null
fi
ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 ||
  { echo "evidence.sh: PostGIS is not installed (scripts/install-deps.sh installs postgresql-15-postgis-3)" >&2; exit 1; }

work=$(mktemp -d /tmp/srm-evidence-bench.XXXXXX)
chmod 0755 "$work"
pgdir="$work/pg"
cleanup() {
  scripts/pg.sh stop "$pgdir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== OpenSRM: $N incidents over the real admin-1 polygons"
"$BUILD/bench/evidence_bench" --boundaries "$SHARED/boundaries/admin1" \
  --osac "$SHARED/incidents/osac-africa-2016-2022.csv" --incidents "$N" --out "$work/data" --threads 2 \
  --import-rows "$IMPORT_ROWS"
srm_s=$(awk '$1=="srm_s"{print $2}' "$work/data/srm_result.txt")
srm_placed=$(awk '$1=="placed"{print $2}' "$work/data/srm_result.txt")
srm_groups=$(awk '$1=="groups"{print $2}' "$work/data/srm_result.txt")
import_rate=$(awk '$1=="import_rows_per_s"{print $2}' "$work/data/srm_result.txt")
import_floor=$(awk '$1=="import_floor_rows_per_s"{print $2}' "$work/data/srm_result.txt")
chmod -R a+rX "$work/data"

echo "== PostGIS: loading the same areas and incidents (not timed)"
url=$(scripts/pg.sh start "$pgdir")
asof=$(python3 -c 'import datetime; print((datetime.date(2024,6,30)-datetime.date(1970,1,1)).days)')
psql "$url" -v ON_ERROR_STOP=1 -q <<SQL
CREATE EXTENSION postgis;
CREATE TABLE areas_raw (id text, gj text);
\copy areas_raw FROM '$work/data/areas.csv' WITH (FORMAT csv)
CREATE TABLE areas AS SELECT id, ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(gj), 4326)) AS geom FROM areas_raw;
CREATE INDEX areas_geom ON areas USING gist (geom);
CREATE TABLE incidents (id bigint, lon float8, lat float8, day int, category text, fatalities int, aid int, un int);
\copy incidents FROM '$work/data/incidents.csv' WITH (FORMAT csv)
ALTER TABLE incidents ADD COLUMN geom geometry(Point, 4326);
UPDATE incidents SET geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326);
VACUUM ANALYZE;
SQL

echo "== PostGIS: point-in-polygon join + per-area, per-category indicators (timed)"
out=$(psql "$url" -v ON_ERROR_STOP=1 -X <<SQL
SET max_parallel_workers_per_gather = 2;
\timing on
CREATE TABLE result AS
SELECT a.id AS area_id, i.category,
       count(*) FILTER (WHERE $asof - i.day < 30)  AS c30,
       count(*) FILTER (WHERE $asof - i.day < 90)  AS c90,
       count(*) FILTER (WHERE $asof - i.day < 365) AS c365,
       sum(power(2.0, -($asof - i.day) / 180.0)) AS decayed,
       1 - exp(-ln(2.0) / 180 * sum(power(2.0, -($asof - i.day) / 180.0)) * 365) AS probability,
       (count(*) FILTER (WHERE $asof - i.day < 90) / 90.0)
         / nullif(count(*) FILTER (WHERE $asof - i.day < 365) / 365.0, 0) AS trend,
       sum(fatalities) FILTER (WHERE $asof - i.day < 365) AS fatalities,
       sum(aid) FILTER (WHERE $asof - i.day < 365) AS aid_victims,
       sum(un) FILTER (WHERE $asof - i.day < 365) AS un_victims,
       count(*) AS events
FROM incidents i JOIN areas a ON ST_Intersects(a.geom, i.geom)
WHERE i.day <= $asof AND $asof - i.day < 1825
GROUP BY a.id, i.category;
\timing off
SELECT 'groups=' || count(*) || ' placed=' || sum(events) FROM result;
SQL
)
echo "$out" | grep -E "^Time|groups=" | sed 's/^ *//'
postgis_ms=$(echo "$out" | awk '/^Time:/{print $2; exit}')
postgis_s=$(python3 -c "print(f'{$postgis_ms/1000:.3f}')")
pg_counts=$(echo "$out" | grep -o 'groups=[0-9]* placed=[0-9]*')
echo "opensrm: groups=$srm_groups placed=$srm_placed   postgis: $pg_counts"
echo "import into the store (CSV -> parse -> validate -> place -> SQLite): $import_rate rows/s" \
  "(floor, same rows appended with no key and no index: $import_floor rows/s)"
speedup=$(python3 -c "print(f'{$postgis_s/$srm_s:.1f}')")
printf 'evidence: srm_s=%.3f postgis_s=%s speedup=%s\n' "$srm_s" "$postgis_s" "$speedup"
