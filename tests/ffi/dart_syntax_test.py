#!/usr/bin/python3
"""Parses every .dart file of the Dart package, and every ```dart block of its
README.md, with a real Dart grammar.

There is no Dart SDK here. ast-grep (npm @ast-grep/cli, pinned in
tests/ffi/dart_syntax/package.json, installed by scripts/install-deps.sh)
carries the tree-sitter Dart grammar; its --debug-query=cst prints the
concrete syntax tree of a source text. A file fails when that tree has an
ERROR node, a MISSING node, or a zero-width node (tree-sitter's way of
inserting a missing identifier), or when the tree does not cover the whole
file. The deliberately broken files in tests/ffi/dart_syntax/broken must each
be caught, so a checker that stopped seeing errors fails too.

The package's YAML is checked too (python3-yaml): pubspec.yaml declares a
Flutter FFI plugin (`ffiPlugin: true` on android, ios, linux, macos, windows,
nothing else), with the game's SDK constraints and package:ffi; the example
depends on the plugin by path and on nothing but Flutter and ffi; the
analysis options are the game's strictness. A copy with one platform's
ffiPlugin turned off must be refused, so that check can fail as well.

With the C header and the C library (the last two arguments), the facts
the Dart service states again are held to the C ABI, matched in the Dart
syntax tree ast-grep prints, not in the text: TempoLevel's members are
TEMPO_LEVEL_*'s names in their order; TempoParams' fields are the
TEMPO_OVERRIDE_* fields in bit order; and the app's square rotation is
written once (rotateSquare, `N - square`), mapping every square as the
library's tempo_rotate_square does (called through ctypes). Copies of the
rule elsewhere in lib/ are refused, and the comparison must refuse the rule
mutated to `N - 1 - square`, so the check can fail.

Usage: dart_syntax_test.py AST_GREP PACKAGE_DIR BROKEN_DIR [TEMPO_H LIBTEMPO]
"""
import copy
import ctypes
import os
import re
import subprocess
import sys

try:
    import yaml
except ImportError:  # reported by main(): Debian's python3-yaml is needed
    yaml = None

NODE = re.compile(r"^(\s*)(?:\w+: )?(\S+)(?: (\S+))? \((\d+),(\d+)\)-\((\d+),(\d+)\)\s*$")
MAX_ARG = 120_000  # one argv string may hold 128 KiB on Linux


def dart_files(root):
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if not x.startswith(".") and x != "build")
        for f in sorted(files):
            if f.endswith(".dart"):
                yield os.path.join(d, f)


def readme_blocks(path):
    """(first line number, text) of each ```dart block of a Markdown file."""
    blocks, current, start = [], None, 0
    for number, line in enumerate(open(path, encoding="utf-8").read().split("\n"), 1):
        if current is None and line.strip() == "```dart":
            current, start = [], number + 1
        elif current is not None and line.strip() == "```":
            blocks.append((start, "\n".join(current) + "\n"))
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def problems(ast_grep, path, text=None):
    """Syntax problems of one file as 'line:col: what' strings (1-based)."""
    if text is None:
        text = open(path, encoding="utf-8").read()
    if len(text.encode()) > MAX_ARG:
        return [f"1:1: file too large for the check ({len(text)} bytes > {MAX_ARG})"]
    # The tree is printed before ast-grep complains that a whole file is not
    # one pattern node (exit status 8); the path searched is an empty one.
    out = subprocess.run([ast_grep, "run", "--lang", "dart", "--debug-query=cst", "-p", text, os.devnull],
                         capture_output=True, text=True, timeout=60)
    lines = (out.stdout + out.stderr).splitlines()
    if not lines or lines[0].strip() != "Debug CST:":
        return [f"1:1: ast-grep printed no syntax tree: {(out.stdout + out.stderr)[:300]!r}"]
    found = []
    root = None
    for line in lines[1:]:
        m = NODE.match(line)
        if not m:
            break  # end of the tree
        indent, kind, extra, r0, c0, r1, c1 = m.groups()
        r0, c0, r1, c1 = int(r0), int(c0), int(r1), int(c1)
        if root is None:
            root = (kind, r1)
        where = f"{r0 + 1}:{c0 + 1}"
        if kind == "ERROR":
            found.append(f"{where}: syntax error")
        elif kind == "MISSING":
            found.append(f"{where}: missing {extra or 'token'}")
        elif (r0, c0) == (r1, c1) and len(indent) > 0:
            found.append(f"{where}: missing {kind}")
    if root is None or root[0] != "source_file":
        found.append(f"1:1: the tree's root is {root}, not source_file")
    else:
        last = len(text.rstrip("\n").split("\n")) - 1
        if root[1] < last:
            found.append(f"{root[1] + 1}:1: the tree stops at line {root[1] + 1} of {last + 1}")
    return found


