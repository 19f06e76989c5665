# Abseil, the engine's one third-party library. Included by the top-level
# CMakeLists.txt before any target links absl::*.
#
# By default it is the installed CMake package (Debian's libabsl-dev). A
# toolchain without one (Android's NDK, Xcode, MinGW, Emscripten) builds it
# from source instead, pinned to the release Debian 12 ships (20220623.1) and
# checked against the hash of GitHub's tag archive. An offline build points
# FETCHCONTENT_SOURCE_DIR_ABSL at an unpacked copy of that release, e.g.
# Debian's source package (`apt-get source --download-only abseil`), and
# nothing is downloaded.
#
#   -DTEMPO_FETCH_ABSL=ON                        build Abseil from source even if a package exists
#   -DFETCHCONTENT_SOURCE_DIR_ABSL=<dir>          ... from this unpacked source tree (no download)
#   -DCMAKE_DISABLE_FIND_PACKAGE_absl=ON          hide an installed Abseil (what CI does to prove this path)

option(TEMPO_FETCH_ABSL "Build Abseil 20220623.1 from source (FetchContent) instead of find_package(absl)" OFF)

set(_tempo_fetch_absl ${TEMPO_FETCH_ABSL})
if(NOT _tempo_fetch_absl)
  find_package(absl CONFIG QUIET)
  if(NOT absl_FOUND)
    message(STATUS "Abseil: no installed CMake package found; building 20220623.1 from source")
    set(_tempo_fetch_absl ON)
  endif()
endif()

if(_tempo_fetch_absl)
  include(FetchContent)
  FetchContent_Declare(absl
    URL https://github.com/abseil/abseil-cpp/archive/refs/tags/20220623.1.tar.gz
    URL_HASH SHA256=91ac87d30cc6d79f9ab974c51874a704de9c2647c40f6932597329a282217ba8)
  FetchContent_GetProperties(absl)
  if(NOT absl_POPULATED)
    # Populate + add_subdirectory(EXCLUDE_FROM_ALL) rather than
    # FetchContent_MakeAvailable: with CMake 3.25 that is the way to build
    # only the Abseil libraries the engine links, not all of them.
    FetchContent_Populate(absl)
    # The C++ standard reaches Abseil's targets through their usage
    # requirements (cxx_std_*), so absl::string_view etc. are the std types
    # both in Abseil and in the engine (C++20 here).
    set(ABSL_PROPAGATE_CXX_STD ON)
    set(ABSL_BUILD_TESTING OFF)
    set(ABSL_ENABLE_INSTALL OFF)
    add_subdirectory(${absl_SOURCE_DIR} ${absl_BINARY_DIR} EXCLUDE_FROM_ALL SYSTEM)
  endif()
  message(STATUS "Abseil: from source in ${absl_SOURCE_DIR}")
endif()
# Whether the engine's libraries can be installed and exported (cmake/install.cmake):
# not when they link Abseil targets that are built here and not installed.
set(TEMPO_ABSL_FROM_SOURCE ${_tempo_fetch_absl})
