# Cross-compiles Tempo for aarch64 Linux with Debian's aarch64-linux-gnu GCC and the
# arm64 multiarch packages (libabsl-dev:arm64, libgtest-dev:arm64, ...), and runs what
# it builds under qemu-aarch64 (qemu-user). See scripts/cross-test.sh and docs/hardening.md.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
# Debian multiarch: the target's libraries and CMake package files live under
# /usr/lib/aarch64-linux-gnu.
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu /usr)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# ctest and gtest_discover_tests run the target's binaries through qemu-user.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64)
