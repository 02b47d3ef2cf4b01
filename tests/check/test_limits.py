"""Every limit of ``limits.py`` is enforced with a located E020 (programs are generated: the
limits are too large for fixture files), and a program just inside each limit passes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from recode_dsl import compile as compile_program
from recode_dsl import limits, messages


def _figure_elements(n: int) -> str:
    return "figure\n" + "".join(f"point P{i}\n" for i in range(n))


def _categories(n: int) -> str:
    cats = ", ".join(f'"c{i}"' for i in range(n))
    return f"chart bar\ncategories({cats})\nseries(\"S\", [{', '.join('1' for _ in range(n))}])\n"


def _series(n: int) -> str:
    return 'chart line\ncategories("a")\n' + "".join(f'series("s{i}", [1])\n' for i in range(n))


def _values(n: int) -> str:
    per = n // 40 + 1
    head = "chart line\ncategories(" + ", ".join(f'"c{i}"' for i in range(per)) + ")\n"
    row = "[" + ", ".join("1" for _ in range(per)) + "]"
    return head + "".join(f'series("s{i}", {row})\n' for i in range(40))


def _queries(n: int) -> str:
    return 'chart bar\ncategories("a")\nseries("S", [1])\n' + 'ask max("S")\n' * n


def _polygon(n: int) -> str:
    names = [f"P{i}" for i in range(n)]
    return "figure\npoint " + ", ".join(names) + "\npolygon(" + ", ".join(names) + ")\n"


LIMITS: list[tuple[str, Callable[[int], str], int, str]] = [
    ("elements", _figure_elements, limits.MAX_ELEMENTS, "figure elements"),
    ("categories", _categories, limits.MAX_CATEGORIES, "categories"),
    ("series", _series, limits.MAX_SERIES, "series"),
    ("queries", _queries, limits.MAX_QUERIES, "queries"),
    ("polygon", _polygon, limits.MAX_POLYGON_SIDES, "polygon vertices"),
]


@pytest.mark.parametrize(("name", "make", "limit", "what"), LIMITS, ids=[x[0] for x in LIMITS])
def test_limit_is_enforced_and_located(name: str, make: Callable[[int], str], limit: int, what: str) -> None:
    over = compile_program(make(limit + 1), solve=False)
    e020 = [d for d in over.diagnostics if d.code == "E020"]
    assert e020, over.diagnostics[:3]
    assert e020[0].message == messages.limit_exceeded(what, limit + 1, limit)
    assert e020[0].span.line >= 1 and e020[0].span.col >= 1
    inside = compile_program(make(limit), solve=False)
    assert not [d for d in inside.diagnostics if d.code == "E020"]


def test_value_count_limit() -> None:
    over = compile_program(_values(limits.MAX_VALUES + 1), solve=False)
    assert any(d.code == "E020" and "values" in d.message for d in over.diagnostics)


def test_magnitude_and_digits() -> None:
    big = compile_program(f"figure\npoint A = ({limits.MAX_MAGNITUDE + 1}, 0)\n", solve=False)
    (d,) = big.diagnostics
    assert (d.code, d.span.line, d.span.col) == ("E020", 2, 12)
    ok = compile_program(f"figure\npoint A = ({limits.MAX_MAGNITUDE}, 0)\n", solve=False)
    assert ok.ok
    digits = "0." + "1" * (limits.MAX_DIGITS + 1)
    assert compile_program(f"figure\npoint A = ({digits}, 0)\n", solve=False).diagnostics[0].code == "E020"


@pytest.mark.parametrize(("w", "h", "ok"), [
    (limits.MIN_CANVAS_PX, limits.MAX_CANVAS_PX, True),
    (limits.MIN_CANVAS_PX - 1, 100, False),
    (100, limits.MAX_CANVAS_PX + 1, False),
])
def test_canvas_limits(w: int, h: int, ok: bool) -> None:
    src = f'chart bar\ncanvas({w}, {h})\ncategories("a")\nseries("S", [1])\n'
    codes = [(d.code, d.span.line) for d in compile_program(src, solve=False).diagnostics]
    assert codes == ([] if ok else [("E020", 2)])
