# The C ABI (ffi/include/tempo.h) as libtempo.so, for dart:ffi and other C
# callers, and its tests. Included by the top-level CMakeLists.txt.
#
# libtempo.so exports only tempo_* (hidden visibility + a version script).
#
# Runtime dependencies: Debian 12's static Abseil archives are not usable in a
# shared object (libabsl_cordz_functions.a uses local-exec TLS:
# "relocation R_X86_64_TPOFF32 ... can not be used when making a shared
# object"), so by default libtempo.so links Debian's shared Abseil and, to
# keep one C++ runtime in the process, the shared libstdc++. An app build
# whose Abseil is compiled with -fPIC (e.g. from source in the Android/iOS
# toolchain) sets TEMPO_FFI_STATIC_RUNTIME=ON and ships one file.

option(TEMPO_FFI_STATIC_RUNTIME "Link libstdc++, libgcc and Abseil's static archives into libtempo.so (needs PIC Abseil archives)" OFF)

tempo_layer_dir(TEMPO_FFI_DIR ffi ffi)
add_library(tempo_ffi SHARED ffi/c_boundary.cc ffi/c_egdb.cc ffi/c_game.cc ffi/c_rules.cc ffi/c_search.cc ffi/c_table.cc)
add_library(tempo::capi ALIAS tempo_ffi)
# The SONAME changes only if the C ABI ever broke (it only grows: TEMPO_ABI_VERSION
# counts the additions, here the middle number). Android packages want a
# plain libtempo.so.
file(STRINGS ${PROJECT_SOURCE_DIR}/ffi/include/tempo.h _tempo_abi REGEX "^#define TEMPO_ABI_VERSION [0-9]+")
string(REGEX REPLACE ".* ([0-9]+)$" "\\1" TEMPO_ABI_VERSION "${_tempo_abi}")
# A new ABI version in the header re-runs CMake, so the file name follows it.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/ffi/include/tempo.h)
set_target_properties(tempo_ffi PROPERTIES
  OUTPUT_NAME tempo
  EXPORT_NAME capi
  C_VISIBILITY_PRESET hidden
  CXX_VISIBILITY_PRESET hidden
  VISIBILITY_INLINES_HIDDEN ON
  LINK_DEPENDS ${PROJECT_SOURCE_DIR}/ffi/tempo.map)
if(NOT ANDROID)
  set_target_properties(tempo_ffi PROPERTIES VERSION 1.${TEMPO_ABI_VERSION}.0 SOVERSION 1)
endif()
target_include_directories(tempo_ffi PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/ffi/include>
                                            $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>
                                     PRIVATE ${TEMPO_FFI_DIR})
target_link_options(tempo_ffi PRIVATE
  -Wl,--version-script=${PROJECT_SOURCE_DIR}/ffi/tempo.map
  -Wl,--gc-sections -Wl,-z,defs -Wl,--exclude-libs,ALL -Wl,--as-needed)

if(TEMPO_FFI_STATIC_RUNTIME AND NOT TEMPO_SANITIZE AND NOT TEMPO_TSAN)
  get_target_property(_tempo_absl_so absl::base LOCATION)
  get_filename_component(_tempo_absl_dir "${_tempo_absl_so}" DIRECTORY)
  file(GLOB _tempo_absl_archives "${_tempo_absl_dir}/libabsl_*.a")
  # The archives come before the layers' (shared) Abseil link interface, so
  # every Abseil symbol resolves from them and --as-needed drops the shared
  # libraries; a group because they depend on each other.
  target_link_libraries(tempo_ffi PRIVATE $<BUILD_INTERFACE:tempo::flags>
    tempo::search tempo::tt tempo::rules -Wl,--start-group ${_tempo_absl_archives} -Wl,--end-group)
  target_link_options(tempo_ffi PRIVATE -static-libstdc++ -static-libgcc)
else()
  target_link_libraries(tempo_ffi PRIVATE $<BUILD_INTERFACE:tempo::flags> tempo::search tempo::tt tempo::rules)
