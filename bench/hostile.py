"""Hostile inputs are refused fast (issue 10 goal: every one in under 1 s of CPU).

Run: ``.venv/bin/python bench/hostile.py [--runs N]``. Each case is one input of issue 10 (and
a few more of the same kinds), run in this process after one warm-up run of the same case
(imports and caches are not what is measured); the table gives the CPU time (user + system,
``time.process_time``) beside the wall time, the median of N runs, and what the input got.
Nothing here is a unit test: the numbers are for the README.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import recode_dsl
from recode_dsl.errors import RecodeError

GOAL_CPU_S = 1.0


def _doubling(n: int, start: str = "length(A, B)", ask: str = "v{n}") -> str:
    lets = "".join(f"let v{i} = v{i - 1} + v{i - 1}\n" for i in range(1, n + 1))
    return f"figure\npoint A = (0, 0), B = (1, 0)\nlet v0 = {start}\n{lets}ask {ask.format(n=n)}\n"


PROGRAMS: dict[str, str] = {
    "let doubling, 59 levels": _doubling(59),
    "let doubling, 16 levels": _doubling(16),
    "regions doubled, 12 levels": _doubling(12, "circle(A, 1)", "area(v{n})"),
    "100,000 open brackets": "figure\nask " + "(" * 100_000 + "\n",
    "int literal of 4,400 digits": "figure\nask " + "9" * 4400 + "\n",
    "decimal of 100,000 digits": "figure\nask 0." + "1" * 100_000 + "\n",
    "value_axis(0, (10^12)^64)": 'chart bar\ncategories("a")\nseries("S", [1])\nvalue_axis(0, (10^12)^64)\n',
    "coordinate (10^12)^64": "figure\npoint A = ((10^12)^64, 0), B = (0, 0)\nsegment(A, B)\n",
    "value_labels(true, 999999999999)": ('chart bar\ncategories("a")\nseries("S", [1])\n'
                                         "value_labels(true, 999999999999)\n"),
    "NUL in a string": 'chart bar\ntitle("a\x00b")\ncategories("a")\nseries("S", [1])\n',
    "ESC and OSC sequences": "figure\npoint A \x1b]0;pwned\x07 \x1b[31m\n",
    "chain of 100,000 '+'": "figure\nask " + "+".join(["1"] * 100_000) + "\n",
    "5,000 lines of lets": "figure\nlet v0 = 1\n" + "".join(f"let v{i} = v{i - 1} + 1\n" for i in range(1, 4998)),
    "2^64^64^64": "figure\nask 2^64^64^64\n",
}


def _spec(values: str) -> str:
    return '{"kind": "bar", "categories": ["a"], "series": [{"name": "S", "values": [' + values + "]}]}"


def _import_spec(text: str) -> Callable[[], object]:
    from recode_dsl.interop.chart_spec import load_spec, spec_to_program

    return lambda: spec_to_program(load_spec(text), text)


def _import_csv(text: str) -> Callable[[], object]:
    from recode_dsl.interop.csv_table import csv_to_program

    return lambda: csv_to_program(text, "bar")


def _import_g3k(text: str, tmp: Path) -> Callable[[], object]:
    from recode_dsl.interop import geometry3k

    path = tmp / f"records{len(list(tmp.iterdir()))}.jsonl"
    path.write_text(text, encoding="utf-8")
    return lambda: geometry3k.read_problems(path)


def cases(tmp: Path) -> dict[str, Callable[[], object]]:
    out: dict[str, Callable[[], object]] = {
        name: (lambda src=src: recode_dsl.compile(src, timeout=10.0)) for name, src in PROGRAMS.items()}
    out["spec: 1e999999999"] = _import_spec(_spec("1e999999999"))
    out["spec: int of 5,000 digits"] = _import_spec(_spec("9" * 5000))
    out["spec: nested 100,000 deep"] = _import_spec("[" * 100_000)
    out["csv: 1e999999999"] = _import_csv("cat,S\na,1e999999999\n")
    out["csv: 100,000 rows"] = _import_csv("cat,S\n" + "".join(f"c{i},{i}\n" for i in range(100_000)))
    out["csv: a cell of 200,000 characters"] = _import_csv("cat,S\na," + "1" * 200_000 + "\n")
    deep = json.dumps({"id": 1, "point_positions": {}, "diagram_logic_forms": ["Line(" * 50_000 + ")" * 50_000]})
    out["geometry3k: a form 50,000 deep"] = _import_g3k(deep + "\n", tmp)
    out["geometry3k: a line nested 100,000 deep"] = _import_g3k("[" * 100_000 + "\n", tmp)
    return out


def _outcome(fn: Callable[[], object]) -> str:
    try:
        result = fn()
    except RecodeError as err:
        d = err.diagnostics[0]
        return f"{d.code} at {d.span.line}:{d.span.col}"
    if isinstance(result, tuple):  # read_problems: (records, bad lines)
        bad = result[1]
        return f"{bad[0].code} at {bad[0].span.line}:{bad[0].span.col}" if bad else "read"
    diags = getattr(result, "diagnostics", [])
    errors = [d for d in diags if d.severity == "error"]
    if not errors:
        return "answered" if getattr(result, "answers", None) else "accepted"
    return f"{errors[0].code} at {errors[0].span.line}:{errors[0].span.col}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, fn in cases(Path(tmp)).items():
            outcome = _outcome(fn)  # warm-up
            cpu, wall = [], []
            for _ in range(args.runs):
                c0, w0 = time.process_time(), time.perf_counter()
                fn_outcome = _outcome(fn)
                cpu.append(time.process_time() - c0)
                wall.append(time.perf_counter() - w0)
                assert fn_outcome == outcome
            rows.append((name, outcome, statistics.median(cpu), statistics.median(wall)))
    width = max(len(r[0]) for r in rows)
    print(f"{'input':<{width}}  {'outcome':<16} {'CPU s':>7} {'wall s':>7}")
    for name, outcome, cpu_s, wall_s in rows:
        print(f"{name:<{width}}  {outcome:<16} {cpu_s:7.3f} {wall_s:7.3f}")
    worst = max(r[2] for r in rows)
    print(f"\nslowest: {worst:.3f} s CPU (goal: every hostile input refused under {GOAL_CPU_S:g} s of CPU)")
    return 0 if worst < GOAL_CPU_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
