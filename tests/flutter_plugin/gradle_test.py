#!/usr/bin/python3
"""The plugin's Android build file (ffi/dart/android/build.gradle), checked
mechanically (no Gradle or NDK here): the Android Gradle Plugin's CMake build
of the repository's CMakeLists.txt in library-only mode, the tempo_ffi target
only, the three ABIs, a CMake new enough for the repository, and the 16 KB
page alignment that ffi/ffi.cmake gives Android links.

Usage: gradle_test.py <repository>
"""
import os
import re
import sys


def main():
    root = sys.argv[1]
    android = os.path.join(root, "ffi", "dart", "android")
    text = open(os.path.join(android, "build.gradle"), encoding="utf-8").read()
    code = re.sub(r"//[^\n]*", "", text)  # comments say things; code does them
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAILED:", what)

    check(code.count("{") == code.count("}"), "unbalanced braces")
    check(re.search(r'apply plugin:\s*"com\.android\.library"', code), "not an Android library module")
    path = re.search(r'externalNativeBuild\s*\{\s*cmake\s*\{[^}]*path\s*=\s*"([^"]+)"', code)
    check(path, "no externalNativeBuild cmake path")
    if path:
        target = os.path.normpath(os.path.join(android, path.group(1)))
        check(target == os.path.normpath(os.path.join(root, "CMakeLists.txt")),
              f"the CMake path leads to {target}, not the repository's CMakeLists.txt")
    version = re.search(r'version\s*=\s*"(\d+)\.(\d+)\.(\d+)"', code)
    check(version and (int(version.group(1)), int(version.group(2))) >= (3, 25),
          "no CMake version of at least 3.25 (the repository's minimum)")
    abis = re.search(r"abiFilters\s+([^\n]+)", code)
    check(abis and sorted(re.findall(r'"([^"]+)"', abis.group(1))) == ["arm64-v8a", "armeabi-v7a", "x86_64"],
          f"abiFilters are {abis.group(1) if abis else None}")
    args = re.search(r"arguments\s+((?:\"[^\"]*\"\s*,?\s*)+)", code)
    args = re.findall(r'"([^"]*)"', args.group(1)) if args else []
    for need in ("-DTEMPO_LIBRARY_ONLY=ON", "-DTEMPO_FETCH_ABSL=ON", "-DBUILD_TESTING=OFF"):
        check(need in args, f"CMake arguments lack {need}: {args}")
    check(re.search(r'targets\s+"tempo_ffi"', code), "the build is not limited to the tempo_ffi target")
    ffi = open(os.path.join(root, "ffi", "ffi.cmake"), encoding="utf-8").read()
    check(re.search(r"if\(ANDROID\)\s*\n[^\n]*\n\s*target_link_options\(tempo_ffi PRIVATE -Wl,-z,max-page-size=16384\)", ffi),
          "ffi/ffi.cmake does not give Android links -Wl,-z,max-page-size=16384")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
