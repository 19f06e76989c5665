#!/usr/bin/env bash
# README command 2 (and CI): install what is missing, build, run every test.
#   1. Release build: all C++ tests (ctest, default labels) and the Python tests.
#   2. AddressSanitizer + UBSan build: the unit tests again.
#   3. ThreadSanitizer build: the concurrency tests (suites named *Concurrency*).
#   4. Fuzzers (clang-14, libFuzzer): each for TEMPO_FUZZ_SECONDS (default 20 s).
#   5. web: tempo.wasm (Emscripten) and the TypeScript package (ffi/web/ci.sh):
#      Node and headless Chromium tests against the Release build.
#   6. cross: the 64-bit ARM (aarch64) cross build: unit tests under qemu-user
#      and fixed-depth results compared with the x86-64 build.
#   7. plugin: the Flutter plugin's library as the plugin's Linux build makes
#      it, with no installed Abseil: x86-64, and 32-bit ARM (armhf, older
#      Android phones) under qemu-user; C ABI and exports tests.
#   8. windows: the same for Windows: tempo.dll with MinGW-w64, C ABI tests
#      under Wine.
# TEMPO_CI_SKIP="web tsan fuzz cross plugin windows" skips stages (a quick local run).
# Deep tests (long perft counts, matches) are not run here: `ctest -L deep`.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
stage_start() { stage_t0=$(date +%s); }
stage_end() { echo "== $1 took $(( $(date +%s) - stage_t0 )) s"; }
stage_start
bash scripts/install-deps.sh
stage_end install

echo "== layout (.clang-format)"
bash scripts/format.sh --check

echo "== Release build"
stage_start
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"
stage_end "release build"
echo "== C++ tests (Release)"
stage_start
(cd build && ctest -LE 'deep|python' --output-on-failure -j"$jobs")
echo "== Python tests (pytest, Debian's python3)"
# Run on their own (not in parallel with the C++ tests): one of them times two
# searches in two threads. Exit status 5 (no tests collected) fails too.
# test_packaging.py installs the package into venvs and builds a wheel,
# reusing build/ (only the tempo_python target, already built).
PYTHONPATH=build/python MPLBACKEND=Agg /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/python
stage_end "release tests"

echo "== AddressSanitizer + UBSan build"
stage_start
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DTEMPO_SANITIZE=ON -DTEMPO_BUILD_BENCH=OFF -DTEMPO_BUILD_PYTHON=ON -DTEMPO_DEEP_TESTS=OFF >/dev/null
cmake --build build-asan -j"$jobs"
echo "== C++ and Python tests (ASan + UBSan)"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest -LE deep --output-on-failure -j"$jobs")
stage_end asan
skip=" ${TEMPO_CI_SKIP:-} "

if [[ $skip != *" web "* ]]; then
  echo "== WebAssembly build (Emscripten) and the TypeScript package: Node and headless Chromium tests"
  stage_start
  bash ffi/web/ci.sh build build-wasm
  stage_end web
fi

if [[ $skip != *" tsan "* ]]; then
  echo "== ThreadSanitizer build"
  stage_start
  cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTEMPO_TSAN=ON -DTEMPO_BUILD_BENCH=OFF -DTEMPO_BUILD_PYTHON=OFF -DTEMPO_DEEP_TESTS=OFF >/dev/null
  cmake --build build-tsan -j"$jobs" --target tempo_concurrency_tests
  echo "== concurrency tests (ThreadSanitizer)"
  (cd build-tsan && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
    ctest -R Concurrency --no-tests=error --output-on-failure -j"$jobs")
  stage_end tsan
fi

if [[ $skip != *" fuzz "* ]]; then
  echo "== fuzzers"
  stage_start
  bash scripts/fuzz.sh "${TEMPO_FUZZ_SECONDS:-20}"
  stage_end fuzz
fi

if [[ $skip != *" cross "* ]]; then
  echo "== ARM (aarch64) cross build under qemu-user"
  stage_start
  # 32-bit ARM is the plugin stage's (its library and the C ABI tests under qemu-arm).
  TEMPO_CROSS_ARCHES=aarch64-linux-gnu bash scripts/cross-test.sh build
  stage_end cross
fi
if [[ $skip != *" plugin "* ]]; then
  echo "== Flutter plugin library (Linux x86-64, armhf under qemu-user)"
  stage_start
  TEMPO_CROSS=1 bash scripts/install-deps.sh
  bash scripts/plugin-test.sh linux-x86_64 linux-armhf
  stage_end plugin
fi

if [[ $skip != *" windows "* ]]; then
  echo "== Flutter plugin library for Windows (MinGW-w64, under Wine)"
  stage_start
  bash scripts/plugin-test.sh windows
  stage_end windows
fi
echo "== all tests passed in ${SECONDS} s"
