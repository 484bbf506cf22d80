#!/usr/bin/env bash
# Builds the cargo-fuzz targets of caidan-core and runs each for SECONDS
# (default 60) from its committed seeds in core/fuzz/seeds/<target>/, copied
# into a scratch corpus. Prints the runs per target; fails if any target
# crashes, runs out of memory or takes too long on one input, or has no seeds.
#
#   bash scripts/fuzz.sh [SECONDS]
#
# Needs cargo-fuzz (scripts/bootstrap.sh installs it). A crash is saved under
# core/fuzz/artifacts/<target>/; see core/fuzz/README.md to replay it.
set -euo pipefail

budget="${1:-60}"
case "$budget" in
  '' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/core/fuzz"
export PATH="$HOME/.cargo/bin:$PATH"
# cargo-fuzz passes nightly-only flags (the sanitizer); stable rustc takes
# them with this set.
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz is missing: run scripts/bootstrap.sh or 'cargo install cargo-fuzz --locked'" >&2
  exit 2
fi

cargo fuzz build

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

failed=()
summary=()
for target in $(cargo fuzz list); do
  seeds="seeds/$target"
  if ! compgen -G "$seeds/*" >/dev/null; then
    echo "$target: no seeds in core/fuzz/$seeds" >&2
    failed+=("$target (no seeds)")
    continue
  fi
  corpus="$scratch/corpus/$target"
  mkdir -p "$corpus"
  cp "$seeds"/* "$corpus/"
  args=(-max_total_time="$budget" -timeout=10 -print_final_stats=1)
  if [ -f "dicts/$target.dict" ]; then
    args+=(-dict="dicts/$target.dict")
  fi
  log="$scratch/$target.log"
  printf '%-18s ' "$target"
  status=0
  cargo fuzz run "$target" "$corpus" -- "${args[@]}" >"$log" 2>&1 || status=$?
  # libFuzzer's final count: the stat line, else the `#N DONE` line.
  runs="$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)"
  if [ -z "$runs" ]; then
    runs="$(sed -n 's/^#\([0-9]*\)[[:space:]]*DONE.*/\1/p' "$log" | tail -n 1)"
  fi
  if [ "$status" -eq 0 ]; then
    echo "${runs:-?} runs"
    summary+=("$target ${runs:-?}")
  else
    echo "FAILED after ${runs:-?} runs (exit $status)"
    tail -n 40 "$log" >&2
    failed+=("$target")
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzzing failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzzing: ${#summary[@]} targets, ${budget}s each, no crash"
