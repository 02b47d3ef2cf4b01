"""Chart settings of issue 15 are checked in the checker: allowed values (E026, located at the value),
settings that do nothing for the kind (E027 warnings), and old spellings that stay valid."""

from __future__ import annotations

import pytest

from recode_dsl import compile as compile_program
from recode_dsl import messages, registry
from recode_dsl import scene as s

BAR = 'chart bar\ncategories("a", "b")\nseries("S", [1, 2])\n'
LINE = BAR.replace("chart bar", "chart line")
PIE = 'chart pie\ncategories("a", "b")\nseries("S", [1, 2])\n'


def diags(src: str) -> list[tuple[str, str, int, int, str | None]]:
    r = compile_program(src, solve=False)
    return [(d.code, d.severity, d.span.line, d.span.col, d.hint) for d in r.diagnostics]


@pytest.mark.parametrize(("line", "col", "hint"), [
    ('legend(true, "upper rigth")', 14, "did you mean 'upper right'?"),
    ('legend(position="middle")', 17, None),
    ('theme("ggplott")', 7, "did you mean 'ggplot'?"),
    ('style(spines="lefty")', 14, "did you mean 'left'?"),
    ('style(ticks="inward")', 13, None),
    ('value_axis(format="thousand")', 19, "did you mean 'thousands'?"),
])
def test_a_value_outside_the_choices_is_located_at_the_value(line: str, col: int, hint: str | None) -> None:
    (d,) = diags(BAR + line + "\n")
    assert d[:4] == ("E026", "error", 4, col)
    if hint is not None:
        assert d[4] == hint
    else:
        assert d[4] is not None and d[4].startswith("one of: ")


def test_an_unknown_marker_is_refused_by_the_checker() -> None:
    (d,) = diags('chart line\ncategories("a", "b")\nseries("S", [1, 2], marker="q")\n')
    assert d[:4] == ("E026", "error", 3, 28)


def test_legend_positions_as_written_before_stay_valid() -> None:
    for pos in ("top right", "Upper Left", "lower  center", "centre", "best", "right"):
        assert diags(BAR + f'legend(true, "{pos}")\n') == [], pos


@pytest.mark.parametrize("pos", registry.LEGEND_POSITIONS)
def test_every_listed_legend_position_compiles_and_draws(pos: str) -> None:
    from recode_dsl import render

    r = compile_program(BAR.replace('series("S", [1, 2])', 'series("S", [1, 2])\nseries("T", [2, 1])')
                        + f'legend(true, "{pos}")\n')
    assert r.ok and r.diagnostics == []
    assert render(r.scene, "array").shape == (480, 640, 4)  # type: ignore[arg-type]


@pytest.mark.parametrize(("kind", "setting"), [
    ("pie", "value_axis(0, 10)"), ("pie", 'category_axis(labels=["x", "y"])'), ("pie", "bar_width(0.5)"),
    ("pie", "value_labels(false)"), ("bar", "start_angle(90)"), ("bar", "hole(0.3)"), ("pie", "hole(0.3)"),
    ("line", "pie(radius=100)"), ("bar", "x_axis(0, 1)"), ("bar", "line_width(2)"),
    ("bar", "style(marker_size=8)"), ("line", "bar_width(0.5)"), ("pie", 'style(spines="none")'),
    ("donut", 'style(grid_color="red")'),
])
def test_a_setting_that_does_nothing_for_the_kind_is_warned_at_its_line(kind: str, setting: str) -> None:
    src = (PIE if kind == "pie" else BAR).replace("chart bar", f"chart {kind}") + setting + "\nask max(\"S\")\n"
    r = compile_program(src)
    assert r.ok and len(r.answers) == 1  # a warning, not an error: the chart is still drawn and answered
    (d,) = r.diagnostics
    assert (d.code, d.severity, d.span.line, d.span.col) == ("E027", "warning", 4, 1)
    assert d.hint


@pytest.mark.parametrize(("kind", "setting"), [
    ("pie", "value_labels(true)"), ("pie", "start_angle(90)"), ("donut", "hole(0.3)"), ("line", "line_width(2)"),
    ("scatter", "x_axis(0, 10)"), ("bar", "bar_width(0.5)"), ("pie", "pie(radius=100, clockwise=true)"),
    ("line", "style(marker_size=8)"), ("bar", "value_axis(0, 10)"), ("pie", "legend(true)"),
    ("pie", 'style(background="#eeeeee", title_size=14)'), ("bar", 'style(spines="left_bottom")'),
])
def test_a_setting_that_acts_is_not_warned(kind: str, setting: str) -> None:
    head = PIE.replace("chart pie", f"chart {kind}")
    if kind == "scatter":
        head = 'chart scatter\nseries("S", x=[1, 2], y=[3, 4])\n'
    assert diags(head + setting + "\n") == []


def test_a_reversed_category_range_hints_reverse() -> None:
    (d,) = diags(BAR + "category_axis(1.5, -0.5)\n")
    assert d[0] == "E019" and d[4] is not None and "reverse=true" in d[4]


def test_settings_reach_the_scene() -> None:
    src = (LINE + 'theme("vega-lite")\nstyle(background="white", spines="left_bottom", ticks="in", '
           'grid_color="#dddddd", marker_size=5, title_size=13, axis_size=9, legend_size=8, title_bold=true)\n'
           'legend(true, "outside right", frame=false)\ncategory_axis(reverse=true)\n'
           'value_axis(format="thousands", decimals=1, prefix="$", suffix="k")\n')
    r = compile_program(src, solve=False)
    assert r.ok and r.diagnostics == []
    c = r.scene
    assert isinstance(c, s.Chart)
    assert c.look == s.Look(theme="vega-lite", background="#ffffff", spines="left_bottom", ticks="in",
                            grid_color="#dddddd", marker_size=5, title_size=13, axis_size=9, legend_size=8,
                            title_bold=True, legend_frame=False)
    assert c.category_axis.reverse and c.legend_position == "outside right"
    assert (c.value_axis.format, c.value_axis.decimals, c.value_axis.prefix, c.value_axis.suffix) == (
        "thousands", 1, "$", "k")


@pytest.mark.parametrize(("setting", "what"), [
    ("style(title_size=0)", "title_size"), ("style(marker_size=500)", "marker_size"),
    ("value_axis(decimals=11)", "decimals"),
])
def test_sizes_out_of_range(setting: str, what: str) -> None:
    r = compile_program(LINE + setting + "\n", solve=False)
    (d,) = r.diagnostics
    assert d.code == "E019" and what in d.message and d.span.line == 4


def test_pie_radius_out_of_range() -> None:
    r = compile_program(PIE + "pie(radius=0)\n", solve=False)
    (d,) = r.diagnostics
    assert d.code == "E019" and d.message == messages.out_of_range("a pie radius", "from 1 to 8192 pixels")
