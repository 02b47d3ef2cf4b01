"""Charts of the matplotlib bench (``bench/charts/make_charts.py``) drawn in-process for the interop tests."""

from __future__ import annotations

import importlib.util
import json
import os
import random
from pathlib import Path
from types import ModuleType

import pytest

# the shared bench beside the repository (../shared/bench/charts), or RECODE_CHART_BENCH
BENCH = Path(os.environ.get("RECODE_CHART_BENCH", Path(__file__).resolve().parents[3] / "shared" / "bench" / "charts"))


def load_make_charts() -> ModuleType:
    if not (BENCH / "make_charts.py").exists():
        pytest.skip(f"the chart bench is not at {BENCH}")
    pytest.importorskip("matplotlib")
    spec = importlib.util.spec_from_file_location("make_charts", BENCH / "make_charts.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def make_specs(mod: ModuleType, count: int, seed: int = 0, png_dir: Path | None = None,
               kinds: list[str] | None = None) -> list[str]:
    """Spec JSON texts of ``count`` charts, drawn like make_charts.main does.

    make_charts.py itself stops with ValueError when a pie samples more categories than its pool
    holds (the four quarters); such a draw is skipped. The pie's start angle, which the spec does not
    record, is read from the drawn wedge and added as "start_angle".
    """
    import matplotlib.pyplot as plt

    rng = random.Random(seed)
    styles = ["default", "ggplot", "seaborn-v0_8-whitegrid", "bmh"]
    kinds = kinds or list(mod.KINDS)
    out: list[str] = []
    i = 0
    while len(out) < count:
        kind = kinds[i % len(kinds)]
        i += 1
        try:
            fig, truth = mod.make_one(rng, kind, rng.choice(styles))
        except ValueError:
            plt.close("all")
            plt.style.use("default")
            continue
        truth["id"] = f"chart_{seed}_{i - 1:04d}_{kind}"
        if kind == "pie":
            truth["start_angle"] = round(float(fig.axes[0].patches[0].theta1), 6)
        if png_dir is not None:
            fig.savefig(png_dir / f"{truth['id']}.png", dpi=fig.dpi)
            (png_dir / f"{truth['id']}.json").write_text(json.dumps(truth, indent=1))
        plt.close(fig)
        plt.style.use("default")
        out.append(json.dumps(truth, indent=1))
    return out
