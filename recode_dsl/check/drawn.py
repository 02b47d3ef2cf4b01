"""Values that reach the renderer stay within what it can draw: a coordinate, a radius or an
axis end of (10^12)^64 is exact and valid arithmetic, but no float holds it on a canvas. The
checker refuses such values (E020) where they are written, so no stage after it overflows.

>>> from recode_dsl import scene as s
>>> setting_problem("value_axis", {"lo": s.Const(0), "hi": s.Apply("^", (s.Const(10**12), s.Const(64)))})
"'hi' of 'value_axis' is too large to draw: drawn values are limited to 1e+12 in magnitude"
>>> setting_problem("value_labels", {"show": True, "decimals": s.Const(999999999999)})
"'decimals' of 'value_labels' must be from 0 to 20"
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from recode_dsl import limits, messages
from recode_dsl import scene as s
from recode_dsl.check.constants import TooLarge, constant_value
from recode_dsl.quantity import exact_expr, is_rational, plain

LIMIT_TEXT = f"{limits.MAX_MAGNITUDE:.0e}"


def too_large(value: object) -> bool:
    """|value| > MAX_MAGNITUDE, in exact arithmetic (no float to overflow)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return abs(value) > limits.MAX_MAGNITUDE
    v = plain(value)
    if is_rational(v):
        r = Fraction(v)
        return abs(r.numerator) > limits.MAX_MAGNITUDE * r.denominator
    import sympy

    return bool(sympy.Abs(exact_expr(v)) > limits.MAX_MAGNITUDE)


def drawn_value_problem(what: str, q: object) -> str | None:
    """The message for a constant quantity too large to draw, or None (also for non-constants)."""
    if not isinstance(q, (s.Const, s.Apply)):
        return None
    try:
        v = constant_value(q)
    except TooLarge:
        return messages.drawn_too_large(what, LIMIT_TEXT)
    if v is None or not (is_rational(v) or v.is_real):
        return None
    return messages.drawn_too_large(what, LIMIT_TEXT) if too_large(v) else None


def setting_problem(name: str, args: dict[str, Any]) -> str | None:
    """The first argument of a chart setting that cannot be drawn, worded, or None."""
    for key, q in args.items():
        what = f"'{key}' of '{name}'"
        problem = drawn_value_problem(what, q)
        if problem:
            return problem
        if key == "decimals" and isinstance(q, s.Const) and isinstance(q.value, int) \
                and not 0 <= q.value <= limits.MAX_DECIMALS:
            return messages.out_of_range(what, f"from 0 to {limits.MAX_DECIMALS}")
    return None
