#!/usr/bin/env python3
"""Offline derendering of charts the project has never seen (issue 12): tables, labels, kinds, time.

    python bench/chart_derender.py [--mpl 70] [--vega 70] [--seed 9001] [--jobs 2] [--out DIR]

Draws charts with ../shared/bench/charts/make_charts.py (matplotlib, all its styles) and
make_vega_charts.py (Vega-Lite, all its themes) with a seed of its own, derenders every image
offline with ``recode_dsl.derender.derender_batch`` (no model; OCR included), and scores the
tables with the benchmark's definitions (``recode_dsl.derender.score_dir``): per kind and per
style or theme, the median relative error, values within 1% and 5%, RNSS, labels read exactly
and the chart kind read right. Also the median wall and CPU time a chart, in-process. Vega-Lite's
figures are also given without the themes that vl-convert draws with no text at all (powerbi,
urbaninstitute: no number to read a value by, no label to read).
The generators need matplotlib and vl-convert-python (test extra); nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from recode_dsl.derender import derender_batch, expand, format_scores, score_dir

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "charts"
MPL_STYLES = "default,ggplot,seaborn-v0_8-whitegrid,bmh,fivethirtyeight,classic,Solarize_Light2,seaborn-v0_8-darkgrid"
# Vega-Lite themes that vl-convert draws with no text at all (their fonts are not available to it):
# no tick label, no category, no legend. Their values can only be read in percent of the plot box, so
# the figures are also given without them, beside the figures of every chart.
TEXTLESS_THEMES = ("powerbi", "urbaninstitute")


def _without_textless(truth: Path, pred: Path) -> dict[str, dict[str, object]]:
    """The scores of the charts whose theme draws text: TRUTH's other specs, linked into a folder."""
    with tempfile.TemporaryDirectory(prefix="with_text_") as tmp:
        for spec in truth.glob("*.json"):
            try:
                theme = json.loads(spec.read_text()).get("theme")
            except (OSError, ValueError, AttributeError):
                continue
            if theme not in TEXTLESS_THEMES:
                (Path(tmp) / spec.name).symlink_to(spec.resolve())
        return {k: v for k, v in score_dir(tmp, pred).items() if k in ("ALL", "ALL but scatter")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mpl", type=int, default=70, help="matplotlib charts")
    ap.add_argument("--vega", type=int, default=70, help="Vega-Lite charts")
    ap.add_argument("--seed", type=int, default=9001)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--styles", default=MPL_STYLES)
    ap.add_argument("--out", type=Path, help="keep the charts and the derendered files here; images already "
                    "derendered there are skipped (resumed), so new code needs a fresh folder")
    ap.add_argument("--json", type=Path, help="write the scores as JSON")
    args = ap.parse_args()
    if not SHARED.exists():
        sys.exit(f"needs the chart generators in {SHARED}")
    root = args.out or Path(tempfile.mkdtemp(prefix="chart_derender_"))
    report: dict[str, object] = {}
    for name, script, n, extra in (("matplotlib", "make_charts.py", args.mpl, ["--styles", args.styles]),
                                   ("vega-lite", "make_vega_charts.py", args.vega, [])):
        if n <= 0:
            continue
        truth = root / name / "truth"
        pred = root / name / "pred"
        if not truth.exists():
            subprocess.run([sys.executable, str(SHARED / script), "--out", str(truth), "--n", str(n),
                            "--seed", str(args.seed), *extra], check=True, stdout=subprocess.DEVNULL)
        rows = derender_batch(expand([str(truth)]), pred, jobs=args.jobs)
        scores = score_dir(truth, pred)
        print(f"== {name}: {n} charts (seed {args.seed}) in {truth}")
        for line in format_scores(scores):
            print(line)
        with_text = _without_textless(truth, pred) if name == "vega-lite" else {}
        if with_text:
            print(f"-- without the themes that draw no text ({', '.join(TEXTLESS_THEMES)}):")
            for line in format_scores(with_text):
                print(line)
        done = [json.loads(x) for x in (pred / "summary.jsonl").read_text().splitlines()]
        wall = [r["seconds"] for r in done if r.get("seconds")]
        cpu = [r["cpu_seconds"] for r in done if r.get("cpu_seconds")]
        failed = [r["name"] for r in done if not r["ok"]]
        if len(done) > len(rows):
            print(f"note: {len(done) - len(rows)} of {len(done)} charts were derendered by an earlier run in "
                  f"{pred} and kept (use a fresh --out to measure new code)")
        print(f"time a chart: median wall {statistics.median(wall):.2f} s, CPU {statistics.median(cpu):.2f} s; "
              f"verified {sum(r['verified'] for r in done)}/{len(done)}; failed {len(failed)} {failed[:8]}")
        report[name] = {"scores": scores, "scores_without_textless_themes": with_text,
                        "median_wall_s": statistics.median(wall), "median_cpu_s": statistics.median(cpu),
                        "failed": failed, "new_rows": len(rows)}
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
