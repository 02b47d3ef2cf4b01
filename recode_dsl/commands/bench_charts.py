"""``recode-dsl bench charts TRUTH_DIR [--images DIR] [--proposals DIR] [--jobs N | --engine ray
[--address ADDR]] [--json OUT]``.

Scores derendered chart tables against chart-spec truth files (the format of the chart
benchmark: NAME.json with kind, categories and series): per kind and per style or theme, the
median relative error, values within 1% and 5%, RNSS, labels read exactly and the chart kind
read right, and one summary line. The tables are PROPOSALS/NAME.json when ``--proposals`` is
given (for example the output of ``derender --out``); otherwise every image NAME.png of
``--images`` (default TRUTH_DIR) is derendered offline first (into ``--out``, or a temporary
directory).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from recode_dsl import messages

NAME = ("bench", "charts")
HELP = ("score derendered chart tables against chart-spec truth files: per kind and style, median relative "
        "error, within 1%/5%, RNSS, labels and kind read right")


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("truth_dir", metavar="TRUTH_DIR", help="directory of NAME.json chart specs (the truth)")
    p.add_argument("--images", metavar="DIR", help="the chart images NAME.png (default: TRUTH_DIR)")
    p.add_argument("--proposals", metavar="DIR", help="score these tables NAME.json instead of derendering")
    p.add_argument("--out", metavar="DIR", help="where derendered programs and tables go (default: a temporary "
                   "directory); resumable")
    p.add_argument("--jobs", type=int, default=1, help="worker processes for derendering (default 1; the local "
                   "engine)")
    p.add_argument("--engine", choices=("local", "ray"), default="local",
                   help="derender in local worker processes (default), or one Ray task an image "
                   "(pip install 'recode-dsl[ray]')")
    p.add_argument("--address", metavar="ADDR", help="with --engine ray: the cluster (ray://HOST:10001 or auto); "
                   "default: a local Ray instance")
    p.add_argument("--json", metavar="OUT", help="write the scores as JSON")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def _has_truth(path: Path) -> bool:
    for f in path.glob("*.json"):
        try:
            doc = json.loads(f.read_text())
        except (OSError, ValueError):
            continue
        if isinstance(doc, dict) and "kind" in doc and "series" in doc:
            return True
    return False


def run(args: argparse.Namespace) -> int:
    from recode_dsl.derender import derender_batch, expand, format_scores, score_dir

    truth = Path(args.truth_dir)
    if args.jobs < 1:
        print("recode-dsl: error: --jobs must be at least 1", file=sys.stderr)
        return 2
    if not truth.is_dir() or not _has_truth(truth):  # located at the directory (it has no lines)
        print(f"{args.truth_dir}: error[E112]: {messages.bench_no_truth(args.truth_dir)}", file=sys.stderr)
        return 1
    if args.proposals:
        pred = Path(args.proposals)
        if not pred.is_dir():
            print(f"recode-dsl: error: --proposals {args.proposals} is not a directory", file=sys.stderr)
            return 2
    else:
        pred = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="bench_charts_"))
        images = expand([args.images or args.truth_dir])
        progress = not args.no_progress and sys.stderr.isatty()
        if args.engine == "ray":
            from recode_dsl.agent.ray_engine import derender_charts

            derender_charts(images, pred, address=args.address, progress=progress)
        else:
            derender_batch(images, pred, jobs=args.jobs, progress=progress)
    report = score_dir(truth, pred)
    lines = format_scores(report)
    for line in lines[:-1]:
        print(line)
    s = report["ALL"]
    print(f"summary: charts={s['charts']} median_rel_err={s['median_rel_err']:.4%} within_1pct={s['within_1pct']:.1%} "
          f"within_5pct={s['within_5pct']:.1%} rnss={s['rnss']:.2f} labels={s['labels']:.1%} "
          f"kind={s['kind_right']:.1%}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0
