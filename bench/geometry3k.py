"""Run the Geometry3K benchmark by hand: ``python bench/geometry3k.py [FILE.jsonl] [options]``.

The same code as ``recode-dsl bench geometry3k``; FILE defaults to the shared val split.
Example: ``.venv/bin/python bench/geometry3k.py --jobs 2 --timeout 5 --json build/g3k_val.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from recode_dsl.cli import main

DEFAULT = str(Path(__file__).resolve().parents[2] / "shared" / "data" / "geometry3k" / "val.jsonl")


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        args = [DEFAULT, *args]
    sys.exit(main(["bench", "geometry3k", *args]))
