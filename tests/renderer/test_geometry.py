"""The geometry renderer puts points, marks and shading where the figure says, in every format."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from recode_dsl import pipeline
from recode_dsl import scene as s
from recode_dsl.errors import RenderError
from recode_dsl.renderer import geo_draw
from recode_dsl.renderer.geo_labels import box_cost
from recode_dsl.renderer.geo_shading import region
from recode_dsl.renderer.geo_space import resolve
from recode_dsl.renderer.geometry import figure_frame, render_figure

SQUARE = """figure
point A = (0, 0), B = (10, 0), C = (10, 10), D = (0, 10)
"""


def figure(source: str) -> s.Figure:
    result = pipeline.compile(source, solve=False)
    assert result.ok, result.diagnostics
    assert isinstance(result.scene, s.Figure)
    return result.scene


def dark(img: np.ndarray, level: int = 128) -> np.ndarray:
    return img[..., :3].max(axis=2) < level  # type: ignore[no-any-return]


def changed(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.abs(a.astype(int) - b.astype(int))[..., :3].max(axis=2) > 40  # type: ignore[no-any-return]


def near(mask: np.ndarray, x: float, y: float, radius: float) -> bool:
    """Every set pixel of ``mask`` lies within ``radius`` of (x, y), and there is at least one."""
    ys, xs = np.nonzero(mask)
    return len(xs) > 0 and bool(np.all(np.hypot(xs - x, ys - y) <= radius))


# -- fitting ------------------------------------------------------------------------------------


def test_points_map_to_pixels_with_margins_and_y_up() -> None:
    fig = figure(SQUARE + "square(A, B, C, D)")
    frame = figure_frame(fig, 200, 200, margin=20)
    # 10 world units over 160 pixels; y grows upward in the program and downward on the canvas
    assert frame.px((0, 0)) == pytest.approx((20, 180))
    assert frame.px((10, 10)) == pytest.approx((180, 20))
    img = render_figure(fig, "array", width=200, height=200, margin=20)
    for x, y in ((20, 180), (180, 20), (100, 180), (20, 100)):
        assert dark(img, 200)[y - 1:y + 2, x - 1:x + 2].any(), (x, y)
    assert not dark(img, 250)[90:111, 90:111].any()


def test_wide_figure_is_centred_on_a_tall_canvas() -> None:
    fig = figure("figure\npoint A = (0, 0), B = (8, 2)\nsegment(A, B)")
    frame = figure_frame(fig, 200, 400, margin=10)
    assert frame.scale == pytest.approx(180 / 8)
    (x0, y0), (x1, y1) = frame.px((0, 0)), frame.px((8, 2))
    assert (x0, x1) == pytest.approx((10, 190))
    assert (y0 + y1) / 2 == pytest.approx(200)


def test_default_canvas_follows_the_figure_aspect() -> None:
    wide = render_figure(figure("figure\npoint A = (0, 0), B = (8, 2)\nsegment(A, B)"), "array")
    tall = render_figure(figure("figure\npoint A = (0, 0), B = (2, 8)\nsegment(A, B)"), "array")
    assert wide.shape[1] == 480 and wide.shape[0] < 480
    assert tall.shape[0] == 480 and tall.shape[1] < 480
    assert render_figure(figure(SQUARE), "array", width=300).shape[:2] == (300, 300)
    assert render_figure(figure(SQUARE), "array", size=(120, 90)).shape[:2] == (90, 120)
    assert render_figure(figure(SQUARE), "array", size=np.zeros((90, 120)).shape[::-1]).shape[:2] == (90, 120)
    assert render_figure(figure(SQUARE), "array", width=np.int64(64), height=np.int32(48)).shape[:2] == (48, 64)


# -- strokes ------------------------------------------------------------------------------------


def test_lines_reach_the_canvas_edges_and_rays_one_edge() -> None:
    base = SQUARE + "segment(A, C)\n"
    line = render_figure(figure(base + "line(A, B)"), "array", width=200, height=200, margin=40, dots=False)
    ray = render_figure(figure(base + "ray(A, B)"), "array", width=200, height=200, margin=40, dots=False)
    y = 160  # the line y = 0 in pixels
    assert dark(line)[y, 2:12].any() and dark(line)[y, 188:198].any()
    assert not dark(ray)[y, 2:30].any() and dark(ray)[y, 188:198].any()


def test_clip_line_keeps_the_part_inside() -> None:
    span = geo_draw.clip_line((5, 5), (1, 1), (0, 0, 10, 10))
    assert span == pytest.approx((-5, 5))
    assert geo_draw.clip_line((20, 20), (1, 0), (0, 0, 10, 10)) is None
    assert geo_draw.clip_line((5, 5), (1, 0), (0, 0, 10, 10), t_min=0) == pytest.approx((0, 5))


def test_arcs_follow_minor_major_and_via() -> None:
    fig = figure("""figure
