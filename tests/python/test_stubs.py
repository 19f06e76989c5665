"""tempo.pyi matches the module: every public name in one is in the other, and docstrings exist."""
import ast
import os

import tempo

STUB_ONLY = {"enum", "sys", "Any", "Callable", "Dict", "List", "Optional", "Tuple", "Union", "Buffer", "MoveLike"}
ENUM_BUILTINS = {"name", "value"}


def stub_tree():
    path = os.path.join(os.path.dirname(os.path.abspath(tempo.__file__)), "tempo.pyi")
    assert os.path.exists(path), "tempo.pyi must sit next to the module"
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


def test_module_level_names_match():
    tree = stub_tree()
    stub = public(names_in(tree.body)) - STUB_ONLY
    module = public(dir(tempo))
    assert module <= stub, f"only in module: {module - stub}"
    if hasattr(tempo, "search") and hasattr(tempo, "Game"):  # a full build
        assert stub <= module, f"only in stub: {stub - module}"


def test_class_members_match():
    for node in stub_tree().body:
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(tempo, node.name, None)
        if cls is None:
            continue  # checked by test_module_level_names_match
        stub = public(names_in(node.body))
        module = public(vars(cls)) - ENUM_BUILTINS
        assert stub == module, f"{node.name}: only in stub: {stub - module}; only in module: {module - stub}"


def test_docstrings():
    assert tempo.__doc__
    for name in ("Position", "Move", "Game", "search", "perft", "read_pdn", "table_info"):
        if hasattr(tempo, name):
            assert getattr(tempo, name).__doc__, name
