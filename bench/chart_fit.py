"""Benchmark chart fitting: imprecise proposals fitted to matplotlib charts, scored against the truth.

    .venv/bin/python bench/chart_fit.py [--n 100] [--seed 0] [--out DIR] [--charts /work/shared/bench/charts]

Steps: make_charts.py draws N charts with their truth, make_proposals.py disturbs them (values off
by up to ±10%, plot box by up to 3 px); each proposal becomes a program (interop.chart_spec), is
fitted to its PNG (agent.fit_program.fit_source), and its data table is written; score_tables.py
then scores the raw proposals and the fitted tables. Prints both summaries, per kind and overall,
and the time per chart. Needs matplotlib (the bench extra).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from skimage.io import imread

from recode_dsl import pipeline
from recode_dsl import scene as s
from recode_dsl.fit.program import fit_source
from recode_dsl.interop.chart_spec import chart_table, load_spec, spec_to_program

CHARTS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "charts"  # ../shared beside the project


def _floats(doc: Any) -> Any:
    """A table with exact numbers as floats, for JSON."""
    if isinstance(doc, dict):
        return {k: _floats(v) for k, v in doc.items()}
    if isinstance(doc, list):
        return [_floats(v) for v in doc]
    if isinstance(doc, str) or doc is None:
        return doc
    return float(doc)


def _table(program: str) -> dict[str, Any]:
    result = pipeline.compile(program, solve=False)
    if not isinstance(result.scene, s.Chart):
        raise ValueError(f"not a chart: {result.diagnostics}")
    return dict(_floats(chart_table(result.scene)))


def fit_all(truth: Path, proposals: Path, raw: Path, fitted: Path) -> dict[str, Any]:
    """Write raw and fitted tables for every proposal; per-chart seconds and diagnostics."""
    times: list[float] = []
    codes: Counter[str] = Counter()
    judges: Counter[str] = Counter()
    for path in sorted(proposals.glob("*.proposal.json")):
        name = path.name.replace(".proposal.json", "")
        program = spec_to_program(load_spec(path.read_text()))
        (raw / f"{name}.json").write_text(json.dumps(_table(program)))
        image = np.asarray(imread(truth / f"{name}.png"))
        t0 = time.perf_counter()
        text, fit = fit_source(program, image)
        times.append(time.perf_counter() - t0)
        if fit is not None:
            codes.update(d.code for d in fit.diagnostics)
            judges[fit.judge if fit.changed else "unchanged"] += 1
        (fitted / f"{name}.json").write_text(json.dumps(_table(text)))
    return {"times": times, "codes": codes, "judges": judges}


CHUNK = 14  # charts per make_charts run: two of each kind


def make_charts(charts: Path, truth: Path, n: int, seed: int) -> list[int]:
    """N charts from runs of CHUNK charts with seeds seed, seed+1, ...

    make_charts.py can fail part-way (a pie asking for more categories than its pool holds);
    the charts a failed run wrote before failing are kept, and the next seed continues.
    """
    seeds: list[int] = []
    while len(list(truth.glob("*.json"))) < n and len(seeds) < 10 * n:
        seeds.append(seed + len(seeds))
        subprocess.run([sys.executable, str(charts / "make_charts.py"), "--out", str(truth), "--n", str(CHUNK),
                        "--seed", str(seeds[-1])], check=False, capture_output=True)
    for extra in sorted(truth.glob("*.json"))[n:]:
        extra.unlink()
        extra.with_suffix(".png").unlink(missing_ok=True)
    return seeds


def _score(charts: Path, truth: Path, pred: Path) -> str:
    out = subprocess.run([sys.executable, str(charts / "score_tables.py"), str(truth), str(pred)],
                         capture_output=True, text=True, check=True)
    return out.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=None, help="work directory (default: a temporary one)")
    ap.add_argument("--charts", type=Path, default=CHARTS, help="the chart benchmark scripts")
    args = ap.parse_args()
    work = args.out or Path(tempfile.mkdtemp(prefix="chart_fit_"))
    truth, props, raw, fitted = (work / d for d in ("truth", "proposals", "raw", "fitted"))
    for d in (raw, fitted):
        d.mkdir(parents=True, exist_ok=True)
    seeds = make_charts(args.charts, truth, args.n, args.seed)
    subprocess.run([sys.executable, str(args.charts / "make_proposals.py"), str(truth), str(props)], check=True,
                   capture_output=True)
    stats = fit_all(truth, props, raw, fitted)
    times = stats["times"]
    made = f"make_charts seeds {seeds[0]}..{seeds[-1]}, {CHUNK} charts each" if seeds else "charts already there"
    print(f"charts: {len(times)} in {work} ({made})")
    print("== proposals (before fitting) ==")
    print(_score(args.charts, truth, raw), end="")
    print("== fitted ==")
    print(_score(args.charts, truth, fitted), end="")
    print(f"fit time per chart: median {statistics.median(times):.3f} s, mean {statistics.mean(times):.3f} s, "
          f"max {max(times):.3f} s")
    print(f"fits kept by judge: {dict(stats['judges'])}; diagnostics: {dict(stats['codes'])}")


if __name__ == "__main__":
    main()
