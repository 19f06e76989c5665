# Turns data/book.txt into the compiled-in opening book (search/book.h):
#
#   cmake -DIN=<book.txt> -DOUT=<header.h> -P cmake/gen_book.cmake
#
# Run by the build (CMakeLists.txt), like cmake/gen_eval_weights.cmake: a
# CMake script, so the build needs no Python. Refuses, with a message naming
# the file and the reason and a non-zero exit, a file whose checksum does not
# match its contents (damaged or edited by hand), whose format version is not
# this generator's, or whose lines do not parse. `tempo book build`
# (train/book.h) writes the file:
#
#   tempo-book 1
#   depth <plies searched>
#   margin <points: moves kept within this of the best>
#   entry <key: 16 hex digits> <from bit> <to bit> <captured: 16 hex digits> <score>
#   ...                            (sorted by key, then by score, best first)
#   checksum <16 hex digits>       FNV-1a 64 of every byte above this line
#
# The order is checked when search/book.cc compiles (a static_assert).
cmake_minimum_required(VERSION 3.25)

set(FORMAT 1)

macro(fail why)
  message(NOTICE "error: ${IN}: ${why}")
  message(FATAL_ERROR "the book header was not written")
endmacro()

if(NOT DEFINED IN OR NOT DEFINED OUT)
  message(FATAL_ERROR "usage: cmake -DIN=book.txt -DOUT=header.h -P gen_book.cmake")
endif()
if(NOT EXISTS "${IN}" OR IS_DIRECTORY "${IN}")
  fail("cannot read: no such file")
endif()

# ---------------------------------------------------------------- checksum
# (As cmake/gen_eval_weights.cmake.) FNV-1a 64 over every byte before the last line, which says
# "checksum <16 hex digits>". math(EXPR) computes in signed 64 bits and its
# multiplication wraps modulo 2^64, which is FNV's arithmetic; the known
# answer below stops the build with the reason if a CMake ever computes
# otherwise, rather than calling every weights file damaged.
set(FNV_PRIME 1099511628211)
set(FNV_BASIS -3750763034362895579)  # 0xcbf29ce484222325 as a signed 64-bit number
math(EXPR _check "(${FNV_BASIS} ^ 0x61) * ${FNV_PRIME}")  # FNV-1a 64 of "a"
math(EXPR _check_hi "(${_check} >> 32) & 0xFFFFFFFF" OUTPUT_FORMAT HEXADECIMAL)
math(EXPR _check_lo "${_check} & 0xFFFFFFFF" OUTPUT_FORMAT HEXADECIMAL)
if(NOT "${_check_hi}${_check_lo}" STREQUAL "0xaf63dc4c0x8601ec8c")
  message(FATAL_ERROR "this CMake's math(EXPR) does not wrap 64-bit products (FNV-1a of \"a\" came out "
                      "${_check_hi} ${_check_lo}); the book's checksum cannot be checked with it")
endif()

file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hex_len)
# The last "checksum " (hex 636865636b73756d20) at a byte boundary.
set(search "${hex}")
while(TRUE)
  string(FIND "${search}" "636865636b73756d20" at REVERSE)
  math(EXPR odd "${at} % 2")
  if(at LESS 0 OR odd EQUAL 0)
    break()
  endif()
  string(SUBSTRING "${search}" 0 ${at} search)
endwhile()
unset(search)
if(at GREATER 0)
  math(EXPR before "${at} - 2")
  string(SUBSTRING "${hex}" ${before} 2 before)
endif()
if(at LESS 0 OR (at GREATER 0 AND NOT before STREQUAL "0a"))
  fail("no checksum line: the book file is cut short or not a book file")
endif()
math(EXPR at_byte "${at} / 2")
math(EXPR stated_at "${at_byte} + 9")
file(READ "${IN}" stated OFFSET ${stated_at})
string(STRIP "${stated}" stated)
if(NOT stated MATCHES "^[0-9a-fA-F]+$")
  fail("the checksum line is not 16 hex digits")
endif()
string(TOLOWER "${stated}" stated)
string(REGEX REPLACE "^0+(.)" "\\1" stated "${stated}")
string(LENGTH "${stated}" stated_len)
if(stated_len GREATER 16)
  fail("the checksum line is not 16 hex digits")
endif()
math(EXPR pad "16 - ${stated_len}")
string(REPEAT "0" ${pad} zeros)
set(stated "${zeros}${stated}")

