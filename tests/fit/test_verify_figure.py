"""Verifying a figure program against its image (fit.figure; issue 13 item 2).

Our renderer's figures verify; a moved point, a missing line, a line the image does not show and
a wrong label are each rejected with a located diagnostic on the statement.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import recode_dsl
from recode_dsl.fit.figure import fit_frame, verify_figure_source

TRIANGLE = """figure "Altitude"
point A = (0, 3), B = (0, 0), C = (4, 0), D = (36/25, 48/25)
triangle(A, B, C)
segment(B, D)
on(D, segment(A, C))
length(A, B) = 3
length(B, C) = 4
"""

CIRCLE = """figure
point O = (0, 0), P = (5, 0), Q = (-3, 4)
circle(O, 5)
segment(O, P)
segment(P, Q)
length(O, P) = 5
"""


def _image(source: str, **options: object) -> np.ndarray:
    result = recode_dsl.compile(source)
    assert result.ok and result.scene is not None, result.diagnostics
    return np.ascontiguousarray(recode_dsl.render(result.scene, "array", **options)[:, :, :3])


@pytest.fixture(scope="module")
def triangle() -> np.ndarray:
    return _image(TRIANGLE)


def _codes(source: str, img: np.ndarray) -> dict[str, list[int]]:
    v = verify_figure_source(source, img)
    out: dict[str, list[int]] = {}
    for d in v.diagnostics:
        out.setdefault(d.code, []).append(d.span.line)
    return out


def test_our_figures_verify(triangle: np.ndarray) -> None:
    v = verify_figure_source(TRIANGLE, triangle)
    assert v.verified, [d.message for d in v.diagnostics]
    kinds = {i.kind for i in v.items}
    assert {"point", "stroke", "label"} <= kinds
    assert all(i.ok for i in v.items)


@pytest.mark.parametrize("size", [(300, 240), (640, 520)])
def test_a_circle_verifies_at_any_size(size: tuple[int, int]) -> None:
    img = _image(CIRCLE, width=size[0], height=size[1])
    v = verify_figure_source(CIRCLE, img)
    assert v.verified, [d.message for d in v.diagnostics]
    assert any(i.kind == "stroke" and i.what.startswith("circle") and i.ok for i in v.items)


def test_the_same_figure_in_other_units_verifies(triangle: np.ndarray) -> None:
    """The frame is found from the image: the program may be written at any scale and shift."""
    scaled = TRIANGLE.replace("(0, 3), B = (0, 0), C = (4, 0), D = (36/25, 48/25)",
                              "(10, 16), B = (10, 10), C = (18, 10), D = (322/25, 346/25)")
    v = verify_figure_source(scaled, triangle)
    assert v.verified, [d.message for d in v.diagnostics]
    first = verify_figure_source(TRIANGLE, triangle).frame
    assert v.frame is not None and first is not None and v.frame[0] == pytest.approx(first[0] / 2, rel=0.02)


def test_a_moved_point_is_rejected_at_its_declaration(triangle: np.ndarray) -> None:
    moved = TRIANGLE.replace("D = (36/25, 48/25)", "D = (2, 0.8)")
    found = _codes(moved, triangle)
    assert 2 in found.get("E121", []), found  # point D, declared on line 2
    assert 4 in found.get("E122", []), found  # segment(B, D) is not inked there


def test_a_point_moved_along_its_line_is_rejected_by_its_letter(triangle: np.ndarray) -> None:
    """D slides along AC: still on ink, but the image prints D elsewhere."""
    slid = TRIANGLE.replace("D = (36/25, 48/25)", "D = (3, 3/4)").replace("segment(B, D)\n", "")
    v = verify_figure_source(slid, triangle)
    assert not v.verified
    codes = {d.code for d in v.diagnostics}
    assert "E121" in codes or "E124" in codes


def test_a_line_the_image_does_not_show_is_rejected(triangle: np.ndarray) -> None:
    longer = TRIANGLE.replace("point A", "point E = (4, 3), A") + "segment(A, E)\n"
    assert 8 in _codes(longer, triangle).get("E122", [])


def test_a_missing_line_is_rejected(triangle: np.ndarray) -> None:
    """The program leaves out the altitude the image shows: E124 at the header."""
    missing = TRIANGLE.replace("segment(B, D)\n", "")
    found = _codes(missing, triangle)
    assert found.get("E124") == [1], found


def test_a_wrong_label_is_rejected_at_its_statement(triangle: np.ndarray) -> None:
    wrong = TRIANGLE.replace("length(B, C) = 4", "length(B, C) = 7")
    found = _codes(wrong, triangle)
    assert found.get("E123") == [7], found


def test_a_label_printed_nowhere_is_a_warning_only(triangle: np.ndarray) -> None:
    """A value the image does not print at all (a fact the figure leaves to the text) is no error."""
    silent = TRIANGLE + "length(A, C) = 5\n"
    v = verify_figure_source(silent, triangle)
    assert v.verified
    assert [d.code for d in v.diagnostics] == ["E125"] and v.diagnostics[0].severity == "warning"


def test_a_chart_or_nothing_to_check_is_e104(triangle: np.ndarray) -> None:
    v = verify_figure_source("figure\npoint A = (0, 0)\n", triangle)
    assert not v.verified and [d.code for d in v.diagnostics] == ["E104"]
    blank = np.full((50, 60, 3), 255, np.uint8)
    v = verify_figure_source(TRIANGLE, blank)
    assert not v.verified and [d.code for d in v.diagnostics] == ["E104"]


def test_the_frame_is_a_shift_for_a_program_in_pixels() -> None:
    """Samples laid in the image's pixels come back at scale 1 and the right shift."""
    ink = np.ones((120, 160), bool)
    ink[30, 20:140] = False
    ink[30:100, 20] = False
    world = np.array([(x, 0.0) for x in range(0, 121)] + [(0.0, -y) for y in range(0, 71)], float)
    from scipy import ndimage

    dist = np.asarray(ndimage.distance_transform_edt(ink), float)
    sc, ox, oy = fit_frame(world, dist, (20.0, 30.0, 139.0, 99.0))
    assert sc == 1.0 and ox == pytest.approx(20, abs=1) and oy == pytest.approx(30, abs=1)


