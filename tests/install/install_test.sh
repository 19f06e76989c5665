#!/usr/bin/env bash
# Installs the build into a temporary prefix, then builds and runs a C++
# consumer (find_package(Tempo)) and a C consumer (pkg-config tempo) against
# it. Usage: install_test.sh <build dir> <tests/install dir> <C compiler> <C++ compiler>
set -euo pipefail
build=$1 here=$2 cc=$3 cxx=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(dirname "$(find "$prefix" -name 'libtempo.so.1' | head -1)")
[ -n "$libdir" ] || { echo "no libtempo.so.1 installed"; exit 1; }
soname=$(readelf -d "$libdir/libtempo.so.1" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = libtempo.so.1 ] || { echo "SONAME is '$soname', wanted libtempo.so.1"; exit 1; }
[ -f "$prefix/include/tempo.h" ] && [ -f "$prefix/include/tempo/search/search.h" ] || { echo "headers missing"; exit 1; }

echo "== C++ consumer, find_package(Tempo)"
cmake -S "$here/cpp" -B "$work/cpp" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_CXX_COMPILER="$cxx" \
      -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/cpp" >/dev/null
"$work/cpp/cpp_consumer" | tee "$work/cpp.out"
grep -q '^bestmove ' "$work/cpp.out"

echo "== C consumer, pkg-config tempo"
export PKG_CONFIG_PATH=$libdir/pkgconfig
"$cc" -std=c99 -Wall -Werror "$here/c/main.c" $(pkg-config --cflags --libs tempo) -o "$work/c_consumer"
LD_LIBRARY_PATH=$libdir "$work/c_consumer" | tee "$work/c.out"
grep -q '^abi [0-9]* bestmove ' "$work/c.out"