point O = (0, 0), A = (1, 0), B = (0, 1), C = (-1, 0)
let w = circle(O, 1)
on(A, w)
on(B, w)
""")
    space = resolve(fig)
    minor = geo_draw.arc_geometry(s.Arc("A", "B"), space)
    major = geo_draw.arc_geometry(s.Arc("A", "B", major=True), space)
    via = geo_draw.arc_geometry(s.Arc("A", "B", via="C"), space)
    assert minor is not None and major is not None and via is not None
    assert minor[3:] == pytest.approx((0, math.pi / 2))
    assert major[4] == pytest.approx(3 * math.pi / 2)
    assert via[4] == pytest.approx(3 * math.pi / 2)


# -- marks --------------------------------------------------------------------------------------

TRIANGLE = """figure
point A = (0, 8), B = (0, 0), C = (8, 0)
triangle(A, B, C)
"""


def marked(extra: str, **options: object) -> tuple[np.ndarray, np.ndarray, object]:
    """The triangle rendered without and with ``extra``, and its frame."""
    plain = figure(TRIANGLE)
    fig = figure(TRIANGLE + extra)
    opts = {"width": 240, "height": 240, "margin": 30, **options}
    return (render_figure(plain, "array", **opts), render_figure(fig, "array", **opts),
            figure_frame(fig, 240, 240, 30))


def test_right_angle_square_sits_in_the_corner() -> None:
    before, after, frame = marked("right_angle(angle(A, B, C))")
    bx, by = frame.px((0, 0))  # type: ignore[attr-defined]
    diff = changed(before, after)
    assert near(diff, bx, by, 20)
    ys, xs = np.nonzero(diff)
    assert xs.min() >= bx - 1 and ys.max() <= by + 1  # inside the angle: right of and above B


def test_perpendicular_lines_get_a_square_where_they_meet() -> None:
    _, after, frame = marked("point D = (4, 4)\nsegment(B, D)\nperpendicular(segment(B, D), segment(A, C))")
    _, plain, _ = marked("point D = (4, 4)\nsegment(B, D)")
    dx, dy = frame.px((4, 4))  # type: ignore[attr-defined]
    assert near(changed(plain, after), dx, dy, 20)


def test_angle_measure_is_printed_inside_the_angle() -> None:
    before, after, frame = marked("angle(B, C, A) = 45")
    cx, cy = frame.px((8, 0))  # type: ignore[attr-defined]
    diff = changed(before, after)
    assert near(diff, cx, cy, 75)
    ys, xs = np.nonzero(diff)
    assert xs.mean() < cx and ys.mean() < cy  # toward the inside of the triangle


def test_equal_sides_get_ticks_at_their_middles() -> None:
    before, after, frame = marked("isosceles(triangle(B, A, C))")
    diff = changed(before, after)
    mids = [frame.px((0, 4)), frame.px((4, 0))]  # type: ignore[attr-defined]
    ys, xs = np.nonzero(diff)
    assert len(xs) > 0
    for x, y in zip(xs, ys):
        assert min(math.hypot(x - mx, y - my) for mx, my in mids) < 12
    for mx, my in mids:
        assert diff[int(my) - 8:int(my) + 9, int(mx) - 8:int(mx) + 9].any()


def test_parallel_sides_get_arrows() -> None:
    src = "figure\npoint A = (0, 0), B = (8, 0), C = (6, 4), D = (2, 4)\nquadrilateral(A, B, C, D)\n"
    opts = {"width": 240, "height": 160, "margin": 30}
    before = render_figure(figure(src), "array", **opts)
    fig = figure(src + "parallel(segment(A, B), segment(D, C))")
    after = render_figure(fig, "array", **opts)
    frame = figure_frame(fig, 240, 160, 30)
    diff = changed(before, after)
    for mid in ((4, 0), (4, 4)):
        mx, my = frame.px(mid)
        assert diff[int(my) - 8:int(my) + 9, int(mx) - 8:int(mx) + 9].any()


def test_label_cost_counts_crossed_lines() -> None:
    ink = geo_draw.Ink(segments=[(0, 50, 100, 50)])
    assert box_cost((40, 40, 60, 60), ink, 100, 100) > box_cost((40, 10, 60, 30), ink, 100, 100) == 0
    assert box_cost((90, 10, 110, 30), ink, 100, 100) > 0  # off the canvas


# -- shading ------------------------------------------------------------------------------------

SHADED = """figure
point O = (0, 0), A = (3, 0), B = (0, 3), C = (-3, 0), D = (0, -3)
shade(circle(O, 3) - square(A, B, C, D))
"""


def test_shaded_region_is_exact_and_covers_the_right_pixel_area() -> None:
    fig = figure(SHADED)
    space = resolve(fig)
    geom = region(s.Shaded(), space, fig)
    assert geom.area == pytest.approx(9 * math.pi - 18, rel=1e-3)
    img = render_figure(fig, "array", width=300, height=300, margin=30, dots=False)
    frame = figure_frame(fig, 300, 300, 30)
    shade = np.array([round(c * 255) for c in geo_draw.Style.for_canvas(300, 300).shade])
    is_shade = np.abs(img[..., :3].astype(int) - shade).max(axis=2) <= 2
    expected = geom.area * frame.scale**2
    # no outline is drawn, so only anti-aliased edge pixels and the labels are lost
    assert is_shade.sum() == pytest.approx(expected, rel=0.04)


def test_sector_minus_triangle_and_union() -> None:
    fig = figure("""figure
