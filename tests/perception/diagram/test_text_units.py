"""A unit word read apart from its value ('1.1' and 'm' of '1.1 m') is the value's unit, no
variable of its own (issue 13). Figure drawn with PIL; labels built as texts."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from recode_dsl.perception.diagram import image as im
from recode_dsl.perception.diagram import read_facts
from recode_dsl.perception.diagram.reader import read_geometry
from recode_dsl.perception.diagram.texts import Text, units_apart


def _rectangle() -> np.ndarray:
    img = Image.new("RGB", (360, 160), "white")
    ImageDraw.Draw(img).rectangle([(85, 40), (330, 128)], outline="black", width=2)
    return np.asarray(img)


def _lengths(texts: list[Text]) -> set[tuple[float, str | None]]:
    image = _rectangle()
    diagram = read_geometry(image)
    facts = read_facts(diagram, im.page_of(image), texts)
    xs = {f.value: [diagram.points[k].xy[0] for k in f.points] for f in facts if f.kind == "length"}
    return {(round(sum(x) / len(x)), v) for v, x in xs.items()}


def test_a_unit_read_apart_after_its_value_is_its_unit() -> None:
    value = Text("1.1", (16, 72, 44, 93), "length", "1.1")
    unit = Text("m", (57, 77, 75, 93), "length", "m")
    # read as a label, the 'm' is nearer the left side and takes it from its own value
    assert (85, "m") in _lengths([value, unit])
    assert _lengths(units_apart([value, unit])) == {(85, "1.1")}


def test_a_unit_word_elsewhere_is_kept() -> None:
    value = Text("1.1", (16, 72, 44, 93), "length", "1.1")
    below = Text("m", (20, 130, 38, 150), "length", "m")  # under the value, not after it
    capital = Text("M", (57, 77, 75, 93), "point", "M")  # a point's letter
    assert units_apart([value, below, capital]) == [value, below, capital]


def test_a_value_with_its_unit_read_apart_is_set_as_a_whole_beside_its_side() -> None:
    # '11' and 'units' read apart left of the left side (x 85): the number alone ends 73 px from
    # it, out of a value's reach; with its unit the label ends 6 px from it
    value = Text("11", (0, 72, 12, 91), "length", "11")
    unit = Text("units", (27, 73, 79, 91), "other", "units")
    assert _lengths([value, unit]) == set()
    merged = units_apart([value, unit])
    assert [(t.text, t.value) for t in merged] == [("11 units", "11")]
    assert _lengths(merged) == {(85, "11")}
