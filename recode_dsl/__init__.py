"""recode-dsl: derender charts and geometry figures into a small typed language, and answer
questions about them exactly.

    >>> import recode_dsl
    >>> result = recode_dsl.compile("figure\\npoint A = (0, 0), B = (3, 4)\\nsegment(A, B)\\nask length(A, B)")
    >>> result.answers[0].text
    '5'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from recode_dsl.errors import Diagnostic, RecodeError

if TYPE_CHECKING:
    from recode_dsl.pipeline import Answer, CompileResult, compile, render  # noqa: A004 -- the API is named compile

__all__ = ["Answer", "CompileResult", "Diagnostic", "RecodeError", "compile", "render"]
__version__ = "0.1.0"

_PIPELINE = ("Answer", "CompileResult", "compile", "render")


def __getattr__(name: str) -> Any:
    """The pipeline's names, imported on first use: ``import recode_dsl`` (and the CLI's
    ``--version``) loads no stage and no heavy library."""
    if name in _PIPELINE:
        from recode_dsl import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'recode_dsl' has no attribute {name!r}")
