"""Every interface takes the level parameters from one schema (search/params.h,
seen here as tempo.PARAMS): for every parameter, the boundary values and the
values just outside them are accepted or refused alike by the Python keyword,
the C ABI override, the Hub's set-param and the `tempo analyse` flag; and the
ranges written in tempo.h, the Dart service and tempo/_tempo.pyi are the schema's.

The program and the library come from TEMPO_BINARY / TEMPO_LIBRARY (ctest
sets both), else from <repo>/build.
"""
import ctypes as C
import importlib.util
import math
import os
import re
import subprocess
import sys

import pytest

import tempo

REPO = os.environ.get("TEMPO_SOURCE_DIR") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("TEMPO_BUILD_DIR", os.path.join(REPO, "build"))
BINARY = os.environ.get("TEMPO_BINARY", os.path.join(BUILD, "tempo"))
LIBRARY = os.environ.get("TEMPO_LIBRARY", os.path.join(BUILD, "libtempo.so"))
sys.path.insert(0, os.path.join(REPO, "tests", "cli"))
from engine_pipe import Engine  # noqa: E402


def cases(p):
    """(value, in range?) at and just beyond each end of the range."""
    if p["type"] == "bool":
        return [(True, True), (False, True)]
    lo, hi = p["min"], p["max"]
    if p["type"] == "int":
        return [(lo, True), (hi, True), (lo - 1, False), (hi + 1, False)]
    return [(lo, True), (hi, True), (math.nextafter(lo, -math.inf), False), (math.nextafter(hi, math.inf), False)]


def text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)  # a float's repr reads back as the same double


ALL_CASES = [(p, v, ok) for p in tempo.PARAMS for v, ok in cases(p)]
IDS = [f"{p['field']}={text(v)}" for p, v, _ in ALL_CASES]


def test_schema_is_sane():
    names = [p["field"] for p in tempo.PARAMS]
    assert names == ["max_depth", "time_limit_ms", "eval_noise", "blunder_probability", "blunder_margin",
                     "feature_scale", "use_table", "use_killers", "threads", "fresh_table", "max_nodes",
                     "blunder_depth", "capture_horizon", "strength", "book", "book_variety"]
    for i, p in enumerate(tempo.PARAMS):
        assert p["override_bit"] == 1 << i
        assert p["min"] <= p["max"]
        for level, v in p["levels"].items():
            assert p["min"] <= v <= p["max"], (p["field"], level)


# ---------------------------------------------------------------- Python
@pytest.mark.parametrize("p,value,ok", ALL_CASES, ids=IDS)
def test_python_keyword(p, value, ok):
    pos = tempo.Position.start()
    if ok:
        tempo.search(pos, depth=1, **{p["field"]: value})
    else:
        with pytest.raises(ValueError, match=p["field"]):
            tempo.search(pos, depth=1, **{p["field"]: value})


def test_python_wrong_kinds():
    pos = tempo.Position.start()
    for p in tempo.PARAMS:
        with pytest.raises(TypeError):
            tempo.search(pos, depth=1, **{p["field"]: "maybe"})
    with pytest.raises(TypeError, match="no_such_param"):
        tempo.search(pos, depth=1, no_such_param=1)


# ---------------------------------------------------------------- C ABI
@pytest.fixture(scope="module")
def cabi():
    if not os.path.exists(LIBRARY):
        pytest.skip(f"no {LIBRARY}")
    spec = importlib.util.spec_from_file_location("ctypes_test", os.path.join(REPO, "tests", "ffi", "ctypes_test.py"))
    mirror = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mirror)  # the struct mirrors; its main() does not run
    lib = C.CDLL(LIBRARY)
    fn = lib.tempo_search
    fn.restype, fn.argtypes = mirror.SIGNATURES["tempo_search"]
    start = mirror.sized(mirror.Position)
    assert lib.tempo_position_start(C.byref(start)) == 0
    return mirror, fn, start


@pytest.mark.parametrize("p,value,ok", ALL_CASES, ids=IDS)
def test_c_override(cabi, p, value, ok):
    mirror, search, start = cabi
    req = mirror.sized(mirror.SearchRequest)
    req.level = 3
    req.start = C.pointer(start)
    req.move_size = C.sizeof(mirror.Move)
    req.depth = 1
    req.overrides = p["override_bit"]
    setattr(req, p["field"], int(value) if p["type"] != "real" else value)
    result = mirror.sized(mirror.SearchResult)
    err = C.create_string_buffer(200)
    status = search(C.byref(req), None, 0, C.byref(result), err, 200)
    if ok:
        assert status == mirror.OK, err.value
    else:
        assert status == mirror.INVALID_ARGUMENT and p["field"].encode() in err.value, (status, err.value)


# ---------------------------------------------------------------- Hub
@pytest.fixture(scope="module")
def hub():
    if not os.path.exists(BINARY):
        pytest.skip(f"no {BINARY}")
    e = Engine([BINARY, "hub"])
    e.send("hub")
    announced = {}
    while True:
        line = e.read()
        if line == "wait":
            break
        if line.startswith("param "):
            fields = dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)
            announced[fields["name"]] = fields
    yield e, announced
    e.send("quit")
    e.close()


