# Cross-compiles Tempo for armv7 Linux with Debian's arm-linux-gnueabihf GCC and the
# armhf multiarch packages (libabsl-dev:armhf, libgtest-dev:armhf, ...), and runs what
# it builds under qemu-arm (qemu-user). See scripts/cross-test.sh and docs/hardening.md.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR armv7)
set(CMAKE_C_COMPILER arm-linux-gnueabihf-gcc)
set(CMAKE_CXX_COMPILER arm-linux-gnueabihf-g++)
# Debian multiarch: the target's libraries and CMake package files live under
# /usr/lib/arm-linux-gnueabihf.
set(CMAKE_LIBRARY_ARCHITECTURE arm-linux-gnueabihf)
set(CMAKE_FIND_ROOT_PATH /usr/arm-linux-gnueabihf /usr)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# ctest and gtest_discover_tests run the target's binaries through qemu-user.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-arm)
