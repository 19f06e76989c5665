"""Imports the `tempo` module for the scripts in this folder.

Uses PYTHONPATH when it already finds the module; otherwise falls back to the
build tree (<repo>/build/python, or $TEMPO_BUILD_DIR/python), so the scripts
run straight after `cmake --build build`.
"""
import os
import sys


def load():
    try:
        import tempo  # noqa: F401
    except ImportError:
        repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        build = os.environ.get("TEMPO_BUILD_DIR", os.path.join(repo, "build"))
        sys.path.insert(0, os.path.join(build, "python"))
        try:
            import tempo  # noqa: F401
        except ImportError as e:
            sys.exit(
                f"cannot import the tempo module ({e}); build it with "
                "`cmake -S . -B build && cmake --build build --target tempo_python` "
                "and run with Debian's /usr/bin/python3, or set PYTHONPATH=build/python"
            )
    import tempo

    return tempo