point O = (0, 0), A = (2, 0), B = (0, 2)
shade(sector(O, A, B) - triangle(O, A, B))
""")
    space = resolve(fig)
    sector = region(s.Sector("O", "A", "B"), space, fig)
    assert sector.area == pytest.approx(math.pi, rel=1e-3)
    assert region(s.Shaded(), space, fig).area == pytest.approx(math.pi - 2, rel=1e-3)
    both = s.RegionOp("union", s.Sector("O", "A", "B"), s.Poly("triangle", ("O", "A", "B")))
    assert region(both, space, fig).area == pytest.approx(math.pi, rel=1e-3)
    assert isinstance(region(s.Seg("O", "A"), space, fig), shapely.Polygon)


# -- formats, determinism, errors ---------------------------------------------------------------


@pytest.mark.parametrize("fmt, head", [("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")])
def test_every_format(fmt: str, head: bytes) -> None:
    data = render_figure(figure(SHADED), fmt, width=160, height=160)
    assert isinstance(data, bytes) and data.startswith(head)


def test_array_is_rgba_uint8() -> None:
    img = render_figure(figure(SHADED), "array", width=160, height=120)
    assert img.shape == (120, 160, 4) and img.dtype == np.uint8
    assert (img[..., 3] == 255).all()


def test_same_program_gives_the_same_png_bytes() -> None:
    fig = figure(SHADED + "angle(A, O, B) = 2x + 10\n")
    assert render_figure(fig, "png") == render_figure(figure(SHADED + "angle(A, O, B) = 2x + 10\n"), "png")


@pytest.mark.parametrize("fmt, options", [("gif", {}), ("png", {"width": 3}), ("png", {"width": 100.5}),
                                          ("png", {"colour": "red"})])
def test_bad_options_are_diagnostics(fmt: str, options: dict[str, object]) -> None:
    with pytest.raises(RenderError) as err:
        render_figure(figure(SQUARE), fmt, **options)
    assert err.value.diagnostics[0].code == "E065"


def test_a_position_that_is_not_real_is_located() -> None:
    span = s.Span(2, 7, 2, 20)
    fig = s.Figure(None, (s.Point("A", sympy.sqrt(-1), 0, span),), (), (), (), ())
    with pytest.raises(RenderError) as err:
        render_figure(fig, "array")
    assert err.value.diagnostics[0].code == "E066" and err.value.diagnostics[0].span == span


# -- figures without coordinates -----------------------------------------------------------------


def test_points_without_coordinates_are_laid_out_to_meet_the_constraints() -> None:
    fig = figure("""figure