PLATFORMS = {"android", "ios", "linux", "macos", "windows"}
SDK = ">=3.10.3 <4.0.0"  # the game's Dart
FLUTTER = ">=3.38.4"  # the game's Flutter
FFI = "^2.2.0"  # the game's package:ffi


def pubspec_problems(spec):
    """What is wrong with the plugin's parsed pubspec.yaml."""
    found = []
    if spec.get("name") != "tempo":
        found.append(f"name is {spec.get('name')!r}, not 'tempo' (the game depends on that name)")
    env = spec.get("environment") or {}
    if env.get("sdk") != SDK:
        found.append(f"environment.sdk is {env.get('sdk')!r}, not {SDK!r}")
    if env.get("flutter") != FLUTTER:
        found.append(f"environment.flutter is {env.get('flutter')!r}, not {FLUTTER!r}")
    deps = spec.get("dependencies") or {}
    if deps.get("flutter") != {"sdk": "flutter"}:
        found.append("dependencies.flutter is not the Flutter SDK")
    if deps.get("ffi") != FFI:
        found.append(f"dependencies.ffi is {deps.get('ffi')!r}, not {FFI!r}")
    plugin = ((spec.get("flutter") or {}).get("plugin") or {})
    platforms = plugin.get("platforms") or {}
    if set(platforms) != PLATFORMS:
        found.append(f"flutter.plugin.platforms are {sorted(platforms)}, not {sorted(PLATFORMS)}")
    for name, entry in sorted(platforms.items()):
        if entry != {"ffiPlugin": True}:
            found.append(f"flutter.plugin.platforms.{name} is {entry!r}, not {{ffiPlugin: true}} alone")
    return found


def yaml_problems(package):
    """The plugin's pubspec, the example's, and both analysis options."""
    if yaml is None:
        return ["python3-yaml is missing (Debian package python3-yaml; scripts/install-deps.sh)"]
    found = []

    def load(relative):
        path = os.path.join(package, relative)
        try:
            with open(path, encoding="utf-8") as f:
                data = yaml.safe_load(f)
        except (OSError, yaml.YAMLError) as e:
            found.append(f"{relative}: {e}")
            return {}
        if not isinstance(data, dict):
            found.append(f"{relative}: not a mapping")
            return {}
        return data

    spec = load("pubspec.yaml")
    found += [f"pubspec.yaml: {p}" for p in pubspec_problems(spec)]
    broken = copy.deepcopy(spec)
    ((broken.get("flutter") or {}).get("plugin") or {}).get("platforms", {})["ios"] = {"ffiPlugin": False}
    if not pubspec_problems(broken):
        found.append("pubspec check: a copy with ios ffiPlugin false was accepted")

    example = load("example/pubspec.yaml")
    deps = example.get("dependencies") or {}
    if deps.get("tempo") != {"path": "../"}:
        found.append(f"example/pubspec.yaml: dependencies.tempo is {deps.get('tempo')!r}, not {{path: ../}}")
    if set(deps) != {"flutter", "tempo", "ffi"}:
        found.append(f"example/pubspec.yaml: dependencies {sorted(deps)}: only flutter, tempo and ffi")
    if (example.get("environment") or {}).get("sdk") != SDK:
        found.append(f"example/pubspec.yaml: environment.sdk is not {SDK!r}")

    options = load("analysis_options.yaml")
    if options.get("include") != "package:flutter_lints/flutter.yaml":
        found.append("analysis_options.yaml: does not include package:flutter_lints/flutter.yaml")
    analyzer = options.get("analyzer") or {}
    for mode in ("strict-casts", "strict-inference", "strict-raw-types"):
        if (analyzer.get("language") or {}).get(mode) is not True:
            found.append(f"analysis_options.yaml: analyzer.language.{mode} is not true")
    if (analyzer.get("errors") or {}).get("unused_import") != "error":
        found.append("analysis_options.yaml: unused_import is not an error")
    rules = (options.get("linter") or {}).get("rules") or []
    for rule in ("avoid_redundant_argument_values", "directives_ordering", "require_trailing_commas"):
        if rule not in rules:
            found.append(f"analysis_options.yaml: lint {rule} is not enabled")
    if load("example/analysis_options.yaml").get("include") != "../analysis_options.yaml":
        found.append("example/analysis_options.yaml: does not include the plugin's options")
    return found