endif()
install(TARGETS tempo_ffi EXPORT TempoTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES ${PROJECT_SOURCE_DIR}/ffi/include/tempo.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
include(${PROJECT_SOURCE_DIR}/ffi/web/web.cmake)  # tempo.wasm (Emscripten builds), its speed bench

if(NOT BUILD_TESTING)
  return()
endif()

# Every test below is a plain program or a /usr/bin/python3 script, labelled unit.
find_program(TEMPO_SYSTEM_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
set(_tempo_ffi_tests ${PROJECT_SOURCE_DIR}/tests/ffi)

# The header compiles as strict C99 and as C++.
add_executable(tempo_ffi_c_api_test ${_tempo_ffi_tests}/c_api_test.c)
set_target_properties(tempo_ffi_c_api_test PROPERTIES C_STANDARD 99 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
target_compile_options(tempo_ffi_c_api_test PRIVATE -pedantic -Wall -Wextra -Werror)
target_link_libraries(tempo_ffi_c_api_test PRIVATE tempo_ffi)
add_test(NAME ffi.c_api COMMAND tempo_ffi_c_api_test)

add_executable(tempo_ffi_header_cxx_test ${_tempo_ffi_tests}/header_cxx_test.cpp)
target_compile_options(tempo_ffi_header_cxx_test PRIVATE -pedantic -Wall -Wextra -Werror)
target_link_libraries(tempo_ffi_header_cxx_test PRIVATE tempo_ffi)
add_test(NAME ffi.header_cxx COMMAND tempo_ffi_header_cxx_test)

# The app's isolate pattern with threads: table handed from thread to thread,
# copied, and a long search cancelled through the caller's flag.
add_executable(tempo_ffi_isolate_test ${_tempo_ffi_tests}/isolate_test.c)
set_target_properties(tempo_ffi_isolate_test PROPERTIES C_STANDARD 99 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
target_compile_options(tempo_ffi_isolate_test PRIVATE -Wall -Wextra -Werror)
target_link_libraries(tempo_ffi_isolate_test PRIVATE tempo_ffi Threads::Threads)
add_test(NAME ffi.isolate_pattern COMMAND tempo_ffi_isolate_test)
set(_tempo_ffi_test_names ffi.c_api ffi.header_cxx ffi.isolate_pattern)

if(TEMPO_SYSTEM_PYTHON)
  # Symbols by name through ctypes, as dart:ffi's lookupFunction does. Under
  # ASan the library needs the sanitizer runtime preloaded into Python.
  add_test(NAME ffi.ctypes COMMAND ${TEMPO_SYSTEM_PYTHON} ${_tempo_ffi_tests}/ctypes_test.py $<TARGET_FILE:tempo_ffi>)
  add_test(NAME ffi.exports COMMAND ${TEMPO_SYSTEM_PYTHON} ${_tempo_ffi_tests}/exports_test.py
    $<TARGET_FILE:tempo_ffi> ${PROJECT_SOURCE_DIR}/ffi/include/tempo.h)
  add_test(NAME ffi.dart_bindings COMMAND ${TEMPO_SYSTEM_PYTHON} ${_tempo_ffi_tests}/dart_bindings_test.py
    ${PROJECT_SOURCE_DIR}/ffi/include/tempo.h ${PROJECT_SOURCE_DIR}/ffi/dart/lib/src/bindings.dart
    ${PROJECT_SOURCE_DIR}/ffi/dart/lib/src/tempo_ai.dart)
  # Every .dart file parsed with the tree-sitter Dart grammar of ast-grep
  # (npm, installed by scripts/install-deps.sh): no Dart SDK is needed.
  add_test(NAME ffi.dart_syntax COMMAND ${TEMPO_SYSTEM_PYTHON} ${_tempo_ffi_tests}/dart_syntax_test.py
    ${_tempo_ffi_tests}/dart_syntax/node_modules/.bin/ast-grep ${PROJECT_SOURCE_DIR}/ffi/dart
    ${_tempo_ffi_tests}/dart_syntax/broken)
  list(APPEND _tempo_ffi_test_names ffi.ctypes ffi.exports ffi.dart_bindings ffi.dart_syntax)
  if(TEMPO_SANITIZE)
    execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libasan.so OUTPUT_VARIABLE _tempo_asan OUTPUT_STRIP_TRAILING_WHITESPACE)
    execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libubsan.so OUTPUT_VARIABLE _tempo_ubsan OUTPUT_STRIP_TRAILING_WHITESPACE)
    # Python itself leaks by ASan's standards: check errors, not leaks.
    set_tests_properties(ffi.ctypes PROPERTIES ENVIRONMENT "LD_PRELOAD=${_tempo_asan}:${_tempo_ubsan};ASAN_OPTIONS=detect_leaks=0")
  endif()
endif()
set_tests_properties(${_tempo_ffi_test_names} PROPERTIES LABELS unit)
