"""Fixtures shared across the test tree."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

Golden = Callable[[Path, str], None]


def _check_golden(path: Path, actual: str) -> None:
    """Compare with ``path.expected``, or write it when RECODE_REGEN=1."""
    expected = path.with_suffix(".expected")
    if os.environ.get("RECODE_REGEN") == "1":
        expected.write_text(actual, encoding="utf-8")
    assert expected.exists(), f"{expected} is missing; run with RECODE_REGEN=1 to create it"
    assert actual == expected.read_text(encoding="utf-8"), f"{path.name}: output differs (RECODE_REGEN=1 updates it)"


@pytest.fixture()
def golden() -> Golden:
    """The golden-file check of the stage fixtures (tests/fixtures/<stage>/)."""
    return _check_golden
