#!/usr/bin/env bash
# Other CPUs: cross-compiles Tempo for 64-bit ARM (aarch64) and 32-bit ARM
# (armhf, older Android phones) with Debian's cross GCC and multiarch
# libraries, runs the unit tests under qemu-user, and checks that fixed-depth
# results (perft divides, search node counts and moves) are identical to the
# x86-64 build's.
#
#   scripts/cross-test.sh [native-build-dir]     (default: build, built if missing)
#   TEMPO_CROSS_ARCHES="aarch64-linux-gnu"  to pick targets (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
native=${1:-build}
jobs=$(nproc)
arches=${TEMPO_CROSS_ARCHES:-"aarch64-linux-gnu arm-linux-gnueabihf"}
TEMPO_CROSS=1 TEMPO_CROSS_ARCHES="$arches" bash scripts/install-deps.sh

if [ ! -x "$native/tempo" ]; then
  cmake -S . -B "$native" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$native" -j"$jobs" --target tempo
fi

# Positions for the fixed-depth comparison: start, Woldouby, kings with
# long capture routes, a crowded middle game.
fens=(
  "W:W31-50:B1-20"
  "W:B12,13,14,16,18,19,21,23,24,26:W25,27,28,30,32,33,34,35,37,38"
  "W:WK46,K3,31,33,38,42:B8,12,17,K45,K5,19"
  "B:WK26,K48,32,37,41:BK4,K15,13,18,22"
  "B:W27,28,31,32,33,34,35,36,37,38,39,40,42,43,44:B6,7,8,9,11,12,13,14,16,17,18,19,21,23,24"
)

# The same command on x86 and under qemu must print the same lines, timings
# removed (perft lines end in seconds and Mleaves/s).
normalise() {
  sed -E -e 's/^(perft [0-9]+ [0-9]+) .*/\1/' -e 's/ time [0-9.]+//' \
    -e 's/^(bench depth [0-9]+ positions [0-9]+ nodes [0-9]+) .*/\1/'
}
compare() {
  local emu=$1 cross=$2; shift 2
  local a b
  a=$("$native/tempo" "$@" | normalise)
  b=$($emu "$cross/tempo" "$@" | normalise)
  if [ "$a" != "$b" ]; then
    echo "MISMATCH between x86-64 and $cross for: tempo $*"
    diff <(echo "$a") <(echo "$b") | head -20
    return 1
  fi
  echo "  same: tempo $* ($(echo "$a" | wc -l) lines)"
}

for triple in $arches; do
  dir="build-$triple"
  case $triple in
    aarch64-*) emu=qemu-aarch64 ;;
    arm-*) emu=qemu-arm ;;
    *) echo "unknown target $triple"; exit 2 ;;
  esac
  echo "== cross build: $triple"
  cmake -S . -B "$dir" -DCMAKE_TOOLCHAIN_FILE="cmake/toolchain-$triple.cmake" -DCMAKE_BUILD_TYPE=Release \
    -DTEMPO_BUILD_BENCH=OFF -DTEMPO_BUILD_PYTHON=OFF -DTEMPO_DEEP_TESTS=OFF >/dev/null
  cmake --build "$dir" -j"$jobs"
  echo "== unit tests under $emu"
  # Tests driven by the host's Python or bash (ctypes loading the library,
  # scripts spawning `tempo`) cannot load or exec ARM binaries unless
  # binfmt_misc runs qemu for them: CMake leaves them out of cross builds
  # (`if(NOT CMAKE_CROSSCOMPILING)`), and they run natively in stage 1.
  (cd "$dir" && ctest -LE 'deep|python' --output-on-failure -j"$jobs")
  echo "== fixed-depth results, x86-64 vs $triple"
  for fen in "${fens[@]}"; do
    compare "$emu" "$dir" perft --fen "$fen" --depth 6 --divide
  done
  # Search at fixed depth: node counts, scores and moves of the benchmark
  # positions (each from an empty table), once `tempo bench` exists.
  if "$native/tempo" bench --depth 1 >/dev/null 2>&1; then
    compare "$emu" "$dir" bench --depth "${TEMPO_CROSS_BENCH_DEPTH:-6}" --tt-mb 4
  fi
done
echo "== cross tests passed: $arches"
