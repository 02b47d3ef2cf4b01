"""Helpers shared by the perception tests."""

from __future__ import annotations

import io
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray


def pyplot() -> Any:
    """matplotlib's pyplot on the Agg backend (the test skips without matplotlib)."""
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def figure_rgb(fig: Any) -> NDArray[np.float64]:
    """A matplotlib figure drawn at 100 dpi as an RGB page in [0, 1]; the figure is closed."""
    from PIL import Image

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    pyplot().close(fig)
    buf.seek(0)
    with Image.open(buf) as im:
        return np.asarray(im.convert("RGB"), np.float64) / 255.0


def figure_pixels(fig: Any) -> NDArray[np.uint8]:
    """A matplotlib figure drawn at its own dpi as RGB bytes, as a chart image is read; the figure
    is closed."""
    from PIL import Image

    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    pyplot().close(fig)
    buf.seek(0)
    with Image.open(buf) as im:
        arr: NDArray[np.uint8] = np.asarray(im.convert("RGB"), np.uint8).copy()
        return arr
