"""Chart rendering: every kind in every format, deterministic bytes, options, and located errors."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import recode_dsl
from recode_dsl import messages, registry
from recode_dsl import scene as s
from recode_dsl.errors import RenderError
from recode_dsl.renderer import render
from recode_dsl.renderer.chart import plan, render_chart

TWO_SERIES = 'categories("a", "b", "c")\nseries("x", [1, 2.5, 3])\nseries("y", [2, 1, 0.5])\n'
ONE_SERIES = 'categories("a", "b", "c")\nseries("x", [1, 2.5, 3])\n'
SOURCES = {
    "bar": ONE_SERIES, "hbar": ONE_SERIES, "grouped_bar": TWO_SERIES, "stacked_bar": TWO_SERIES,
    "stacked_hbar": TWO_SERIES, "line": TWO_SERIES, "area": TWO_SERIES, "pie": ONE_SERIES, "donut": ONE_SERIES,
    "scatter": 'series("p", x=[1, 2, 3], y=[3, 1, 2])\n',
}


def chart(src: str) -> s.Chart:
    result = recode_dsl.compile(src)
    assert result.ok, result.diagnostics
    assert isinstance(result.scene, s.Chart)
    return result.scene


def kind_chart(kind: str, extra: str = "") -> s.Chart:
    return chart(f'chart {kind} "Title"\n' + SOURCES[kind] + extra)


def test_every_kind_has_a_source() -> None:
    assert set(SOURCES) == set(registry.CHART_KINDS)


@pytest.mark.parametrize("kind", sorted(SOURCES))
def test_every_kind_draws_in_every_format(kind: str) -> None:
    sc = kind_chart(kind, "value_labels(true)\ncanvas(320, 240)\n")
    img = render(sc, "array")
    assert img.shape == (240, 320, 4) and img.dtype == np.uint8
    assert (img[..., 3] == 255).all()
    assert (img[..., :3] < 250).any(axis=-1).mean() > 0.02  # something was drawn
    assert render(sc, "png").startswith(b"\x89PNG")
    assert render(sc, "svg").lstrip().startswith(b"<?xml")
    assert render(sc, "pdf").startswith(b"%PDF")


@pytest.mark.parametrize("kind", ["bar", "pie", "line"])
def test_same_program_same_bytes(kind: str) -> None:
    a = render(kind_chart(kind), "png")
    b = render(kind_chart(kind), "png")
    assert a == b
    assert render(kind_chart(kind), "pdf") == render(kind_chart(kind), "pdf")


@pytest.mark.parametrize("kind", ["grouped_bar", "stacked_hbar", "donut", "line"])
def test_array_matches_the_png(kind: str) -> None:
    """The array is drawn by its own fast path: it must be the PNG's pixels exactly."""
    from io import BytesIO

    from PIL import Image

    sc = kind_chart(kind, "value_labels(true)\nlegend(true)\n")
    png = np.asarray(Image.open(BytesIO(render(sc, "png"))).convert("RGBA"))
    assert np.array_equal(png, render(sc, "array"))


def test_size_option_sets_the_canvas_only_when_the_program_has_none() -> None:
    assert render(kind_chart("bar"), "array", size=(300, 200)).shape == (200, 300, 4)
    assert render(kind_chart("bar", "canvas(400, 300)\n"), "array", size=(300, 200)).shape == (300, 400, 4)


def test_value_labels_and_legend_are_placed() -> None:
    p = plan(kind_chart("grouped_bar", "value_labels(true, 2)\n"))
    assert [t.text for t in p.labels] == ["1.00", "2.50", "3.00", "2.00", "1.00", "0.50"]
    assert p.legend is not None and [e.label for e in p.legend.entries] == ["x", "y"]
    x0, y0, x1, y1 = p.legend.box
    bx0, by0, bx1, by1 = p.frame.box
    assert bx0 <= x0 < x1 <= bx1 and by0 <= y0 < y1 <= by1
    assert plan(kind_chart("bar")).legend is None  # one series: no legend unless asked


