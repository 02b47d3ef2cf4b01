"""The prompt given to models (issue 15): every example in it compiles, every allowed value of every
setting is listed, and the conventions are stated. All of it is generated from the registry."""

from __future__ import annotations

import re

import pytest

from recode_dsl import compile as compile_program
from recode_dsl import reference, registry

PROMPT = reference.prompt_text()

# a chart in which every chart example of the registry has the names it uses
CHART_CONTEXT = {
    "categories": 'categories("2019", "2020", "2021")',
    "series": 'series("Revenue", [12, 15.5, 9])\nseries("A", [3, 4, 5])\nseries("North", [1, 2, 3])\n'
              'series("South", [3, 2, 1])',
}
POINTS = "point " + ", ".join("ABCDEFGHIMNOPQRST")


def _chart_program(f: registry.Func) -> str:
    settings = dict(CHART_CONTEXT)
    example = f.example
    if f.role == "setting" and f.name in settings:
        settings[f.name] = example if f.name != "series" else settings["series"].replace(
            'series("Revenue", [12, 15.5, 9])', example)
        example = ""
    elif f.role != "setting" and not example.startswith("ask "):
        example = "ask " + example
    kind = "pie" if f.name in ("start_angle", "pie") else "donut" if f.name == "hole" else (
        "scatter" if f.name == "x_axis" else "line" if f.name == "line_width" else "grouped_bar")
    if kind in ("pie", "donut"):
        settings["series"] = 'series("Revenue", [12, 15.5, 9])'
    if kind == "scatter":
        settings = {"series": 'series("Revenue", x=[1, 2], y=[3, 4])'}
    return f"chart {kind}\n" + "\n".join(settings.values()) + "\n" + example + "\n"


def _figure_program(f: registry.Func) -> str:
    example = f.example
    if f.role in ("measure", "math") and "=" not in example and not example.startswith("ask "):
        example = "ask " + example
    return f"figure\n{POINTS}\nx = 5\n{example}\n"


@pytest.mark.parametrize("func", registry.ALL, ids=lambda f: f"{f.domain}:{f.role}:{f.name}")
def test_every_call_example_in_the_prompt_compiles(func: registry.Func) -> None:
    assert f"e.g. `{func.example}`" in PROMPT
    src = _chart_program(func) if func.domain == "chart" or "value(" in func.example else _figure_program(func)
    result = compile_program(src, solve=False)
    assert result.ok, (src, result.diagnostics)
    assert [d for d in result.diagnostics if d.code != "E049"] == [], (src, result.diagnostics)


@pytest.mark.parametrize(("what", "program"), reference.EXAMPLE_PROGRAMS, ids=[w for w, _ in
                                                                              reference.EXAMPLE_PROGRAMS])
def test_every_example_program_in_the_prompt_compiles_and_answers(what: str, program: str) -> None:
    assert program in PROMPT
    result = compile_program(program)
    assert result.ok and result.diagnostics == [], result.diagnostics
    asks = [line for line in program.splitlines() if line.startswith("ask ")]
    assert len(result.answers) == len(asks) > 0


def test_every_allowed_value_is_listed() -> None:
    for values in (registry.LEGEND_POSITIONS, registry.MARKERS, registry.THEMES, registry.SPINES,
                   registry.TICK_DIRECTIONS, registry.TICK_FORMATS, registry.AGGREGATES):
        listed = "/".join(f'"{v}"' for v in values)
        assert listed in PROMPT, values


def test_every_parameter_with_choices_is_checked() -> None:
    """A value outside the listed ones is refused (E026) wherever a parameter lists its choices."""
    for f in registry.ALL:
        for sig in f.signatures:
            for p in sig:
                if not p.choices:
                    continue
                src = _chart_program(f) if f.domain == "chart" else _figure_program(f)
                arg = '"no such value"' if p.required else f'{p.name}="no such value"'
                call = f"{f.name}({arg})" if f.name != "series" else \
                    'series("Extra", [1, 2, 3], marker="no such value")'
                if f.role == "query":
                    call = "ask max(" + call + ")"
                codes = [d.code for d in compile_program(src + call + "\n", solve=False).diagnostics]
                assert "E026" in codes, (f.name, p.name, codes)


def test_conventions_are_in_the_prompt_and_the_reference() -> None:
    md = reference.markdown()
    for _, text in registry.CONVENTIONS:
        assert text in PROMPT and text in md
    for needle in ("12 ft", "48 ft^2", "units", "30 degrees", "let t = triangle", "arc(A, B)", "decimal", "100/72",
                   "pie(radius=R)", "reverse=true", "clockwise=true", "percent", "point A ~ (12, 40)", "one E042"):
        assert any(needle in text for _, text in registry.CONVENTIONS), needle


def test_settings_say_what_they_mean_in_pixels() -> None:
    for name in ("font_size", "pie", "canvas", "plot_box"):
        line = next(line for line in PROMPT.splitlines() if line.startswith(f"- {name}("))
        assert re.search(r"pixel|point", line), line
