#!/usr/bin/env bash
# Installs the Debian 12 packages Tempo builds and tests with (as root, or
# through sudo). Does nothing when they are all there already.
set -euo pipefail
packages=(
  build-essential cmake g++ git
  libabsl-dev libgtest-dev libgmock-dev googletest libbenchmark-dev
  pybind11-dev python3-dev python3-pytest python3-numpy python3-matplotlib python3-clang-14 libclang-14-dev
  python3-venv python3-setuptools python3-wheel python3-build python3-tqdm python3-distributed python3-hypothesis
  clang-14 libclang-rt-14-dev clang-format binutils python3-yaml
  g++-mingw-w64-x86-64-posix wine wine64 ruby
)
# The web stage (ffi/web/ci.sh): Emscripten, Node and headless Chromium.
packages+=(emscripten nodejs chromium)
# TEMPO_CROSS=1: cross toolchains, qemu-user and the target's libraries from
# Debian multiarch, for scripts/cross-test.sh (64-bit and 32-bit ARM).
foreign=()
if [ "${TEMPO_CROSS:-0}" = 1 ]; then
  packages+=(g++-aarch64-linux-gnu g++-arm-linux-gnueabihf qemu-user libc6-dev-arm64-cross libc6-dev-armhf-cross)
  # The target's libraries only for the full cross builds asked for
  # (TEMPO_CROSS_ARCHES, scripts/cross-test.sh); the plugin's library needs
  # none (it builds its Abseil from source).
  for arch in arm64 armhf; do
    case $arch in arm64) triple=aarch64-linux-gnu ;; armhf) triple=arm-linux-gnueabihf ;; esac
    [[ " ${TEMPO_CROSS_ARCHES:-} " == *" $triple "* ]] || continue
    foreign+=("$arch")
    packages+=("libabsl-dev:$arch" "libgtest-dev:$arch" "libgmock-dev:$arch")
  done
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
# npm (Debian's, unless a nodejs package already brings one) for the Dart
# syntax check's ast-grep below.
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  for arch in "${foreign[@]}"; do
    dpkg --print-foreign-architectures | grep -qx "$arch" || $SUDO dpkg --add-architecture "$arch"
  done
  # A mirror in mid-sync can fail one index (seen for armhf security); the
  # install below still fails loudly if a package really cannot be had.
  $SUDO apt-get update -q || echo "install-deps: apt-get update reported errors; installing anyway"
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# ast-grep, whose tree-sitter Dart grammar parses the Dart package in CI
# (tests/ffi/dart_syntax_test.py): the version pinned in package-lock.json.
dart_syntax="$(dirname "$0")/../tests/ffi/dart_syntax"
if [ ! -x "$dart_syntax/node_modules/.bin/ast-grep" ]; then
  echo "installing ast-grep (npm) into tests/ffi/dart_syntax"
  npm ci --prefix "$dart_syntax" --no-audit --no-fund --loglevel=error
fi

# Abseil 20220623.1's source, for the builds that must not use an installed
# Abseil (scripts/plugin-test.sh: the Flutter plugin's library on Linux and
# Windows; ffi/web/ci.sh: tempo.wasm): Debian's source package, whose upstream tarball holds the same
# files as GitHub's 20220623.1 tag (ffi/README.md says how that was checked),
# unpacked into a cache directory outside the repository. `apt-get source`
# needs a deb-src line: one is added beside the deb lines if none exists.
absl_dir=${TEMPO_ABSL_SOURCE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tempo/abseil-20220623.1}
if [ ! -f "$absl_dir/absl/base/config.h" ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  if ! grep -rqsE '^(deb-src |Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "adding deb-src lines for apt-get source"
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
      sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources |
        $SUDO tee /etc/apt/sources.list.d/tempo-deb-src.sources >/dev/null
    else
      grep -hE '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' |
        $SUDO tee /etc/apt/sources.list.d/tempo-deb-src.list >/dev/null
    fi
    $SUDO apt-get update -q || echo "install-deps: apt-get update reported errors; trying anyway"
  fi
  download=$(mktemp -d)
  (cd "$download" && apt-get source --download-only -q abseil >/dev/null)
  orig="$download/abseil_20220623.1.orig.tar.gz"
  # The upstream tarball of Debian 12's abseil (the same in every Debian revision).
  echo "abfe2897f3a30edaa74bc34365afe3c2a3cd012091a97dc7e008f7016adcd5fe  $orig" | sha256sum -c --quiet
  mkdir -p "$absl_dir"
  tar -xzf "$orig" -C "$absl_dir" --strip-components=1
  rm -rf "$download"
  echo "Abseil 20220623.1 source in $absl_dir"
fi

# The web package's TypeScript compiler and playwright-core (ffi/web/ci.sh):
# the versions pinned in its package-lock.json.
web="$(dirname "$0")/../ffi/web"
if [ ! -x "$web/node_modules/.bin/tsc" ]; then
  echo "installing ffi/web's npm packages"
  npm ci --prefix "$web" --no-audit --no-fund --loglevel=error
fi
