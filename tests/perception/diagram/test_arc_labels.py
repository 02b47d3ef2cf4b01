"""A degree label set just outside a circle beside an arc measures the arc (issue 13); one in an
angle at a point outside the circle, or at the centre whose radii end the arc, measures the
angle. Diagrams built by hand (positions in image pixels, y down); labels built as texts."""

from __future__ import annotations

import math

from recode_dsl.perception.diagram import facts as fx
from recode_dsl.perception.diagram import points as pt
from recode_dsl.perception.diagram.reader import Diagram, Line, Ring
from recode_dsl.perception.diagram.texts import Text

CENTRE = (200.0, 200.0)
R = 100.0


def _on(deg: float, r: float = R) -> tuple[float, float]:
    a = math.radians(deg)
    return (CENTRE[0] + r * math.cos(a), CENTRE[1] + r * math.sin(a))


def _label(value: str, deg: float, r: float) -> Text:
    x, y = _on(deg, r)
    return Text(value + "°", (int(x - 14), int(y - 9), int(x + 14), int(y + 9)), "angle", value)


def _crossing_chords() -> Diagram:
    """Chords A-B and C-D of a circle crossing at X inside it."""
    pts = [pt.Point(CENTRE), pt.Point(_on(-60)), pt.Point(_on(120)), pt.Point(_on(-150)), pt.Point(_on(30))]
    # where the chords cross
    (x1, y1), (x2, y2), (x3, y3), (x4, y4) = (p.xy for p in pts[1:])
    den = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4)
    u = ((x1 - x3) * (y3 - y4) - (y1 - y3) * (x3 - x4)) / den
    pts.append(pt.Point((x1 + u * (x2 - x1), y1 + u * (y2 - y1))))
    return Diagram(400, 400, 2.0, pts, [Line([1, 5, 2]), Line([3, 5, 4])], [Ring(0, R, [1, 2, 3, 4])])


def test_a_label_outside_beside_an_arc_measures_the_arc() -> None:
    d = _crossing_chords()
    # between A (-60 degrees) and D (30 degrees), just outside: the minor arc AD
    facts = fx.bind_values(d, [_label("120", -15, R + 16)])
    assert [(f.kind, set(f.points), f.value) for f in facts][0] == ("arc", {1, 4}, "120")
    # between D (30) and B (120)
    facts = fx.bind_values(d, [_label("75", 75, R + 16)])
    assert [(f.kind, set(f.points)) for f in facts][0] == ("arc", {4, 2})
    # the same label inside the circle, in the angle at the crossing, measures the angle
    facts = fx.bind_values(d, [_label("75", 75, 40)])
    assert [(f.kind, f.points[1]) for f in facts] == [("angle", 5)]


def test_the_arc_over_half_the_circle_is_the_major_arc() -> None:
    pts = [pt.Point(CENTRE), pt.Point(_on(-30)), pt.Point(_on(30))]
    d = Diagram(400, 400, 2.0, pts, [Line([1, 2])], [Ring(0, R, [1, 2])])
    facts = fx.bind_values(d, [_label("300", 180, R + 16)])
    assert [(f.kind, set(f.points)) for f in facts] == [("major_arc", {1, 2})]
    facts = fx.bind_values(d, [_label("60", 0, R + 16)])
    assert [(f.kind, set(f.points)) for f in facts][0] == ("arc", {1, 2})


def test_an_angle_at_a_point_outside_or_at_the_centre_stays_an_angle() -> None:
    # two secants from P outside the circle: the label in their angle near P
    p = (CENTRE[0] + 2.2 * R, CENTRE[1])
    pts = [pt.Point(CENTRE), pt.Point(_on(-25)), pt.Point(_on(25)), pt.Point(p)]
    d = Diagram(600, 400, 2.0, pts, [Line([1, 3]), Line([2, 3])], [Ring(0, R, [1, 2])])
    label = _label("30", 0, R + 40)
    facts = fx.bind_values(d, [label])
    assert [(f.kind, f.points[1]) for f in facts] == [("angle", 3)]
    # radii to both ends of the arc: the central angle says the same, and is kept
    pts = [pt.Point(CENTRE), pt.Point(_on(-40)), pt.Point(_on(40))]
    d = Diagram(400, 400, 2.0, pts, [Line([0, 1]), Line([0, 2])], [Ring(0, R, [0, 1, 2])])
    facts = fx.bind_values(d, [_label("80", 0, R + 14)])
    assert [(f.kind, f.points[1]) for f in facts] == [("angle", 0)]


