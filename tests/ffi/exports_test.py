#!/usr/bin/python3
"""libtempo.so exports only tempo_* symbols, and exactly the functions tempo.h
declares; everything it imports comes from the C/C++ runtime or Abseil.

Usage: exports_test.py path/to/libtempo.so path/to/tempo.h
"""
import re
import subprocess
import sys


def dynamic_symbols(lib, flag):
    out = subprocess.run(["nm", "-D", flag, lib], check=True, capture_output=True, text=True).stdout
    names = []
    for line in out.splitlines():
        parts = line.split()
        if parts:
            names.append((parts[-2] if len(parts) >= 2 else "", parts[-1].split("@")[0]))
    return names


def header_functions(header):
    text = open(header, encoding="utf-8").read()
    return set(re.findall(r"TEMPO_API\s+[^;]*?\b(tempo_\w+)\s*\(", text))


# What an import may be: libc/libm/libgcc/libstdc++ (plain C names, C++ std
# and ABI names), and Abseil when it is linked as a shared library.
RUNTIME = re.compile(
    r"^(_ZN4absl|_ZNK4absl|_ZSt|_ZNSt|_ZNKSt|_ZNS[abdios]|_ZNKS[abdios]|_ZTISt|_ZTINSt|_ZTVNSt|_ZTVSt|_ZTVN10__cxxabiv|_ZTIN10__cxxabiv|_Zd|_Zn|__cxa_|__gxx_"
    r"|_Unwind_|_ITM_|__gmon_start__|__stack_chk_fail|__libc_|__errno_location|__tls_get_addr"
    r"|__assert_fail|__sprintf_chk|__memcpy_chk|__memset_chk|__snprintf_chk|__isoc99_|[a-z_][a-z0-9_]*$)")


def main():
    lib, header = sys.argv[1], sys.argv[2]
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAILED:", what)

    defined = dynamic_symbols(lib, "--defined-only")
    names = {n for _, n in defined}
    others = sorted(n for n in names if not n.startswith("tempo_"))
    check(not others, f"exported symbols without the tempo_ prefix: {others}")
    declared = header_functions(header)
    check(len(declared) >= 19, f"found only {len(declared)} functions in {header}")
    check(names == declared,
          f"exports and header differ: only exported {sorted(names - declared)}, only declared {sorted(declared - names)}")
    for kind, n in defined:
        check(kind == "T", f"{n} is exported as {kind}, expected a function (T)")
    imports = [n for _, n in dynamic_symbols(lib, "--undefined-only")]
    odd = sorted(n for n in imports if not RUNTIME.match(n))
    check(not odd, f"imports that are not from the C/C++ runtime or Abseil: {odd}")
    print(f"{len(names)} tempo_ exports, {len(imports)} runtime imports")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
