"""The fuzz tests' helpers (fuzz_inputs.py, cpu.py) sit beside them: make them importable
(the suite runs with --import-mode=importlib, which adds no test folder to sys.path)."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)
