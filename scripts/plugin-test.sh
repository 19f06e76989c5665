#!/usr/bin/env bash
# The Flutter plugin's native library, built the way the plugin's build files
# build it and tested where this machine can run it, with no installed Abseil
# (Abseil 20220623.1 from an unpacked source tree, offline):
#
#   linux-x86_64   ffi/dart/linux/CMakeLists.txt under a stand-in Flutter runner
#                  (tests/flutter_plugin/runner.cmake); C ABI tests run natively
#   linux-aarch64  the same, cross-compiled (cmake/toolchain-aarch64-linux-gnu.cmake);
#                  C ABI tests under qemu-aarch64
#   linux-armhf    the same for 32-bit ARM (cmake/toolchain-arm-linux-gnueabihf.cmake);
#                  C ABI tests under qemu-arm
#   windows        ffi/dart/windows/CMakeLists.txt under the same runner, with
#                  MinGW-w64 (cmake/toolchain-x86_64-w64-mingw32.cmake): tempo.dll
#                  and the C ABI tests as .exe files, run under Wine
#
# Each checks that the runner bundles exactly the one library the Dart side
# opens (libtempo.so, tempo.dll), builds it, runs the C ABI tests and the
# exports test (only tempo_* exported) on it, and prints its time.
#
#   scripts/plugin-test.sh [target...]     (default: all four)
#   TEMPO_ABSL_SOURCE_DIR=<dir>            the unpacked Abseil (default: where
#                                          scripts/install-deps.sh puts it)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=$(nproc)
targets=${*:-"linux-x86_64 linux-aarch64 linux-armhf windows"}
absl=${TEMPO_ABSL_SOURCE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tempo/abseil-20220623.1}
if [ ! -f "$absl/absl/base/config.h" ]; then
  echo "no Abseil source in $absl: run scripts/install-deps.sh (or set TEMPO_ABSL_SOURCE_DIR)"
  exit 2
fi

run_target() {
  local target=$1 platform toolchain="" lib
  local t0; t0=$(date +%s)
  case $target in
    linux-x86_64) platform=linux lib=libtempo.so ;;
    linux-aarch64) platform=linux lib=libtempo.so toolchain=cmake/toolchain-aarch64-linux-gnu.cmake
      # The target's C library for qemu-user (Debian's libc6-arm64-cross).
      export QEMU_LD_PREFIX=/usr/aarch64-linux-gnu ;;
    linux-armhf) platform=linux lib=libtempo.so toolchain=cmake/toolchain-arm-linux-gnueabihf.cmake
      export QEMU_LD_PREFIX=/usr/arm-linux-gnueabihf ;;
    windows) platform=windows lib=tempo.dll toolchain=cmake/toolchain-x86_64-w64-mingw32.cmake ;;
    *) echo "unknown target $target"; exit 2 ;;
  esac
  echo "== plugin: $target"
  # The app's runner directory, as `flutter pub get` leaves it: the plugin
  # reached through .plugin_symlinks.
  local app="$root/build-plugin/$target"
  rm -rf "$app/runner"
  mkdir -p "$app/runner/flutter/ephemeral/.plugin_symlinks"
  cp tests/flutter_plugin/runner.cmake "$app/runner/CMakeLists.txt"
  ln -s "$root/ffi/dart" "$app/runner/flutter/ephemeral/.plugin_symlinks/tempo"
  # No installed Abseil may be used: find_package(absl) is disabled outright.
  cmake -S "$app/runner" -B "$app/build" -DCMAKE_BUILD_TYPE=Release -DTEMPO_RUNNER_PLATFORM=$platform \
    ${toolchain:+-DCMAKE_TOOLCHAIN_FILE="$root/$toolchain"} -DBUILD_TESTING=ON \
    -DCMAKE_DISABLE_FIND_PACKAGE_absl=ON -DFETCHCONTENT_SOURCE_DIR_ABSL="$absl" \
    -DFETCHCONTENT_FULLY_DISCONNECTED=ON -DCMAKE_INSTALL_PREFIX="$app/bundle" --no-warn-unused-cli >/dev/null
  cmake --build "$app/build" -j"$jobs"
  # The runner bundles one file, the library the Dart side opens.
  local bundled; bundled=$(cat "$app/build/bundled_libraries.txt")
  if [ "$(basename "$bundled")" != "$lib" ] || [[ $bundled == *";"* ]]; then
    echo "the plugin asks the runner to bundle '$bundled', expected one $lib"
    return 1
  fi
  # Nothing of an installed Abseil was used: no header (the compilers'
  # dependency files) and, for ELF, no shared Abseil library needed.
  if grep -rlq --include='*.d' '/usr/include/absl/' "$app/build"; then
    echo "an installed Abseil header was compiled in:"; grep -rl --include='*.d' '/usr/include/absl/' "$app/build" | head -3
    return 1
  fi
  if [ "$platform" = linux ] && readelf -d "$bundled" | grep -q 'NEEDED.*libabsl'; then
    echo "$lib needs an installed Abseil:"; readelf -d "$bundled" | grep NEEDED
    return 1
  fi
  rm -rf "$app/bundle"
  cmake --install "$app/build" >/dev/null
  local installed="$app/bundle/lib/$lib"
  [ "$platform" = windows ] && installed="$app/bundle/$lib"
  cmp "$bundled" "$installed"
  echo "  bundled: ${installed#"$root/"}"
  # The C ABI tests (and ffi.exports) against the plugin's library.
  (cd "$app/build" && ctest --output-on-failure --no-tests=error -j"$jobs")
  echo "== plugin $target took $(( $(date +%s) - t0 )) s"
}

for target in $targets; do
  if [ "$target" = windows ]; then
    # A Wine prefix of our own, removed afterwards; its first start creates it
    # (timed on its own: it is most of Wine's cost).
    WINEPREFIX=$(mktemp -d "${TMPDIR:-/tmp}/tempo-wine.XXXXXX")
    export WINEPREFIX WINEDEBUG=-all
    trap 'wineserver -k 2>/dev/null || true; rm -rf "$WINEPREFIX"' EXIT
    t0=$(date +%s)
    wine cmd /c exit >/dev/null 2>&1 || true
    echo "== Wine prefix created in $(( $(date +%s) - t0 )) s"
  fi
  run_target "$target"
done
echo "== plugin builds passed: $targets"
