"""Diagnostics: every problem the compiler finds, with a code, a span and a hint.

One hierarchy, ``RecodeError`` -> ``ParseError``, ``CheckError``, ``RenderError``,
``SolveError``, ``AgentError``; each carries the list of ``Diagnostic`` it found.
Text form ``FILE:LINE:COL: error[CODE]: message`` with the source line and a caret;
JSON form for machines and for the model's repair loop.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

MAX_DIAGNOSTICS = 20

# What each code means; the language reference lists them (ranges belong to one stage each).
CODES: dict[str, str] = {
    "E001": "unexpected character",
    "E002": "syntax error: a statement does not parse (the message says what is missing)",
    "E003": "missing header: a program starts with 'figure' or 'chart KIND'",
    "E005": "program too large (bytes or lines)",
    "E006": "expression nested too deeply",
    "E010": "unknown name: a point, series, category or variable that is not defined",
    "E011": "duplicate name: a point, 'let', series or category defined twice",
    "E012": "unknown function, or a figure call in a chart (or the reverse)",
    "E013": "wrong number of arguments, a missing or repeated argument",
    "E014": "wrong type of argument or value",
    "E015": "unknown keyword argument",
    "E016": "unit mismatch, such as an angle set equal to a length",
    "E017": "lengths disagree: series values against categories, scatter x against y, colours",
    "E018": "degenerate shape: repeated vertices, coincident points, collinear triangle",
    "E019": "value out of range: negative radius or length, angle outside (0, 360), 1/0 or sqrt(-1), unknown "
            "colour, bad axis range or plot box",
    "E020": "limit exceeded: element count, categories, series, values, queries, magnitude, exponent, canvas",
    "E021": "an expression that does nothing on its own, or a statement used as a value",
    "E023": "unknown chart kind",
    "E024": "a chart setting the chart kind needs is missing (series, categories)",
    "E025": "a chart setting given twice",
    "E040-E048": "geometry solver: under-determined, inconsistent or unsolvable figures, time-outs",
    "E049": "a query that no solver answers yet (warning)",
    "E050-E059": "chart queries: unknown labels, empty selections, undefined results",
    "E060-E069": "renderer: canvas, plot box, log scales, undrawable data, layout of figures",
    "E080-E089": "importers (Geometry3K, chart specs, CSV)",
    "E090": "the model endpoint failed",
    "E091-E099": "reference and tooling",
}


@dataclass(frozen=True, slots=True)
class Span:
    """A source range: 1-based line and column of the start, and of the end (exclusive)."""

    line: int
    col: int
    end_line: int
    end_col: int

    def to_json(self) -> dict[str, int]:
        return {"line": self.line, "col": self.col, "end_line": self.end_line, "end_col": self.end_col}


NO_SPAN = Span(0, 0, 0, 0)


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
            "span": self.span.to_json(),
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


class CheckError(RecodeError):
    """The program parses but breaks a rule of names, types, units or limits."""


class RenderError(RecodeError):
    """The scene cannot be drawn."""


class SolveError(RecodeError):
    """A query cannot be answered."""


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


def _format_one(d: Diagnostic, lines: list[str], filename: str) -> str:
    head = f"{filename}:{d.span.line}:{d.span.col}: {d.severity}[{d.code}]: {d.message}"
    out = [head]
    if 1 <= d.span.line <= len(lines):
        text = lines[d.span.line - 1]
        width = d.span.end_col - d.span.col if d.span.end_line == d.span.line else len(text) - d.span.col + 1
        gutter = f"{d.span.line:>4} | "
        out.append(gutter + text)
        out.append(" " * (len(gutter) + max(d.span.col - 1, 0)) + "^" * max(width, 1))
    if d.hint:
        out.append(f"     = hint: {d.hint}")
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
