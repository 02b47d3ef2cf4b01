"""Benchmark the chart themes (issue 15): does a program that names its chart's style look like the chart?

    .venv/bin/python bench/chart_themes.py [--n 42] [--seed 900] [--out DIR] [--charts /work/shared/bench/charts]

make_charts.py draws N matplotlib charts in the styles below, with their truth (data, canvas, plot
box). Each truth becomes a program (interop.chart_spec), drawn by our renderer twice: as it is
(matplotlib's default look) and with the theme of its style added. The critic's pixel score
(fit.critic.score: SSIM and edge F1 against the matplotlib image) of both is printed per style,
with the CPU and wall time per rendering. Needs matplotlib (bench extra).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from skimage.io import imread

import recode_dsl
from recode_dsl.fit.critic import score
from recode_dsl.interop.chart_spec import load_spec, spec_to_program

CHARTS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "charts"
THEME_OF = {"default": "matplotlib", "ggplot": "ggplot", "fivethirtyeight": "fivethirtyeight",
            "seaborn-v0_8": "seaborn", "seaborn-v0_8-whitegrid": "seaborn-whitegrid", "bmh": "bmh",
            "classic": "classic"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=42)
    ap.add_argument("--seed", type=int, default=900)
    ap.add_argument("--styles", default=",".join(THEME_OF))
    ap.add_argument("--charts", type=Path, default=CHARTS)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    work = args.out or Path(tempfile.mkdtemp(prefix="theme_bench_"))
    if not list(work.glob("*.json")):
        subprocess.run([sys.executable, str(args.charts / "make_charts.py"), "--out", str(work), "--n", str(args.n),
                        "--seed", str(args.seed), "--styles", args.styles], check=True, capture_output=True)
    rows: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    cpu: list[float] = []
    wall: list[float] = []
    for path in sorted(work.glob("*.json")):
        spec = json.loads(path.read_text())
        style = spec.get("style", "default")
        target = imread(path.with_suffix(".png"))
        program = spec_to_program(load_spec(json.dumps(spec)))
        for label, src in (("plain", program), ("themed", program + f'theme("{THEME_OF[style]}")\n')):
            c0, w0 = time.process_time(), time.perf_counter()
            result = recode_dsl.compile(src, solve=False)
            assert result.ok and result.scene is not None, result.diagnostics
            image = recode_dsl.render(result.scene, "array")
            cpu.append(time.process_time() - c0)
            wall.append(time.perf_counter() - w0)
            fid = score(target, image)
            for key in (style, "all"):
                rows[key][f"{label} score"].append(fid.score)
                rows[key][f"{label} ssim"].append(fid.ssim)
    columns = ("plain score", "themed score", "plain ssim", "themed ssim")
    print(f"charts: {len(rows['all']['plain score'])} in {work} (make_charts seed {args.seed})")
    print(f"{'style':26s}" + "".join(f"{c:>14s}" for c in columns) + "     n")
    for style in [*sorted(k for k in rows if k != "all"), "all"]:
        cells = [f"{statistics.mean(rows[style][c]):14.3f}" for c in columns]
        print(f"{style:26s}" + "".join(cells) + f"{len(rows[style]['plain score']):6d}")
    print(f"compile + render per chart: CPU median {1000 * statistics.median(cpu):.0f} ms, "
          f"wall median {1000 * statistics.median(wall):.0f} ms")


if __name__ == "__main__":
    main()
