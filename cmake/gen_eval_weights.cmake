# Turns data/eval_weights.txt into the compiled-in weight tables:
#
#   cmake -DIN=<weights.txt> -DOUT=<header.h> -P cmake/gen_eval_weights.cmake
#
# Run by the build (CMakeLists.txt): a CMake script, so building the engine
# needs nothing but a compiler and CMake (an app developer's Android, Apple
# or Windows machine has no Python to count on). Refuses, with a message
# naming the file and the reason and a non-zero exit, a file whose checksum
# does not match its contents (damaged or edited by hand), whose format
# version is not this generator's, or whose lines do not parse. The format is
# described in train/weights_file.h; `tempo fit` writes it.
cmake_minimum_required(VERSION 3.25)

set(FORMAT 1)
# Region pairs and entries per table of each layout (search/eval_features.h).
set(TABLES_0 8)
set(TABLES_1 13)
set(TABLES_2 4)
set(TABLES_3 8)
set(PATTERN_SIZE_0 6561)
set(PATTERN_SIZE_1 6561)
set(PATTERN_SIZE_2 531441)
set(PATTERN_SIZE_3 59049)

macro(fail why)
  message(NOTICE "error: ${IN}: ${why}")
  message(FATAL_ERROR "the weights header was not written")
endmacro()

if(NOT DEFINED IN OR NOT DEFINED OUT)
  message(FATAL_ERROR "usage: cmake -DIN=weights.txt -DOUT=header.h -P gen_eval_weights.cmake")
endif()
if(NOT EXISTS "${IN}" OR IS_DIRECTORY "${IN}")
  fail("cannot read: no such file")
endif()

# ---------------------------------------------------------------- checksum
# FNV-1a 64 over every byte before the last line, which says
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
                      "${_check_hi} ${_check_lo}); the weights checksum cannot be checked with it")
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
  fail("no checksum line: the weights file is cut short or not a weights file")
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
# per byte would take seconds for a 200 KB file.
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
  fail("checksum mismatch (file says ${stated}, contents give ${actual}): the weights file is damaged; restore it from git or refit it with `tempo fit`")
endif()

# ---------------------------------------------------------------- lines
file(READ "${IN}" text LIMIT ${at_byte})
# CMake lists cannot hold these; a weights file never does.
string(REGEX MATCH "[][;\\\\]" bad "${text}")
if(bad)
  string(FIND "${text}" "${bad}" bad_at)
  string(SUBSTRING "${text}" 0 ${bad_at} head)
  string(REGEX MATCHALL "\n" newlines "${head}")
  list(LENGTH newlines n)
  math(EXPR n "${n} + 1")
  fail("line ${n}: cannot parse (character '${bad}')")
endif()
string(REPLACE "\n" ";" lines "${text}")
unset(text)

set(ws "[ \t\r]")
set(int "[+-]?[0-9]+")
set(canonical "-?(0|[1-9][0-9]*)")
# _tempo_int(<var>): the integer as Python's int() and C++ print it (no "+", no leading zeros).
macro(_tempo_int var)
  string(REGEX REPLACE "^\\+" "" ${var} "${${var}}")
  string(REGEX REPLACE "^(-?)0+([0-9])" "\\1\\2" ${var} "${${var}}")
  if(${var} STREQUAL "-0")
    set(${var} 0)
  endif()
endmacro()

unset(version)
unset(layout)
unset(unit)
set(terms "")
set(term_names "")
set(too_wide "")
set(n 0)
foreach(raw IN LISTS lines)
  math(EXPR n "${n} + 1")
  # The common line first, its numbers as the fitter writes them.
  if(raw MATCHES "^${ws}*pattern${ws}+(${canonical})${ws}+(${canonical})${ws}+(${canonical})${ws}+(${canonical})${ws}*$")
    set(t ${CMAKE_MATCH_1})
    set(i ${CMAKE_MATCH_3})
    set(a ${CMAKE_MATCH_5})
    set(b ${CMAKE_MATCH_7})
  elseif(raw MATCHES "^${ws}*pattern${ws}+(${int})${ws}+(${int})${ws}+(${int})${ws}+(${int})${ws}*$")
    set(t ${CMAKE_MATCH_1})
    set(i ${CMAKE_MATCH_2})
    set(a ${CMAKE_MATCH_3})
    set(b ${CMAKE_MATCH_4})
    foreach(v t i a b)
      _tempo_int(${v})
    endforeach()
  else()
    string(REGEX MATCHALL "[^ \t\r]+" f "${raw}")
    if(f STREQUAL "" OR raw MATCHES "^#")
      continue()
    endif()
    list(GET f 0 key)
    if(key STREQUAL "tempo-eval-weights" AND raw MATCHES "^${ws}*tempo-eval-weights${ws}+(${int})${ws}*$")
      set(version ${CMAKE_MATCH_1})
      _tempo_int(version)
      if(NOT version STREQUAL FORMAT)
        fail("line ${n}: weights format ${version}, this build reads format ${FORMAT}")
      endif()
    elseif(key STREQUAL "layout" AND raw MATCHES "^${ws}*layout${ws}+(${int})${ws}*$")
      set(layout ${CMAKE_MATCH_1})
      _tempo_int(layout)
      if(NOT DEFINED TABLES_${layout})
        fail("line ${n}: unknown region layout ${layout}")
      endif()
    elseif(key STREQUAL "unit" AND raw MATCHES "^${ws}*unit${ws}+(${int})${ws}*$")
      set(unit ${CMAKE_MATCH_1})
      _tempo_int(unit)
    elseif(key STREQUAL "term" AND raw MATCHES "^${ws}*term${ws}+([^ \t\r\"]+)${ws}+(${int})${ws}+(${int})${ws}*$")
      set(a ${CMAKE_MATCH_2})
      set(b ${CMAKE_MATCH_3})
      list(APPEND term_names "\"${CMAKE_MATCH_1}\"")
      _tempo_int(a)
      _tempo_int(b)
      list(APPEND terms "{${a}, ${b}}")
      foreach(v ${a} ${b})
        if(too_wide STREQUAL "" AND (v LESS -32768 OR v GREATER 32767))
          set(too_wide ${v})
        endif()
      endforeach()
    elseif(key MATCHES "^(tempo-eval-weights|layout|unit|term|pattern)$")
      fail("line ${n}: cannot parse '${raw}'")
    else()
      fail("line ${n}: unknown line '${raw}'")
    endif()
    continue()
  endif()
  # A pattern entry: table t, index i, weights a (middle game) and b (endgame).
  if(NOT DEFINED layout OR t LESS 0 OR NOT t LESS TABLES_${layout} OR i LESS 0 OR NOT i LESS PATTERN_SIZE_${layout})
    fail("line ${n}: pattern entry out of range")
  endif()
  if(too_wide STREQUAL "")
    foreach(v ${a} ${b})
      if(v LESS -32768 OR v GREATER 32767)
        set(too_wide ${v})
      endif()
    endforeach()
  endif()
  set(_p_${t}_${i} "{${a},${b}}")
endforeach()
unset(lines)
if(NOT DEFINED version OR NOT DEFINED layout OR NOT DEFINED unit)
  fail("missing the format, layout or unit line")
endif()
if(NOT too_wide STREQUAL "")
  fail("weight ${too_wide} does not fit 16 bits")
endif()

# ---------------------------------------------------------------- header
set(tables ${TABLES_${layout}})
set(PATTERN_SIZE ${PATTERN_SIZE_${layout}})
list(LENGTH terms nterms)
list(JOIN term_names ", " term_names)
list(JOIN terms ", " terms)
set(out "// Generated by cmake/gen_eval_weights.cmake from data/eval_weights.txt. Do not edit.
#pragma once
#include <cstdint>
namespace tempo::eval::weights {
inline constexpr int kLayout = ${layout};
inline constexpr int kNumTables = ${tables};
inline constexpr int kPatternSize = ${PATTERN_SIZE};
inline constexpr int kNumTermsInFile = ${nterms};
inline constexpr int kWeightUnit = ${unit};
inline constexpr std::uint64_t kChecksum = 0x${stated}ULL;
inline constexpr const char* kTermNamesInFile[] = {${term_names}};
inline constexpr std::int16_t kTerms[][2] = {${terms}};
inline constexpr std::int16_t kPatterns[${tables}][${PATTERN_SIZE}][2] = {
")
math(EXPR last_table "${tables} - 1")
math(EXPR last_index "${PATTERN_SIZE} - 1")
foreach(t RANGE ${last_table})
  # Built in pieces of 81 entries: appending to one long string is quadratic.
  set(row "")
  set(piece "")
  foreach(i RANGE ${last_index})
    if(DEFINED _p_${t}_${i})
      string(APPEND piece "${_p_${t}_${i}},")
    else()
      string(APPEND piece "{0,0},")
    endif()
    math(EXPR k "${i} % 81")
    if(k EQUAL 80)
      string(APPEND row "${piece}")
      set(piece "")
    endif()
  endforeach()
  string(APPEND row "${piece}")
  string(REGEX REPLACE ",$" "" row "${row}")
  string(APPEND out "  {${row}},\n")
endforeach()
string(APPEND out "};\n}  // namespace tempo::eval::weights\n")

# Written only when it changed, so an unchanged weights file recompiles nothing.
file(WRITE "${OUT}.tmp" "${out}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