CST_NODE = re.compile(r"^(\s*)(?:(\w+): )?(\S+)(?: \S+)? \((\d+),(\d+)\)-\((\d+),(\d+)\)\s*$")


class Node:
    """One node of ast-grep's concrete syntax tree, with its source text."""

    def __init__(self, kind, field, start, end, lines):
        self.kind, self.field, self.start, self.end, self.lines, self.children = kind, field, start, end, lines, []

    def text(self):
        (r0, c0), (r1, c1) = self.start, self.end
        if r0 == r1:
            return self.lines[r0][c0:c1]
        return "\n".join([self.lines[r0][c0:]] + self.lines[r0 + 1:r1] + [self.lines[r1][:c1]])

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def named(self, field):
        return next((c for c in self.children if c.field == field), None)


def syntax_tree(ast_grep, path):
    """The file's tree (the root source_file node)."""
    text = open(path, encoding="utf-8").read()
    out = subprocess.run([ast_grep, "run", "--lang", "dart", "--debug-query=cst", "-p", text, os.devnull],
                         capture_output=True, text=True, timeout=60)
    lines, stack, root = text.split("\n"), [], None
    for line in (out.stdout + out.stderr).splitlines()[1:]:
        m = CST_NODE.match(line)
        if not m:
            break
        indent, field, kind, r0, c0, r1, c1 = m.groups()
        node = Node(kind, field, (int(r0), int(c0)), (int(r1), int(c1)), lines)
        depth = len(indent) // 2
        del stack[depth:]
        if stack:
            stack[-1].children.append(node)
        else:
            root = node
        stack.append(node)
    return root


def declared(root, kind, name):
    """The declaration of `kind` called `name` (a function: its signature's name)."""
    for n in root.walk():
        if n.kind == kind:
            label = n.named("name") or (n.named("signature") and n.named("signature").named("name"))
            if label is not None and label.text() == name:
                return n
    return None


def header_facts(header):
    """TEMPO_LEVEL_* names by value, and the override fields by bit."""
    text = open(header, encoding="utf-8").read()
    levels = sorted((int(v), n.lower()) for n, v in re.findall(r"^#define TEMPO_LEVEL_(\w+) (\d+)", text, re.M))
    overrides = sorted((int(v), f) for v, f in re.findall(r"^#define TEMPO_OVERRIDE_\w+ (\d+) +/\* (\w+)", text, re.M))
    return [n for _, n in levels], [f for _, f in overrides]


def rotation_problems(ast_grep, package, rotate):
    """The rotation rule: written once in the package, as the library computes it."""
    board = os.path.join(package, "lib", "src", "board.dart")
    fn = declared(syntax_tree(ast_grep, board), "function_declaration", "rotateSquare")
    if fn is None:
        return [f"{os.path.relpath(board)}: no function rotateSquare"]
    rule = [n.text() for n in fn.walk() if n.kind == "additive_expression"]
    m = re.fullmatch(r"(\d+) - square", rule[0]) if len(rule) == 1 else None
    if m is None:
        return [f"rotateSquare: expected one 'N - square', found {rule}"]
    n = int(m.group(1))
    found = []
    for mutated in (n, n - 1):  # the rule as written, then a wrong one the check must refuse
        wrong = [s for s in range(1, 51) if mutated - s != rotate(s)]
        if mutated == n and wrong:
            found.append(f"rotateSquare gives {n} - s, tempo_rotate_square differs at squares {wrong[:5]}")
        if mutated != n and not wrong:
            found.append(f"the rotation check accepted {mutated} - square")
    for path in dart_files(os.path.join(package, "lib")):
        for e in syntax_tree(ast_grep, path).walk():
            if e.kind == "additive_expression" and re.match(rf"{n}\s*-", e.text()) and not (
                    path == board and fn.start <= e.start and e.end <= fn.end):
                found.append(f"{os.path.relpath(path)}:{e.start[0] + 1}: {e.text()!r} repeats the rotation: "
                             "call rotateSquare")
    return found


