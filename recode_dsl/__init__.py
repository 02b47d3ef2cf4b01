"""recode-dsl: derender charts and geometry figures into a small typed language, and answer
questions about them exactly.

    >>> import recode_dsl
    >>> result = recode_dsl.compile("figure\\npoint A = (0, 0), B = (3, 4)\\nsegment(A, B)\\nask length(A, B)")
    >>> result.answers[0].text
    '5'
"""

from __future__ import annotations

from recode_dsl.errors import Diagnostic, RecodeError
from recode_dsl.pipeline import Answer, CompileResult, compile, render  # noqa: A004 -- the public API is named compile

__all__ = ["Answer", "CompileResult", "Diagnostic", "RecodeError", "compile", "render"]
__version__ = "0.1.0"
