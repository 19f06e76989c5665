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

Usage: dart_syntax_test.py AST_GREP PACKAGE_DIR BROKEN_DIR
"""
import copy
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
