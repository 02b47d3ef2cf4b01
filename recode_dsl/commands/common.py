"""Helpers shared by commands: reading files and printing diagnostics."""

from __future__ import annotations

import sys
from pathlib import Path

from recode_dsl.errors import Diagnostic, format_json, format_text


def read_source(path: str) -> str:
    """The text of a program file, or '-' for standard input."""
    if path == "-":
        return sys.stdin.read()
    return Path(path).read_text(encoding="utf-8")


def report(diags: list[Diagnostic], source: str, filename: str, form: str) -> None:
    """Print diagnostics to stderr (text) or stdout (json)."""
    if form == "json":
        print(format_json(diags, filename))
    elif diags:
        print(format_text(diags, source, filename), file=sys.stderr)
