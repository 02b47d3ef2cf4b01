"""Fixtures of the interop tests."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest


@pytest.fixture(scope="session")
def chart_bench() -> ModuleType:
    """tests/interop/chart_bench.py: drives the shared make_charts.py (loaded by path: tests are no package)."""
    spec = importlib.util.spec_from_file_location("chart_bench", Path(__file__).with_name("chart_bench.py"))
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod
