"""The Cairo renderer: a scene to PNG, SVG or PDF bytes, or an HxWx4 uint8 RGBA array.

``render`` dispatches on the scene's type: charts to ``renderer.chart``, figures to
``renderer.geometry``. Both draw through ``renderer.canvas``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from recode_dsl import messages
from recode_dsl import scene as s
from recode_dsl.errors import Diagnostic, RenderError


def _chart(scene: Any, fmt: str, **options: Any) -> Any:
    from recode_dsl.renderer.chart import render_chart

    return render_chart(scene, fmt, **options)


def _figure(scene: Any, fmt: str, **options: Any) -> Any:
    from recode_dsl.renderer.geometry import render_figure  # written alongside; imported when first needed

    return render_figure(scene, fmt, **options)


RENDERERS: dict[type, Callable[..., Any]] = {s.Chart: _chart, s.Figure: _figure}


def render(scene: s.Scene, fmt: str = "png", **options: Any) -> Any:
    """Draw ``scene`` as ``fmt`` ("png", "svg", "pdf" bytes, or "array" for an HxWx4 uint8 array).

    >>> from recode_dsl.scene import Chart, Series
    >>> render(Chart("bar", None, ("a",), (Series("s", (1,)),), ()), "png")[:4]
    b'\\x89PNG'
    """
    handler = RENDERERS.get(type(scene))
    if handler is None:
        raise RenderError([Diagnostic("E060", messages.not_a_scene(type(scene).__name__))])
    return handler(scene, fmt, **options)
