"""The diagram reader: a geometry figure's image -> a figure program (issue 13).

``read_diagram(image)`` returns the program text and the diagnostics of compiling-free checks
(none is raised: a figure with nothing readable gives a program with no points and a warning).
``read_figure(image)`` returns the reading itself (points, lines, circles, texts, facts) for
callers that want the pieces, such as the Geometry3K bench.

Images are HxW, HxWx3 or HxWx4 arrays (uint8, or floats in 0..1), or a path to a PNG.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from recode_dsl.errors import Diagnostic
from recode_dsl.perception.diagram import arcs, shading
from recode_dsl.perception.diagram import facts as fx
from recode_dsl.perception.diagram import image as im
from recode_dsl.perception.diagram import program as pg
from recode_dsl.perception.diagram.decimals import decimal_points
from recode_dsl.perception.diagram.reader import Diagram, read_geometry
from recode_dsl.perception.diagram.texts import Text, letters_read_as_digits, read_texts, specks

__all__ = ["Reading", "program_of", "read_diagram", "read_facts", "read_figure"]


@dataclass(slots=True)
class Reading:
    """A figure as read: geometry (image pixels, y down), labels and the facts they state."""

    diagram: Diagram
    texts: list[Text]
    facts: list[fx.Fact]

    def names(self, reserved: Iterable[str] = (), letters: bool = False) -> list[str]:
        return pg.assign_names(self.diagram, reserved, letters)

    def program_text(self, title: str | None = None, reserved: Iterable[str] = ()) -> str:
        return pg.to_text(pg.build(self.diagram, self.facts, title, reserved))


def _array(image: npt.NDArray[np.generic] | str | Path) -> npt.NDArray[np.generic]:
    if isinstance(image, (str, Path)):
        from PIL import Image

        with Image.open(image) as img:
            return np.asarray(img.convert("RGBA"))
    return np.asarray(image)


def read_figure(image: npt.NDArray[np.generic] | str | Path, *, ocr: bool = True) -> Reading:
    """Points, lines, circles, labels and facts of a figure image."""
    arr = _array(image)
    diagram = read_geometry(arr)
    page = im.page_of(arr)
    texts = read_texts(arr, page, diagram.blobs, diagram.labels) if ocr else []
    if texts:
        rgb = (im.to_rgb(arr) * 255).astype(np.uint8)
        texts = letters_read_as_digits(specks(texts), rgb, [p.xy for p in diagram.points])
        texts = decimal_points(texts, page.ink)
    return Reading(diagram, texts, read_facts(diagram, page, texts))


def read_facts(diagram: Diagram, page: im.Page, texts: list[Text]) -> list[fx.Fact]:
    """The facts the labels and marks state (names the diagram's points from the letters)."""
    values = fx.name_points(diagram, texts)
    tips: dict[int, tuple[float, float]] = {}
    if values:
        tips = fx.arrow_tips(values, fx.free_strokes(page.ink, texts, diagram))
    stated = fx.stated_lengths(diagram, texts)  # named in words: a value placed on the same side is not its
    said = {frozenset(f.points) for f in stated}
    facts = [f for f in fx.bind_values(diagram, values, tips) if frozenset(f.points) not in said] + stated
    facts += fx.right_angles(diagram, page.ink, texts)
    facts += fx.equal_ticks(diagram, page.ink)
    facts += fx.parallel_marks(diagram, page.ink)
    facts += arcs.equal_angles(diagram, page.ink, texts, facts)
    facts += shading.shaded_sectors(diagram, page, texts)
    return facts


def read_diagram(
    image: npt.NDArray[np.generic] | str | Path,
    *,
    title: str | None = None,
    reserved: Iterable[str] = (),
    ocr: bool = True,
) -> tuple[str, list[Diagnostic]]:
    """The figure program of an image and its diagnostics (warnings about what was not read)."""
    return program_of(read_figure(image, ocr=ocr), title=title, reserved=reserved)


def program_of(reading: Reading, *, title: str | None = None,
               reserved: Iterable[str] = ()) -> tuple[str, list[Diagnostic]]:
    """The figure program of a reading and its diagnostics (E120 when no point was read)."""
    diags: list[Diagnostic] = []
    if not reading.diagram.points:
        from recode_dsl import messages

        d = reading.diagram
        diags.append(
            Diagnostic(
                "E120",
                messages.diagram_nothing_read(d.width, d.height),
                hint="a figure is read from dark or coloured strokes on a light page",
                severity="warning",
            )
        )
    return reading.program_text(title, reserved), diags
