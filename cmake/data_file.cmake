# What cmake/gen_book.cmake and cmake/gen_eval_weights.cmake share: each
# turns a text data file (-DIN) into a generated header (-DOUT), refusing,
# with a message naming the file and the reason and a non-zero exit, a file
# whose checksum does not match its contents or that cannot be split into
# lines. The file's last line says "checksum <16 hex digits>": FNV-1a 64 of
# every byte above it (`tempo fit` and `tempo book build` write it so).
#
# The including script sets KIND first (book, weights: names the file and
# the header in messages). Including checks the usage and that IN exists.

# fail(<why>): the reason, naming IN, and a non-zero exit.
macro(fail why)
  message(NOTICE "error: ${IN}: ${why}")
  message(FATAL_ERROR "the ${KIND} header was not written")
endmacro()

if(NOT DEFINED IN OR NOT DEFINED OUT)
  get_filename_component(_script "${CMAKE_SCRIPT_MODE_FILE}" NAME)
  message(FATAL_ERROR "usage: cmake -DIN=${KIND}.txt -DOUT=header.h -P ${_script}")
endif()
if(NOT EXISTS "${IN}" OR IS_DIRECTORY "${IN}")
  fail("cannot read: no such file")
endif()

# math(EXPR) computes in signed 64 bits and its multiplication wraps modulo
# 2^64, which is FNV's arithmetic; the known answer below stops the build
# with the reason if a CMake ever computes otherwise, rather than calling
# every data file damaged.
set(FNV_PRIME 1099511628211)
set(FNV_BASIS -3750763034362895579)  # 0xcbf29ce484222325 as a signed 64-bit number
math(EXPR _check "(${FNV_BASIS} ^ 0x61) * ${FNV_PRIME}")  # FNV-1a 64 of "a"
math(EXPR _check_hi "(${_check} >> 32) & 0xFFFFFFFF" OUTPUT_FORMAT HEXADECIMAL)
math(EXPR _check_lo "${_check} & 0xFFFFFFFF" OUTPUT_FORMAT HEXADECIMAL)
if(NOT "${_check_hi}${_check_lo}" STREQUAL "0xaf63dc4c0x8601ec8c")
  message(FATAL_ERROR "this CMake's math(EXPR) does not wrap 64-bit products (FNV-1a of \"a\" came out "
                      "${_check_hi} ${_check_lo}); the ${KIND} file's checksum cannot be checked with it")
endif()

# data_file_read(CHECKSUM <var> LINES <var> REMEDY <text> [DROP_COMMENTS])
#   Checks IN's checksum line against its contents and sets CHECKSUM to the
#   stated checksum (16 lower-case hex digits) and LINES to the lines above
#   it, a CMake list. REMEDY ends the mismatch message ("restore it from git
#   or <remedy>"). DROP_COMMENTS empties the lines starting with "#" first,
#   so they may hold any character (a list cannot hold "[", "]", ";" or "\").
function(data_file_read)
  cmake_parse_arguments(PARSE_ARGV 0 arg "DROP_COMMENTS" "CHECKSUM;LINES;REMEDY" "")
  file(READ "${IN}" hex HEX)
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
    fail("no checksum line: the ${KIND} file is cut short or not a ${KIND} file")
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
    fail("checksum mismatch (file says ${stated}, contents give ${actual}): the ${KIND} file is damaged; restore it from git or ${arg_REMEDY}")
  endif()

  file(READ "${IN}" text LIMIT ${at_byte})
  if(arg_DROP_COMMENTS)
    string(REGEX REPLACE "(^|\n)#[^\n]*" "\\1" text "${text}")
  endif()
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
  set(${arg_CHECKSUM} "${stated}" PARENT_SCOPE)
  set(${arg_LINES} "${lines}" PARENT_SCOPE)
endfunction()

# data_file_write(<var>): writes the header held in <var> to OUT, only when
# it changed, so an unchanged data file recompiles nothing.
function(data_file_write var)
  file(WRITE "${OUT}.tmp" "${${var}}")
  file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
  file(REMOVE "${OUT}.tmp")
endfunction()
