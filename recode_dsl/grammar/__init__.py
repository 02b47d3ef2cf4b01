"""The grammar, shipped as package data: ``recode.lark``."""

from __future__ import annotations

from importlib import resources


def grammar_text() -> str:
    """The text of ``recode.lark``."""
    return resources.files(__package__).joinpath("recode.lark").read_text(encoding="utf-8")
