"""Builds the `tempo` package's extension through the project's CMake build.

pyproject.toml holds the metadata; this file adds what setuptools cannot
say there: the version (from CMakeLists.txt's project() line, the one
place it is written) and a build_ext that runs CMake for the extension
target only. Environment:
  TEMPO_CMAKE_BUILD_DIR  an already configured CMake build tree to reuse
                         (e.g. build/): only its tempo_python target is
                         built, so a wheel costs seconds after a build.
                         Default: a Release tree under build-python/.
  TEMPO_CMAKE_ARGS       extra arguments for the CMake configure step.
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = os.path.dirname(os.path.abspath(__file__))


def missing_build_tool():
    """One line saying what this interpreter lacks to build the package, or None.

    pip --no-build-isolation builds with the interpreter's own packages: a
    pyenv or conda python3 has no Debian packages, and without `wheel` (or
    a setuptools that carries bdist_wheel) setuptools only says
    "invalid command 'bdist_wheel'"."""
    try:
        from setuptools.command.bdist_wheel import bdist_wheel  # noqa: F401  (setuptools >= 70.1)
    except ImportError:
        try:
            from wheel.bdist_wheel import bdist_wheel  # noqa: F401,F811
        except ImportError:
            return (f"setup.py: {sys.executable} has no 'wheel' package to build with: use Debian's "
                    f"/usr/bin/python3 (apt install python3-venv python3-setuptools python3-wheel pybind11-dev), "
                    f"or pip install wheel into this environment")
    if shutil.which("cmake") is None:
        return "setup.py: cmake is not installed (Debian: apt install cmake g++ libabsl-dev pybind11-dev)"
    return None


_missing = missing_build_tool()
if _missing:
    sys.exit(_missing)


def project_version():
    with open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8") as f:
        m = re.search(r"project\(\s*Tempo\s+VERSION\s+([0-9.]+)", f.read())
    if not m:
        sys.exit("setup.py: no `project(Tempo VERSION x.y.z` in CMakeLists.txt")
    return m.group(1)


class CMakeBuild(build_ext):
    """Configures (once) and builds the CMake target tempo_python, then copies the extension."""

    def build_extension(self, ext):
        build_dir = os.environ.get("TEMPO_CMAKE_BUILD_DIR")
        if build_dir:
            build_dir = os.path.abspath(build_dir)
            if not os.path.exists(os.path.join(build_dir, "CMakeCache.txt")):
                sys.exit(f"setup.py: TEMPO_CMAKE_BUILD_DIR={build_dir} is not a configured CMake build tree")
        else:
            build_dir = os.path.join(ROOT, "build-python", "cmake")
            if not os.path.exists(os.path.join(build_dir, "CMakeCache.txt")):
                args = [
                    "cmake", "-S", ROOT, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release", "-DBUILD_TESTING=OFF",
                    "-DTEMPO_BUILD_BENCH=OFF", "-DTEMPO_BUILD_PYTHON=ON", f"-DPython_EXECUTABLE={sys.executable}",
                ]
                if shutil.which("ccache"):
                    args += ["-DCMAKE_CXX_COMPILER_LAUNCHER=ccache", "-DCMAKE_C_COMPILER_LAUNCHER=ccache"]
                args += shlex.split(os.environ.get("TEMPO_CMAKE_ARGS", ""))
                subprocess.run(args, check=True)
        jobs = str(os.cpu_count() or 1)
        subprocess.run(["cmake", "--build", build_dir, "--target", "tempo_python", "-j", jobs], check=True)
        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        built = os.path.join(build_dir, "python", "tempo", "_tempo" + suffix)
        if not os.path.exists(built):
            sys.exit(f"setup.py: {built} was not built: the CMake tree was configured for another Python "
                     f"than {sys.executable} (set TEMPO_CMAKE_BUILD_DIR to a tree built for it, or unset it)")
        target = self.get_ext_fullpath(ext.name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(built, target)


setup(
    version=project_version(),
    packages=["tempo"],
    package_dir={"tempo": "ffi/python/tempo"},
    package_data={"tempo": ["py.typed", "_tempo.pyi"]},
    ext_modules=[Extension("tempo._tempo", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    zip_safe=False,
    options={"build": {"build_base": "build-python"}},
)
