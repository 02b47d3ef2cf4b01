"""Colour names the language accepts, and parsing of ``#rrggbb`` strings."""

from __future__ import annotations

import re

NAMED: dict[str, str] = {
    "black": "#000000", "white": "#ffffff", "red": "#ff0000", "green": "#008000", "blue": "#0000ff",
    "yellow": "#ffff00", "orange": "#ffa500", "purple": "#800080", "grey": "#808080", "gray": "#808080",
    "brown": "#a52a2a", "pink": "#ffc0cb", "cyan": "#00ffff", "magenta": "#ff00ff", "navy": "#000080",
    "teal": "#008080", "olive": "#808000", "maroon": "#800000", "lightgray": "#d3d3d3",
    "lightblue": "#add8e6", "darkgreen": "#006400", "gold": "#ffd700",
    # matplotlib's default cycle, so programs can name what a reader sees
    "tab:blue": "#1f77b4", "tab:orange": "#ff7f0e", "tab:green": "#2ca02c", "tab:red": "#d62728",
    "tab:purple": "#9467bd", "tab:brown": "#8c564b", "tab:pink": "#e377c2", "tab:gray": "#7f7f7f",
    "tab:olive": "#bcbd22", "tab:cyan": "#17becf",
}

DEFAULT_CYCLE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                 "#bcbd22", "#17becf")

_HEX = re.compile(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


def normalise(text: str) -> str | None:
    """``#rrggbb`` for a valid colour, else None.

    >>> normalise("#ABC"), normalise("tab:blue"), normalise("nope")
    ('#aabbcc', '#1f77b4', None)
    """
    t = text.strip().lower()
    if t in NAMED:
        return NAMED[t]
    if _HEX.match(t):
        return t if len(t) == 7 else "#" + "".join(c * 2 for c in t[1:])
    return None


def rgb(colour: str) -> tuple[float, float, float]:
    """Floats in [0, 1] for a normalised colour."""
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]
