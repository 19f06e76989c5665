# Tempo on the web (ffi/web/): included by ffi/ffi.cmake.
#
# In an Emscripten build (`emcmake cmake -S . -B build-wasm -DTEMPO_LIBRARY_ONLY=ON`)
# the C ABI becomes tempo.wasm and its ES module loader tempo.js (MODULARIZE +
# EXPORT_ES6), from tempo_ffi's own source list, in <build>/web/. Single-
# threaded (no pthreads: it runs on every browser without cross-origin
# isolation), no filesystem, memory that grows. It exports the C ABI's
# functions (the ones tempo.h declares that tempo.map exports, as libtempo.so)
# and malloc/free, through which JavaScript passes every buffer.
#
# In every build: tempo_web_speed (ffi/web/bench/speed.cc), the perft and
# search timings compared between the native build and the wasm one; in
# native builds tempo_web_native_table, the native end of the table
# interchange test.

option(TEMPO_WASM_SIMD "Compile the wasm with 128-bit SIMD (-msimd128)" OFF)
set(TEMPO_WASM_OPT "-O3" CACHE STRING "Optimisation flag of the wasm build (-O2, -O3, -Os)")

# tempo_web_speed: the same program natively and in wasm.
add_executable(tempo_web_speed ${PROJECT_SOURCE_DIR}/ffi/web/bench/speed.cc)
target_link_libraries(tempo_web_speed PRIVATE $<BUILD_INTERFACE:tempo::flags> tempo::search tempo::tt tempo::rules)
target_include_directories(tempo_web_speed PRIVATE ${PROJECT_SOURCE_DIR}/ffi/include)
target_compile_definitions(tempo_web_speed PRIVATE TEMPO_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

if(NOT EMSCRIPTEN)
  # The native side of the table interchange test: libtempo.so's C ABI.
  add_executable(tempo_web_native_table ${PROJECT_SOURCE_DIR}/ffi/web/test/native_table.c)
  set_target_properties(tempo_web_native_table PROPERTIES C_STANDARD 99 C_STANDARD_REQUIRED ON)
  target_compile_options(tempo_web_native_table PRIVATE -Wall -Wextra -Werror)
  target_link_libraries(tempo_web_native_table PRIVATE tempo_ffi)
  return()
endif()

# The wasm build's flags, for every project target (they all link tempo::flags):
# C++ exceptions as wasm exceptions (the C ABI catches every exception at
# its boundary; Emscripten's default would abort instead).
target_compile_options(tempo_flags INTERFACE -fwasm-exceptions ${TEMPO_WASM_OPT})
target_link_options(tempo_flags INTERFACE -fwasm-exceptions ${TEMPO_WASM_OPT})
if(TEMPO_WASM_SIMD)
  target_compile_options(tempo_flags INTERFACE -msimd128)
  target_link_options(tempo_flags INTERFACE -msimd128)
endif()

# The export list: tempo.h's TEMPO_API functions that tempo.map's `global:`
# patterns match, the same rule libtempo.so's linker applies.
file(STRINGS ${PROJECT_SOURCE_DIR}/ffi/include/tempo.h _tempo_api_lines REGEX "^TEMPO_API ")
file(READ ${PROJECT_SOURCE_DIR}/ffi/tempo.map _tempo_map)
string(REGEX MATCH "global:([^}]*)local:" _tempo_global "${_tempo_map}")
string(REGEX MATCHALL "[A-Za-z0-9_*]+;" _tempo_patterns "${CMAKE_MATCH_1}")
set(_tempo_exports "")
foreach(_line ${_tempo_api_lines})
  string(REGEX MATCH "([A-Za-z0-9_]+)\\(" _m "${_line}")
  set(_name "${CMAKE_MATCH_1}")
  foreach(_pattern ${_tempo_patterns})
    string(REPLACE ";" "" _pattern "${_pattern}")
    string(REPLACE "*" ".*" _regex "^${_pattern}$")
    if(_name MATCHES "${_regex}")
      list(APPEND _tempo_exports "_${_name}")
      break()
    endif()
  endforeach()
endforeach()
list(LENGTH _tempo_exports _tempo_export_count)
if(_tempo_export_count LESS 20)
  message(FATAL_ERROR "ffi/web/web.cmake: only ${_tempo_export_count} exports read from tempo.h and tempo.map")
endif()
list(APPEND _tempo_exports _malloc _free)
string(REPLACE ";" "," _tempo_exports_csv "${_tempo_exports}")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/ffi/tempo.map)

get_target_property(_tempo_ffi_sources tempo_ffi SOURCES)
add_executable(tempo_wasm ${_tempo_ffi_sources})
target_include_directories(tempo_wasm PRIVATE ${PROJECT_SOURCE_DIR}/ffi/include ${TEMPO_FFI_DIR})
target_link_libraries(tempo_wasm PRIVATE $<BUILD_INTERFACE:tempo::flags> tempo::search tempo::tt tempo::rules)
set_target_properties(tempo_wasm PROPERTIES OUTPUT_NAME tempo SUFFIX .js
  RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/web
  LINK_DEPENDS "${PROJECT_SOURCE_DIR}/ffi/tempo.map;${PROJECT_SOURCE_DIR}/ffi/include/tempo.h")
target_link_options(tempo_wasm PRIVATE
  -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createTempoModule
  # web,worker only: Emscripten 3.1.6's Node support is CommonJS (require,
  # __dirname), which an ES module cannot use. Node runs the web path: the
  # package instantiates the wasm itself (instantiateWasm) from bytes it reads.
  -sENVIRONMENT=web,worker
  -sFILESYSTEM=0 -sALLOW_MEMORY_GROWTH=1 -sALLOW_TABLE_GROWTH=1 -sWASM_BIGINT=1
  -sEXPORTED_FUNCTIONS=${_tempo_exports_csv}
  -sEXPORTED_RUNTIME_METHODS=addFunction,removeFunction
  # The module's imports and exports keep their names (tempo_search, not
  # "G"), so anyone can see it exports the C ABI and nothing else: linking
  # Emscripten's exports library is what turns the minifying off in 3.1.6.
  -lexports.js
  # The search's stack: the native default main-thread stack is 8 MiB.
  -sTOTAL_STACK=8388608
  -sINITIAL_MEMORY=33554432)

# tempo_web_speed as a Node program (CommonJS, run as `node tempo_web_speed.js`).
# Synchronous instantiation: 3.1.6 would fetch() the .wasm by path in a Node that has fetch.
target_link_options(tempo_web_speed PRIVATE -sENVIRONMENT=node -sWASM_ASYNC_COMPILATION=0 -sALLOW_MEMORY_GROWTH=1 -sTOTAL_STACK=8388608
  -sINITIAL_MEMORY=33554432 -sNODERAWFS=1)