def test_the_command_verifies_a_figure(tmp_path: Path, triangle: np.ndarray) -> None:
    from PIL import Image

    png = tmp_path / "t.png"
    Image.fromarray(triangle).save(png)
    prog = tmp_path / "t.rdsl"
    prog.write_text(TRIANGLE, encoding="utf-8")
    ok = subprocess.run([sys.executable, "-m", "recode_dsl", "verify", str(prog), str(png)],
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    prog.write_text(TRIANGLE.replace("length(B, C) = 4", "length(B, C) = 9"), encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "recode_dsl", "verify", str(prog), str(png)],
                         capture_output=True, text=True)
    assert bad.returncode == 1
    assert f"{prog}:7:1: error[E123]" in bad.stderr
    js = subprocess.run([sys.executable, "-m", "recode_dsl", "verify", str(prog), str(png), "--json"],
                        capture_output=True, text=True)
    doc = json.loads(js.stdout)
    assert js.returncode == 1 and doc["verified"] is False and doc["kind"] == "figure"
    assert any(i["kind"] == "stroke" and i["residual_px"] is not None for i in doc["items"])


def _header(path: Path) -> str:
    """The first word of a program: its kind (``figure``, ``chart``)."""
    lines = (ln.strip() for ln in path.read_text(encoding="utf-8").splitlines())
    return next((ln.split()[0] for ln in lines if ln and not ln.startswith("#")), "")


EXAMPLES = sorted(p for p in (Path(__file__).resolve().parents[2] / "examples").glob("*.rdsl")
                  if _header(p) == "figure")


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_figure_verifies_against_its_drawing(path: Path) -> None:
    """Our renderer's figures, at the sizes and labels it chooses, verify; a figure that draws
    nothing (only facts) cannot be checked (E104)."""
    from recode_dsl import scene as s

    source = path.read_text(encoding="utf-8")
    result = recode_dsl.compile(source)
    assert result.ok and isinstance(result.scene, s.Figure), result.diagnostics
    img = np.ascontiguousarray(recode_dsl.render(result.scene, "array")[:, :, :3])
    v = verify_figure_source(source, img)
    if not any(i.kind == "stroke" for i in v.items):
        assert [d.code for d in v.diagnostics] == ["E104"]
    else:
        assert v.verified, [(d.code, d.span.line, d.message) for d in v.diagnostics]


def test_a_stroke_far_off_the_image_is_rejected_without_blowing_up(triangle: np.ndarray) -> None:
    """A point at 10^12 units: its stroke is sampled a bounded number of times and rejected."""
    far = TRIANGLE.replace("D = (36/25, 48/25)", "D = (36/25, 48/25), Z = (1000000000000, 0)") + "segment(C, Z)\n"
    v = verify_figure_source(far, triangle)
    assert not v.verified
    assert any(d.code == "E122" and d.span.line == 8 for d in v.diagnostics)


def test_a_reading_given_by_the_caller_gives_the_same_verdict(triangle: np.ndarray) -> None:
    """A caller that has read the image already (derender) passes its reading: the verdict is
    the one verify reaches when it reads the image itself, for a right and a wrong program."""
    from recode_dsl.perception.diagram import read_figure

    reading = read_figure(triangle)
    moved = TRIANGLE.replace("D = (36/25, 48/25)", "D = (2, 1)")
    for source in (TRIANGLE, moved):
        own = verify_figure_source(source, triangle)
        given = verify_figure_source(source, triangle, reading=reading)
        assert given.verified == own.verified
        assert [(d.code, d.span.line) for d in given.diagnostics] == [(d.code, d.span.line) for d in own.diagnostics]
    assert verify_figure_source(TRIANGLE, triangle, reading=reading).verified
    assert not verify_figure_source(moved, triangle, reading=reading).verified


def test_a_missing_stroke_is_named_as_the_program_writes_it(triangle: np.ndarray) -> None:
    """Diagnostics name a stroke the way fmt prints it: a circle through three points is
    `circle_through(...)` (the language's name), not `circle(...)`."""
    source = TRIANGLE + "circle_through(A, B, C)\n"
    v = verify_figure_source(source, triangle)
    missing = [d for d in v.diagnostics if d.code == "E122"]
    assert missing and missing[0].span.line == 8
    assert "circle_through(A, B, C)" in missing[0].message