def test_legend_best_avoids_the_marks() -> None:
    p = plan(chart('chart line\ncategories("a", "b", "c")\nseries("x", [1, 2, 9])\nseries("y", [0, 1, 8])\n'))
    assert p.legend is not None
    lx0, ly0, lx1, ly1 = p.legend.box
    for m in p.marks:
        for x, y in m.points:  # type: ignore[union-attr]
            assert not (lx0 <= x <= lx1 and ly0 <= y <= ly1)


def test_title_and_tick_labels_are_on_the_canvas() -> None:
    sc = chart('chart bar "A rather long title"\ncategories("Alpha centauri", "Beta something", "Gamma ray burst", '
               '"Delta force one")\nseries("s", [3000000, 5000000, 1000000, 2000000])\ncanvas(400, 300)\n'
               'value_axis(title="people")\n')
    p = plan(sc)
    for t in p.axis_texts:
        x0, y0, x1, y1 = t.bbox()
        assert 0 <= x0 and x1 <= 400 and 0 <= y0 and y1 <= 300, t
    assert any(t.text == "1e6" for t in p.axis_texts)
    cats = [t for t in p.axis_texts if t.text.startswith(("Alpha", "Beta"))]
    assert all(t.angle == 45 for t in cats)  # turned so that they do not overlap


def test_stated_plot_box_is_kept_even_if_labels_overflow() -> None:
    sc = kind_chart("bar", "canvas(300, 200)\nplot_box(5, 5, 295, 195)\n")
    assert plan(sc).frame.box == (5, 5, 295, 195)


def test_log_ticks_are_decades() -> None:
    p = plan(chart('chart bar\ncategories("a", "b", "c")\nseries("s", [1, 30, 500])\nvalue_axis(log=true)\n'))
    assert p.frame.y.ticks.labels == ("10\u2070", "10\u00b9", "10\u00b2")
    assert p.frame.y.ticks.minor  # 2..9 times each decade


# -- bad input -------------------------------------------------------------------------------


def diag(err: pytest.ExceptionInfo[RenderError]) -> tuple[str, str, int]:
    d = err.value.diagnostics[0]
    return d.code, d.message, d.span.line


def test_log_axis_with_a_zero_points_at_the_series() -> None:
    src = 'chart bar\ncategories("a", "b")\nvalue_axis(log=true)\nseries("s", [0, 3])\n'
    with pytest.raises(RenderError) as err:
        render(chart(src), "png")
    code, message, line = diag(err)
    assert code == "E062" and line == 4
    assert message == messages.log_not_positive("value axis", "0")


def test_canvas_too_small_for_the_labels() -> None:
    with pytest.raises(RenderError) as err:
        render(kind_chart("bar"), "png", size=(16, 16))
    assert diag(err)[0] == "E061"


def test_scene_with_a_bad_canvas_or_plot_box() -> None:
    sc = kind_chart("bar")
    for bad in (dataclasses.replace(sc, canvas=(4, 4)),
                dataclasses.replace(sc, canvas=(100, 100), plot_box=(10, 10, 120, 90)),
                dataclasses.replace(sc, plot_box=(50, 50, 40, 60))):
        with pytest.raises(RenderError) as err:
            render(bad, "array")
        assert diag(err)[0] == "E061"


def test_data_that_cannot_be_drawn() -> None:
    pie = kind_chart("pie")
    zero = dataclasses.replace(pie, series=(dataclasses.replace(pie.series[0], values=(0, 0, 0)),))
    short = dataclasses.replace(kind_chart("bar"), categories=("a", "b"))
    inverted = dataclasses.replace(kind_chart("bar"), value_axis=s.Axis(lo=5, hi=1))
    legend = dataclasses.replace(kind_chart("line"), legend_position="somewhere")
    for bad in (zero, short, inverted, legend):
        with pytest.raises(RenderError) as err:
            render(bad, "png")
        assert diag(err)[0] == "E063"
    with pytest.raises(RenderError) as err:
        render(zero, "png")
    assert diag(err)[2] == pie.series[0].span.line