def test_a_label_whose_arrow_points_into_the_circle_measures_no_arc() -> None:
    d = _crossing_chords()
    label = _label("75", 75, R + 16)
    # an arrow from the label ending at the chords' crossing: the angle there
    facts = fx.bind_values(d, [label], {0: d.points[5].xy})
    assert [(f.kind, f.points[1]) for f in facts] == [("angle", 5)]
    # a stroke ending outside the circle (an arrowhead beside the label) does not count
    facts = fx.bind_values(d, [label], {0: _on(75, R + 45)})
    assert [f.kind for f in facts][0] == "arc"


def test_a_minor_arc_states_its_central_angle_too() -> None:
    # no radius drawn: the arc, and the angle at the centre between its ends (the same measure)
    d = _crossing_chords()
    facts = fx.bind_values(d, [_label("120", -15, R + 16)])
    assert [(f.kind, f.points[1] if f.kind == "angle" else None, set(f.points), f.value) for f in facts] == [
        ("arc", None, {1, 4}, "120"),
        ("angle", 0, {1, 0, 4}, "120"),
    ]
    # a number past 180 is no angle's measure: the arc alone
    assert [f.kind for f in fx.bind_values(d, [_label("220", -15, R + 16)])] == ["arc"]
    # a major arc's central angle is reflex: not stated
    pts = [pt.Point(CENTRE), pt.Point(_on(-30)), pt.Point(_on(30))]
    d = Diagram(400, 400, 2.0, pts, [Line([1, 2])], [Ring(0, R, [1, 2])])
    assert [f.kind for f in fx.bind_values(d, [_label("300", 180, R + 16)])] == ["major_arc"]


def _two_secants() -> Diagram:
    """Secants from V, left of the circle, through Y, Z (upper) and W, X (lower)."""
    v = (CENTRE[0] - 2.8 * R, CENTRE[1])
    ys = [_on(-155), _on(-50), _on(155), _on(50)]
    pts = [pt.Point(CENTRE), pt.Point(v)] + [pt.Point(p) for p in ys]
    return Diagram(400, 400, 2.0, pts, [Line([1, 2, 3]), Line([1, 4, 5])], [Ring(0, R, [2, 3, 4, 5])])


def test_a_label_just_inside_the_ring_in_no_angle_measures_the_arc_beside_it() -> None:
    d = _two_secants()
    # 'x' printed inside the near arc YW, far from V and from the centre
    facts = fx.bind_values(d, [_label("x", 180, R - 22)])
    assert [(f.kind, set(f.points)) for f in facts][0] == ("arc", {2, 4})
    # by the far arc ZX, inside, likewise
    facts = fx.bind_values(d, [_label("110", 0, R - 22)])
    assert [(f.kind, set(f.points)) for f in facts][0] == ("arc", {3, 5})
    # a label by the centre is no arc's
    assert not [f for f in fx.bind_values(d, [_label("40", 180, 25)]) if f.kind == "arc"]


def test_a_label_inside_the_ring_behind_it_from_a_vertex_outside_measures_the_arc() -> None:
    # tangents from V (1.5 radii left of the centre) touching at S (131.8 degrees) and T
    # (228.2): an 'x' inside the circle by the arc ST lies in V's angle, but behind the ring
    v = (CENTRE[0] - 1.5 * R, CENTRE[1])
    pts = [pt.Point(CENTRE), pt.Point(v), pt.Point(_on(131.8)), pt.Point(_on(228.2))]
    d = Diagram(400, 400, 2.0, pts, [Line([1, 2]), Line([1, 3])], [Ring(0, R, [2, 3])])
    facts = fx.bind_values(d, [_label("x", 180, R - 22)])
    assert [(f.kind, set(f.points)) for f in facts][0] == ("arc", {2, 3})
    # the same label outside the circle, between V and the ring: V's angle
    facts = fx.bind_values(d, [_label("x", 180, R + 22)])
    assert [(f.kind, f.points[1]) for f in facts] == [("angle", 1)]


def test_of_two_values_for_one_angle_the_one_by_the_ring_measures_the_arc() -> None:
    # tangents from V touching at S and T: '35' near V and 'x' just outside the circle between
    # the tangent points both lie in V's angle: the nearer is V's, 'x' measures the arc ST
    v = (CENTRE[0] - 1.5 * R, CENTRE[1])
    pts = [pt.Point(CENTRE), pt.Point(v), pt.Point(_on(131.8)), pt.Point(_on(228.2))]
    d = Diagram(400, 400, 2.0, pts, [Line([1, 2]), Line([1, 3])], [Ring(0, R, [2, 3])])
    near_v = Text("35°", (int(v[0]) + 12, 191, int(v[0]) + 40, 209), "angle", "35")
    facts = fx.bind_values(d, [near_v, _label("x", 180, R + 14)])
    assert [(f.kind, f.points[1] if f.kind == "angle" else set(f.points), f.value) for f in facts] == [
        ("angle", 1, "35"), ("arc", {2, 3}, "x"), ("angle", 0, "x"),
    ]
