#!/usr/bin/env bash
# Installs the Debian 12 packages Tempo builds and tests with (as root, or
# through sudo). Does nothing when they are all there already.
set -euo pipefail
packages=(
  build-essential cmake g++ git
  libabsl-dev libgtest-dev libgmock-dev googletest libbenchmark-dev
  pybind11-dev python3-dev python3-pytest python3-numpy python3-matplotlib python3-clang-14 libclang-14-dev
  python3-venv python3-setuptools python3-wheel python3-build python3-tqdm python3-distributed python3-hypothesis
  clang-14 libclang-rt-14-dev binutils
)
# The web stage (ffi/web/ci.sh): Emscripten, Node and headless Chromium.
packages+=(emscripten nodejs chromium)
# TEMPO_CROSS=1: cross toolchains, qemu-user and the target's libraries from
# Debian multiarch, for scripts/cross-test.sh (64-bit and 32-bit ARM).
foreign=()
if [ "${TEMPO_CROSS:-0}" = 1 ]; then
  packages+=(g++-aarch64-linux-gnu g++-arm-linux-gnueabihf qemu-user libc6-dev-arm64-cross libc6-dev-armhf-cross)
  for arch in arm64 armhf; do
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

# The web stage builds Abseil for WebAssembly from Debian's source package
# (apt-get source, ffi/web/ci.sh): source indexes where the machine has none.
if ! grep -rqs "deb-src" /etc/apt/sources.list /etc/apt/sources.list.d/; then
  echo "adding Debian 12 source indexes (deb-src) for apt-get source abseil"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm bookworm-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' |
    $SUDO tee /etc/apt/sources.list.d/tempo-deb-src.sources >/dev/null
  $SUDO apt-get update -q || echo "install-deps: apt-get update reported errors"
fi

# The web package's TypeScript compiler and playwright-core (ffi/web/ci.sh):
# the versions pinned in its package-lock.json.
web="$(dirname "$0")/../ffi/web"
if [ ! -x "$web/node_modules/.bin/tsc" ]; then
  echo "installing ffi/web's npm packages"
  npm ci --prefix "$web" --no-audit --no-fund --loglevel=error
fi
