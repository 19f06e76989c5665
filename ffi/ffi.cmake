# The C ABI (ffi/include/tempo.h) as a shared library for dart:ffi and other C
# callers, and its tests. Included by the top-level CMakeLists.txt.
#
# The file is named as each platform's Flutter build bundles and opens it:
# libtempo.so (Linux, Android), tempo.dll (Windows), libtempo.dylib (other
# Apple builds; the Flutter plugin's podspec makes tempo.framework itself).
# It exports only tempo_*, listed once in ffi/tempo.map, on every linker:
#   ELF (GNU ld, gold, lld):  hidden visibility + tempo.map as a version script,
#                             -z defs, and --exclude-libs so static archives
#                             (Abseil, the NDK's libc++) export nothing;
#   Apple ld64:               -exported_symbols_list generated from tempo.map
#                             (then -dead_strip keeps exactly those roots);
#   Windows (MinGW, MSVC):    TEMPO_API is __declspec(dllexport) in tempo.h, which
#                             turns GNU ld's export-everything default off.
# A MinGW tempo.dll carries libstdc++, libgcc and winpthread inside (-static),
# so it needs no DLL beside it that Windows does not ship.
#
# Runtime dependencies on Linux: Debian 12's static Abseil archives are not usable in a
# shared object (libabsl_cordz_functions.a uses local-exec TLS:
# "relocation R_X86_64_TPOFF32 ... can not be used when making a shared
# object"), so by default libtempo.so links Debian's shared Abseil and, to
# keep one C++ runtime in the process, the shared libstdc++. Abseil built
# from source (cmake/abseil.cmake, the app builds) is static and PIC and ends
# up inside the library. TEMPO_FFI_STATIC_RUNTIME=ON links Debian-layout
# PIC Abseil archives and a static libstdc++ instead.

option(TEMPO_FFI_STATIC_RUNTIME "Link libstdc++, libgcc and Abseil's static archives into libtempo.so (needs PIC Abseil archives)" OFF)

tempo_layer_dir(TEMPO_FFI_DIR ffi ffi)
add_library(tempo_ffi SHARED ffi/c_boundary.cc ffi/c_egdb.cc ffi/c_game.cc ffi/c_rules.cc ffi/c_search.cc ffi/c_table.cc)
add_library(tempo::capi ALIAS tempo_ffi)
# The SONAME changes only if the C ABI ever broke (it only grows: TEMPO_ABI_VERSION
# counts the additions, here the middle number). Android packages and the
# app builds (TEMPO_LIBRARY_ONLY: Flutter bundles exactly the file the target
# builds, and the Dart side opens libtempo.so) want a plain libtempo.so.
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
if(NOT ANDROID AND NOT TEMPO_LIBRARY_ONLY)
  set_target_properties(tempo_ffi PROPERTIES VERSION 1.${TEMPO_ABI_VERSION}.0 SOVERSION 1)
endif()
target_include_directories(tempo_ffi PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/ffi/include>
                                            $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>
                                     PRIVATE ${TEMPO_FFI_DIR})
if(WIN32)
  # tempo.dll, not libtempo.dll (MinGW's default prefix): the name Flutter's
  # Windows runner bundles and the Dart side opens.
  set_target_properties(tempo_ffi PROPERTIES PREFIX "" IMPORT_PREFIX "")
  if(MINGW)
    target_link_options(tempo_ffi PRIVATE -static -Wl,--gc-sections)
  endif()
elseif(APPLE)
  # ld64's form of the one export list: "tempo_*;" in tempo.map is "_tempo_*".
  file(STRINGS ${PROJECT_SOURCE_DIR}/ffi/tempo.map _tempo_globals REGEX "^ +tempo_[A-Za-z0-9_*]*;")
  list(TRANSFORM _tempo_globals REPLACE "^ +(.*);$" "_\\1")
  list(JOIN _tempo_globals "\n" _tempo_globals)
  file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/tempo.exported CONTENT "${_tempo_globals}\n")
  target_link_options(tempo_ffi PRIVATE -Wl,-exported_symbols_list,${PROJECT_BINARY_DIR}/tempo.exported -Wl,-dead_strip)
  set_property(TARGET tempo_ffi APPEND PROPERTY LINK_DEPENDS ${PROJECT_BINARY_DIR}/tempo.exported)
