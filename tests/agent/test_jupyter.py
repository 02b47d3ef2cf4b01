"""What Jupyter shows: a compiled result's picture, a derendering's report."""

from __future__ import annotations

from pathlib import Path

from recode_dsl import pipeline
from recode_dsl.agent import LoopConfig, derender
from recode_dsl.agent.client import failure

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_a_compiled_result_shows_its_picture() -> None:
    result = pipeline.compile((EXAMPLES / "bar_revenue.rdsl").read_text())
    svg, png = result._repr_svg_(), result._repr_png_()
    assert svg is not None and svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert png is not None and png.startswith(b"\x89PNG")


def test_a_broken_program_shows_no_picture() -> None:
    result = pipeline.compile("chart bar\nseries(")
    assert result._repr_svg_() is None and result._repr_png_() is None


class _Model:
    def __init__(self, replies: list[object]) -> None:
        self.replies = replies

    def complete(self, messages: object, n: int, temperature: float) -> list[str]:
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        assert isinstance(reply, list)
        return reply


def test_a_derendering_shows_its_report_inline() -> None:
    source = (EXAMPLES / "bar_revenue.rdsl").read_text()
    png = pipeline.compile(source)._repr_png_()
    assert png is not None
    broken = source.replace("series(", "series(1, ", 1)
    out = derender(png, _Model([[broken], [source]]), "p", LoopConfig(candidates=1, fit=False))
    page = out._repr_html_()
    assert out.verified
    assert page.count("data:image/png;base64,") == 3  # the input, the rendering and its difference
    assert "Round 1" in page and "Round 2" in page and "Chosen program" in page
    assert "src=\"r" not in page  # nothing refers to files


def test_the_report_escapes_model_text() -> None:
    source = (EXAMPLES / "bar_revenue.rdsl").read_text()
    png = pipeline.compile(source)._repr_png_()
    assert png is not None
    attack = '<script>alert(1)</script>\nchart bar\ncategories("<img src=x onerror=alert(1)>")\n'
    out = derender(png, _Model([[attack], failure("gone")]), "p", LoopConfig(candidates=1, fit=False))
    page = out._repr_html_()
    assert "<script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page and "gone" in page
