"""Shared test switches: tests marked `dask` need the optional dask extra and skip without it."""

from __future__ import annotations

from importlib.util import find_spec

import pytest

HAVE_DASK = find_spec("distributed") is not None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if HAVE_DASK:
        return
    skip = pytest.mark.skip(reason='needs the dask extra: pip install -e ".[test,dask]"')
    for item in items:
        if item.get_closest_marker("dask"):
            item.add_marker(skip)
