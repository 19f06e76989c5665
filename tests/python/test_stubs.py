"""The package's typing and documentation: tempo/_tempo.pyi matches the extension,
py.typed ships, and every public class, function and property has a docstring."""
import ast
import inspect
import os
import re

import tempo
from tempo import _tempo

STUB_ONLY = {"enum", "mmap", "os", "sys", "Any", "Callable", "Dict", "List", "Optional", "Tuple", "Union", "Buffer", "MoveLike"}
ENUM_BUILTINS = {"name", "value"}
PACKAGE_DIR = os.path.dirname(os.path.abspath(tempo.__file__))


def stub_tree():
    path = os.path.join(PACKAGE_DIR, "_tempo.pyi")
    assert os.path.exists(path), "_tempo.pyi must sit next to the extension"
    with open(path, encoding="utf-8") as f:
        return ast.parse(f.read())


def names_in(body):
    out = set()
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            out.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            out.add(node.target.id)
        elif isinstance(node, ast.Assign):
            out.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return out


def public(names):
    return {n for n in names if not n.startswith("_")}


def test_package_is_typed():
    assert os.path.exists(os.path.join(PACKAGE_DIR, "py.typed"))
    assert re.fullmatch(r"\d+\.\d+\.\d+", tempo.__version__)
    assert tempo.__version__ == _tempo.__version__


def test_module_level_names_match():
    tree = stub_tree()
    stub = public(names_in(tree.body)) - STUB_ONLY
    module = public(dir(_tempo))
    assert module <= stub, f"only in module: {module - stub}"
    if hasattr(_tempo, "search") and hasattr(_tempo, "Game"):  # a full build
        assert stub <= module, f"only in stub: {stub - module}"
    # The package re-exports every name of the extension.
    assert module <= set(dir(tempo))
    assert set(tempo.__all__) <= set(dir(tempo))


def test_class_members_match():
    for node in stub_tree().body:
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(_tempo, node.name, None)
        if cls is None:
            continue  # checked by test_module_level_names_match
        stub = public(names_in(node.body))
        module = public(vars(cls)) - ENUM_BUILTINS
        assert stub == module, f"{node.name}: only in stub: {stub - module}; only in module: {module - stub}"


def described(obj):
    """True when a docstring says more than pybind11's generated signature line(s)."""
    doc = inspect.getdoc(obj) or ""
    lines = [line for line in doc.splitlines() if line.strip()]
    name = getattr(obj, "__name__", "")
    prose = [line for line in lines if not (name and re.match(rf"\s*(\d+\.\s*)?{re.escape(name)}\(.*\)( -> .*)?$", line))]
    prose = [line for line in prose if line.strip() != "Overloaded function."]
    return bool(prose)


def missing_docstrings():
    missing = []
    for name in tempo.__all__:
        obj = getattr(tempo, name)
        if inspect.ismodule(obj):
            if not described(obj):
                missing.append(name)
            for sub in getattr(obj, "__all__", []):
                if not described(getattr(obj, sub)):
                    missing.append(f"{name}.{sub}")
            continue
        if not (inspect.isclass(obj) or callable(obj)):
            continue  # constants (TABLE_MIN_BYTES, PARAMS) are documented in the stubs and the module doc
        if not described(obj):
            missing.append(name)
        if not inspect.isclass(obj):
            continue
        enum_values = set(getattr(obj, "__members__", {}))
        for member, value in vars(obj).items():
            if member.startswith("_") or member in enum_values or member in ENUM_BUILTINS:
                continue
            if isinstance(value, property):
                if not described(value):
                    missing.append(f"{name}.{member}")
            elif callable(value) or isinstance(value, (staticmethod, classmethod)):
                target = getattr(obj, member)
                if not described(target):
                    missing.append(f"{name}.{member}")
    return missing


def test_every_public_name_has_a_docstring():
    assert described(tempo) and described(_tempo)
    assert missing_docstrings() == []


def test_help_search_explains_limits_levels_table_and_result():
    doc = tempo.search.__doc__
    for words in ("depth", "movetime_ms", "nodes", "time_left_ms", "'easy'", "'expert'", "seed", "TABLE_MIN_BYTES",
                  "reused", "tt_reason", "read-only", "best_move", "win_in", "score_text", "CancelToken", "on_info",
                  "ValueError"):
        assert words in doc, words
    for spec in tempo.PARAMS:
        assert spec["field"] in doc, spec["field"]
