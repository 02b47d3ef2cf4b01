"""The boundary: bytes, JSON and numbers from files, checked before anything works on them.

Every reader of outside input goes through here, so that what is not text, not JSON, nested
too deeply or a number beyond the language's limits is a located problem, never an exception
from ``bytes.decode``, ``json.loads`` (``RecursionError``, the 4,300-digit int limit) or a
number conversion that never ends (``Fraction(Decimal("1e999999999"))``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from recode_dsl import limits, messages
from recode_dsl.errors import Diagnostic, RecodeError, Span


class InputError(RecodeError):
    """Input that cannot be read at all (not UTF-8); carries the file name for the located message."""

    def __init__(self, diagnostics: list[Diagnostic], filename: str) -> None:
        super().__init__(diagnostics)
        self.filename = filename


def decode(data: bytes, filename: str = "<input>") -> str:
    """UTF-8 text (a byte-order mark dropped), or ``InputError`` at the line, column and byte that is not.

    >>> decode(b"figure\\npoint A")
    'figure\\npoint A'
    >>> try:
    ...     decode(b"figure\\n# caf\\xe9")
    ... except InputError as err:
    ...     d = err.diagnostics[0]
    >>> d.code, d.span.line, d.span.col, d.message
    ('E001', 2, 6, 'the file is not UTF-8 text: byte 0xE9 cannot be decoded')
    """
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        good = data[:err.start].decode("utf-8", errors="replace")
        line = good.count("\n") + 1
        col = len(good) - (good.rfind("\n") + 1) + 1
        diag = Diagnostic("E001", messages.not_utf8(data[err.start]), Span(line, col, line, col + 1),
                          "save the file as UTF-8")
        raise InputError([diag], filename) from None


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# -- numbers ---------------------------------------------------------------------------------


def number_problem(d: Decimal) -> str | None:
    """Why a number cannot be imported (not finite, more digits or magnitude than a program may
    write), or None. Decided from the digits and exponent alone: ``1e999999999`` costs nothing.

    >>> number_problem(Decimal("12.5")), number_problem(Decimal("1e999999999"))
    (None, 'is too large: numbers are limited to 1e+12 in magnitude')
    >>> number_problem(Decimal("0." + "1" * 40))
    'has 41 digits; numbers have at most 30'
    """
    if not d.is_finite():
        return "is not a finite number"
    t = d.as_tuple()  # not normalize(): it rounds to the context's 28 digits
    digits, exp = "".join(map(str, t.digits)).lstrip("0"), int(t.exponent)
    stripped = digits.rstrip("0")
    n, exp = len(stripped), exp + len(digits) - len(stripped)
    if n and n + exp > len(str(limits.MAX_MAGNITUDE)):  # digits before the point
        return f"is too large: numbers are limited to {limits.MAX_MAGNITUDE:.0e} in magnitude"
    if n and abs(d) > limits.MAX_MAGNITUDE:
        return f"is too large: numbers are limited to {limits.MAX_MAGNITUDE:.0e} in magnitude"
    written = max(n + exp, 1) + max(-exp, 0) if n else 1  # digits of the decimal as a program writes it
    if written > limits.MAX_DIGITS:
        return f"has {written} digits; numbers have at most {limits.MAX_DIGITS}"
    return None


def to_decimal(v: object) -> Decimal | None:
    """A JSON or CSV value as a Decimal (floats by their shortest repr), or None if it is not a number."""
    if isinstance(v, bool) or not isinstance(v, (int, float, Decimal, str)):
        return None
    if isinstance(v, str) and len(v) > limits.MAX_IMPORT_CELL:
        return None
    try:
        return Decimal(repr(v)) if isinstance(v, float) else Decimal(str(v).strip())
    except (InvalidOperation, ValueError):
        return None


# -- JSON ------------------------------------------------------------------------------------

_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


@dataclass(frozen=True)
class JsonProblem:
    """Why a text is not acceptable JSON, and where (line, column of the text)."""

    message: str
    line: int
    col: int


def too_deep(text: str, limit: int = limits.MAX_IMPORT_DEPTH) -> tuple[int, int] | None:
    """Line and column of the first bracket nested deeper than ``limit`` (outside strings), or None."""
    if text.count("[") + text.count("{") <= limit:
        return None
    depth = 0
    for m in _JSON_TOKEN.finditer(text):
        ch = m.group()
        if ch in "[{":
            depth += 1
            if depth > limit:
                return position(text, m.start())
        elif ch in "]}":
            depth -= 1
    return None


def _bad_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _int(text: str) -> int:
    if len(text.lstrip("-")) > limits.MAX_DIGITS:
        raise ValueError(f"an integer of {len(text.lstrip('-'))} digits; numbers have at most {limits.MAX_DIGITS}")
    return int(text)


def load_json(text: str, exact: bool = True) -> tuple[Any, JsonProblem | None]:
    """Parse JSON with every number a ``Decimal`` (exact, and no int-size limit to trip; with
    ``exact=False`` floats and ints of at most ``MAX_DIGITS`` digits), NaN and Infinity refused,
    nesting limited; ``(doc, None)`` or ``(None, problem)``.

    >>> load_json('{"a": [1, 2.5]}')
    ({'a': [Decimal('1'), Decimal('2.5')]}, None)
    >>> load_json('[' * 100)[1].message
    'nested more than 64 levels deep'
    """
    if len(text) > limits.MAX_IMPORT_BYTES:  # before any parsing: a 400 MB document is refused at once
        return None, JsonProblem(f"{len(text)} characters long; the limit is {limits.MAX_IMPORT_BYTES}", 1, 1)
    deep = too_deep(text)
    if deep is not None:
        return None, JsonProblem(f"nested more than {limits.MAX_IMPORT_DEPTH} levels deep", *deep)
    try:
        if exact:
            return json.loads(text, parse_float=Decimal, parse_int=Decimal, parse_constant=_bad_constant), None
        return json.loads(text, parse_int=_int, parse_constant=_bad_constant), None
    except json.JSONDecodeError as err:
        return None, JsonProblem(err.msg, err.lineno, err.colno)
    except (ValueError, RecursionError, ArithmeticError) as err:  # Decimal("1e9999999999") is InvalidOperation
        return None, JsonProblem(str(err) if isinstance(err, ValueError) else "a number beyond any limit", 1, 1)


# -- strings ---------------------------------------------------------------------------------

# What a program cannot hold in a string (syntax.py refuses the same characters in source text).
CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef"
                     + "".join(chr((p << 16) | 0xFFFE) + chr((p << 16) | 0xFFFF) for p in range(17)) + "]|\r(?!\n)")


def string_problem(text: str) -> str | None:
    """Why a string from a file cannot become a string of a program, or None.

    >>> string_problem("Revenue"), string_problem("a\\x1b[31m")
    (None, 'holds the control character U+001B')
    """
    if len(text) > limits.MAX_IMPORT_CELL:
        return f"is {len(text)} characters long; the limit is {limits.MAX_IMPORT_CELL}"
    m = CONTROL.search(text)
    return f"holds the control character U+{ord(m.group()):04X}" if m else None
