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


def _crossed() -> Diagram:
    """R-S on top, Q-T below, diagonals R-T and S-Q crossing at X (index 4)."""
    r, s, q, t = (120.0, 150.0), (350.0, 150.0), (90.0, 310.0), (380.0, 310.0)
    den = (r[0] - t[0]) * (s[1] - q[1]) - (r[1] - t[1]) * (s[0] - q[0])
    u = ((r[0] - s[0]) * (s[1] - q[1]) - (r[1] - s[1]) * (s[0] - q[0])) / den
    x = (r[0] + u * (t[0] - r[0]), r[1] + u * (t[1] - r[1]))
    pts = [pt.Point(p) for p in (r, s, q, t, x)]
    return Diagram(480, 400, 2.0, pts, [Line([0, 1]), Line([2, 3]), Line([0, 4, 3]), Line([1, 4, 2])], [])


def test_a_far_label_measures_the_angle_its_arrow_points_at() -> None:
    d = _crossed()
    label = Text("(5x+4)°", (268, 45, 413, 84), "angle", "5x+4")  # far above X, between its rays
    tip = (330.0, 158.0)  # the curved arrow ends inside the angle at S
    facts = fx.bind_values(d, [label], {0: tip})
    assert [(f.points[1], frozenset((f.points[0], f.points[2]))) for f in facts] == [(1, frozenset((0, 4)))]
    # with no arrow, the label measures the angle it lies in
    facts = fx.bind_values(d, [label])
    assert [f.points[1] for f in facts] == [4]


def test_a_label_near_its_vertex_keeps_its_angle_whatever_ink_runs_from_it() -> None:
    d = _crossed()
    label = _label("32", 300, 170)  # in the angle at S, near S
    facts = fx.bind_values(d, [label], {0: (235.0, 200.0)})  # a mark's end near X
    assert [f.points[1] for f in facts] == [1]


def test_a_wide_label_measures_the_corner_its_box_sits_in() -> None:
    # a slanted side G (18, 24) - O (60, 94) - H (102, 164) crossed at G and O by parallels
    # running east to E and I; '(3y + 1)°' set along OI with its start at O (figure 118 of
    # Geometry3K train): its centre lies nearer G's rays than O's, its box almost on O's
    g, o, h, e, i = (18.0, 24.0), (60.0, 94.0), (102.0, 164.0), (403.0, 24.0), (444.0, 94.0)
    d = Diagram(500, 200, 2.0, [pt.Point(p) for p in (o, h, g, e, i)],
                [Line([2, 0, 1]), Line([2, 3]), Line([0, 4])], [])
    label = Text("(3y + 1)°", (64, 58, 165, 88), "angle", "3y+1")
    facts = fx.bind_values(d, [label])
    assert [(f.points[1], frozenset((f.points[0], f.points[2]))) for f in facts] == [(0, frozenset((2, 4)))]
    # a small label in the corner at G stays G's
    facts = fx.bind_values(d, [_label("50", 50, 40)])
    assert [f.points[1] for f in facts] == [2]
