"""Plain-words messages for syntax errors: labelled broken snippets for ``match_examples``.

Each snippet is one statement, parsed alone (the parser locates errors statement by
statement, so the parser state at the error is that of a first statement).
"""

from __future__ import annotations

EXAMPLES: dict[str, list[str]] = {
    "missing ')' to close the call": ["triangle(A, B, C", "length(A, B = 3", "ask area(circle(O, 2)"],
    "missing ']' to close the list": ["categories([\"a\", \"b\"", "series(\"S\", [1, 2, 3)"],
    "missing ',' between arguments": ["triangle(A B C)", "length(A B)", "series(\"S\" [1, 2])"],
    "a statement cannot start with an operator": ["= 3", "* 2", "+= 4", "== 3"],
    "'=' needs a value on its right": ["length(A, B) =", "x ="],
    "an equation has one '='": ["length(A, B) = 3 = 4"],
    "a point declaration needs a name": ["point", "point 3", "point (0, 0)"],
    "'let' needs a name, '=' and a value": ["let", "let w", "let w circle(O, 2)", "let 3 = 4"],
    "'ask' needs a query": ["ask"],
    "a chart header needs a kind, as in 'chart bar'": ["chart", "chart \"title\""],
    "an operator needs a value on its right": ["x + ", "length(A, B) = 2 *", "ask 3 -"],
    "a keyword argument needs a value, as in color=\"red\"": ["series(\"S\", [1], color=)"],
    "two values in a row need an operator between them": ["length(A, B) = 3 4", "ask x y"],
    "unbalanced ')'": ["triangle(A, B, C))", "ask x)"],
    "a coordinate pair has two numbers, as in (0, 0)": ["point A = (0, 0, 0)"],
    "missing ',' between points": ["point A B", "point A = (0, 0) B", "point A = (1, 2) B = (3, 4)"],
}
