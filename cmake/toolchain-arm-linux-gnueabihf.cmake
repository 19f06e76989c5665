# Cross-compiles Tempo for armv7 Linux with Debian's arm-linux-gnueabihf GCC and the
# armhf multiarch packages (libabsl-dev:armhf, libgtest-dev:armhf, ...), and runs what
# it builds under qemu-arm (qemu-user). See scripts/cross-test.sh and docs/hardening.md.
set(TEMPO_CROSS_TRIPLE arm-linux-gnueabihf)
set(CMAKE_SYSTEM_PROCESSOR armv7)
set(TEMPO_CROSS_QEMU qemu-arm)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
