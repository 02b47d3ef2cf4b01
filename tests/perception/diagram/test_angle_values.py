"""One value an angle (issue 13): a degree label set outside a corner's one angle names it only
when no label is set inside it (a side between them was not read). Diagrams built by hand."""

from __future__ import annotations

import math

from recode_dsl.perception.diagram import facts as fx
from recode_dsl.perception.diagram import points as pt
from recode_dsl.perception.diagram.reader import Diagram, Line
from recode_dsl.perception.diagram.texts import Text


def _corner() -> Diagram:
    """Rays from C (200, 200) to D (west) and to B (60 degrees up from west)."""
    c = (200.0, 200.0)
    b = (c[0] - 120 * math.cos(math.radians(60)), c[1] - 120 * math.sin(math.radians(60)))
    return Diagram(400, 400, 2.0, [pt.Point(c), pt.Point((80.0, 200.0)), pt.Point(b)],
                   [Line([1, 0]), Line([0, 2])], [])


def _label(value: str, x: float, y: float) -> Text:
    return Text(value + "°", (int(x - 12), int(y - 9), int(x + 12), int(y + 9)), "angle", value)


def test_a_label_outside_the_corner_gives_way_to_one_inside() -> None:
    d = _corner()
    inside = _label("60", 165, 185)  # between the rays, near C
    right = _label("130", 235, 185)  # right of C: no angle of the reading holds it
    facts = fx.bind_values(d, [inside, right])
    assert [(f.kind, f.points[1], f.value) for f in facts] == [("angle", 0, "60")]
    # alone, the label outside still names the corner's one angle
    facts = fx.bind_values(d, [right])
    assert [(f.kind, f.points[1], f.value) for f in facts] == [("angle", 0, "130")]
