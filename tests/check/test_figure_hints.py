"""Hints that say the right fix (issue 15)."""

from __future__ import annotations

import pytest

from recode_dsl import compile as compile_program


@pytest.mark.parametrize(("let", "kind"), [("triangle(A, B, C)", "polygon"), ("circle(A, 2)", "circle"),
                                           ("segment(A, B)", "segment")])
def test_a_bare_let_name_of_a_shape_hints_deleting_the_line(let: str, kind: str) -> None:
    r = compile_program(f"figure\npoint A, B, C\nlet t = {let}\nt\n", solve=False)
    (d,) = r.diagnostics
    assert (d.code, d.span.line) == ("E021", 4)
    assert d.hint is not None and d.hint.startswith("delete the line") and kind in d.hint


def test_a_bare_number_still_hints_an_equation() -> None:
    (d,) = compile_program("figure\npoint A, B\nlet k = 5\nk\n", solve=False).diagnostics
    assert d.code == "E021" and d.hint is not None and "equation" in d.hint


@pytest.mark.parametrize(("text", "hint"), [("48 ft²", "^2"), ("3 × 4", "*"), ("√3", "sqrt(3)"), ("2π", "pi")])
def test_symbols_printed_in_diagrams_hint_how_to_write_them(text: str, hint: str) -> None:
    r = compile_program(f"figure\npoint A, B\nsegment(A, B)\nlength(A, B) = {text}\n", solve=False)
    (d,) = r.diagnostics
    assert (d.code, d.span.line) == ("E001", 4) and d.hint is not None and hint in d.hint