else()
  # ELF. Each flag only where the linker takes it (wasm-ld, for one, takes none).
  include(CheckLinkerFlag)
  foreach(_flag "-Wl,--version-script=${PROJECT_SOURCE_DIR}/ffi/tempo.map" -Wl,--gc-sections -Wl,-z,defs
                -Wl,--exclude-libs,ALL -Wl,--as-needed)
    string(MAKE_C_IDENTIFIER "TEMPO_LD${_flag}" _flag_ok)
    check_linker_flag(CXX "${_flag}" ${_flag_ok})
    if(${_flag_ok})
      target_link_options(tempo_ffi PRIVATE ${_flag})
    endif()
  endforeach()
  if(ANDROID)
    # 16 KB pages (Android 15 devices): segments aligned for both 4 KB and 16 KB.
    target_link_options(tempo_ffi PRIVATE -Wl,-z,max-page-size=16384)
  endif()
endif()

if(TEMPO_FFI_STATIC_RUNTIME AND NOT TEMPO_ABSL_FROM_SOURCE AND NOT TEMPO_SANITIZE AND NOT TEMPO_TSAN)
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
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES ${PROJECT_SOURCE_DIR}/ffi/include/tempo.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
include(${PROJECT_SOURCE_DIR}/ffi/web/web.cmake)  # tempo.wasm (Emscripten builds), its speed bench

# The library's sources, for the Apple podspecs' forwarders (cmake/apple_sources.cmake
# checks them against this list in ctest ffi.apple_sources).
set(_tempo_library_sources "")
foreach(_target tempo_rules tempo_tt tempo_egdb tempo_search tempo_ffi)
  get_target_property(_sources ${_target} SOURCES)
  list(FILTER _sources INCLUDE REGEX "\\.cc$")
  list(APPEND _tempo_library_sources ${_sources})
endforeach()
list(JOIN _tempo_library_sources "\n" _tempo_library_sources)
file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/tempo_library_sources.txt CONTENT "${_tempo_library_sources}\n")

# The tests run the target's programs: here, or through the toolchain's
# emulator (qemu-user for ARM, Wine for Windows).
if(NOT BUILD_TESTING OR (CMAKE_CROSSCOMPILING AND NOT CMAKE_CROSSCOMPILING_EMULATOR))
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
if(MINGW)
  # Programs that run beside tempo.dll alone (under Wine here): MinGW's
  # runtime and winpthread linked in, as in the DLL.
  foreach(_test tempo_ffi_c_api_test tempo_ffi_header_cxx_test tempo_ffi_isolate_test)
    target_link_options(${_test} PRIVATE -static)
  endforeach()
  target_link_libraries(tempo_ffi_isolate_test PRIVATE pthread)
endif()

