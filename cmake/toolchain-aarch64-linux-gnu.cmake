# Cross-compiles Tempo for aarch64 Linux with Debian's aarch64-linux-gnu GCC and the
# arm64 multiarch packages (libabsl-dev:arm64, libgtest-dev:arm64, ...), and runs what
# it builds under qemu-aarch64 (qemu-user). See scripts/cross-test.sh and docs/hardening.md.
set(TEMPO_CROSS_TRIPLE aarch64-linux-gnu)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(TEMPO_CROSS_QEMU qemu-aarch64)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