def abi_problems(ast_grep, package, header, library):
    """Dart's levels, parameters and rotation against the C ABI."""
    levels, overrides = header_facts(header)
    service = syntax_tree(ast_grep, os.path.join(package, "lib", "src", "tempo_ai.dart"))
    found = []
    if len(levels) != 4 or len(overrides) < 10:
        found.append(f"tempo.h: found levels {levels} and override fields {overrides}: too few")
    enum = declared(service, "enum_declaration", "TempoLevel")
    members = [e.named("name").text() for e in enum.walk() if e.kind == "enum_entry"] if enum else []
    if members != levels:
        found.append(f"TempoLevel is {members}, tempo.h's TEMPO_LEVEL_* are {levels}")
    cls = declared(service, "class_declaration", "TempoParams")
    fields = []
    for d in (cls.walk() if cls else []):
        if d.kind == "declaration" and any(c.kind == "final" for c in d.children):
            for i in d.walk():
                if i.kind == "initialized_identifier":
                    fields.append(re.sub(r"([A-Z])", r"_\1", i.named("name").text()).lower())
    if fields != overrides:
        found.append(f"TempoParams' fields are {fields}, tempo.h's override bits {overrides}")
    lib = ctypes.CDLL(library)
    out = ctypes.c_int32()

    def rotate(square):
        if lib.tempo_rotate_square(ctypes.c_int32(square), ctypes.byref(out)) != 0:
            raise RuntimeError(f"tempo_rotate_square({square}) failed")
        return out.value

    found += rotation_problems(ast_grep, package, rotate)
    return found


def main():
    ast_grep, package, broken = sys.argv[1:4]
    if not os.access(ast_grep, os.X_OK):
        print(f"no ast-grep at {ast_grep}: run scripts/install-deps.sh (npm ci in tests/ffi/dart_syntax)")
        return 1
    failed = 0
    files = list(dart_files(package))
    if len(files) < 5:
        print(f"only {len(files)} .dart files under {package}")
        return 1
    for path in files:
        for p in problems(ast_grep, path):
            print(f"{os.path.relpath(path)}:{p}")
            failed += 1
    readme = os.path.join(package, "README.md")
    blocks = readme_blocks(readme)
    if not blocks:
        print(f"{readme}: no ```dart blocks")
        failed += 1
    for first, text in blocks:
        for p in problems(ast_grep, readme, text):
            line, rest = p.split(":", 1)
            print(f"{os.path.relpath(readme)}:{first + int(line) - 1}:{rest}")
            failed += 1
    for p in yaml_problems(package):
        print(f"{os.path.relpath(package)}/{p}")
        failed += 1
    if len(sys.argv) > 5:
        for p in abi_problems(ast_grep, package, sys.argv[4], sys.argv[5]):
            print(f"{os.path.relpath(package)}: {p}")
            failed += 1
    bad = sorted(os.path.join(broken, f) for f in os.listdir(broken) if f.endswith(".dart"))
    for path in bad:
        if not problems(ast_grep, path):
            print(f"{os.path.relpath(path)}: deliberately broken, yet the check found no error")
            failed += 1
    print(f"parsed {len(files)} Dart files, {len(blocks)} README blocks, 4 YAML files "
          f"and {len(bad)} broken files: {failed} problems")
    return 1 if failed or not bad else 0


if __name__ == "__main__":
    sys.exit(main())