# 64 bytes per math(EXPR): "((...(h ^ 0xb0) * P ^ 0xb1) * P ...". One call
# per byte would take seconds for a 100 KB file.
string(SUBSTRING "${hex}" 0 ${at} hex)
set(h ${FNV_BASIS})
string(REPEAT "." 128 dots)
string(REPEAT "(" 64 open)
string(REGEX MATCHALL "${dots}" pieces "${hex}")
list(LENGTH pieces npieces)
math(EXPR done "${npieces} * 128")
string(SUBSTRING "${hex}" ${done} -1 rest)
unset(hex)
foreach(piece IN LISTS pieces)
  string(REGEX REPLACE "(..)" " ^ 0x\\1) * ${FNV_PRIME}" steps "${piece}")
  math(EXPR h "${open}${h}${steps}")
endforeach()
unset(pieces)
string(REGEX MATCHALL ".." bytes "${rest}")
foreach(b IN LISTS bytes)
  math(EXPR h "(${h} ^ 0x${b}) * ${FNV_PRIME}")
endforeach()
set(actual "")
foreach(shift 32 0)
  math(EXPR half "(${h} >> ${shift}) & 0xFFFFFFFF" OUTPUT_FORMAT HEXADECIMAL)
  string(SUBSTRING "${half}" 2 -1 half)
  string(LENGTH "${half}" half_len)
  math(EXPR pad "8 - ${half_len}")
  string(REPEAT "0" ${pad} zeros)
  string(APPEND actual "${zeros}${half}")
endforeach()
if(NOT actual STREQUAL stated)
  fail("checksum mismatch (file says ${stated}, contents give ${actual}): the book file is damaged; restore it from git or rebuild it with `tempo book build`")
endif()

# ---------------------------------------------------------------- lines
file(READ "${IN}" text LIMIT ${at_byte})
# Comment lines may say anything: dropped before the line split.
string(REGEX REPLACE "(^|\n)#[^\n]*" "\\1" text "${text}")
string(REGEX MATCH "[][;\\\\]" bad "${text}")
if(bad)
  fail("cannot parse (character '${bad}')")
endif()
string(REPLACE "\n" ";" lines "${text}")
unset(text)

unset(version)
unset(depth)
unset(margin)
set(entries "")
set(n 0)
foreach(raw IN LISTS lines)
  math(EXPR n "${n} + 1")
  if(raw MATCHES "^entry ([0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]) ([0-9]|[1-5][0-9]|6[0-3]) ([0-9]|[1-5][0-9]|6[0-3]) ([0-9a-f]+) (-?[0-9]+)$")
    if(NOT DEFINED version)
      fail("line ${n}: an entry before the tempo-book line")
    endif()
    string(LENGTH "${CMAKE_MATCH_4}" clen)
    string(LENGTH "${CMAKE_MATCH_5}" slen)
    if(clen GREATER 16 OR slen GREATER 6)
      fail("line ${n}: entry out of range")
    endif()
    if(CMAKE_MATCH_5 LESS -32768 OR CMAKE_MATCH_5 GREATER 32767)
      fail("line ${n}: score ${CMAKE_MATCH_5} does not fit 16 bits")
    endif()
    list(APPEND entries "{0x${CMAKE_MATCH_1}ULL, 0x${CMAKE_MATCH_4}ULL, ${CMAKE_MATCH_2}, ${CMAKE_MATCH_3}, ${CMAKE_MATCH_5}}")
  elseif(raw STREQUAL "" OR raw MATCHES "^#")
    continue()
  elseif(raw MATCHES "^tempo-book ([0-9]+)$")
    set(version ${CMAKE_MATCH_1})
    if(NOT version STREQUAL FORMAT)
      fail("line ${n}: book format ${version}, this build reads format ${FORMAT}")
    endif()
  elseif(raw MATCHES "^depth ([0-9]+)$")
    set(depth ${CMAKE_MATCH_1})
  elseif(raw MATCHES "^margin ([0-9]+)$")
    set(margin ${CMAKE_MATCH_1})
  else()
    fail("line ${n}: cannot parse '${raw}'")
  endif()
endforeach()
unset(lines)
if(NOT DEFINED version OR NOT DEFINED depth OR NOT DEFINED margin)
  fail("missing the format, depth or margin line")
endif()
list(LENGTH entries count)
list(JOIN entries ",\n    " entries)

set(out "// Generated by cmake/gen_book.cmake from data/book.txt. Do not edit.
#pragma once
#include <array>
#include <cstdint>
namespace tempo::book::data {
struct Entry {
  std::uint64_t key;       // zobrist::key() of the position
  std::uint64_t captured;  // the move: Move{captured, from, to}
  std::uint8_t from, to;
  std::int16_t score;      // side to move's view, 100 = a man
};
inline constexpr std::uint64_t kChecksum = 0x${stated}ULL;
inline constexpr int kDepth = ${depth};
inline constexpr int kMargin = ${margin};
inline constexpr std::array<Entry, ${count}> kEntries = {{
    ${entries}}};
}  // namespace tempo::book::data
")

# Written only when it changed, so an unchanged book recompiles nothing.
file(WRITE "${OUT}.tmp" "${out}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
