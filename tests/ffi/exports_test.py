#!/usr/bin/python3
"""The C ABI library exports only tempo_* symbols, and exactly the functions
tempo.h declares; everything it imports comes from the C/C++ runtime (or
Abseil when that is a shared library beside it).

Reads each format the library is built in here:
  ELF (libtempo.so, x86-64 and ARM): the dynamic symbol table, with nm -D;
  PE (tempo.dll, MinGW): the export and import tables, with objdump -p; the
      DLL must also stand alone: it may import only DLLs that Windows ships.

Usage: exports_test.py LIBRARY TEMPO_H [--nm NM] [--objdump OBJDUMP]
(the tools of the library's toolchain; default the host's nm and objdump).
"""
import argparse
import re
import subprocess
import sys


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def header_functions(header):
    text = open(header, encoding="utf-8").read()
    return set(re.findall(r"TEMPO_API\s+[^;]*?\b(tempo_\w+)\s*\(", text))


# ---------------------------------------------------------------- ELF
def elf_symbols(nm, lib, flag):
    names = []
    for line in run([nm, "-D", flag, lib]).splitlines():
        parts = line.split()
        if parts:
            names.append((parts[-2] if len(parts) >= 2 else "", parts[-1].split("@")[0]))
    return names


# What an ELF import may be: libc/libm/libgcc/libstdc++ (plain C names, C++
# std and ABI names), and Abseil when it is linked as a shared library.
ELF_RUNTIME = re.compile(
    r"^(_ZN4absl|_ZNK4absl|_ZSt|_ZNSt|_ZNKSt|_ZNS[abdios]|_ZNKS[abdios]|_ZTISt|_ZTINSt|_ZTVNSt|_ZTVSt|_ZTTSt|_ZTTNSt|_ZTVN10__cxxabiv|_ZTIN10__cxxabiv|_Zd|_Zn|__cxa_|__gxx_"
    r"|_Unwind_|_ITM_|__gmon_start__|__stack_chk_fail|__stack_chk_guard|__libc_|__errno_location|__tls_get_addr"
    r"|__aeabi_|__gnu_"
    r"|__assert_fail|__sprintf_chk|__memcpy_chk|__memset_chk|__snprintf_chk|__isoc99_|[a-z_][a-z0-9_]*$)")


def elf_check(args, check):
    defined = elf_symbols(args.nm, args.library, "--defined-only")
    for kind, n in defined:
        check(kind == "T", f"{n} is exported as {kind}, expected a function (T)")
    imports = [n for _, n in elf_symbols(args.nm, args.library, "--undefined-only")]
    odd = sorted(n for n in imports if not ELF_RUNTIME.match(n))
    check(not odd, f"imports that are not from the C/C++ runtime or Abseil: {odd}")
    return {n for _, n in defined}, f"{len(imports)} runtime imports"


# ---------------------------------------------------------------- PE
# DLLs every Windows has: the DLL must not need MinGW's libstdc++-6.dll,
# libgcc_s_seh-1.dll or libwinpthread-1.dll beside it.
PE_SYSTEM_DLLS = re.compile(r"^(kernel32|msvcrt|ucrtbase|advapi32|dbghelp|ntdll|bcrypt|user32|ws2_32|api-ms-win-[a-z0-9-]+)\.dll$",
                            re.IGNORECASE)


def pe_check(args, check):
    text = run([args.objdump, "-p", args.library])
    dlls = re.findall(r"^\s*DLL Name: (\S+)", text, re.MULTILINE)
    check(dlls, "no import table found (is this a PE DLL?)")
    foreign = [d for d in dlls if not PE_SYSTEM_DLLS.match(d)]
    check(not foreign, f"imports DLLs that Windows does not ship: {foreign}")
    at = text.find("[Ordinal/Name Pointer] Table")
    check(at >= 0, "no export name table found")
    names = set()
    for line in text[at:].splitlines()[1:]:
        m = re.match(r"^\s*\[\s*\d+\]\s+(?:\+base\[\s*\d+\]\s+[0-9a-fA-F]+\s+)?(\S+)\s*$", line)
        if not m:
            break
        names.add(m.group(1))
    # A forwarded export would be a name served by another DLL.
    check("Forwarder RVA" not in text or not re.search(r"Forwarder RVA.*\S+\.\S+", text),
          "an export is forwarded to another DLL")
    return names, f"imports from {sorted(set(dlls))}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("library")
    ap.add_argument("header")
    ap.add_argument("--nm", default="nm")
    ap.add_argument("--objdump", default="objdump")
    args = ap.parse_args()
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAILED:", what)

    with open(args.library, "rb") as f:
        magic = f.read(4)
    if magic == b"\x7fELF":
        fmt, (names, imports) = "ELF", elf_check(args, check)
    elif magic[:2] == b"MZ":
        fmt, (names, imports) = "PE", pe_check(args, check)
    else:
        print(f"FAILED: {args.library}: not an ELF or PE file (magic {magic!r}); this test reads only those")
        return 1
    others = sorted(n for n in names if not n.startswith("tempo_"))
    check(not others, f"exported symbols without the tempo_ prefix: {others}")
    declared = header_functions(args.header)
    check(len(declared) >= 19, f"found only {len(declared)} functions in {args.header}")
    check(names == declared,
          f"exports and header differ: only exported {sorted(names - declared)}, only declared {sorted(declared - names)}")
    print(f"{fmt}: {len(names)} tempo_ exports, {imports}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
