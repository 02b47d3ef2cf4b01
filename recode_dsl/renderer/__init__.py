"""Cairo renderer (placeholder until the renderer issue lands)."""

from __future__ import annotations

from typing import Any

from recode_dsl import scene as s
from recode_dsl.errors import Diagnostic, RenderError


def render(sc: s.Scene, fmt: str = "png", **options: Any) -> Any:
    raise RenderError([Diagnostic("E060", "rendering is not available yet")])
