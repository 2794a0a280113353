#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each on a scratch copy of its committed corpus
# (Fuzz/corpus/<name>), so a run never grows the committed corpus by accident.
# Usage: scripts/fuzz/run.sh SECONDS [BUILD_DIR]   (`make fuzz` builds the targets first)
# Exits 1 when any target finds a crash, a hang, a leak or runs out of memory; the input that
# did it is kept as BUILD_DIR/fuzz-findings/<name>-crash-<sha1> (CONTRIBUTING.md, "Fuzzing").
set -uo pipefail
seconds=${1:?seconds per target}
build=${2:-.build-fuzz}
work="$build/fuzz-work"
findings="$build/fuzz-findings"
mkdir -p "$findings"
# Leaks in the Swift runtime libraries, not in driftwatch (see the file).
# The Swift runtime's crash backtracer reads memory ASan then reports; libFuzzer prints the stack.
export SWIFT_BACKTRACE=enable=no
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp:print_suppressions=0"
failed=0
printf '%-8s %12s %8s %10s %8s  %s\n' target executions exec/s new_units rss_mb result
# name:product:seconds per input:MB of memory. The configuration loader is linear in its few KB
# of input, so its limits are tight: a YAML alias blow-up is caught as a timeout or out-of-memory.
for spec in csv:FuzzCSV:30:2048 jsonl:FuzzJSONL:30:2048 yaml:FuzzConfig:10:512 \
  payload:FuzzPayload:30:2048; do
  IFS=: read -r name product timeout rss <<<"$spec"
  binary="$build/debug/$product"
  rm -rf "${work:?}/$name" && mkdir -p "$work/$name"
  cp Fuzz/corpus/"$name"/* "$work/$name/"
  dict=()
  [ -f "Fuzz/$name.dict" ] && dict=("-dict=Fuzz/$name.dict")
  log="$build/fuzz-$name.log"
  "$binary" "$work/$name" "${dict[@]}" -max_total_time="$seconds" -rss_limit_mb="$rss" \
    -malloc_limit_mb="$rss" -timeout="$timeout" -print_final_stats=1 -artifact_prefix="$findings/$name-" >"$log" 2>&1
  status=$?
  stat() { grep -m1 "^stat::$1:" "$log" | awk '{print $2}'; }
  result=ok
  if [ $status -ne 0 ]; then
    result="FAILED (exit $status, see $log)"
    failed=1
  fi
  printf '%-8s %12s %8s %10s %8s  %s\n' "$name" "$(stat number_of_executed_units)" \
    "$(stat average_exec_per_sec)" "$(stat new_units_added)" "$(stat peak_rss_mb)" "$result"
done
if [ $failed -ne 0 ]; then
  echo "fuzzing found a problem; inputs in $findings:"
  ls -l "$findings"
  grep -h -A12 -m1 "ERROR\|Fatal error\|deadly signal" "$build"/fuzz-*.log | head -60
fi
exit $failed
