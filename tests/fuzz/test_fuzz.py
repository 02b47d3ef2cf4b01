"""Fuzzing as a habit (issue 10): every input path, under a CPU limit per input.

Each target draws a ``random.Random`` from Hypothesis and builds one input with the
generators of ``fuzz_inputs.py``; the property is that target's promise (returns or raises
only its located diagnostics; every diagnostic located, catalogued and printable). A hang
fails the test through the CPU limit (``fuzz_cpu.py``) instead of stalling it; a hang inside C
code, which the limit's signal cannot interrupt, ends the run through the backstop
(``hard_stop``) with the stack of the place.

``make test`` runs a short run (RECODE_FUZZ_EXAMPLES, default 150 per target, about a minute
in all); ``make fuzz`` runs long and keeps every input that escapes as a fixture under
``tests/fuzz/regressions/``, which ``test_regression`` replays on every run.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from fuzz_cpu import CpuLimitExceeded, cpu_limit, hard_stop
from fuzz_inputs import GENERATORS, REGRESSIONS, check, load_regression, save_regression
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("RECODE_FUZZ_EXAMPLES", "150"))
SAVE = os.environ.get("RECODE_FUZZ_SAVE") == "1"
CPU_SECONDS = 10.0


def _run(target: str, text: str, tmp: Path, draw: bool) -> None:
    try:
        with hard_stop(), cpu_limit(CPU_SECONDS):
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
    with hard_stop(), cpu_limit(CPU_SECONDS):
        check(target, text, tmp_path, draw=True)


def test_the_cpu_limit_stops_a_hang() -> None:
    with pytest.raises(CpuLimitExceeded), cpu_limit(0.2):
        while True:
            pass



def test_the_backstop_ends_a_hang_inside_c() -> None:
    """A wait inside C (libc's ``sleep`` through ctypes) burns no CPU and runs no Python, so the
    CPU limit never fires; the backstop ends the process with status 1 and the stack of the place."""
    code = (
        "import ctypes, sys; sys.path.insert(0, sys.argv[1]); from fuzz_cpu import cpu_limit, hard_stop\n"
        "with hard_stop(1.0), cpu_limit(0.2):\n"
        "    ctypes.CDLL(None).sleep(60)\n"
        "print('returned')\n"
    )
    run = subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent)],
                         capture_output=True, text=True, timeout=50)
    assert run.returncode == 1
    assert "returned" not in run.stdout
    assert "Timeout" in run.stderr and 'File "<string>", line 3' in run.stderr
