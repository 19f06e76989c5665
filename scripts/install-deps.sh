#!/usr/bin/env bash
# Installs the Debian 12 packages Tempo builds and tests with (as root, or
# through sudo). Does nothing when they are all there already.
set -euo pipefail
packages=(
  build-essential cmake g++ git
  libabsl-dev libgtest-dev libgmock-dev googletest libbenchmark-dev
  pybind11-dev python3-dev python3-pytest python3-numpy python3-matplotlib python3-clang-14 libclang-14-dev
  clang-14 libclang-rt-14-dev binutils
)
if [ "${TEMPO_CROSS:-0}" = 1 ]; then
  packages+=(g++-aarch64-linux-gnu qemu-user libc6-dev-arm64-cross)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
