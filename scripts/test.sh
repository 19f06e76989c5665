#!/usr/bin/env bash
# README command 2 (and CI): install what is missing, build, run every test.
#   1. Release build: all C++ tests (ctest, default labels) and the Python tests.
#   2. AddressSanitizer + UBSan build: the unit tests again.
# Deep tests (long perft counts, matches) are not run here: `ctest -L deep`.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
bash scripts/install-deps.sh

echo "== Release build"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"
echo "== C++ tests (Release)"
(cd build && ctest -LE 'deep|python' --output-on-failure -j"$jobs")
echo "== Python tests (pytest, Debian's python3)"
# Run on their own (not in parallel with the C++ tests): one of them times two
# searches in two threads. Exit status 5 (no tests collected) fails too.
PYTHONPATH=build/python MPLBACKEND=Agg /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/python

echo "== AddressSanitizer + UBSan build"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DTEMPO_SANITIZE=ON -DTEMPO_BUILD_BENCH=OFF -DTEMPO_BUILD_PYTHON=ON >/dev/null
cmake --build build-asan -j"$jobs"
echo "== C++ and Python tests (ASan + UBSan)"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest -LE deep --output-on-failure -j"$jobs")
echo "== all tests passed"
