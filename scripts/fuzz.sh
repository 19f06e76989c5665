#!/usr/bin/env bash
# Builds the libFuzzer fuzzers (clang-14, ASan + UBSan) and runs each for a
# bounded time, starting from its seed corpus (tests/fuzz/corpus/<fuzzer>/)
# and the regression inputs (tests/fuzz/regressions/<fuzzer>/). New inputs go
# to build-fuzz/corpus/<fuzzer>/ (the repository's corpus is not changed);
# a crash leaves its input in build-fuzz/artifacts/ and fails the script.
#
#   scripts/fuzz.sh [seconds-per-fuzzer] [fuzzer...]   (default 30 s, all)
#   TEMPO_FUZZ_JOBS=2 scripts/fuzz.sh 3600 fuzz_search  (a long run, 2 workers)
#
# Campaign mode (outside CI): the same runs, then each fuzzer's new inputs
# that add coverage are merged (libFuzzer -merge=1) into the committed seed
# corpus tests/fuzz/corpus/<fuzzer>/, inputs over 4 KiB left out, so it
# grows only by what finds new code and stays small; the executions per
# fuzzer and in total are printed and written to build-fuzz/campaign.txt.
#   nice -n 19 scripts/fuzz.sh campaign 3600           (an hour each, nproc at a time)
#   TEMPO_FUZZ_PARALLEL=1 scripts/fuzz.sh campaign 600  (one core, the other left free)
set -euo pipefail
cd "$(dirname "$0")/.."
campaign=0
if [ "${1:-}" = campaign ]; then
  campaign=1
  shift
fi
seconds=${1:-30}
shift || true
jobs=$(nproc)
dir=build-fuzz
# Two campaigns may share the build (one per core): one configures and
# builds at a time, the other then finds it up to date.
mkdir -p "$dir"
(
  flock 9
  CC=clang-14 CXX=clang++-14 cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTEMPO_FUZZ=ON \
    -DTEMPO_BUILD_BENCH=OFF -DTEMPO_BUILD_PYTHON=OFF >/dev/null
  cmake --build "$dir" -j"$jobs" --target tempo_fuzzers
) 9>"$dir/.build.lock"

fuzzers=("$@")
if [ ${#fuzzers[@]} -eq 0 ]; then
  # Every fuzzer fuzz.cmake built.
  for src in tests/fuzz/fuzz_*.cc; do
    name=$(basename "$src" .cc)
    [ -x "$dir/$name" ] && fuzzers+=("$name")
  done
fi
mkdir -p "$dir/artifacts"
# One fuzzer per core at a time (each is one process): the same time per
# fuzzer, the stage done in 1/nproc of the wall time.
run_one() {
  local f=$1
  mkdir -p "$dir/corpus/$f"
  rm -f "$dir/$f.failed"
  local seeds=("tests/fuzz/corpus/$f")
  [ -d "tests/fuzz/regressions/$f" ] && seeds+=("tests/fuzz/regressions/$f")
  local log="$dir/$f.log"
  local extra=()
  [ -n "${TEMPO_FUZZ_JOBS:-}" ] && extra+=(-fork="$TEMPO_FUZZ_JOBS")
  local timeout=10
  # A campaign runs niced or at idle priority: an input can wait on the CPU
  # for seconds, so its time limit is wider.
  [ "$campaign" -eq 1 ] && extra+=(-max_len=4096) && timeout=60
  if ! "$dir/$f" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$dir/artifacts/$f-" "${extra[@]}" "$dir/corpus/$f" "${seeds[@]}" >"$log" 2>&1; then
    touch "$dir/$f.failed"
    echo "FUZZER $f FAILED; last lines of $log:"
    tail -40 "$log"
    return 1
  fi
  local runs
  runs=$(grep -m1 -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}' || true)
  [ -z "$runs" ] && runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 | awk '{print $2}' || true)
  echo "${runs:-0}" >"$dir/$f.runs"
  # CPU seconds the fuzzer got (this is a background subshell: `times`'
  # second line is its children's user and system time). Under nice or
  # SCHED_IDLE a wall-clock budget buys less CPU; the campaign says how much.
  # `times` writes to a file, not a pipe: a pipeline's side is a fork of its
  # own, whose children's time is zero.
  times >"$dir/$f.times"
  awk 'NR == 2 { gsub(/[ms]/, " "); printf "%.0f\n", $1 * 60 + $2 + $3 * 60 + $4 }' "$dir/$f.times" >"$dir/$f.cpu"
  echo "  $f: ${runs:-0} executions in ${seconds}s, corpus $(ls "$dir/corpus/$f" | wc -l) files"
}
parallel=${TEMPO_FUZZ_JOBS:+1}
parallel=${TEMPO_FUZZ_PARALLEL:-${parallel:-$jobs}}
failed=0
running=0
for f in "${fuzzers[@]}"; do
  if [ "$running" -ge "$parallel" ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
  run_one "$f" &
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done
[ "$failed" -eq 0 ] || [ "$campaign" -eq 1 ] || { echo "== fuzzing FAILED"; exit 1; }
total=0
for f in "${fuzzers[@]}"; do [ -f "$dir/$f.failed" ] || total=$((total + $(cat "$dir/$f.runs"))); done
[ "$failed" -eq 0 ] && echo "== fuzzing passed: $total executions"
if [ "$campaign" -eq 1 ]; then
  # Keep what adds coverage, small inputs only; the seeds stay as they are.
  summary="$dir/campaign.txt"
  echo "campaign $(date -u +%FT%TZ): ${seconds}s per fuzzer" >"$summary"
  for f in "${fuzzers[@]}"; do
    if [ -f "$dir/$f.failed" ]; then  # its input is in $dir/artifacts: nothing merged
      echo "  $f: FAILED (see $dir/$f.log)" | tee -a "$summary"
      continue
    fi
    seed_dir="tests/fuzz/corpus/$f"
    before=$(ls "$seed_dir" | wc -l)
    small="$dir/small/$f"
    rm -rf "$small" && mkdir -p "$small"
    find "$dir/corpus/$f" -type f -size -4097c -exec cp {} "$small/" \;
    "$dir/$f" -merge=1 -timeout=10 -rss_limit_mb=2048 "$seed_dir" "$small" >"$dir/$f.merge.log" 2>&1
    after=$(ls "$seed_dir" | wc -l)
    line="$f: $(cat "$dir/$f.runs") executions in $(cat "$dir/$f.cpu") CPU s, corpus $before -> $after files ($(du -sk --apparent-size "$seed_dir" | cut -f1) KiB)"
    echo "  $line"
    echo "$line" >>"$summary"
  done
  echo "total: $total executions" >>"$summary"
  echo "== campaign: $total executions; new inputs merged into tests/fuzz/corpus (commit them); $summary"
fi
[ "$failed" -eq 0 ] || { echo "== fuzzing FAILED"; exit 1; }
