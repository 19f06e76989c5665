#!/usr/bin/python3
"""Checks the Dart bindings (ffi/dart/lib/src/bindings.dart) against tempo.h.

There is no Dart SDK here, so the bindings are checked mechanically: tempo.h
is parsed with libclang (Debian's python3-clang-14) and compared with the Dart
source: every exported function has a lookupFunction binding with the same
name, the same native parameter and return types and the matching Dart types;
every struct has a Dart Struct class with the same fields in the same order
and the same types (array lengths included); every #define constant has a Dart
constant of the same value; and nothing in the Dart file is left over.

Usage: dart_bindings_test.py path/to/tempo.h path/to/bindings.dart
"""
import re
import sys

import clang.cindex as ci

K = ci.TypeKind

# C typedef names -> dart:ffi native types.
NAMED = {
    "uint8_t": "Uint8", "int8_t": "Int8", "uint16_t": "Uint16", "int16_t": "Int16",
    "uint32_t": "Uint32", "int32_t": "Int32", "uint64_t": "Uint64", "int64_t": "Int64",
    "size_t": "Size", "tempo_status": "Int32",
}
BUILTIN = {K.DOUBLE: "Double", K.FLOAT: "Float", K.VOID: "Void", K.CHAR_S: "Char", K.SCHAR: "Char"}
DART_OF_NATIVE = {"Uint8": "int", "Int8": "int", "Uint16": "int", "Int16": "int", "Uint32": "int",
                  "Int32": "int", "Uint64": "int", "Int64": "int", "Size": "int", "Char": "int",
                  "Double": "double", "Float": "double", "Void": "void"}


def native(t, callbacks):
    """dart:ffi spelling of a C type (as it appears in a signature or field)."""
    name = t.spelling.replace("const ", "").strip()
    if name in NAMED:
        return NAMED[name]
    if t.kind == K.TYPEDEF:
        under = t.get_declaration().underlying_typedef_type
        if under.kind == K.POINTER and under.get_pointee().kind == K.FUNCTIONPROTO:
            callbacks[name] = under.get_pointee()
            return f"Pointer<NativeFunction<{name}Function>>"
        if under.kind in (K.RECORD, K.ELABORATED):
            return name
        return native(under, callbacks)
    if t.kind == K.ELABORATED:
        return native(t.get_named_type(), callbacks)
    if t.kind == K.RECORD:
        return t.get_declaration().spelling
    if t.kind == K.POINTER:
        p = t.get_pointee()
        if p.get_canonical().kind in (K.CHAR_S, K.SCHAR):
            return "Pointer<Utf8>"  # Pointer<Char> is accepted too
        return f"Pointer<{native(p, callbacks)}>"
    if t.kind in BUILTIN:
        return BUILTIN[t.kind]
    raise ValueError(f"no dart:ffi mapping for C type {t.spelling!r}")


def same_native(expected, got):
    return expected == got or expected.replace("Pointer<Utf8>", "Pointer<Char>") == got


def dart_of(native_type):
    return DART_OF_NATIVE.get(native_type, native_type)


def split_top(s):
    """Splits 'A, B<C, D>, E' at top-level commas."""
    parts, depth, cur = [], 0, ""
    for ch in s:
        if ch == "<" or ch == "(":
            depth += 1
        elif ch == ">" or ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def parse_header(path):
    index = ci.Index.create()
    tu = index.parse(path, args=["-x", "c", "-std=c99"],
                     options=ci.TranslationUnit.PARSE_DETAILED_PROCESSING_RECORD)
    errors = [d.spelling for d in tu.diagnostics if d.severity >= ci.Diagnostic.Error]
    if errors:
        raise SystemExit(f"libclang could not parse {path}: {errors}")
    functions, structs, constants, callbacks = {}, {}, {}, {}
    for c in tu.cursor.get_children():
        if c.location.file is None or not c.location.file.name.endswith("tempo.h"):
            continue
        if c.kind == ci.CursorKind.FUNCTION_DECL and c.spelling.startswith("tempo_"):
            functions[c.spelling] = (native(c.result_type, callbacks),
                                     [native(a.type, callbacks) for a in c.get_arguments()])
        elif c.kind == ci.CursorKind.STRUCT_DECL and c.is_definition():
            fields = []
            for f in c.get_children():
                if f.kind != ci.CursorKind.FIELD_DECL:
                    continue
                t = f.type
                if t.kind == K.CONSTANTARRAY:
                    fields.append((f.spelling, f"Array({t.element_count})", f"Array<{native(t.element_type, callbacks)}>"))
                else:
                    n = native(t, callbacks)
                    if n in DART_OF_NATIVE:
                        fields.append((f.spelling, n, DART_OF_NATIVE[n]))
                    else:
                        fields.append((f.spelling, None, n))
            structs[c.spelling] = fields
        elif c.kind == ci.CursorKind.MACRO_DEFINITION and c.spelling.startswith("TEMPO_"):
            tokens = [t.spelling for t in c.get_tokens()][1:]
            if len(tokens) == 1 and re.fullmatch(r"\d+[uUlL]*", tokens[0]):
                constants[c.spelling] = int(re.sub(r"[uUlL]+$", "", tokens[0]))
            elif c.spelling not in ("TEMPO_API", "TEMPO_H_"):
                raise SystemExit(f"{path}: macro {c.spelling} = {' '.join(tokens)} has no checked Dart form")
    cb = {}
    for name, proto in callbacks.items():
        cb[name] = (native(proto.get_result(), {}), [native(a, {}) for a in proto.argument_types()])
    return functions, structs, constants, cb


