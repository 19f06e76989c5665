# A stand-in for a Flutter app's linux/ or windows/ runner CMakeLists.txt, as
# far as FFI plugins go: scripts/plugin-test.sh copies it to <dir>/CMakeLists.txt
# beside flutter/ephemeral/.plugin_symlinks/tempo -> ffi/dart (the link
# `flutter pub get` makes), so the plugin's platform file is included exactly
# as Flutter includes it. The lines marked "as Flutter" follow the runner
# and flutter/generated_plugins.cmake that `flutter create` writes.
cmake_minimum_required(VERSION 3.13)  # as Flutter's Linux runner
project(runner LANGUAGES CXX)
if(NOT TEMPO_RUNNER_PLATFORM MATCHES "^(linux|windows)$")
  message(FATAL_ERROR "set TEMPO_RUNNER_PLATFORM to linux or windows")
endif()
# The C ABI tests, registered by the plugin's build when BUILD_TESTING is on
# (a Flutter runner leaves it unset: the plugin then builds the library only).
enable_testing()

# flutter/generated_plugins.cmake, as Flutter writes it for one FFI plugin.
list(APPEND FLUTTER_PLUGIN_LIST
)
list(APPEND FLUTTER_FFI_PLUGIN_LIST
  tempo
)
set(PLUGIN_BUNDLED_LIBRARIES)
foreach(ffi_plugin ${FLUTTER_FFI_PLUGIN_LIST})
  add_subdirectory(flutter/ephemeral/.plugin_symlinks/${ffi_plugin}/${TEMPO_RUNNER_PLATFORM} plugins/${ffi_plugin})
  list(APPEND PLUGIN_BUNDLED_LIBRARIES ${${ffi_plugin}_bundled_libraries})
endforeach(ffi_plugin)

# The bundle, as Flutter installs it: the plugin libraries go to lib/ on
# Linux and beside the executable on Windows.
if(TEMPO_RUNNER_PLATFORM STREQUAL "linux")
  set(INSTALL_BUNDLE_LIB_DIR "${CMAKE_INSTALL_PREFIX}/lib")
else()
  set(INSTALL_BUNDLE_LIB_DIR "${CMAKE_INSTALL_PREFIX}")
endif()
if(PLUGIN_BUNDLED_LIBRARIES)
  install(FILES "${PLUGIN_BUNDLED_LIBRARIES}"
    DESTINATION "${INSTALL_BUNDLE_LIB_DIR}"
    COMPONENT Runtime)
endif()
# What the plugin asked to bundle, for the script to check.
file(GENERATE OUTPUT "${PROJECT_BINARY_DIR}/bundled_libraries.txt" CONTENT "${PLUGIN_BUNDLED_LIBRARIES}\n")