point A = (0, 0), B = (4, 0), C, M
triangle(A, B, C)
right_angle(angle(A, B, C))
length(B, C) = 3
midpoint(M, segment(A, C))
""")
    pos = resolve(fig).pos
    (ax, ay), (bx, by), (cx, cy), (mx, my) = pos["A"], pos["B"], pos["C"], pos["M"]
    assert math.hypot(cx - bx, cy - by) == pytest.approx(3, abs=1e-4)
    assert (ax - bx) * (cx - bx) + (ay - by) * (cy - by) == pytest.approx(0, abs=1e-4)
    assert (mx, my) == pytest.approx(((ax + cx) / 2, (ay + cy) / 2), abs=1e-4)
    assert render_figure(fig, "array").shape[2] == 4


def test_constraints_that_cannot_hold_are_located() -> None:
    src = ("figure\npoint A = (0, 0), B = (10, 0), C\ntriangle(A, B, C)\n"
           "right_angle(angle(A, B, C))\nangle(A, B, C) = 60\n")
    with pytest.raises(RenderError) as err:
        render_figure(figure(src), "array")
    lines = {d.span.line for d in err.value.diagnostics if d.severity == "error"}
    assert lines and lines <= {4, 5}


# -- every kind of node draws --------------------------------------------------------------------

CATALOGUE = [
    s.Seg("A", "B"), s.Seg("A", "A"), s.Ln("A", "B"), s.Ray("B", "C"), s.Circ("A", s.Const(2)),
    s.Circ(None, through=("A", "B", "C")), s.Circ(None, through=("A", "B", "E")), s.Arc("B", "D"),
    s.Arc("B", "C", via="D"), s.Arc("B", "D", major=True), s.Ang("A", "B", "C"), s.Ang("A"), s.Ang(None, label=3),
    s.Poly("triangle", ("A", "B", "C")), s.Poly("triangle", ("A", "B", "E")), s.Sector("A", "B", "D"),
    s.RegionOp("difference", s.Circ("A", s.Const(2)), s.Poly("triangle", ("A", "B", "C"))), s.Shaded(), s.Pt("A"),
]


@pytest.mark.parametrize("geo", CATALOGUE, ids=[type(g).__name__ for g in CATALOGUE])
def test_every_node_kind_draws(geo: s.Geo) -> None:
    points = (s.Point("A", 0, 0), s.Point("B", 2, 0), s.Point("C", 0, 2), s.Point("D", -2, 0), s.Point("E", 4, 0))
    fig = s.Figure(None, points, (s.Shape(geo),), (s.Relation("shade", (geo,)),), (), ())
    img = render_figure(fig, "array", width=120, height=120)
    assert dark(img).any()


def test_every_geometry_node_has_a_drawing_rule() -> None:
    kinds = set(s.Geo.__args__)  # type: ignore[attr-defined]
    assert kinds == set(geo_draw.HANDLERS) | set(geo_draw.NOT_STROKED)


def test_a_length_across_a_labelled_piece_gets_a_dimension_line() -> None:
    opts = {"width": 300, "height": 200, "margin": 40}

    def extent(base: str, label: str) -> float:
        src = f"figure\npoint A = (0, 0), B = (10, 0), C = (0, 5), E = (4, 0)\ntriangle(A, B, C)\n{base}"
        plain, marked = figure(src), figure(src + label)
        ys, xs = np.nonzero(changed(render_figure(plain, "array", **opts), render_figure(marked, "array", **opts)))
        return float(xs.max() - xs.min())

    across = extent("length(A, E) = 4\n", "length(A, B) = 10")  # AB = 10 beside AE = 4 would be ambiguous
    beside = extent("", "length(A, B) = 10")
    triangle = figure("figure\npoint A = (0, 0), B = (10, 0), C = (0, 5)\ntriangle(A, B, C)\n")
    ab = figure_frame(triangle, 300, 200, 40).scale * 10
    assert across >= 0.95 * ab > 3 * beside


def test_a_failing_layout_is_a_diagnostic_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    from recode_dsl.geometry import layout as layout_module

    def broken(fig: s.Figure, timeout: float = 2.0) -> object:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(layout_module, "layout", broken)
    with pytest.raises(RenderError) as err:
        render_figure(figure("figure\npoint A = (0, 0), B\nsegment(A, B)\n"), "array")
    assert err.value.diagnostics[0].code == "E067"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, 3), st.integers(-3, 3)), min_size=4, max_size=4),
       st.lists(st.sampled_from(CATALOGUE), min_size=1, max_size=4), st.integers(16, 300))
def test_any_placement_draws_or_is_a_diagnostic(xy: list[tuple[int, int]], shapes: list[s.Geo], side: int) -> None:
    """Coincident and collinear points, tiny canvases: a drawing or a RenderError, never a traceback."""
    names = "ABCDE"
    points = tuple(s.Point(n, x, y) for n, (x, y) in zip(names, xy + [(9, 9)]))
    relations = tuple(s.Relation(rel, (geo,)) for geo in shapes for rel in ("shade", "right"))
    fig = s.Figure(None, points, tuple(s.Shape(g) for g in shapes), relations, (), ())
    try:
        img = render_figure(fig, "array", width=side, height=side)
    except RenderError:
        return
    assert img.shape == (side, side, 4)


def test_arc_measure_is_printed_outside_the_arc_middle() -> None:
    src = """figure
