# The part of a Debian cross toolchain that is the same for every target:
# included by cmake/toolchain-<triple>.cmake after it sets TEMPO_CROSS_TRIPLE,
# CMAKE_SYSTEM_PROCESSOR and TEMPO_CROSS_QEMU.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_C_COMPILER ${TEMPO_CROSS_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${TEMPO_CROSS_TRIPLE}-g++)
# Debian multiarch: the target's libraries and CMake package files live under
# /usr/lib/<triple>.
set(CMAKE_LIBRARY_ARCHITECTURE ${TEMPO_CROSS_TRIPLE})
set(CMAKE_FIND_ROOT_PATH /usr/${TEMPO_CROSS_TRIPLE} /usr)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# ctest and gtest_discover_tests run the target's binaries through qemu-user.
set(CMAKE_CROSSCOMPILING_EMULATOR ${TEMPO_CROSS_QEMU})
