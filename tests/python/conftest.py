"""pytest setup: find the tempo module (PYTHONPATH, else <repo>/build/python) and the data folder."""
import os
import sys

import pytest

REPO = os.environ.get("TEMPO_SOURCE_DIR") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

try:
    import tempo  # noqa: F401
except ImportError:
    sys.path.insert(0, os.path.join(os.environ.get("TEMPO_BUILD_DIR", os.path.join(REPO, "build")), "python"))
    import tempo  # noqa: F401


@pytest.fixture(scope="session")
def repo():
    return REPO


@pytest.fixture(scope="session")
def games_dir(repo):
    return os.path.join(repo, "data", "games")