point O = (0, 0), A = (5, 0), B = (0, 5)
let w = circle(O, 5)
on(A, w)
on(B, w)
"""
    opts = {"width": 240, "height": 240, "margin": 40}
    fig = figure(src + "measure(arc(A, B)) = 90\n")
    diff = changed(render_figure(figure(src), "array", **opts), render_figure(fig, "array", **opts))
    frame = figure_frame(fig, 240, 240, 40)
    ox, oy = frame.px((0, 0))
    ys, xs = np.nonzero(diff)
    assert len(xs) > 0
    # beyond the circle, around 45 degrees (up and to the right on the canvas)
    assert np.hypot(xs.mean() - ox, ys.mean() - oy) > 5 * frame.scale
    assert xs.mean() > ox and ys.mean() < oy


def test_a_bisector_marks_both_halves_alike() -> None:
    src = "figure\npoint A = (8, 0), B = (0, 0), C = (0, 8), D = (6, 6)\nsegment(B, A)\nsegment(B, C)\nsegment(B, D)\n"
    opts = {"width": 240, "height": 240, "margin": 30}
    fig = figure(src + "bisects(ray(B, D), angle(A, B, C))\n")
    diff = changed(render_figure(figure(src), "array", **opts), render_figure(fig, "array", **opts))
    bx, by = figure_frame(fig, 240, 240, 30).px((0, 0))
    ys, xs = np.nonzero(diff)
    angles = np.degrees(np.arctan2(by - ys, xs - bx))
    below, above = (angles > 2) & (angles < 43), (angles > 47) & (angles < 88)
    assert below.sum() > 10 and abs(int(below.sum()) - int(above.sum())) < 0.2 * below.sum()
    assert near(diff, bx, by, 60)
