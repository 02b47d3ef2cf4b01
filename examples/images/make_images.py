#!/usr/bin/env python3
"""Draw the sample chart images that ``make demo`` derenders offline (run by hand).

    python examples/images/make_images.py

Two renderers the project did not write: matplotlib and Vega-Lite (vl-convert-python). Each
NAME.png comes with NAME.ask, the questions the demo asks about it (one a line).
"""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

OUT = Path(__file__).resolve().parent


def _asks(name: str, *questions: str) -> None:
    (OUT / f"{name}.ask").write_text("".join(q + "\n" for q in questions))


def main() -> None:
    plt.style.use("ggplot")
    fig, ax = plt.subplots(figsize=(5.6, 3.8), dpi=80)
    x = np.arange(4)
    for i, (name, vals) in enumerate((("North", [120, 135, 150, 160]), ("South", [100, 140, 130, 170]))):
        ax.bar(x - 0.2 + 0.4 * i, vals, 0.4, label=name)
    ax.set_xticks(x, ["Q1", "Q2", "Q3", "Q4"])
    ax.set_title("Quarterly sales")
    ax.legend(fontsize=9)
    fig.savefig(OUT / "mpl_grouped_sales.png", dpi=80)
    plt.close(fig)
    _asks("mpl_grouped_sales", 'argmax("South")', 'sum("North")',
          'percent_change(value("North", "Q1"), value("North", "Q4"))')

    plt.style.use("default")
    fig, ax = plt.subplots(figsize=(5.6, 3.8), dpi=80)
    yrs = ["2018", "2019", "2020", "2021", "2022", "2023"]
    ax.plot(range(6), [4.2, 5.0, 3.1, 4.8, 6.5, 7.1], marker="o", label="Exports")
    ax.plot(range(6), [3.9, 4.1, 3.5, 4.4, 5.2, 5.0], marker="s", label="Imports")
    ax.set_xticks(range(6), yrs)
    ax.set_title("Trade (bn)")
    ax.legend(fontsize=9)
    fig.savefig(OUT / "mpl_line_trade.png", dpi=80)
    plt.close(fig)
    _asks("mpl_line_trade", 'argmin("Exports")', 'max("Imports")')

    fig, ax = plt.subplots(figsize=(4.4, 4.0), dpi=80)
    ax.pie([45, 25, 20, 10], labels=["Rent", "Food", "Travel", "Other"], startangle=90, autopct="%1.0f%%")
    ax.set_title("Budget")
    fig.savefig(OUT / "mpl_pie_budget.png", dpi=80)
    plt.close(fig)
    _asks("mpl_pie_budget", 'argmax("share")', 'value("share", "Food")')

    import vl_convert as vlc

    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": 320, "height": 200,
            "title": "Downloads by region",
            "data": {"values": [{"c": c, "v": v} for c, v in
                                (("North", 420), ("South", 310), ("East", 275), ("West", 150), ("Central", 95))]},
            "mark": "bar",
            "encoding": {"y": {"field": "c", "type": "nominal", "sort": None, "title": None},
                         "x": {"field": "v", "type": "quantitative", "title": "Downloads"}}}
    (OUT / "vega_hbar_downloads.png").write_bytes(vlc.vegalite_to_png(spec, scale=1))
    _asks("vega_hbar_downloads", 'argmin("value")', 'count("value" > 200)')

    rows = [{"c": m, "s": s, "v": v} for s, vals in (("Plan", [30, 45, 25, 40]), ("Actual", [28, 50, 20, 44]))
            for m, v in zip(["Jan", "Feb", "Mar", "Apr"], vals)]
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": 320, "height": 200,
            "data": {"values": rows}, "mark": {"type": "line", "point": True},
            "encoding": {"x": {"field": "c", "type": "ordinal", "sort": None, "title": None},
                         "y": {"field": "v", "type": "quantitative", "title": "Units"},
                         "color": {"field": "s", "type": "nominal", "sort": None, "title": None}}}
    (OUT / "vega_line_plan.png").write_bytes(vlc.vegalite_to_png(spec, scale=1, theme="vox"))
    _asks("vega_line_plan", 'argmax("Actual")', 'max(gap("Actual", "Plan"))')
    print(json.dumps(sorted(p.name for p in OUT.glob("*.png"))))


if __name__ == "__main__":
    main()
