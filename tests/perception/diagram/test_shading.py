"""Shaded sectors read from the page (issue 13): which sector of a circle cut by its radii is
filled or hatched, and whether it is the major one. Pages drawn with PIL, the diagram built by
hand (positions in image pixels, y down)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PIL import Image, ImageDraw

from recode_dsl.perception import diagram as dg
from recode_dsl.perception.diagram import image as im
from recode_dsl.perception.diagram import points as pt
from recode_dsl.perception.diagram import shading
from recode_dsl.perception.diagram.forms import forms_of
from recode_dsl.perception.diagram.program import build, to_text
from recode_dsl.perception.diagram.reader import Diagram, Line, Ring
from recode_dsl.perception.diagram.texts import Text

C = (150.0, 150.0)
R = 100.0


def _on(deg: float) -> tuple[float, float]:
    """The point of the circle at ``deg`` counter-clockwise from east on the page (y up)."""
    return (C[0] + R * math.cos(math.radians(deg)), C[1] - R * math.sin(math.radians(deg)))


def _figure(ends: list[float]) -> Diagram:
    pts = [pt.Point(C), *(pt.Point(_on(d)) for d in ends)]
    return Diagram(300, 300, 2.0, pts, [Line([0, k + 1]) for k in range(len(ends))],
                   [Ring(0, R, list(range(1, len(ends) + 1)))])


def _page(ends: list[float], shaded: list[tuple[float, float]], hatch: bool = False) -> im.Page:
    """A circle with radii to ``ends`` (degrees, y up); each (from, to) of ``shaded`` filled
    (pale blue) or hatched, counter-clockwise from ``from`` to ``to``."""
    img = Image.new("RGB", (300, 300), "white")
    draw = ImageDraw.Draw(img)
    box = (C[0] - R, C[1] - R, C[0] + R, C[1] + R)
    for a, b in shaded:
        # PIL sweeps clockwise on the page from its start: from -b to -a
        if hatch:
            mask = Image.new("L", (300, 300), 0)
            ImageDraw.Draw(mask).pieslice(box, -b, -a, fill=255)
            lines = Image.new("RGB", (300, 300), "white")
            ld = ImageDraw.Draw(lines)
            for k in range(-300, 300, 8):
                ld.line([(k, 0), (k + 300, 300)], fill="black", width=1)
            img.paste(lines, (0, 0), mask)
        else:
            draw.pieslice(box, -b, -a, fill=(170, 205, 225))
    draw.ellipse(box, outline="black", width=2)
    for d in ends:
        draw.line([C, _on(d)], fill="black", width=2)
    return im.page_of(np.asarray(img))


@pytest.mark.parametrize("hatch", [False, True])
def test_the_filled_major_sector_is_read_as_major(hatch: bool) -> None:
    ends = [0.0, 65.0]
    d = _figure(ends)
    facts = shading.shaded_sectors(d, _page(ends, [(65.0, 360.0)], hatch), [])
    assert [(f.kind, f.points) for f in facts] == [("shaded_sector", (2, 0, 1))]  # from 65 degrees round to 0
    assert shading.major_sector(d, facts[0])


def test_the_filled_minor_sector_is_read_as_minor() -> None:
    ends = [0.0, 65.0]
    d = _figure(ends)
    facts = shading.shaded_sectors(d, _page(ends, [(0.0, 65.0)]), [])
    assert [f.points for f in facts] == [(1, 0, 2)]
    assert not shading.major_sector(d, facts[0])


def test_a_disc_filled_all_over_or_two_sectors_state_nothing() -> None:
    ends = [0.0, 120.0, 240.0]
    d = _figure(ends)
    assert shading.shaded_sectors(d, _page(ends, [(0.0, 360.0)]), []) == []
    assert shading.shaded_sectors(d, _page(ends, [(0.0, 120.0), (120.0, 240.0)]), []) == []
    assert [f.points for f in shading.shaded_sectors(d, _page(ends, [(120.0, 240.0)]), [])] == [(2, 0, 3)]


def test_a_label_inside_a_blank_sector_does_not_shade_it() -> None:
    ends = [0.0, 90.0]
    d = _figure(ends)
    img = Image.new("RGB", (300, 300), "white")
    draw = ImageDraw.Draw(img)
    draw.pieslice((C[0] - R, C[1] - R, C[0] + R, C[1] + R), -360, -90, fill=(250, 220, 150))
    draw.ellipse((C[0] - R, C[1] - R, C[0] + R, C[1] + R), outline="black", width=2)
    draw.rectangle((175, 80, 225, 120), fill="black")  # a (very bold) label in the quarter
    page = im.page_of(np.asarray(img))
    label = Text("65°", (175, 80, 225, 120), "angle", "65")
    facts = shading.shaded_sectors(d, page, [label])
    assert [f.points for f in facts] == [(2, 0, 1)] and shading.major_sector(d, facts[0])


def test_the_shaded_sector_is_written_in_the_forms_and_the_program() -> None:
    ends = [0.0, 65.0]
    d = _figure(ends)
    facts = shading.shaded_sectors(d, _page(ends, [(65.0, 360.0)]), [])
    reading = dg.Reading(d, [], facts)
    assert forms_of(reading, ["K", "L", "J"])[-1] == "Shaded(Major(Sector(J, K, L)))"
    text = to_text(build(d, facts, None, ()))
    assert "shade(sector(" in text


def test_a_segment_filled_between_a_chord_and_the_arc_is_no_shaded_sector() -> None:
    ends = [0.0, 90.0]
    d = _figure(ends)
    img = Image.new("RGB", (300, 300), "white")
    draw = ImageDraw.Draw(img)
    box = (C[0] - R, C[1] - R, C[0] + R, C[1] + R)
    draw.pieslice(box, -90, 0, fill=(170, 205, 225))
    draw.polygon([C, _on(0.0), _on(90.0)], fill="white")  # the triangle under the chord left blank
    draw.line([_on(0.0), _on(90.0)], fill="black", width=2)
    draw.ellipse(box, outline="black", width=2)
    assert shading.shaded_sectors(d, im.page_of(np.asarray(img)), []) == []