if(TEMPO_SYSTEM_PYTHON)
  # Exports only tempo_*, exactly tempo.h's functions; imports only the C/C++
  # runtime (ELF: read with the toolchain's nm; PE: its objdump).
  add_test(NAME ffi.exports COMMAND ${TEMPO_SYSTEM_PYTHON} ${_tempo_ffi_tests}/exports_test.py
    $<TARGET_FILE:tempo_ffi> ${PROJECT_SOURCE_DIR}/ffi/include/tempo.h --nm ${CMAKE_NM} --objdump ${CMAKE_OBJDUMP})
  list(APPEND _tempo_ffi_test_names ffi.exports)
  if(NOT CMAKE_CROSSCOMPILING)
    # Symbols by name through ctypes, as dart:ffi's lookupFunction does. Under
    # ASan the library needs the sanitizer runtime preloaded into Python.
    add_test(NAME ffi.ctypes COMMAND ${TEMPO_SYSTEM_PYTHON} ${_tempo_ffi_tests}/ctypes_test.py $<TARGET_FILE:tempo_ffi>)
    list(APPEND _tempo_ffi_test_names ffi.ctypes)
    if(TEMPO_SANITIZE)
      execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libasan.so OUTPUT_VARIABLE _tempo_asan OUTPUT_STRIP_TRAILING_WHITESPACE)
      execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libubsan.so OUTPUT_VARIABLE _tempo_ubsan OUTPUT_STRIP_TRAILING_WHITESPACE)
      # Python itself leaks by ASan's standards: check errors, not leaks.
      set_tests_properties(ffi.ctypes PROPERTIES ENVIRONMENT "LD_PRELOAD=${_tempo_asan}:${_tempo_ubsan};ASAN_OPTIONS=detect_leaks=0")
    endif()
  endif()
  if(NOT TEMPO_LIBRARY_ONLY)
    # The Dart package's sources (checked once, in the full build).
    add_test(NAME ffi.dart_bindings COMMAND ${TEMPO_SYSTEM_PYTHON} ${_tempo_ffi_tests}/dart_bindings_test.py
      ${PROJECT_SOURCE_DIR}/ffi/include/tempo.h ${PROJECT_SOURCE_DIR}/ffi/dart/lib/src/bindings.dart
      ${PROJECT_SOURCE_DIR}/ffi/dart/lib/src/tempo_ai.dart)
    # Every .dart file parsed with the tree-sitter Dart grammar of ast-grep
    # (npm, installed by scripts/install-deps.sh): no Dart SDK is needed. In
    # that tree, the levels, the parameters and the square rotation the Dart
    # service states again are held to tempo.h and the library (ctypes: not
    # in a cross build, where the host's Python cannot load it).
    set(_tempo_dart_abi)
    if(NOT CMAKE_CROSSCOMPILING)
      set(_tempo_dart_abi ${PROJECT_SOURCE_DIR}/ffi/include/tempo.h $<TARGET_FILE:tempo_ffi>)
    endif()
    add_test(NAME ffi.dart_syntax COMMAND ${TEMPO_SYSTEM_PYTHON} ${_tempo_ffi_tests}/dart_syntax_test.py
      ${_tempo_ffi_tests}/dart_syntax/node_modules/.bin/ast-grep ${PROJECT_SOURCE_DIR}/ffi/dart
      ${_tempo_ffi_tests}/dart_syntax/broken ${_tempo_dart_abi})
    if(TEMPO_SANITIZE AND NOT CMAKE_CROSSCOMPILING)
      set_tests_properties(ffi.dart_syntax PROPERTIES ENVIRONMENT
        "LD_PRELOAD=${_tempo_asan}:${_tempo_ubsan};ASAN_OPTIONS=detect_leaks=0")
    endif()
    list(APPEND _tempo_ffi_test_names ffi.dart_bindings ffi.dart_syntax)
    # The plugin's Android and Apple build files, which cannot be built here.
    add_test(NAME ffi.android_gradle COMMAND ${TEMPO_SYSTEM_PYTHON}
      ${PROJECT_SOURCE_DIR}/tests/flutter_plugin/gradle_test.py ${PROJECT_SOURCE_DIR})
    list(APPEND _tempo_ffi_test_names ffi.android_gradle)
    find_program(TEMPO_RUBY ruby)
    if(TEMPO_RUBY)
      add_test(NAME ffi.podspecs COMMAND ${TEMPO_RUBY} ${PROJECT_SOURCE_DIR}/tests/flutter_plugin/podspec_test.rb
        ${PROJECT_SOURCE_DIR})
      list(APPEND _tempo_ffi_test_names ffi.podspecs)
    endif()
  endif()
endif()
add_test(NAME ffi.apple_sources COMMAND ${CMAKE_COMMAND} -DLIST=${PROJECT_BINARY_DIR}/tempo_library_sources.txt
  -DROOT=${PROJECT_SOURCE_DIR} -P ${PROJECT_SOURCE_DIR}/cmake/apple_sources.cmake)
list(APPEND _tempo_ffi_test_names ffi.apple_sources)
set_tests_properties(${_tempo_ffi_test_names} PROPERTIES LABELS unit)
