"""The package installs the way a user installs it, offline with Debian's packages only:
`pip install --no-build-isolation .` into a venv, and a wheel (`python3 -m build --wheel
--no-isolation`) that imports in a clean venv, away from the source tree.

The CMake build behind it reuses the build tree the tested module comes from
(TEMPO_CMAKE_BUILD_DIR), so it only packs what is built; setup.py builds a tree
of its own when run without it."""
import os
import re
import shutil
import subprocess
import sys
import zipfile

import pytest

import tempo

REPO = os.environ.get("TEMPO_SOURCE_DIR") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable

pytestmark = pytest.mark.skipif(
    "LD_PRELOAD" in os.environ, reason="sanitizer runs preload their runtimes into every process, compilers included"
)


def build_tree():
    """The CMake tree the imported module was built in (<tree>/python/tempo/_tempo*.so)."""
    tree = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(tempo._tempo.__file__))))
    if not os.path.exists(os.path.join(tree, "CMakeCache.txt")):
        pytest.skip(f"the tempo module does not come from a CMake build tree ({tree})")
    return tree


def run(cmd, cwd, env=None, timeout=900):
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert p.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}"
    return p


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TEMPO_SOURCE_DIR", "PYTHONHOME")}
    env.update(extra)
    return env


CHECK = (
    "import os, sys, tempo; "
    "assert not os.path.exists(os.path.join(os.path.dirname(tempo.__file__), '..', 'CMakeLists.txt')); "
    "p = tempo.Position.start(); r = tempo.search(p, depth=3); "
    "assert r.best_move in p.legal_moves(); assert '<svg' in p._repr_svg_(); "
    "d = os.path.dirname(tempo.__file__); "
    "assert os.path.exists(os.path.join(d, 'py.typed')) and os.path.exists(os.path.join(d, '_tempo.pyi')); "
    "print(tempo.__version__, tempo.__file__)"
)


def readme_install_line():
    """The Python install command README.md gives (the one a user copies)."""
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"\*\*Python\*\*: `([^`]+)`", text)
    assert m, "README.md: no **Python**: `install line`"
    return m.group(1)


def test_install_line_is_one_truth():
    """README.md, ffi/python/README.md and pyproject.toml give the same line, with Debian's interpreter named."""
    line = readme_install_line()
    assert line.startswith("/usr/bin/python3 -m venv --system-site-packages .venv && "), line
    for doc in ("ffi/python/README.md", "pyproject.toml"):
        with open(os.path.join(REPO, doc), encoding="utf-8") as f:
            assert line in f.read(), f"{doc} does not give the install line {line!r}"


def test_missing_wheel_is_one_line(tmp_path):
    """An interpreter without `wheel` (a pyenv/conda python3): setup.py says so in one line."""
    stub = tmp_path / "stub" / "wheel"
    stub.mkdir(parents=True)
    (stub / "__init__.py").write_text("raise ImportError('no wheel here')\n")
    # setuptools before 70.1 has no bdist_wheel of its own; on a newer one hide it too.
    (tmp_path / "stub" / "sitecustomize.py").write_text(
        "import sys\nsys.modules['setuptools.command.bdist_wheel'] = None\n")
    p = subprocess.run([PYTHON, "setup.py", "--version"], cwd=REPO, capture_output=True, text=True, timeout=60,
                       env=clean_env(PYTHONPATH=str(tmp_path / "stub")))
    assert p.returncode != 0, p.stdout
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and "has no 'wheel' package" in lines[0] and "/usr/bin/python3" in lines[0], p.stderr


def test_venv_install_and_wheel(tmp_path):
    if shutil.which("cmake") is None:
        pytest.skip("cmake not installed")
    try:
        import build  # noqa: F401  (python3-build)
    except ImportError:
        pytest.fail("python3-build is not installed (scripts/install-deps.sh installs it)")
    env = clean_env(TEMPO_CMAKE_BUILD_DIR=build_tree())
    src = tmp_path / "src"
    # A copy of the sources (the tracked files of a git checkout, else the tree
    # without build outputs): the test leaves the work tree as it was.
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, text=True)
    if listed.returncode == 0 and listed.stdout:
        for f in filter(None, listed.stdout.split("\0")):
            if os.path.isfile(os.path.join(REPO, f)):
                os.makedirs(src / os.path.dirname(f), exist_ok=True)
                shutil.copy2(os.path.join(REPO, f), src / f)
    else:
        shutil.copytree(REPO, src, ignore=shutil.ignore_patterns("build*", ".git", "dist", "*.egg-info", "__pycache__"))
    # 1. The README's install line, exactly as written, run by a shell in the
    # sources, with PATH as the user has it (here python3 may be pyenv's).
    line = readme_install_line()
    # Offline, as CI is: the environment keeps pip off the network (the line has no dependencies to fetch).
    run(["bash", "-c", line], cwd=src, env=dict(env, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1"))
    venv = src / ".venv"
    p = run([str(venv / "bin/python"), "-c", CHECK], cwd=tmp_path, env=clean_env())
    assert p.stdout.split()[0] == tempo.__version__ and str(venv) in p.stdout
    # 2. A wheel, installed into a clean venv (no system packages), imported away from the sources.
    run([PYTHON, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path / "dist")], cwd=src, env=env)
    wheels = list((tmp_path / "dist").glob("tempo_draughts-*.whl"))
    assert len(wheels) == 1, wheels
    names = zipfile.ZipFile(wheels[0]).namelist()
    for f in ("tempo/__init__.py", "tempo/py.typed", "tempo/_tempo.pyi", "tempo/render.py", "tempo/analysis.py",
              "tempo/pdn_stream.py"):
        assert f in names, f
    assert any(n.startswith("tempo/_tempo.") and n.endswith(".so") for n in names)
    clean = tmp_path / "clean"
    # No pip inside (ensurepip costs seconds): Debian's pip installs into it with --python.
    run([PYTHON, "-m", "venv", "--without-pip", str(clean)], cwd=tmp_path)
    run([PYTHON, "-m", "pip", "--python", str(clean / "bin/python"), "install", "--no-index", "-q", str(wheels[0])],
        cwd=tmp_path, env=clean_env())
    p = run([str(clean / "bin/python"), "-c", "import sys; print(sys.flags.no_site, sys.path)"], cwd=tmp_path,
            env=clean_env())
    assert "dist-packages" not in p.stdout, "the clean venv must not see Debian's packages"
    p = run([str(clean / "bin/python"), "-c", CHECK], cwd=tmp_path, env=clean_env())
    assert str(clean) in p.stdout