def test_unknown_format_and_option() -> None:
    with pytest.raises(RenderError) as err:
        render_chart(kind_chart("bar"), "jpeg")
    assert diag(err)[:2] == ("E064", messages.unknown_format("jpeg", "png, svg, pdf, array"))
    with pytest.raises(RenderError) as err:
        render_chart(kind_chart("bar"), "png", dpi=300)
    assert diag(err)[0] == "E064"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(sorted(SOURCES)),
       values=st.lists(st.integers(-10**6, 10**6), min_size=1, max_size=6),
       w=st.integers(16, 500), h=st.integers(16, 500), log=st.booleans())
def test_any_chart_draws_or_fails_with_a_diagnostic(kind: str, values: list[int], w: int, h: int,
                                                    log: bool) -> None:
    cats = tuple(f"c{i}" for i in range(len(values)))
    series = (s.Series("x", x=tuple(range(len(values))), y=tuple(values)) if kind == "scatter"
              else s.Series("x", tuple(values)))
    sc = s.Chart(kind, "t", () if kind == "scatter" else cats, (series,), (), canvas=(w, h),
                 value_axis=s.Axis(log=log))
    try:
        img = render(sc, "array")
    except RenderError as err:
        assert err.diagnostics and err.diagnostics[0].code.startswith("E06")
        return
    assert img.shape == (h, w, 4)


def test_pie_legend_goes_beside_the_pie() -> None:
    for canvas in ((640, 480), (400, 300)):
        p = plan(kind_chart("donut", f"legend(true)\ncanvas{canvas}\n"))
        assert p.legend is not None
        wedge = p.marks[0]
        assert p.legend.box[0] > wedge.cx + wedge.r  # type: ignore[union-attr]
        assert p.legend.box[2] <= canvas[0]
        for t in p.labels:
            assert not (t.bbox()[2] > p.legend.box[0] and t.bbox()[1] < p.legend.box[3]
                        and t.bbox()[3] > p.legend.box[1])


def test_crowded_categories_are_turned_and_thinned() -> None:
    from recode_dsl.renderer.chart_text import line_metrics

    cats = ", ".join(f'"Category {i}"' for i in range(60))
    p = plan(chart(f'chart bar\ncategories({cats})\nseries("s", [{", ".join(["1"] * 60)}])\n'))
    ticks = p.frame.x.ticks
    assert 5 < len(ticks.values) < 60 and all(t.angle == 45 for t in p.axis_texts if t.text.startswith("Cat"))
    a, d = line_metrics(p.frame.style.font)
    gaps = np.diff([p.frame.x.scale(v) for v in ticks.values])
    assert gaps.min() * math.sqrt(0.5) >= a + d  # turned lines of text are a line height apart at least


def test_title_stays_on_a_small_canvas() -> None:
    p = plan(kind_chart("line", "canvas(200, 150)\n"))
    title = next(t for t in p.axis_texts if t.text == "Title")
    assert title.bbox()[1] >= 0 and title.bbox()[3] <= p.frame.box[1]


def test_render_dispatches_on_the_scene_type() -> None:
    from recode_dsl.renderer import RENDERERS

    assert set(RENDERERS) == {s.Chart, s.Figure}
    with pytest.raises(RenderError) as err:
        render("not a scene", "png")  # type: ignore[arg-type]
    assert diag(err)[0] == "E060"


def test_value_labels_never_overlap() -> None:
    values = ", ".join(str(100 + i % 3) for i in range(40))
    cats = ", ".join(f'"c{i}"' for i in range(40))
    p = plan(chart(f'chart line\ncategories({cats})\nseries("a", [{values}])\nseries("b", [{values}])\n'
                   'value_labels(true, 2)\n'))
    boxes = [t.bbox() for t in p.labels]
    assert 0 < len(boxes) < 80
    for i, a in enumerate(boxes):
        for b in boxes[:i]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
