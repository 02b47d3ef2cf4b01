"""Fuzzing as a habit (issue 10): every input path, under a CPU limit per input.

Each target draws a ``random.Random`` from Hypothesis and builds one input with the
generators of ``fuzz_inputs.py``; the property is that target's promise (returns or raises
only its located diagnostics; every diagnostic located, catalogued and printable). A hang
fails the test through the CPU limit (``fuzz_cpu.py``) instead of stalling it.

``make test`` runs a short run (RECODE_FUZZ_EXAMPLES, default 150 per target, about a minute
in all); ``make fuzz`` runs long and keeps every input that escapes as a fixture under
``tests/fuzz/regressions/``, which ``test_regression`` replays on every run.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from fuzz_cpu import CpuLimitExceeded, cpu_limit
from fuzz_inputs import GENERATORS, REGRESSIONS, check, load_regression, save_regression
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("RECODE_FUZZ_EXAMPLES", "150"))
SAVE = os.environ.get("RECODE_FUZZ_SAVE") == "1"
CPU_SECONDS = 10.0


def _run(target: str, text: str, tmp: Path, draw: bool) -> None:
    try:
        with cpu_limit(CPU_SECONDS):
            check(target, text, tmp, draw)
    except BaseException:  # an escape of any kind (the CPU limit, a BudgetExceeded) is kept
        if SAVE:
            save_regression(target, text)
        raise


@pytest.mark.parametrize("target", sorted(GENERATORS))
def test_fuzz(target: str, tmp_path: Path) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=not SAVE,
              suppress_health_check=list(HealthCheck))
    @given(st.randoms(use_true_random=False), st.booleans())
    def run(rng: random.Random, draw: bool) -> None:
        _run(target, GENERATORS[target](rng), tmp_path, draw)

    run()


FIXTURES = sorted(p for p in REGRESSIONS.rglob("*") if p.is_file() and not p.name.startswith("."))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_regression(path: Path, tmp_path: Path) -> None:
    """Every input a fuzz run ever found escaping, replayed."""
    target, text = load_regression(path)
    with cpu_limit(CPU_SECONDS):
        check(target, text, tmp_path, draw=True)


def test_the_cpu_limit_stops_a_hang() -> None:
    with pytest.raises(CpuLimitExceeded), cpu_limit(0.2):
        while True:
            pass

