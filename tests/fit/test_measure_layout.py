"""Rules of fit/measure on where the image puts a program's categories and series (issue 11):
a stacked series' colour read where the program starts its segments, category labels written
twice, a group of bars with a gap where a zero bar stands."""

from __future__ import annotations

import numpy as np

from recode_dsl.fit import measure as M
from recode_dsl.perception.text import Text


def test_a_mostly_zero_first_series_of_a_recoloured_stack_keeps_its_own_colour() -> None:
    """The first series shows at one category only; at the others its zero segments show the
    next series' colour at their base. Its colour is read where the program starts each segment
    it says shows, so it is not taken for the next series' colour (which pushed every segment
    50-150 px off)."""
    from recode_dsl import pipeline
    from recode_dsl import scene as s
    from recode_dsl.fit.verify import verify_source

    body = ('categories("May", "Jun", "Jul", "Aug")\n'
            'series("Online", [0, 0, 3, 0]{a})\nseries("Retail", [0, 2, 1, 3]{b})\n'
            'series("Wholesale", [1, 1, 2, 3]{c})\n')
    head = "chart stacked_bar\ncanvas(400, 300)\nvalue_axis(0, 8)\n"  # the legend clear of the bars
    drawn = head + body.format(a=', color="#3f6fa5"', b=', color="#a5423f"', c=', color="#8aa353"')
    scene = pipeline.compile(drawn, solve=False).scene
    assert isinstance(scene, s.Chart)
    image = np.asarray(pipeline.render(scene, "array"))
    plain = head + body.format(a="", b="", c="")  # no colours: read from the image
    verdict = verify_source(plain, image)
    assert verdict.verified, [d.message for d in verdict.diagnostics]
    # moving Jul's unit from Retail to Online is seen
    wrong = plain.replace("[0, 0, 3, 0]", "[0, 0, 4, 0]").replace("[0, 2, 1, 3]", "[0, 2, 0, 3]")
    assert not verify_source(wrong, image).verified


def _text(s: str, x: float, y: float) -> Text:
    return Text(s, 0.9, (int(x) - 14, int(y) - 6, int(x) + 14, int(y) + 6), 0, (x, y), None)


def test_a_category_name_also_in_the_legend_is_placed_by_its_axis_label(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Series named like the categories (years): a legend entry '2022' beside the axis label
    '2022' left the name unread, and with one label alone the categories fell back to the
    renderer's default spacing."""
    texts = [_text("2021", 110, 330), _text("2022", 230, 330), _text("2023", 350, 330), _text("2024", 470, 330),
             _text("2022", 565, 62), _text("2023", 565, 78), _text("2024", 565, 94)]
    monkeypatch.setattr(M, "_texts", lambda img: texts)
    at = M._categories_from_labels(np.zeros((340, 600, 3)), ("2021", "2022", "2023", "2024"), False)
    assert at is not None
    assert abs(at[0] - 110) < 1e-6 and abs(at[1] - 120) < 1e-6


def test_a_group_broken_by_a_zero_bar_is_one_group() -> None:
    """Groups of three bars, 75 px wide, 92 px apart; the last group's middle bar is zero, so
    its outer bars show as two runs along the base. They are one group: the categories are
    placed by the image's spacing (else the renderer's default, 4 px off at the end groups)."""
    img = np.ones((300, 532, 3))
    for g in range(5):
        x = 70 + 92 * g
        for b in range(3):
            if g == 4 and b == 1:
                continue
            img[100:287, x + 25 * b:x + 25 * (b + 1)] = (0.1 * b, 0.1 * b, 0.1 * b)
    from recode_dsl.perception.plotbox import PlotBox

    found = PlotBox((52.0, 27.0, 532.0, 287.0), ("line",) * 4, (0.0, 0.0, 0.0, 0.0))
    got = M._bar_categories(img, found, (), (1.0, 1.0, 1.0), False, 5, True)
    assert got is not None
    options, width = got
    assert any(abs(p0 - 107.5) < 1 and abs(st - 92) < 0.5 for p0, st in options)
    assert abs(width - 75 / 92) < 0.02


def test_a_scale_on_the_values_extent_with_no_labels_is_read() -> None:
    """A value scale from zero to the largest value, neither rounded nor with a margin (a
    Vega-Lite theme that does not make its scale nice), and no tick label to say so: the tallest
    bar ends on the box's top. Read as the renderer's range or a nice one every bar was 5% off."""
    from recode_dsl import pipeline
    from recode_dsl import scene as s
    from recode_dsl.fit.verify import verify_source

    body = 'categories("a", "b", "c", "d")\nseries("s", [3.1, 7.4, 10.6, 5.2])\n'
    drawn = "chart bar\ncanvas(400, 300)\nlegend(false)\nvalue_axis(0, 10.6)\n" + body
    scene = pipeline.compile(drawn, solve=False).scene
    assert isinstance(scene, s.Chart)
    image = np.array(pipeline.render(scene, "array"))
    verdict = verify_source(drawn, image)
    assert verdict.verified and verdict.measurement is not None and verdict.measurement.box is not None
    x0, y0, x1, y1 = verdict.measurement.box.box
    ground = image[2, 2].copy()
    blank = np.ones(image.shape[:2], bool)
    blank[int(y0) - 1:int(y1) + 2, int(x0) - 1:int(x1) + 2] = False
    image[blank] = ground  # no title, no tick label
    plain = "chart bar\ncanvas(400, 300)\nlegend(false)\n" + body
    got = verify_source(plain, image)
    assert got.verified, [d.message for d in got.diagnostics]
    assert not verify_source(plain.replace("7.4", "8.2"), image).verified


def test_a_short_bar_the_nearest_line_shows_is_one_more_category_than_the_program_has() -> None:
    """Three bars 150 px wide stand on the base; the last is 3 px long, so only the line nearest
    the base (2 px in) shows it. A program of two categories gets no layout from the two bars the
    deeper lines show: the image has a third category (a dropped category verified otherwise);
    a program of three is laid out on all three."""
    from recode_dsl.perception.plotbox import PlotBox

    img = np.ones((300, 560, 3))
    blue = (0.3, 0.45, 0.65)
    for x, top in ((56, 60), (216, 260), (376, 284)):
        img[top:287, x:x + 144] = blue
    found = PlotBox((40.0, 27.0, 530.0, 287.0), ("extent", "line", "extent", "line"), (0.0,) * 4)
    assert M._bar_categories(img, found, (), (1.0, 1.0, 1.0), False, 2, False) is None
    got = M._bar_categories(img, found, (), (1.0, 1.0, 1.0), False, 3, False)
    assert got is not None
    assert any(abs(p0 - 128) < 1 and abs(st - 160) < 0.5 for p0, st in got[0])
