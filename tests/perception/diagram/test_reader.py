"""The diagram reader: our own renderer's figures read back, Geometry3K diagrams against their
annotations, the figure program and the Geometry3K record it writes."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
import sympy

import recode_dsl
from recode_dsl import astnodes as a
from recode_dsl.perception import ocr
from recode_dsl.perception.diagram import read_diagram, read_figure, score
from recode_dsl.perception.diagram.forms import diagram_record, names_in_text
from recode_dsl.perception.diagram.program import parse_value
from recode_dsl.renderer.geometry import figure_frame

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "diagram" / "geometry3k"
W, H, MARGIN = 480, 360, 36

FIGURES = {
    "cevian_and_circle": (
        "figure\npoint A = (0, 0), B = (6, 0), C = (2, 4), D = (4, 0), O = (9, 2)\n"
        "segment(A, B)\nsegment(B, C)\nsegment(C, A)\nsegment(C, D)\ncircle(O, 1.5)\n",
        [("A", "B"), ("B", "C"), ("C", "A"), ("C", "D")],
        [("O", 1.5)],
    ),
    "quadrilateral_diagonals": (
        "figure\npoint P = (0, 0), Q = (5, 0), R = (6, 4), S = (1, 3), T\n"
        "segment(P, Q)\nsegment(Q, R)\nsegment(R, S)\nsegment(S, P)\nsegment(P, R)\nsegment(Q, S)\n"
        "intersect(line(P, R), line(Q, S), T)\n",
        [("P", "Q"), ("Q", "R"), ("R", "S"), ("S", "P"), ("P", "R"), ("Q", "S")],
        [],
    ),
    "chord_in_circle": (
        "figure\npoint O = (0, 0), A = (-3, 0), B = (3, 0), C = (0, 3)\n"
        "circle(O, 3)\nsegment(A, B)\nsegment(A, C)\nsegment(C, B)\n",
        [("A", "B"), ("A", "C"), ("C", "B")],
        [("O", 3.0)],
    ),
}


def _render(src: str) -> tuple[np.ndarray, dict[str, tuple[float, float]], float]:
    result = recode_dsl.compile(src)
    assert result.ok, result.diagnostics
    fig = result.scene
    arr = recode_dsl.render(fig, "array", width=W, height=H, margin=MARGIN)
    frame = figure_frame(fig, W, H, MARGIN)
    from recode_dsl.renderer.geo_space import resolve

    space = resolve(fig)
    return arr, {n: frame.px(p) for n, p in space.pos.items()}, frame.scale


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_rendered_figure_points_lines_circles_read_back(name: str) -> None:
    src, segments, circles = FIGURES[name]
    arr, px, scale = _render(src)
    reading = read_figure(arr, ocr=False)
    d = reading.diagram
    read_xy = [p.xy for p in d.points]
    near: dict[str, int] = {}
    for n, xy in px.items():
        k = min(range(len(read_xy)), key=lambda i: math.dist(read_xy[i], xy))
        assert math.dist(read_xy[k], xy) <= 3.0, (n, xy, read_xy[k])
        near[n] = k
    # nothing read that is not a point of the figure
    assert len(d.points) == len(px), read_xy
    for p, q in segments:
        assert any(near[p] in ln.points and near[q] in ln.points for ln in d.lines), (p, q)
    assert len(d.circles) == len(circles)
    for centre, radius in circles:
        ring = d.circles[0]
        assert ring.centre == near[centre]
        assert abs(ring.radius - radius * scale) <= 3.0


@pytest.mark.skipif(not ocr.available(), reason="no OCR engine installed")
def test_rendered_letters_name_their_points() -> None:
    src, _, _ = FIGURES["cevian_and_circle"]
    arr, px, _ = _render(src)
    reading = read_figure(arr)
    named = {p.name: p.xy for p in reading.diagram.points if p.name}
    assert set(named) == set(px)
    for n, xy in named.items():
        assert math.dist(xy, px[n]) <= 3.0


def test_program_compiles_with_pixel_coordinates_y_up() -> None:
    src, _, _ = FIGURES["chord_in_circle"]
    arr, px, _ = _render(src)
    text, diags = read_diagram(arr, ocr=False)
    assert diags == []
    result = recode_dsl.compile(text)
    assert result.ok, (text, result.diagnostics)
    pts = {p.name: (float(p.x), float(p.y)) for p in result.scene.points if p.x is not None}
    for xy in px.values():
        assert any(math.dist((x, -y), xy) <= 3.5 for x, y in pts.values()), (xy, pts)
    stmts = text.splitlines()
    assert sum(1 for s in stmts if s.startswith("circle(")) == 1
    assert sum(1 for s in stmts if s.startswith("segment(")) == 3  # AB (through O), AC, CB
    assert not any(s.startswith("perpendicular(") for s in stmts)  # no right-angle mark drawn


def test_blank_image_gives_an_empty_figure_and_a_warning() -> None:
    text, diags = read_diagram(np.full((120, 160, 3), 255, np.uint8))
    assert [d.code for d in diags] == ["E120"]
    assert diags[0].severity == "warning"
    assert recode_dsl.compile(text).ok


def test_values_become_exact_expressions() -> None:
    e = parse_value("3x + 40")
    assert isinstance(e, a.BinOp) and e.op == "+"
    assert isinstance(e.left, a.BinOp) and e.left.implicit
    half = parse_value("12.5")
    assert isinstance(half, a.Num) and half.value == sympy.Rational(25, 2)
    assert parse_value("5x - 12)") is None
    assert parse_value("x^2") is None
    neg = parse_value("-(2y+1)")
    assert isinstance(neg, a.Neg)


def test_translation_is_found_before_matching() -> None:
    read = [(10.0, 10.0), (110.0, 10.0), (60.0, 90.0), (300.0, 300.0)]
    ann = {"A": (-30.0, 5.0), "B": (70.0, 5.0), "C": (20.0, 85.0), "Z": (-1.0, -1.0)}
    m = score.match_points(read, ann)
    assert m.names == {0: "A", 1: "B", 2: "C"}
    assert m.shift == pytest.approx((-40.0, -5.0))


def _fixture_records() -> list[dict[str, object]]:
    return [json.loads(x) for x in (FIXTURES / "records.jsonl").read_text().splitlines() if x.strip()]


def test_geometry3k_fixtures_against_their_annotations() -> None:
    totals: dict[str, score.Counts] = {}
    for rec in _fixture_records():
        reading = read_figure(FIXTURES / f"{rec['id']}.png", ocr=False)
        for k, v in score.evaluate(rec, reading.diagram, reading.facts).items():
            totals[k] = totals.get(k, score.Counts(0, 0, 0)) + v
    assert totals["points"].recall >= 0.80, totals["points"]
    assert totals["points"].precision >= 0.75, totals["points"]
    assert totals["lines"].f1 >= 0.60, totals["lines"]
    assert totals["circles"].f1 >= 0.60, totals["circles"]


@pytest.mark.skipif(not ocr.available(), reason="no OCR engine installed")
def test_geometry3k_fixture_record_from_pixels_keeps_the_text() -> None:
    rec = next(r for r in _fixture_records() if r["id"] == 5)
    new, reading = diagram_record(rec, FIXTURES / "5.png")
    assert new["text_logic_forms_dissolved"] == rec["text_logic_forms_dissolved"]
    assert new["diagram_logic_forms"] != rec["diagram_logic_forms"]
    reserved = names_in_text(rec["text_logic_forms_dissolved"])  # type: ignore[arg-type]
    named = {p.name for p in reading.diagram.points if p.name}
    fresh = set(new["point_positions"]) - named  # type: ignore[arg-type]
    assert not fresh & reserved
    assert len(new["point_positions"]) == len(reading.diagram.points)  # type: ignore[arg-type]


def test_labels_are_sorted_by_kind() -> None:
    from recode_dsl.perception.diagram.texts import classify

    assert classify("K", False) == ("point", "K")
    assert classify("B'", False) == ("point", "B'")
    assert classify("24.5°", True) == ("angle", "24.5")
    assert classify("(5x - 12)°", True) == ("angle", "5x-12")
    assert classify("7 units", False) == ("length", "7")
    assert classify("x + 12", False) == ("length", "x+12")
    assert classify("£", False)[0] == "other"


@pytest.mark.skipif(not ocr.available(), reason="no OCR engine installed")
def test_rendered_labels_and_marks_read_back_as_the_same_facts() -> None:
    src = (
        "figure\npoint A = (0, 0), B = (6, 0), C\ntriangle(A, B, C)\n"
        "length(A, B) = 6\nangle(A, B, C) = 34\nright_angle(angle(B, A, C))\n"
    )
    arr, _, _ = _render(src)
    text, diags = read_diagram(arr)
    assert diags == []
    stmts = set(text.splitlines())
    assert {"angle(A, B, C) = 34", "length(A, B) = 6", "perpendicular(segment(A, B), segment(A, C))"} <= stmts
    result = recode_dsl.compile(text + "ask length(A, C)\n")
    assert result.ok, result.diagnostics
    assert float(result.answers[0].value) == pytest.approx(6 * math.tan(math.radians(34)))
