#!/bin/bash
# cmake/gen_book.cmake: data/book.txt becomes a header; a damaged copy (one
# byte changed, the checksum line kept), a cut one and one of another format
# are refused with the reason and no header. Usage: gen_book_test.sh CMAKE SOURCE_DIR
set -euo pipefail
cmake=$1 src=$2
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
gen() { "$cmake" -DIN="$1" -DOUT="$2" -P "$src/cmake/gen_book.cmake"; }
gen "$src/data/book.txt" "$d/ok.h" >/dev/null
grep -q 'kEntries' "$d/ok.h"
refused() {  # file, expected reason
  if gen "$1" "$d/bad.h" 2>"$d/err"; then echo "accepted $1" >&2; exit 1; fi
  grep -q "$2" "$d/err" || { cat "$d/err" >&2; exit 1; }
  test ! -e "$d/bad.h"
}
sed 's/^margin \([0-9]*\)$/margin 1\1/' "$src/data/book.txt" >"$d/edited.txt"
refused "$d/edited.txt" 'checksum mismatch'
sed '$d' "$src/data/book.txt" >"$d/cut.txt"
refused "$d/cut.txt" 'no checksum line'
printf 'tempo-book 2\ndepth 1\nmargin 0\n' | python3 -c '
import sys
b = sys.stdin.buffer.read(); h = 0xcbf29ce484222325
for c in b: h = ((h ^ c) * 0x100000001b3) & 0xffffffffffffffff
sys.stdout.buffer.write(b + b"checksum %016x\n" % h)' >"$d/v2.txt"
refused "$d/v2.txt" 'book format 2'
echo ok
