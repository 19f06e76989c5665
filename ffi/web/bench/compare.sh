#!/usr/bin/env bash
# WebAssembly against native on this machine, back to back in one run:
# perft from the start position and fixed-depth searches of data/bench.fen
# (ffi/web/bench/speed.cc, the same source built twice), then tempo.wasm's
# size raw and gzipped. The figures depend on the load: say what else ran.
#   ffi/web/bench/compare.sh [native build] [wasm build] [perft depth] [search depth]
set -euo pipefail
cd "$(dirname "$0")/../../.."
native=${1:-build}; wasm=${2:-build-wasm}; perft=${3:-8}; depth=${4:-11}
n=$("$native/tempo_web_speed" data/bench.fen "$perft" "$depth" | grep -E '^(perft|search)')
w=$(node "$wasm/tempo_web_speed.js" data/bench.fen "$perft" "$depth" | grep -E '^(perft|search)')
echo "native: $n" | sed 's/^/  /'
echo "wasm:   $w" | sed 's/^/  /'
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
nt=$(echo "$n" | awk '/^perft/ {print $7}'); wt=$(echo "$w" | awk '/^perft/ {print $7}')
ns=$(echo "$n" | awk '/^search/ {print $9}'); ws=$(echo "$w" | awk '/^search/ {print $9}')
echo "perft: wasm takes $(ratio "$wt" "$nt")x native's time; search: $(ratio "$ws" "$ns")x"
f="$wasm/web/tempo.wasm"
echo "tempo.wasm: $(stat -c %s "$f") bytes, gzip -9 $(gzip -9 -c "$f" | wc -c) bytes; tempo.js: $(stat -c %s "$wasm/web/tempo.js") bytes"
