"""Diagnostics: every problem the compiler finds, with a code, a span and a hint.

One hierarchy, ``RecodeError`` -> ``ParseError``, ``RenderError``, ``AgentError`` (and the
importers' ``ImportFailed``); each carries the list of ``Diagnostic`` it found (the checker and the solvers return their
diagnostics instead of raising). The codes and their texts are the catalogue in ``messages``.
Text form ``FILE:LINE:COL: error[CODE]: message`` with the source line and a caret;
JSON form for machines and for the model's repair loop.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from recode_dsl.messages import CODE_TABLE

MAX_DIAGNOSTICS = 20

# What each code means, generated from the catalogue of messages (the reference lists them).
CODES: dict[str, str] = {c.code: c.meaning for c in CODE_TABLE}


@dataclass(frozen=True, slots=True, init=False)
class Span:
    """A source range: 1-based line and column of the start, and of the end (exclusive).

    Frozen like the generated ``__init__`` would make it, but built through the slots' own
    setters: the parser makes one per token, and this is a third cheaper.

    >>> Span(2, 5, 2, 9) == Span(2, 5, 2, 9), Span(2, 5, 2, 9).end_col
    (True, 9)
    """

    line: int
    col: int
    end_line: int
    end_col: int

    def __init__(self, line: int, col: int, end_line: int, end_col: int) -> None:
        _set_line(self, line)
        _set_col(self, col)
        _set_end_line(self, end_line)
        _set_end_col(self, end_col)

    def to_json(self) -> dict[str, int]:
        return {"line": self.line, "col": self.col, "end_line": self.end_line, "end_col": self.end_col}


_set_line, _set_col, _set_end_line, _set_end_col = (vars(Span)[f].__set__
                                                    for f in ("line", "col", "end_line", "end_col"))
NO_SPAN = Span(0, 0, 0, 0)
# Where a diagnostic about the whole input (a file that is not a program, a failed request) is
# printed: its start. No diagnostic leaves the package without a line and a column.
WHOLE_INPUT = Span(1, 1, 1, 2)


def where(span: Span) -> Span:
    """The span to print: ``span``, or the start of the input for ``NO_SPAN``."""
    return span if span.line > 0 else WHOLE_INPUT


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding. ``severity`` is "error" or "warning"."""

    code: str
    message: str
    span: Span = NO_SPAN
    hint: str | None = None
    severity: str = "error"
    related: tuple[Span, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "span": where(self.span).to_json(),
        }
        if self.hint:
            out["hint"] = self.hint
        if self.related:
            out["related"] = [s.to_json() for s in self.related]
        return out


@dataclass
class RecodeError(Exception):
    """Base of every error the package raises for bad input."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __str__(self) -> str:
        return "; ".join(f"{d.span.line}:{d.span.col}: {d.code}: {d.message}" for d in self.diagnostics)


class ParseError(RecodeError):
    """The text is not a program of the grammar."""


class RenderError(RecodeError):
    """The scene cannot be drawn."""


class AgentError(RecodeError):
    """The model loop failed."""


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate, as a hint, or None.

    >>> did_you_mean("Revenu", ["Revenue", "Costs"])
    "did you mean 'Revenue'?"
    """
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def has_errors(diags: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diags)


def sort_and_cap(diags: Sequence[Diagnostic], cap: int = MAX_DIAGNOSTICS) -> list[Diagnostic]:
    """Diagnostics in source order, at most ``cap`` of them, deduplicated."""
    seen: set[tuple[str, Span, str]] = set()
    out: list[Diagnostic] = []
    for d in sorted(diags, key=lambda d: (d.span.line, d.span.col, d.code)):
        key = (d.code, d.span, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out[:cap] if len(out) > cap else out


def format_text(diags: Sequence[Diagnostic], source: str, filename: str = "<input>",
                cap: int = MAX_DIAGNOSTICS) -> str:
    """Render diagnostics as ``FILE:LINE:COL: error[CODE]: message`` with source line and caret."""
    ordered = sort_and_cap(diags, cap=len(diags) or 1)
    lines = source.splitlines()
    chunks = [_format_one(d, lines, filename) for d in ordered[:cap]]
    if len(ordered) > cap:
        chunks.append(f"... and {len(ordered) - cap} more")
    return "\n".join(chunks)


ECHO_WIDTH = 120  # characters of a source line shown under a diagnostic
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """Text safe for a terminal: control characters (ESC, OSC, NUL, bidirectional overrides) are
    shown as '?', one for one, so columns keep their place.

    >>> printable("a\\x1b]0;x\\x07b")
    'a?]0;x?b'
    """
    return _UNPRINTABLE.sub("?", text)


def _format_one(d: Diagnostic, lines: list[str], filename: str) -> str:
    d = Diagnostic(d.code, d.message, where(d.span), d.hint, d.severity, d.related)
    head = f"{printable(filename)}:{d.span.line}:{d.span.col}: {d.severity}[{d.code}]: {printable(d.message)}"
    out = [head]
    if 1 <= d.span.line <= len(lines):
        text = lines[d.span.line - 1]
        col = max(d.span.col - 1, 0)
        width = d.span.end_col - d.span.col if d.span.end_line == d.span.line else len(text) - col
        start = 0 if len(text) <= ECHO_WIDTH else max(0, min(col - ECHO_WIDTH // 3, len(text) - ECHO_WIDTH))
        end = min(len(text), start + ECHO_WIDTH)
        before, after = ("..." if start else ""), ("..." if end < len(text) else "")
        gutter = f"{d.span.line:>4} | "
        out.append(gutter + before + printable(text[start:end]) + after)
        width = max(1, min(width, end - col))
        out.append(" " * (len(gutter) + len(before) + max(col - start, 0)) + "^" * width)
    if d.hint:
        out.append(f"     = hint: {printable(d.hint)}")
    return "\n".join(out)


def format_json(diags: Sequence[Diagnostic], filename: str = "<input>", cap: int = MAX_DIAGNOSTICS) -> str:
    """Diagnostics as a JSON document: ``{"file", "diagnostics": [...], "truncated"}``."""
    ordered = sort_and_cap(diags, cap=len(diags) or 1)
    doc = {
        "file": filename,
        "diagnostics": [d.to_json() for d in ordered[:cap]],
        "truncated": max(0, len(ordered) - cap),
    }
    return json.dumps(doc, indent=1)
