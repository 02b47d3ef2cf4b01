"""Geometry3K importer: Regular(Polygon($)) makes the outline regular only as far as it appears regular."""

from __future__ import annotations

from typing import Any

from recode_dsl.interop.geometry3k import import_problem
from recode_dsl.interop.geometry3k.regular import apparent_regular

SQUARE = {"A": (0.0, 0.0), "B": (10.0, 0.0), "C": (10.0, 10.0), "D": (0.0, 10.0), "M": (5.0, 0.2)}


def _record(points: dict[str, list[float]], lines: list[str], regular: str) -> dict[str, Any]:
    return {"id": 1, "problem_text": "Find the area. Assume that all polygons that appear to be regular are regular.",
            "point_positions": points, "line_instances": lines, "circle_instances": [],
            "diagram_logic_forms": ["Equals(LengthOf(Line(A, D)), 4)"],
            "text_logic_forms_dissolved": [regular, "Find(AreaOf(Shape($)))"]}


def test_points_on_a_side_are_no_corners() -> None:
    assert apparent_regular(SQUARE, ("A", "M", "B", "C", "D")) == ("A", "B", "C", "D")


def test_an_outline_that_does_not_look_regular_is_not() -> None:
    wide = {**SQUARE, "B": (20.0, 0.0), "C": (20.0, 10.0)}
    assert apparent_regular(wide, ("A", "B", "C", "D")) is None
    skew = {**SQUARE, "C": (14.0, 10.0), "D": (4.0, 10.0)}  # a rhombus-like shape: equal sides, unequal corners
    assert apparent_regular(skew, ("A", "B", "C", "D")) is None
    assert apparent_regular(SQUARE, ("A", "B", "Z")) is None  # an undrawn vertex


def test_import_keeps_the_regular_outline_and_drops_the_other() -> None:
    lines = ["AB", "BC", "CD", "DA"]
    square = import_problem(_record({"A": [0, 0], "B": [10, 0], "C": [10, 10], "D": [0, 10]}, lines,
                                    "Regular(Polygon($))"))
    assert "regular(polygon(" in square.source
    wide = import_problem(_record({"A": [0, 0], "B": [20, 0], "C": [20, 10], "D": [0, 10]}, lines,
                                  "Regular(Polygon($))"))
    assert "regular(" not in wide.source
    assert any(d.code == "E083" and "does not appear regular" in d.message for d in wide.diagnostics)


def test_a_named_polygon_is_regular_whatever_the_drawing() -> None:
    wide = import_problem(_record({"A": [0, 0], "B": [20, 0], "C": [20, 10], "D": [0, 10]}, ["AB", "BC", "CD", "DA"],
                                  "Regular(Polygon(A, B, C, D))"))
    assert "regular(polygon(A, B, C, D))" in wide.source