def parse_dart(path):
    text = open(path, encoding="utf-8").read()
    code = re.sub(r"//[^\n]*", "", text)
    functions = {}
    for m in re.finditer(r"late final (\w+) = _lib\.lookupFunction<\s*(.+?) Function\((.*?)\),\s*(.+?) Function\((.*?)\)>\('(\w+)'\);",
                         code, re.S):
        field, nret, nargs, dret, dargs, symbol = m.groups()
        functions[symbol] = (field, nret.strip(), split_top(nargs), dret.strip(), split_top(dargs))
    structs = {}
    for m in re.finditer(r"final class (\w+) extends Struct \{(.*?)\n\}", code, re.S):
        fields = []
        for f in re.finditer(r"(?:@(\w+(?:\(\d*\))?)\s*)?external\s+([\w<>, ]+?)\s+(\w+);", m.group(2)):
            ann, typ, name = f.groups()
            if ann is not None and ann.endswith("()"):
                ann = ann[:-2]
            fields.append((name, ann, typ.replace(" ", "")))
        structs[m.group(1)] = fields
    constants = {m.group(1): int(m.group(2)) for m in re.finditer(r"const int (TEMPO_\w+) = (\d+);", code)}
    typedefs = {}
    for m in re.finditer(r"typedef (\w+) = (\w+) Function\((.*?)\);", code, re.S):
        typedefs[m.group(1)] = (m.group(2), split_top(m.group(3)))
    return functions, structs, constants, typedefs


def main():
    header, dart = sys.argv[1], sys.argv[2]
    cf, cs, cc, ccb = parse_header(header)
    df, ds, dc, dtd = parse_dart(dart)
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("MISMATCH:", what)

    check(len(cf) >= 19 and len(cs) >= 8 and len(cc) >= 50, f"header parse found too little: {len(cf)} functions, {len(cs)} structs, {len(cc)} constants")
    for name, (ret, args) in sorted(cf.items()):
        if name not in df:
            check(False, f"function {name} has no Dart binding")
            continue
        field, nret, nargs, dret, dargs = df[name]
        check(field == name, f"{name}: bound as field {field}")
        check(same_native(ret, nret), f"{name}: native return {nret}, header says {ret}")
        check(len(nargs) == len(args), f"{name}: {len(nargs)} native parameters, header has {len(args)}")
        for i, (a, n) in enumerate(zip(args, nargs)):
            check(same_native(a, n), f"{name} parameter {i + 1}: native {n}, header says {a}")
        check(dret == dart_of(nret), f"{name}: Dart return {dret} does not match native {nret}")
        check(len(dargs) == len(nargs), f"{name}: {len(dargs)} Dart parameters, {len(nargs)} native")
        for i, (n, d) in enumerate(zip(nargs, dargs)):
            check(d == dart_of(n), f"{name} parameter {i + 1}: Dart {d} does not match native {n}")
    for name in sorted(set(df) - set(cf)):
        check(False, f"Dart binds {name}, which tempo.h does not declare")

    for name, fields in sorted(cs.items()):
        if name not in ds:
            check(False, f"struct {name} has no Dart class")
            continue
        got = ds[name]
        check([f[0] for f in got] == [f[0] for f in fields],
              f"{name}: Dart fields {[f[0] for f in got]}, header fields {[f[0] for f in fields]}")
        for (fname, ann, typ), (gname, gann, gtyp) in zip(fields, got):
            if fname != gname:
                continue
            check(gann == ann, f"{name}.{fname}: Dart annotation @{gann}, expected @{ann}")
            check(same_native(typ, gtyp), f"{name}.{fname}: Dart type {gtyp}, expected {typ}")
    for name in sorted(set(ds) - set(cs)):
        check(False, f"Dart struct {name} is not in tempo.h")

    for name, value in sorted(cc.items()):
        check(dc.get(name) == value, f"constant {name} = {value} in tempo.h, {dc.get(name)} in Dart")
    for name in sorted(set(dc) - set(cc)):
        check(False, f"Dart constant {name} is not in tempo.h")

    for name, (ret, args) in sorted(ccb.items()):
        td = dtd.get(name + "Function")
        check(td is not None, f"callback type {name} has no Dart typedef {name}Function")
        if td is not None:
            check(td[0] == ret and len(td[1]) == len(args) and all(same_native(a, b) for a, b in zip(args, td[1])),
                  f"callback {name}: Dart {td}, header ({ret}, {args})")

    if len(sys.argv) > 3:
        service = re.sub(r"//[^\n]*", "", open(sys.argv[3], encoding="utf-8").read())
        overrides = sorted(c for c in cc if c.startswith("TEMPO_OVERRIDE_"))
        check(len(overrides) >= 8, f"only {len(overrides)} TEMPO_OVERRIDE_ constants in the header")
        for name in overrides:
            m = re.search(rf"put\(p\.\w+, {name}, \(\w+ v\) => q\.(\w+) =", service)
            check(m is not None, f"{sys.argv[3]} does not set {name} (expected 'put(p.<param>, {name}, (<type> v) => q.<field> = ...')")
            if m:
                fields = [f[0] for f in cs["tempo_search_request"]]
                check(m.group(1) in fields, f"{name} sets q.{m.group(1)}, which tempo_search_request does not have")

    print(f"checked {len(cf)} functions, {len(cs)} structs, {len(cc)} constants, {len(ccb)} callback types")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
