#!/usr/bin/env bash
# Captures every user-visible output of driftwatch on the bundled example data into OUTDIR, so a
# refactor can be checked bit for bit: `diff -r BEFORE AFTER` must be empty except where a change
# is meant to show (the file names say what each output is).
#
# Usage: scripts/refactor/snapshot.sh OUTDIR [BINARY]
#   Without BINARY it builds the driftwatch product (debug; CONFIG=release for release) first.
#   Compare two snapshots only when both were taken with the same build configuration.
#
# What it captures:
#   compare-*.{table,json,csv}       `compare` on baselines/ (drifted and stable target)
#   demo/*                           the `make demo` configuration after `run-once`: status,
#                                    alerts, history (feature and data-set level) in every
#                                    format, plus `history` with its default window
#   demo/alerts.jsonl                the payloads the demo's command notifier received
# Every file holds stdout, then a line "exit: N", then stderr (so messages are compared too).
set -euo pipefail

out=${1:?usage: snapshot.sh OUTDIR [BINARY]}
bin=${2:-}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
if [ -z "$bin" ]; then
  config=${CONFIG:-debug}
  swift build -c "$config" --product driftwatch >&2
  bin="$(swift build -c "$config" --show-bin-path)/driftwatch"
fi
rm -rf "$out"
mkdir -p "$out/demo"
out=$(cd "$out" && pwd)

# capture FILE CMD...: stdout, the exit status and stderr of CMD into FILE.
capture() {
  local file=$1
  shift
  local status=0
  "$@" >"$file.stdout" 2>"$file.stderr" || status=$?
  {
    cat "$file.stdout"
    echo "exit: $status"
    cat "$file.stderr"
  } >"$file"
  rm -f "$file.stdout" "$file.stderr"
}

for target in credit-target credit-stable; do
  for format in table json csv; do
    capture "$out/compare-$target.$format" \
      "$bin" compare baselines/credit-baseline.csv "baselines/$target.csv" --format "$format"
  done
done

# The demo, as `make demo` writes it (the notifier appends to alerts.jsonl in the demo folder).
demo="$out/demo"
# A fixed folder: paths and the configuration's hash appear in the outputs.
work=/tmp/driftwatch-snapshot-work
rm -rf "$work"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/demo-out"
cp -r baselines "$work/baselines"
printf '%s\n' \
  'storage: { path: driftwatch.db }' \
  'notifiers:' \
  "  demo-log: { type: command, command: [/bin/sh, -c, \"cat >> $work/alerts.jsonl; echo >> $work/alerts.jsonl\"] }" \
  'monitors:' \
  '  - name: credit-model' \
  '    baseline: { path: ../baselines/credit-baseline.csv }' \
  '    target: { files: "../baselines/inference/*.csv", timestamp_column: ts }' \
  '    schedule: { window: 1h, delay: 10m, min_rows: 100, catch_up: 72 }' \
  '    alerts:' \
  '      - { name: region-drift, when: feature_drifted, features: [region, income], for: 2, severity: critical, notify: [demo-log] }' \
  '      - { name: joint-drift, when: { magnitude_above: 25 }, for: 2, severity: warning, notify: [demo-log] }' \
  >"$work/demo-out/driftwatch.yaml"
yaml="$work/demo-out/driftwatch.yaml"
now=2026-11-04T00:15:00Z

capture "$demo/config-check" "$bin" config check "$yaml"
capture "$demo/run-once" "$bin" run-once --config "$yaml" --now "$now" --log-level warning
for format in table json csv; do
  capture "$demo/status.$format" "$bin" status --config "$yaml" --format "$format"
  capture "$demo/alerts.$format" "$bin" alerts --config "$yaml" --format "$format"
  capture "$demo/history.$format" "$bin" history --config "$yaml" --monitor credit-model \
    --since 2026-11-01 --until 2026-11-04 --format "$format"
  capture "$demo/history-dataset.$format" "$bin" history --config "$yaml" \
    --monitor credit-model --dataset --since 2026-11-01 --until 2026-11-04 --format "$format"
  capture "$demo/history-drifted.$format" "$bin" history --config "$yaml" \
    --monitor credit-model --feature region --drifted-only --since 2026-11-01 --format "$format"
done
# The default window (no --since): meant to change with the fix of issue 14's third defect.
capture "$demo/history-default-window.table" "$bin" history --config "$yaml" --monitor credit-model
# Nothing matches: the message on standard error (changed by the same fix).
capture "$demo/history-nothing-matches.table" "$bin" history --config "$yaml" \
  --monitor credit-model --since 2027-01-01
cp "$work/alerts.jsonl" "$demo/alerts.jsonl"
# The next due window of `status` counts from the wall clock: replace it with a placeholder.
for key in next_due_at next_due_window; do
  value=$(sed -n "s/.*\"$key\": \"\([^\"]*\)\".*/\1/p" "$demo/status.json" | head -1)
  [ -z "$value" ] || sed -i "s/$value/<$key from the wall clock>/g" "$demo"/status.*
done
echo "snapshot written to $out" >&2
