"""Benchmark: verify Geometry3K figure programs against their diagrams (issue 13, item 2).

    python bench/figure_verify.py ../shared/data/geometry3k/val.jsonl [--png DIR] [--limit N]
        [--every K] [--perturb] [--json OUT]

For each problem: the program ``import geometry3k`` writes from the *diagram* forms alone (the
text forms state facts the image need not show), verified against DIR/ID.png with
``fit.figure`` (the annotated positions are in a cropped frame: the verifier finds the frame).
With ``--perturb`` each program is also made wrong three ways and must be rejected: one point
moved by a fifth of the figure's size, one segment dropped (the image shows a line the program
does not draw), one printed value changed. Prints the share verified, the share of each wrong
kind rejected, the diagnostic codes of the failures, and wall and CPU time per problem.

Figures (commits cec031f and 161b9f3, nice -n 10 on the shared 2-core machine under heavy load;
wrong programs counted where the true one verifies):

| run | true programs verify | rejected: moved point / dropped line / changed value | CPU median / p95 |
| --- | --- | --- | --- |
| val `--every 2` (150) | 113/150 = 0.753 (E124 14, E122 14, E121 13, E123 6) | | 0.74 s / 1.51 s |
| val `--every 6 --perturb` (50) | 39/50 = 0.780 | 38/39, 20/21, 19/22 | 0.65 s / 1.26 s |
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from recode_dsl.fit.figure import verify_figure_source
from recode_dsl.interop.geometry3k import import_problem

_POINT = re.compile(r"([A-Z]'*\d*) ~ \((-?\d+(?:\.\d+)?), (-?\d+(?:\.\d+)?)\)")
_SEGMENT = re.compile(r"^segment\([A-Z]'*\d*, [A-Z]'*\d*\)$", re.M)
_VALUE = re.compile(r"^((?:length|angle)\([^=\n]*\)) = (\d+(?:\.\d+)?)$", re.M)


def diagram_program(record: dict[str, Any]) -> str:
    """The program of the record's diagram: its text forms left out."""
    rec = {**record, "text_logic_forms_dissolved": [], "text_logic_forms": []}
    return import_problem(rec, 1).source


def perturbations(source: str) -> dict[str, str]:
    """The program made wrong: a point moved, a segment dropped, a value changed (when it has them)."""
    out: dict[str, str] = {}
    pts = [(m, float(m[2]), float(m[3])) for m in _POINT.finditer(source)]
    if len(pts) >= 2:
        xs, ys = [p[1] for p in pts], [p[2] for p in pts]
        size = max(max(xs) - min(xs), max(ys) - min(ys))
        m, x, y = pts[len(pts) // 2]
        cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
        # away from the figure's middle, so the point leaves its strokes
        dx, dy = (x - cx, y - cy) if (x, y) != (cx, cy) else (1.0, 0.0)
        norm = max((dx * dx + dy * dy) ** 0.5, 1e-9)
        nx, ny = x + 0.2 * size * dx / norm, y + 0.2 * size * dy / norm
        out["moved point"] = source[: m.start()] + f"{m[1]} ~ ({nx:.0f}, {ny:.0f})" + source[m.end():]
    segs = list(_SEGMENT.finditer(source))
    if segs:
        seg = segs[len(segs) // 2]
        name = seg[0][len("segment("):-1].split(", ")
        if not re.search(rf"segment\({name[0]}, {name[1]}\)\)|segment\({name[1]}, {name[0]}\)\)", source):
            out["missing line"] = source[: seg.start()] + source[seg.end() + 1:]
    vals = list(_VALUE.finditer(source))
    if vals:
        v = vals[0]
        wrong = str(int(float(v[2]) * 2 + 3)) if "." not in v[2] else f"{float(v[2]) * 2 + 3:g}"
        out["wrong label"] = source[: v.start(2)] + wrong + source[v.end(2):]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("--png", help="the diagrams' directory (default: the split's *_png beside the file)")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--every", type=int, default=1, help="only every K-th problem")
    ap.add_argument("--perturb", action="store_true", help="also check that wrong programs are rejected")
    ap.add_argument("--json", metavar="OUT")
    args = ap.parse_args()
    path = Path(args.file)
    png = Path(args.png) if args.png else path.parent / f"{path.stem}_png"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = records[:: args.every][: args.limit]
    ok = 0
    codes: Counter[str] = Counter()
    wrong: dict[str, list[int]] = {}
    walls: list[float] = []
    cpus: list[float] = []
    rows: list[dict[str, Any]] = []
    for rec in records:
        image = np.asarray(Image.open(png / f"{rec['id']}.png").convert("RGB"))
        source = diagram_program(rec)
        t0, c0 = time.perf_counter(), time.process_time()
        v = verify_figure_source(source, image)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        ok += v.verified
        errs = sorted({d.code for d in v.diagnostics if d.severity == "error"})
        codes.update(errs)
        row: dict[str, Any] = {"id": rec["id"], "verified": v.verified, "codes": errs}
        if args.perturb:
            for kind, bad in perturbations(source).items():
                rejected = not verify_figure_source(bad, image).verified
                wrong.setdefault(kind, []).append(int(rejected))
                row[kind] = rejected
        rows.append(row)
        print(f"{rec['id']}: {'verified' if v.verified else 'not verified ' + ','.join(errs)}", file=sys.stderr)
    n = len(records)
    print(f"true programs verified: {ok}/{n} = {ok / max(n, 1):.3f}")
    print("failures by code: " + ", ".join(f"{c} {k}" for c, k in codes.most_common()))
    for kind, got in wrong.items():
        print(f"{kind}: rejected {sum(got)}/{len(got)} = {sum(got) / max(len(got), 1):.3f}")
        clean = [r[kind] for r in rows if kind in r and r["verified"]]
        print(f"  {kind}, where the true program verifies: rejected {sum(clean)}/{len(clean)} = "
              f"{sum(clean) / max(len(clean), 1):.3f}")
    if cpus:
        print(f"per problem (true program): wall median {statistics.median(walls):.2f} s, "
              f"CPU median {statistics.median(cpus):.2f} s, CPU p95 {sorted(cpus)[int(0.95 * (n - 1))]:.2f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
