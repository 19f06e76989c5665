#!/usr/bin/env bash
# The web stage of scripts/test.sh: builds tempo.wasm with Debian's
# Emscripten from the one top-level CMakeLists.txt, compiles the TypeScript
# package with its pinned tsc, and runs its tests in Node and headless
# Chromium against the native build of the same sources.
#   ffi/web/ci.sh [native build dir, default build] [wasm build dir, default build-wasm]
# The native build must have tempo and tempo_web_native_table (scripts/test.sh's
# Release build has them).
set -euo pipefail
cd "$(dirname "$0")/../.."
native=$(realpath -m "${1:-build}")
wasm=$(realpath -m "${2:-build-wasm}")
jobs=$(nproc)
# Debian's Emscripten runs its JavaScript tools (acorn) with the node on the
# PATH; Debian's node finds Debian's node modules, another node needs telling.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}

cmake --build "$native" -j"$jobs" --target tempo tempo_web_native_table tempo_web_speed

# Abseil for the wasm build from Debian's source package, unpacked by
# scripts/install-deps.sh into the cache the plugin builds use too
# (cmake/abseil.cmake), unless FETCHCONTENT_SOURCE_DIR_ABSL names another copy.
absl=${FETCHCONTENT_SOURCE_DIR_ABSL:-${TEMPO_ABSL_SOURCE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tempo/abseil-20220623.1}}
if [ ! -f "$absl/absl/base/config.h" ]; then
  echo "ffi/web/ci.sh: no Abseil source in $absl: run scripts/install-deps.sh (or set TEMPO_ABSL_SOURCE_DIR)" >&2
  exit 2
fi
emcmake cmake -S . -B "$wasm" -DCMAKE_BUILD_TYPE=Release -DTEMPO_LIBRARY_ONLY=ON -DBUILD_TESTING=OFF \
  -DFETCHCONTENT_SOURCE_DIR_ABSL="$absl" >/dev/null
cmake --build "$wasm" -j"$jobs" --target tempo_wasm tempo_web_speed

cd ffi/web
[ -x node_modules/.bin/tsc ] || npm ci --no-audit --no-fund --loglevel=error
rm -rf dist
node_modules/.bin/tsc -p tsconfig.json
cp "$wasm/web/tempo.js" "$wasm/web/tempo.wasm" dist/
echo "tempo.wasm: $(stat -c %s dist/tempo.wasm) bytes, $(gzip -9 -c dist/tempo.wasm | wc -c) gzipped"

# The engine itself, native and wasm: perft and fixed-depth searches agree.
untimed() { sed -E 's/ time [0-9.]+.*//'; }
diff <("$native/tempo_web_speed" ../../data/bench.fen 6 6 | untimed) \
     <(node "$wasm/tempo_web_speed.js" ../../data/bench.fen 6 6 | untimed)

TEMPO_NATIVE_BUILD="$native" node --test test/layout.test.mjs test/abi.test.mjs test/table.test.mjs \
  test/egdb.test.mjs test/worker.test.mjs test/chromium.test.mjs
