"""Hostile inputs are refused fast (issue 10 goal: every one in under 1 s of CPU).

Run: ``.venv/bin/python bench/hostile.py [--runs N] [--no-images]``. Each case is one input of issue 10 (and
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


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` pixels, with almost no data."""
    import struct
    import zlib

    def chunk(tag: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + tag + payload + struct.pack(">I", zlib.crc32(tag + payload))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = chunk(b"IDAT", zlib.compress(b"\0" * 10))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + data + chunk(b"IEND", b"")


def _derender(png: bytes) -> Callable[[], object]:
    """The image through the model loop's loader and the offline reader (the derender paths)."""
    from recode_dsl.agent.images import load_image
    from recode_dsl.derender import derender_image

    def run() -> str:
        try:
            img = load_image(png)
        except ValueError:  # what the commands report as E113 at the file's start
            return "E113 (not an image)"
        got = derender_image(img, verify=False)
        return "E110" if got.error else f"read as {got.kind}"
    return run


def image_cases() -> dict[str, Callable[[], object]]:
    import numpy as np

    from recode_dsl.agent.images import png_bytes

    rng = np.random.default_rng(1)
    speckle = np.full((400, 600, 3), 255, np.uint8)
    speckle[rng.random((400, 600)) < 0.15] = 0
    big = np.full((1200, 1600, 3), 255, np.uint8)
    big[rng.random((1200, 1600)) < 0.15] = 0
    chart = (Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "perception" / "mpl_bar_default.png")
    return {
        "image: colour noise 300x200": _derender(png_bytes((rng.random((200, 300, 3)) * 255).astype(np.uint8))),
        "image: speckle 600x400 (15% dots)": _derender(png_bytes(speckle)),
        "image: speckle 1600x1200 (15% dots)": _derender(png_bytes(big)),
        "image: blank 600x400": _derender(png_bytes(np.full((400, 600, 3), 255, np.uint8))),
        "image: 1x1": _derender(png_bytes(np.zeros((1, 1, 3), np.uint8))),
        "image: PNG truncated at 200 bytes": _derender(chart.read_bytes()[:200]),
        "image: PNG header of 100000x100000": _derender(_png_header(100_000, 100_000)),
        "image: text named .png": _derender(b"hello"),
    }


def _compile(src: str) -> Callable[[], object]:
    return lambda: recode_dsl.compile(src, timeout=10.0)


def cases(tmp: Path) -> dict[str, Callable[[], object]]:
    out: dict[str, Callable[[], object]] = {name: _compile(src) for name, src in PROGRAMS.items()}
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
        if isinstance(result, str):  # an image case says what it got
            return result
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
    ap.add_argument("--no-images", action="store_true", help="leave out the hostile images (derender paths)")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        todo = cases(Path(tmp)) | ({} if args.no_images else image_cases())
        for name, fn in todo.items():
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
