"""Benchmark chart fitting: imprecise proposals fitted to matplotlib charts, scored against the truth.

    .venv/bin/python bench/chart_fit.py [--n 100] [--seed 0] [--styles ...] [--out DIR] [--charts DIR]

Steps: make_charts.py draws N charts with their truth (the styles of issue 11 by default),
make_proposals.py disturbs them (values off by up to ±10%, plot box by up to 3 px); each proposal
becomes a program (interop.chart_spec), is fitted to its PNG (fit.program.fit_source), and its
data table is written; score_tables.py then scores the raw proposals and the fitted tables.
Prints both summaries per kind and overall, the fitted figures per style, and the time per
chart (CPU and wall). Needs matplotlib (the bench extra).

Measured (README "Benchmarks"), --n 70 --seed 9204 at 7630db5: 93.9% of values within 1% (goal
97%; stacked 84.3%, bar 92.4%), RNSS 99.75 (goal 99.5, met in every style); CPU median 0.123 s a
chart, at most 0.483 s (goal 1 s), wall median 0.666 s (load 11-14). At 34ed08d (session of
23:45): the same, 93.9% and RNSS 99.75, 0.130 s CPU median; a rule that rounded each stack at its
boundaries (dev seed 100: stacked 70.5 -> 72.5%) gave 80.7% stacked (84.3%) here and was taken out.
Session of 2026-12-07 05:05 (helper C), dev --n 60 --seed 5, 66e13aa -> 5ac9461 minus its last
commit: 91.9% within 1% both (line 99.2%, RNSS 99.88 -> 99.87), CPU median 0.101 -> 0.093 s. The
stacked values off (22 of 112) are one fivethirtyeight chart whose plot box stops 90 px above
the base (find_plot_box; the fit refused, E072: 10 values) and ends read to the pixel Agg snaps
them to where 1% is under half a pixel; the scatter ones (24 of 210) are mostly close points the
fit attaches to each other's proposal (the same image either way).
Session of 2026-12-07 06:25 (helper C), dev --n 40 --seed 21, a4ad30c beside: 86.1 -> 88.8% within
1% (stacked 64.0 -> 84.0%, fivethirtyeight 85.0 -> 97.5%; every other chart the same): a frameless
box found short of its top (at a level step of stacked segments, 232 px of 389) is taken out to
where the gridlines' round step puts the range's end (fit/far_side.py). Left: classic line charts
refused (E075 bend) where a legend hides a line's last segment and its text's grey edges pass for
the line's colour; stacked ends Agg snaps to whole pixels where 1% is under half a pixel.
Session of 2026-12-07 06:25 (helper B), --n 40 --seed 31 --styles classic, a4ad30c beside the tree with fbb0d1a
(a bar's own edge line read half a pixel before its centre): identical, 88.4% within 1%, RNSS 99.48.
Session of 2026-12-07 08:05 (helper C2), --n 40 --seed 21 (the default styles), 7558dff beside: 88.8 ->
92.8% within 1% (line 66.2 -> 85.7%, classic 72.0 -> 90.2%, RNSS 99.55 -> 99.71; E075 2 -> 0, E071 0 -> 2):
a line's cover leaves out pixels nearer the ground's mixes with black than with its colour (a legend
label's grey edges over a dark green line's hidden end, fit/image.line_cover). The two classic line
charts refused are fitted; the vertex the legend hides and a line wholly under another keep the
proposal's values. --styles classic --seed 21 and --seed 27: identical.
Session of 2026-12-07 09:22 (helper C3), --n 40 --seed 4141 (the default styles), 7d55e42 beside: 91.4 ->
92.6% within 1% (a6216a0: a bar's edge line ends it on its most inked pixel; classic 91.2 -> 95.3%, stacked
80.0 -> 88.6%), RNSS 99.72 -> 99.75. With --out over truth of one kind (make_charts.py --kinds), old and
new beside: 36 scatter charts (seeds 4170, 4171, 4180, 4181) 90.5 -> 91.2% (3693c2f: touching markers
parted along their blob), 48 stacked (4150-4155) 84.5 -> 85.3% (eb33503: a gridline read off the others'
fit left out of the calibration; fivethirtyeight 81.2 -> 86.5%). What is left is mostly Agg's snap of a
bar's ends to whole pixels (a segment of 20-40 px is known to +-1 px, over 1%), close scatter points the
+-10% proposals cannot tell apart, and three points merged in one blob.
Session 11 (helper C3), 7a3b813 beside: a line chart's categories placed by its lines' corners
(fit/corners.py; the axis from snapped gridlines and box sides is up to half a pixel off, which a
steep segment turns into pixels at its vertex). 30 line charts of make_charts.py --kinds line --seed
4351 (6 styles) through --out: 94.4 -> 97.6% within 1%, RNSS 99.76 -> 99.85 (seaborn 92.7 -> 95.8%,
Solarize 89.2 -> 98.6%), CPU median 0.270 -> 0.337 s for these line charts; --n 40 --seed 4343 (all
kinds): 94.9% both, RNSS 99.76 both. a4c8d48 (far_side: the far side past the furthest gridline,
not the nearest), f27fa08 beside: 30 bar charts of --kinds stacked_bar,bar,grouped_bar,hbar --seed
4370: 91.2 -> 93.1% within 1%, RNSS 98.65 -> 99.77 (one fivethirtyeight stack read 47% high; 30
fivethirtyeight charts of --seed 4380 identical). a9dec08 (a triangle marker's core no vertex
centre): seed 4351 lines 97.6 -> 97.4%, RNSS 99.85 both; fivethirtyeight seed 4380 89.0 -> 88.7%,
RNSS 99.69 -> 99.70 (true vertices over 1 px 10 -> 8). What is left: bar ends Agg snaps to whole
pixels (true programs' bars read exactly at the snapped end; the value scale from snapped
gridlines is 0.1 px off on average, 0.3 at p90), a bar whose end a legend hides (read at the
legend's edge, the fit takes it), close scatter points swapped, a line vertex whose segments both
lie under another series' line (extrapolated: one read 3322 px off).
Session 12 (helper C5), fcd3e19 beside: c4890e9 (a line's bend read clear of the other series; a
category axis's gridlines step by whole categories) and aba7ca0 (a line traced past a measured end
vertex must run on through it: a legend's handle is not). --n 40 --seed 5511: 87.1 -> 90.1% within 1%
(line 84.8 -> 98.4%), RNSS 99.26 -> 99.35, E075 1 -> 0; --n 40 --seed 5541: identical (93.6%, RNSS
99.69). 30 line charts of make_charts.py --kinds line --seed 5521 (bmh, default, ggplot,
seaborn-whitegrid) through --out: 87.6 -> 91.6 -> 98.0% (bmh 63.0 -> 100%), RNSS 99.62 -> 99.88, E075
2 -> 0. What is left on these seeds: bars' value scale from gridlines rounded to their pixels (with the
true scale, bars not stacked 92.9 -> 97.4% within 1% on seed 5511; a scale anchored on a shaded
ground's edge at zero helped ggplot and seaborn and hurt Solarize and fivethirtyeight: not taken),
stacked ends Agg snaps, close scatter points swapped.
Session 12 (helper C6), 2209e89 beside: 3d4f2f3 (the bars' base on a shaded ground's border fitted with
the gridlines as a snapped boundary, kept when it lies within 0.25 px of their joint map). --n 40 --seed
5611: 93.9 -> 94.3% within 1% (stacked 84.6 -> 86.8%, Solarize 86.8 -> 89.5%), RNSS 99.78 -> 99.79;
--seed 5511: 90.1 -> 90.4% (seaborn 94.1 -> 95.3%, Solarize 90.2 -> 90.8%); --seed 5711 (checked after):
91.6% both (ggplot 90.8 -> 92.1%, seaborn 90.5 -> 89.2%: one grouped chart's values 3 nearer, 3 further,
4042 read 4000). Left: the gridline fit's own rounding where the base is a frame line or a bar's own
edge line (fivethirtyeight, classic), and short stacked segments.
Session 13 (helper C7), 93850e9 beside: 44b0bd5 (a bar's end under a translucent legend read through
its face, fit/see_through.py). --n 40 --seed 5811: 93.6 -> 93.8% within 1% (grouped 92.3 -> 93.8%),
RNSS 99.76 -> 99.77; 30 charts of make_charts.py --kinds hbar,stacked_bar --seed 5821 through
--out: 90.9 -> 91.3% (stacked 88.6 -> 89.1%), RNSS 99.45 -> 99.47; one chart changed in each
(ends read 6 and 15.6 px short at the legend's border). d3b8a76 (the ring background kept per
free-ring mask): every table identical. What is left on these seeds is mostly below the pixel:
Agg snaps bar ends to whole pixels (a bar of 35 px read 35.2 for 35.6: the centre of the values
that snap there), stacked segments get both ends' rounding, scatter values near zero are under
0.5 px, and the value scale extrapolated from few snapped gridlines where the base is hidden under
a frame line in the ground's colour (fivethirtyeight: the bars' colour ends 1.2 px short of zero,
the edge pulls zero 0.8 px in, 0.5% on the slope). An opaque legend over a bar's end (classic) is
still read at its border, though the bar may show beside it.
Session 13 (helper C8), 9e0ebf4 beside: ff93a24 (a bar's end hidden by an opaque cover over its
middle read where a side of the bar shows beside it): 30 classic charts of make_charts.py --kinds
stacked_bar,bar,grouped_bar,hbar --seed 5951 through --out: 90.4 -> 91.1% within 1% (grouped 83.1 ->
85.5%), RNSS 99.63 -> 99.66, two charts changed, both nearer. The fivethirtyeight base (7d04b1d's
ground_frame, test 9db6e98: the bars' colour end under a frame line of the ground's colour is no
anchor at zero): --n 30 --seed 5931 --styles fivethirtyeight 91.2% both, RNSS 99.58 -> 99.59, three
charts nearer (zero 0.92 -> 0.62 px off at 80 dpi); --n 40 --seed 5971 identical. Left: a bar wholly
under a legend whose colour shows again past the legend's far border (read at its near border:
24963 read 20390), the zero extrapolated from snapped gridlines under that frame (0.5-0.6 px; the
frame's width is not seen where the box's sides are not), and the fitted values' rounding to the
simplest number within half a pixel (5657 written 5500 where 0.5 px is 2%; 0.3 px: no gain).
Session 14 (helper F9), de4c9e0 beside (its snapshot, with and without the changes, same charts):
8df44eb/3269e75 (fit/chart: a chart's values share their precision, a power of ten's multiples
3 px or more apart holding half of them, the rest read to it within a quarter step, at most 1.5
px; a line's vertices rounded within 0.2 px) and 72b3df6 (see_through: a legend's handle on its
face across a bar does not end the tint). --n 40 --seed 6911: 93.0 -> 94.0% within 1% (stacked
86.5 -> 91.0%), RNSS 99.67 -> 99.69; --seed 6931: 94.3 -> 95.2% (stacked 89.6 -> 94.8%), RNSS
99.73 -> 99.75; 40 bar and line charts of make_charts.py --kinds stacked_bar,bar,grouped_bar,
hbar,line --seed 6951: 91.0 -> 93.8% (grouped 90.2 -> 94.8%, stacked 82.7 -> 86.5%), RNSS 99.72
-> 99.77; --seed 6981 (checked after): 92.6 -> 93.1% (line 94.8 -> 96.9%), RNSS 99.71 -> 99.73; no
kind or style lower within 1% (RNSS a little lower in three: bar 99.90 -> 99.88 on 6911, seaborn
99.82 -> 99.80 on 6931, ggplot 99.73 -> 99.70 on 6951). Left, measured against the truth: bars' ends
and the box's sides are snapped by Agg to whole pixels (a box side at x.5, as 62.5 = 0.125 x 500, is read 0.5 px off
where no gridlines average it: classic hbar values -0.14 px on average), a stacked segment
carries both its ends' snaps (up to 1 px; 1% of a 40 px segment is 0.4), data finer than the
pixels that no rounding can tell, and a line vertex under another series' marker (kept as
proposed).
Session 15 (helper F10), 5280714 and 08cb79a snapshots beside (same charts): 08cb79a (see_through:
a bar's tint under a translucent legend over a fill near the ground's colour, 0.09 RGB from the face, is
read; a handle or glyph hiding the end on some lines leaves it to the others) and 9e9f3ed (fit/chart: a
chart whose values share no precision rounded within a quarter pixel, not half; whole numbers 2-3 px
apart a shared step when 80% lie on them). --n 40 --seed 7021: 96.1 -> 96.3 -> 97.0% within 1% (stacked
86.5 -> 87.6 -> 91.0%), RNSS 99.78 -> 99.81 -> 99.83; --seed 7031: 94.0 -> 94.0 -> 94.4% (stacked 81.2 ->
84.7%; grouped 100 -> 98.9%, one value: 3001.22 read 3040, 3000 by half a pixel's rounding), RNSS 99.78
-> 99.79 (default 99.80 -> 99.77); 40 bar charts of make_charts.py --kinds stacked_bar,grouped_bar,bar,hbar
--seed 7061/7062 (fivethirtyeight, ggplot, Solarize, seaborn) through --out: 90.4 -> 92.3% (stacked 79.0 -> 81.5%), RNSS
99.74 -> 99.77. Left: the value scale from three close gridlines extrapolated (a fourth the legend
breaks, found by _dotted's pieces, put fivethirtyeight's zero 0.40 -> 0.10 px and top 0.81 -> 0.06 px off
the truth, but changed no value within 1%: not taken), a line vertex under a triangle marker at a sharp
V (read from the line, about 1 px off), stacked segments of 10-20 px where 1% is a tenth of a pixel.
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
    cpu: list[float] = []
    codes: Counter[str] = Counter()
    judges: Counter[str] = Counter()
    for path in sorted(proposals.glob("*.proposal.json")):
        name = path.name.replace(".proposal.json", "")
        program = spec_to_program(load_spec(path.read_text()))
        (raw / f"{name}.json").write_text(json.dumps(_table(program)))
        image = np.asarray(imread(truth / f"{name}.png"))
        t0, c0 = time.perf_counter(), time.process_time()
        text, fit = fit_source(program, image)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        if fit is not None:
            codes.update(d.code for d in fit.diagnostics)
            judges[fit.judge if fit.changed else "unchanged"] += 1
        (fitted / f"{name}.json").write_text(json.dumps(_table(text)))
    return {"times": times, "cpu": cpu, "codes": codes, "judges": judges}


CHUNK = 14  # charts per make_charts run: two of each kind


def make_charts(charts: Path, truth: Path, n: int, seed: int, styles: str) -> list[int]:
    """N charts from runs of CHUNK charts with seeds seed, seed+1, ...

    make_charts.py can fail part-way (a pie asking for more categories than its pool holds);
    the charts a failed run wrote before failing are kept, and the next seed continues.
    """
    seeds: list[int] = []
    while len(list(truth.glob("*.json"))) < n and len(seeds) < 10 * n:
        seeds.append(seed + len(seeds))
        subprocess.run([sys.executable, str(charts / "make_charts.py"), "--out", str(truth), "--n", str(CHUNK),
                        "--seed", str(seeds[-1]), "--styles", styles], check=False, capture_output=True)
    for extra in sorted(truth.glob("*.json"))[n:]:
        extra.unlink()
        extra.with_suffix(".png").unlink(missing_ok=True)
    return seeds


def _score(charts: Path, truth: Path, pred: Path) -> str:
    out = subprocess.run([sys.executable, str(charts / "score_tables.py"), str(truth), str(pred)],
                         capture_output=True, text=True, check=True)
    return out.stdout


def per_style(charts: Path, truth: Path, pred: Path) -> list[str]:
    """Fitted figures per matplotlib style: share of values within 1% and RNSS (score_tables' own)."""
    sys.path.insert(0, str(charts))
    import score_tables  # the benchmark's scorer, beside make_charts.py

    groups: dict[str, tuple[list[float], list[float]]] = {}
    for path in sorted(truth.glob("*.json")):
        t = json.loads(path.read_text())
        try:
            p = json.loads((pred / path.name).read_text())
        except (OSError, ValueError):
            p = None
        errs, rn = score_tables.chart_errors(t, p)
        for key in (t.get("style", "?"), "ALL"):
            e, r = groups.setdefault(key, ([], []))
            e.extend(errs)
            r.append(rn)
    lines = []
    for key in sorted(groups, key=lambda k: (k == "ALL", k)):
        e, r = groups[key]
        within = sum(x <= 0.01 for x in e) / max(1, len(e))
        lines.append(f"{key:26s} charts={len(r):4d} values={len(e):5d} within_1pct={within:.1%} "
                     f"rnss={100 * statistics.mean(r):.2f}")
    return lines


STYLES = "fivethirtyeight,seaborn-v0_8-darkgrid,Solarize_Light2,classic,default,ggplot"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=None, help="work directory (default: a temporary one)")
    ap.add_argument("--charts", type=Path, default=CHARTS, help="the chart benchmark scripts")
    ap.add_argument("--styles", default=STYLES, help="matplotlib styles (make_charts.py --styles)")
    args = ap.parse_args()
    work = args.out or Path(tempfile.mkdtemp(prefix="chart_fit_"))
    truth, props, raw, fitted = (work / d for d in ("truth", "proposals", "raw", "fitted"))
    for d in (raw, fitted):
        d.mkdir(parents=True, exist_ok=True)
    seeds = make_charts(args.charts, truth, args.n, args.seed, args.styles)
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
    print("== fitted, per style ==")
    print("\n".join(per_style(args.charts, truth, fitted)))
    cpu = stats["cpu"]
    print(f"fit time per chart: CPU median {statistics.median(cpu):.3f} s, max {max(cpu):.3f} s; wall median "
          f"{statistics.median(times):.3f} s, max {max(times):.3f} s")
    print(f"fits kept by judge: {dict(stats['judges'])}; diagnostics: {dict(stats['codes'])}")


if __name__ == "__main__":
    main()