def test_hub_announces_the_schema(hub):
    _, announced = hub
    for p in tempo.PARAMS:
        a = announced[p["name"]]
        assert a["type"] == p["type"]
        # The Hub starts at full strength: Expert's values, the book's best move.
        start = 0 if p["field"] == "book_variety" else p["levels"]["expert"]
        assert a["value"] == text(start) or float(a["value"]) == start
        if p["type"] != "bool":
            assert float(a["min"]) == p["min"] and float(a["max"]) == p["max"], a


def hub_accepts(e, name, value_text):
    e.send(f"set-param name={name} value={value_text}")
    e.send("ping")
    errors = []
    while True:
        line = e.read()
        if line == "pong":
            return not errors, errors
        errors.append(line)


@pytest.mark.parametrize("p,value,ok", ALL_CASES, ids=IDS)
def test_hub_set_param(hub, p, value, ok):
    e, _ = hub
    accepted, lines = hub_accepts(e, p["name"], text(value))
    assert accepted == ok, lines
    if not ok:
        assert p["name"] in lines[0], lines


def test_hub_wrong_kinds(hub):
    e, _ = hub
    for p in tempo.PARAMS:
        assert hub_accepts(e, p["name"], "maybe")[0] is False, p["name"]


# ---------------------------------------------------------------- CLI
def analyse(flag_text):
    if not os.path.exists(BINARY):
        pytest.skip(f"no {BINARY}")
    return subprocess.run([BINARY, "analyse", "--depth", "1", "--tt-mb", "0", flag_text], capture_output=True,
                          text=True, timeout=60)


@pytest.mark.parametrize("p,value,ok", ALL_CASES, ids=IDS)
def test_analyse_flag(p, value, ok):
    r = analyse(f"--{p['name']}={text(value)}")
    if ok:
        assert r.returncode == 0 and "bestmove" in r.stdout, r.stderr
    else:
        assert r.returncode == 2 and f"--{p['name']}" in r.stderr, (r.returncode, r.stderr)


def test_analyse_help_lists_the_schema():
    if not os.path.exists(BINARY):
        pytest.skip(f"no {BINARY}")
    out = subprocess.run([BINARY, "analyse", "--help"], capture_output=True, text=True, timeout=30).stdout
    def number(v):
        return str(int(v)) if float(v).is_integer() else repr(v)

    for p in tempo.PARAMS:
        rng = "true|false" if p["type"] == "bool" else f"{number(p['min'])}..{number(p['max'])}"
        assert f"--{p['name']}={rng}" in out, out
    assert "--tt-mb" in out and "tt_mb" not in out, out


# ---------------------------------------------------------------- written ranges
def written_range(path, pattern):
    with open(os.path.join(REPO, path), encoding="utf-8") as f:
        m = re.search(pattern, f.read())
    assert m, f"{path}: no range matching {pattern!r}"
    return float(m.group(1)), float(m.group(2))


def camel(field):
    head, *rest = field.split("_")
    return head + "".join(w.capitalize() for w in rest)


@pytest.mark.parametrize("p", [p for p in tempo.PARAMS if p["type"] != "bool"], ids=lambda p: p["field"])
def test_documented_ranges(p):
    num = r"(-?[\d.]+)\.\.(-?[\d.]+)"
    expected = (p["min"], p["max"])
    assert written_range("ffi/include/tempo.h", rf"\b{p['field']};\s*/\*\s*{num}") == expected
    assert written_range("ffi/dart/lib/src/tempo_ai.dart", rf"\b{camel(p['field'])};\s*//\s*{num}") == expected
    assert written_range("ffi/python/tempo/_tempo.pyi", rf"\b{p['field']} {num}") == expected


# ---------------------------------------------------------------- limits
# The limits of a search (tempo.LIMITS, search/params.h's kLimitSpecs): a
# given value is accepted or refused alike by the Python keyword, the C ABI
# field, the Hub (`level`, times in seconds; multipv through set-param) and
# the `tempo analyse` flag. (0 is how the C ABI and the CLI say "not given":
# test_limit_not_given.)
def limit_cases(lim):
    return [(lim["min"], True), (lim["max"], True), (lim["max"] + 1, False), (-1, False)]


LIMIT_CASES = [(lim, v, ok) for lim in tempo.LIMITS for v, ok in limit_cases(lim)]
LIMIT_IDS = [f"{lim['field']}={v}" for lim, v, _ in LIMIT_CASES]


def bounded(field):
    """Another limit that keeps the search short, whatever `field` asks."""
    return {"nodes": 2000} if field == "depth" else {"depth": 1}


