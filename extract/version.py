"""The package's version, from one source: pyproject.toml's `version`.

Installed (`pip install career-extract`, or `pip install -e .` in a checkout), it is read
from the distribution's metadata (importlib.metadata). Run from a source checkout that was
never installed, it is read from the pyproject.toml beside the package; failing both, it is
"0+unknown". `extract.__version__` and `extract --version` both come from here.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

DIST_NAME = "career-extract"
"""The name the package is installed under (`extract` is taken on PyPI); the command and import stay `extract`."""
UNKNOWN_VERSION = "0+unknown"


@functools.cache
def package_version() -> str:
    """The installed distribution's version, else the source checkout's pyproject.toml version."""
    from importlib.metadata import PackageNotFoundError, version  # lazy: ~50 ms, only --version needs it

    try:
        return version(DIST_NAME)
    except PackageNotFoundError:
        return checkout_version(Path(__file__).resolve().parent.parent / "pyproject.toml")


def checkout_version(pyproject: Path) -> str:
    """The version a source checkout's pyproject.toml gives this distribution, else UNKNOWN_VERSION."""
    import tomllib  # lazy: only a checkout that was never installed reads its pyproject.toml

    try:
        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        return UNKNOWN_VERSION
    found = project.get("version") if project.get("name") == DIST_NAME else None
    return found if isinstance(found, str) and found else UNKNOWN_VERSION


def __getattr__(name: str) -> Any:
    if name == "__version__":  # computed on first use (PEP 562), like the package's other names
        return package_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
