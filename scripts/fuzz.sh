#!/usr/bin/env bash
# Fuzzes every input family with libFuzzer: builds the targets of tests/fuzz with clang-19, ASan
# and UBSan in build-fuzz/ (only those targets and the libraries they link), then runs each one
# for the given number of seconds from its seed corpus in tests/fuzz/corpus/<target>/.
# Fails on any crash, sanitizer report, leak, timeout (10 s on one input) or out-of-memory (2 GB);
# the input at fault is kept in build-fuzz/fuzz-findings/<target>/ with the log beside it. Inputs
# that reached new code are kept in build-fuzz/fuzz-corpus/<target>/, so later runs go on from
# there; a finding worth keeping goes into tests/fuzz/corpus/<target>/ with a test that
# reproduces it.
#
#   scripts/fuzz.sh [seconds-per-target] [target ...]     (default: 30 s, every target)
#   scripts/fuzz.sh 0 fuzz_csv_import                     (only build and replay the seeds)
#   FUZZ_TOTAL_SECONDS=180 scripts/fuzz.sh                (a budget for all, the build included:
#                                                          what is left after the build is shared
#                                                          out, at least 10 s a target; CI uses it)
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET=${1:-30}
[ $# -gt 0 ] && shift
ALL=(fuzz_request_edge fuzz_json_body fuzz_csv_import fuzz_geojson fuzz_method_pack)
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL[@]}")
BUILD=${SRM_FUZZ_BUILD:-build-fuzz}
CXX=${SRM_FUZZ_CXX:-clang++-19}

if ! command -v "$CXX" >/dev/null 2>&1; then
  echo "fuzz: $CXX not found (scripts/install-deps.sh installs clang-19 and libclang-rt-19-dev)"
  exit 1
fi

SYMBOLIZER=$(command -v llvm-symbolizer-19 || command -v llvm-symbolizer || true)

export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
start=$(date +%s)
mkdir -p "$BUILD"
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$CXX" -DSRM_FUZZ=ON \
  -DSRM_BUILD_TESTS=OFF -DSRM_BUILD_BENCH=OFF >"$BUILD/configure.log" 2>&1 ||
  { tail -30 "$BUILD/configure.log"; echo "fuzz: configure failed"; exit 1; }
if ! nice cmake --build "$BUILD" -j2 --target "${TARGETS[@]}" >"$BUILD/build.log" 2>&1; then
  grep -E "error|Error" "$BUILD/build.log" | head -40
  echo "fuzz: build failed (log: $BUILD/build.log)"
  exit 1
fi
built=$(( $(date +%s) - start ))
echo "fuzz: built ${#TARGETS[@]} targets in $built s"
if [ -n "${FUZZ_TOTAL_SECONDS:-}" ]; then
  SECONDS_PER_TARGET=$(( (FUZZ_TOTAL_SECONDS - built) / ${#TARGETS[@]} ))
  [ "$SECONDS_PER_TARGET" -lt 10 ] && SECONDS_PER_TARGET=10
  echo "fuzz: $SECONDS_PER_TARGET s per target (budget ${FUZZ_TOTAL_SECONDS} s in all)"
fi

passed=0
failed=0
failed_names=()
for t in "${TARGETS[@]}"; do
  seeds="tests/fuzz/corpus/$t"
  corpus="$BUILD/fuzz-corpus/$t"
  findings="$BUILD/fuzz-findings/$t"
  log="$findings/fuzz.log"
  mkdir -p "$corpus" "$findings"
  rm -f "$findings"/crash-* "$findings"/leak-* "$findings"/timeout-* "$findings"/oom-* "$log"
  rc=0
  # New inputs go into the first directory only; the checked-in seeds are read, never written.
  ASAN_SYMBOLIZER_PATH="$SYMBOLIZER" ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$BUILD/fuzz/$t" -max_total_time="$SECONDS_PER_TARGET" -runs=$([ "$SECONDS_PER_TARGET" = 0 ] && echo 0 || echo -1) \
    -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 -artifact_prefix="$findings/" \
    "$corpus" "$seeds" >"$log" 2>&1 || rc=$?
  execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log" | tail -1)
  units=$(ls "$corpus" | wc -l)
  artifact=$(ls "$findings" | grep -E '^(crash|leak|timeout|oom)-' | head -1 || true)
  if [ $rc -eq 0 ] && [ -z "$artifact" ]; then
    passed=$((passed + 1))
    echo "fuzz: $t ok: ${execs:-0} executions in ${SECONDS_PER_TARGET} s, corpus $units inputs"
  else
    failed=$((failed + 1))
    failed_names+=("$t")
    echo "fuzz: $t FAILED (exit $rc) after ${execs:-?} executions"
    grep -aE "==fuzz finding==|ERROR: |SUMMARY: |runtime error|Test unit written" -A2 "$log" | head -30 || tail -30 "$log"
    [ -n "$artifact" ] && echo "fuzz: input at fault: $findings/$artifact (replay: $BUILD/fuzz/$t $findings/$artifact)"
    echo "fuzz: full log: $log"
  fi
done
echo "fuzz: $passed passed, $failed failed${failed_names:+ (${failed_names[*]})}"
[ $failed -eq 0 ]