def test_limits_schema():
    assert [lim["field"] for lim in tempo.LIMITS] == ["depth", "movetime_ms", "nodes", "time_left_ms",
                                                      "increment_ms", "moves_to_go", "multipv"]
    header = open(os.path.join(REPO, "ffi", "include", "tempo.h")).read()
    for lim in tempo.LIMITS:
        if lim["field"] in ("nodes", "multipv"):
            continue  # written as 2^50 and TEMPO_MAX_MULTIPV
        assert re.search(rf"\b{lim['field']};\s*/\* {lim['min']}\.\.{lim['max']}\b", header), lim["field"]


@pytest.mark.parametrize("lim,value,ok", LIMIT_CASES, ids=LIMIT_IDS)
def test_python_limit(lim, value, ok):
    pos = tempo.Position.start()
    kwargs = {**bounded(lim["field"]), lim["field"]: value}
    if lim["field"] == "moves_to_go":
        kwargs["time_left_ms"] = 60000
    if ok:
        tempo.search(pos, **kwargs)
    else:
        with pytest.raises(ValueError, match=lim["field"]):
            tempo.search(pos, **kwargs)


@pytest.mark.parametrize("lim,value,ok", LIMIT_CASES, ids=LIMIT_IDS)
def test_c_limit(cabi, lim, value, ok):
    mirror, search, start = cabi
    req = mirror.sized(mirror.SearchRequest)
    req.level = 3
    req.start = C.pointer(start)
    req.move_size = C.sizeof(mirror.Move)
    for k, v in bounded(lim["field"]).items():
        setattr(req, k, v)
    if lim["field"] == "nodes" and value < 0:
        value = 2**64 - 1  # the field is unsigned: the largest value stands for "beyond the range"
    setattr(req, lim["field"], value)
    result = mirror.sized(mirror.SearchResult)
    err = C.create_string_buffer(200)
    status = search(C.byref(req), None, 0, C.byref(result), err, 200)
    if ok:
        assert status == mirror.OK, err.value
    else:
        assert status == mirror.INVALID_ARGUMENT and lim["field"].encode() in err.value, (status, err.value)


@pytest.mark.parametrize("lim,value,ok", LIMIT_CASES, ids=LIMIT_IDS)
def test_hub_limit(hub, lim, value, ok):
    e, _ = hub
    if lim["field"] == "multipv":
        line = f"set-param name=multipv value={value}"
    else:
        shown = repr(value / 1000) if lim["field"].endswith("_ms") else str(value)
        extra = " time=60" if lim["hub"] in ("inc", "moves") else ""
        keep = " nodes=2000" if lim["field"] == "depth" else " depth=1"
        line = f"level{keep}{extra} {lim['hub']}={shown}"
    e.send(line)
    e.send("ping")
    errors = []
    while (reply := e.read()) != "pong":
        errors.append(reply)
    assert (not errors) == ok, (line, errors)
    if not ok:
        assert lim["hub"] in errors[0], errors


@pytest.mark.parametrize("lim,value,ok", [c for c in LIMIT_CASES if c[0]["flag"]],
                         ids=[i for c, i in zip(LIMIT_CASES, LIMIT_IDS) if c[0]["flag"]])
def test_analyse_limit(lim, value, ok):
    if not os.path.exists(BINARY):
        pytest.skip(f"no {BINARY}")
    keep = ["--nodes", "2000"] if lim["flag"] == "depth" else ["--depth", "1"]
    r = subprocess.run([BINARY, "analyse", "--tt-mb", "0", *keep, f"--{lim['flag']}={value}"],
                       capture_output=True, text=True, timeout=60)
    if ok:
        assert r.returncode == 0 and "bestmove" in r.stdout, r.stderr
    else:
        assert r.returncode == 2 and f"--{lim['flag']}" in r.stderr, (r.returncode, r.stderr)


def test_analyse_help_shows_limit_ranges():
    if not os.path.exists(BINARY):
        pytest.skip(f"no {BINARY}")
    out = subprocess.run([BINARY, "analyse", "--help"], capture_output=True, text=True, timeout=30).stdout
    for lim in tempo.LIMITS:
        if lim["flag"]:
            assert f"--{lim['flag']}={lim['min']}..{lim['max']}" in out, out


def test_limit_not_given(cabi):
    """Not given: None in Python (0 is a value there, and out of range), 0 in
    the C ABI's zero-filled request and as a CLI flag's default."""
    pos = tempo.Position.start()
    assert tempo.search(pos, depth=1, nodes=None, movetime_ms=None).depth == 1
    with pytest.raises(ValueError, match="nodes"):
        tempo.search(pos, depth=1, nodes=0)
    mirror, search, start = cabi
    req = mirror.sized(mirror.SearchRequest)
    req.level, req.start, req.move_size, req.depth = 3, C.pointer(start), C.sizeof(mirror.Move), 1
    result = mirror.sized(mirror.SearchResult)
    assert search(C.byref(req), None, 0, C.byref(result), None, 0) == mirror.OK and result.depth == 1
    if os.path.exists(BINARY):
        r = subprocess.run([BINARY, "analyse", "--tt-mb", "0", "--depth", "1", "--nodes", "0", "--movetime", "0"],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 0 and "bestmove" in r.stdout, r.stderr
