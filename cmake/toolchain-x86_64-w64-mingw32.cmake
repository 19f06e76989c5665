# Cross-compiles Tempo's C ABI library for 64-bit Windows (tempo.dll) with
# Debian's MinGW-w64 GCC, its POSIX thread model (std::thread through
# winpthreads; the win32 model of GCC 12 has no std::thread), and runs what it
# builds under Wine (wine64). Abseil is built from source (cmake/abseil.cmake):
# Debian has no MinGW Abseil. See scripts/windows-test.sh.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR AMD64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
set(CMAKE_NM x86_64-w64-mingw32-nm)
set(CMAKE_OBJDUMP x86_64-w64-mingw32-objdump)
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# ctest runs the .exe files through Wine (Debian's wine64 package); the
# caller sets WINEPREFIX and WINEDEBUG.
set(CMAKE_CROSSCOMPILING_EMULATOR wine)
