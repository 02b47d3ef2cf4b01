#!/usr/bin/env python3
"""Compare the OCR engines on chart text: tick labels and category labels, straight and rotated.

    python bench/ocr_engines.py [--n 60] [--seed 7] [--reads 48:2,48:1,32:2,64:1]

Draws small matplotlib charts (the styles of the chart benchmark, random sizes, dpi 80/100,
category labels at 0, 45 or 90 degrees, value tick labels of every magnitude) and cuts each tick
label out at the box matplotlib reports for it (a few pixels of margin), so the truth is the
text drawn. Each engine of ``recode_dsl.perception.ocr`` reads every crop with ``read_line``.
Prints per engine and label kind: exact reads, and milliseconds a label (wall and CPU).

Then, for Tesseract, the labels as the chart reader reads them (``text.find_texts`` on the
whole chart: glyphs found, cleaned of tick marks and gridlines, angle guessed, read): a drawn
label counts as read when a text found over its box says it exactly. ``--reads`` sets the
(height, gamma) reads (``ocr.CHART_READS`` by default) to compare settings.
Needs matplotlib (bench extra). Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from recode_dsl.perception import ocr  # noqa: E402

STYLES = ["default", "ggplot", "seaborn-v0_8-whitegrid", "bmh", "fivethirtyeight", "classic", "Solarize_Light2"]
WORDS = ["Germany", "France", "Italy", "Q1", "Q3", "Jan", "Sep", "2017", "2021", "Apples", "Cherries",
         "In store", "Mangoes", "Norway", "Wed", "Gamma", "Epsilon"]


Drawn = tuple[str, str, tuple[int, int, int, int], int]  # kind, text, box, rotation


def crops(rng: random.Random, n: int, charts: list[tuple[np.ndarray, list[Drawn]]] | None = None,
          ) -> list[tuple[str, str, np.ndarray, int]]:
    """(kind, truth, crop, rotation) for the tick labels of ``n`` charts; each whole chart and its
    labels' boxes are added to ``charts`` when given."""
    out: list[tuple[str, str, np.ndarray, int]] = []
    for _ in range(n):
        plt.style.use(rng.choice(STYLES))
        dpi = rng.choice([80, 100])
        fig, ax = plt.subplots(figsize=rng.choice([(6.4, 4.8), (5.0, 5.0), (7.0, 4.0)]), dpi=dpi)
        k = rng.randint(3, 7)
        cats = rng.sample(WORDS, k)
        hi = rng.choice([1, 10, 50, 1000, 25000, 0.5])
        vals = [rng.uniform(-0.3 * hi if rng.random() < 0.2 else 0, hi) for _ in cats]
        ax.bar(range(k), vals)
        rot = rng.choice([0, 0, 45, 90])
        ax.set_xticks(range(k), cats, rotation=rot)
        fig.canvas.draw()
        img = np.asarray(fig.canvas.buffer_rgba())  # type: ignore[attr-defined]
        h = img.shape[0]
        drawn: list[Drawn] = []
        for kind, labels, r in (("category", ax.get_xticklabels(), rot), ("tick", ax.get_yticklabels(), 0)):
            boxes = [lab.get_window_extent() for lab in labels]
            for j, lab in enumerate(labels):
                text = lab.get_text().replace("\u2212", "-")
                bb = boxes[j]
                if any(bb.overlaps(o) for i, o in enumerate(boxes) if i != j and o.width > 0):
                    continue  # labels drawn over each other: no reader can tell them apart
                if not text or bb.width < 1:
                    continue
                x0, y0 = int(bb.x0) - 3, int(h - bb.y1) - 3
                x1, y1 = int(np.ceil(bb.x1)) + 3, int(np.ceil(h - bb.y0)) + 3
                if x0 < 0 or y0 < 0 or x1 > img.shape[1] or y1 > h:
                    continue
                if np.ptp(img[y0:y1, x0:x1, :3]) < 80:  # a label outside the view limits is not drawn
                    continue
                out.append((kind if r == 0 else f"{kind}@{r}", text, img[y0:y1, x0:x1].copy(), r))
                drawn.append((kind if r == 0 else f"{kind}@{r}", text, (x0, y0, x1, y1), r))
        if charts is not None:
            charts.append((img[..., :3].copy(), drawn))
        plt.close(fig)
        plt.style.use("default")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=60, help="charts to cut labels from")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--engines", default=",".join(ocr.ENGINES))
    ap.add_argument("--reads", help="ocr.READS as HEIGHT:GAMMA,... (default: the module's)")
    args = ap.parse_args()
    if args.reads:
        reads = tuple((int(h), float(g)) for h, g in (r.split(":") for r in args.reads.split(",")))
        ocr.READS = ocr.CHART_READS = reads
    else:
        ocr.READS = ocr.CHART_READS  # the reads the chart reader makes
    print(f"reads (height, gamma): {ocr.READS}")
    charts: list[tuple[np.ndarray, list[Drawn]]] = []
    labels = crops(random.Random(args.seed), args.n, charts)
    print(f"{len(labels)} labels from {args.n} charts")
    for name in args.engines.split(","):
        if not ocr.available(name):
            print(f"{name:10s} not installed")
            continue
        ocr.read_line(labels[0][2], engine=name)  # load the model outside the timing
        hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        wall: list[float] = []
        cpu: list[float] = []
        misses: list[str] = []
        for kind, truth, crop, rot in labels:
            t0, c0 = time.perf_counter(), time.process_time()
            text, _ = ocr.read_line(crop, rotate=rot, engine=name)
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
            for key in (kind, "ALL"):
                hits[key][0] += text == truth
                hits[key][1] += 1
            if text != truth and len(misses) < 6:
                misses.append(f"{truth!r}->{text!r}")
        parts = " ".join(f"{k}={h}/{t} ({h / t:.1%})" for k, (h, t) in sorted(hits.items()))
        print(f"{name:10s} exact: {parts}")
        print(f"{'':10s} ms/label: wall median {1000 * statistics.median(wall):.1f} mean "
              f"{1000 * statistics.mean(wall):.1f}, cpu median {1000 * statistics.median(cpu):.1f}; "
              f"misses e.g. {', '.join(misses)}")

    if ocr.available("tesseract"):
        in_reader(charts)


def in_reader(charts: list[tuple[np.ndarray, list[Drawn]]]) -> None:
    """Labels as the chart reader finds and reads them, per kind: exact, and CPU a chart."""
    from recode_dsl.perception import text as tx

    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    cpu: list[float] = []
    misses: list[str] = []
    for img, drawn in charts:
        c0 = time.process_time()
        found = tx.find_texts(img.astype(np.float64) / 255.0)
        cpu.append(time.process_time() - c0)
        for kind, truth, (x0, y0, x1, y1), _ in drawn:
            over = [t for t in found if t.box[0] < x1 and x0 < t.box[2] and t.box[1] < y1 and y0 < t.box[3]]
            ok = any(t.text == truth for t in over)
            for key in (kind, "ALL"):
                hits[key][0] += ok
                hits[key][1] += 1
            if not ok and len(misses) < 8:
                misses.append(f"{truth!r}->{[t.text for t in over]!r}")
    parts = " ".join(f"{k}={h}/{t} ({h / t:.1%})" for k, (h, t) in sorted(hits.items()))
    print(f"{'in reader':10s} exact: {parts}")
    print(f"{'':10s} CPU a chart (finding and reading its texts): median {1000 * statistics.median(cpu):.0f} ms; "
          f"misses e.g. {', '.join(misses)}")


if __name__ == "__main__":
    main()
