#!/usr/bin/env bash
# README command 1: install what is missing, build in Release, run the main job:
# perft from the start position, then an analysis of it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target tempo
./build/tempo perft --depth 9
./build/tempo analyse --depth 16
