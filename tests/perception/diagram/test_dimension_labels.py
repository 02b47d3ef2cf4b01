"""Which side a value set beside a dimension line measures (issue 13): the one the dimension
line measures, also when its unit, read with it, sets its box's centre farther off the line
than the number's. Diagrams built by hand."""

from __future__ import annotations

from recode_dsl.perception.diagram import facts as fx
from recode_dsl.perception.diagram import points as pt
from recode_dsl.perception.diagram.reader import Diagram, Line
from recode_dsl.perception.diagram.texts import Text


def _upright_side() -> Diagram:
    """A side A-M-B upright at x = 100 (M at a fifth of the way down), a base B-C, and a
    dimension line drawn 30 px right of A-B from A's height to B's. The labels are set three
    quarters of the way down, off the middle of A-B."""
    pts = [pt.Point(xy) for xy in ((100.0, 50.0), (100.0, 90.0), (100.0, 250.0), (300.0, 250.0))]
    d = Diagram(400, 300, 2.0, pts, [Line([0, 1, 2]), Line([2, 3])], [])
    d.dimensions = [((130.0, 50.0), (130.0, 250.0))]
    return d


def _bound(label: Text) -> list[tuple[frozenset[int], str | None]]:
    return [(frozenset(f.points), f.value) for f in fx.bind_values(_upright_side(), [label])]


def test_a_value_with_its_unit_right_of_a_dimension_line_measures_its_side() -> None:
    # '1 ft' set 6 px right of the dimension line: its centre lies 23 px off it (text 20 px
    # tall), the number's alone 11 px. Before, it measured M-B, the piece its foot falls on.
    assert _bound(Text("1 ft", (136, 190, 170, 210), "length", "1")) == [(frozenset((0, 2)), "1")]
    # the number alone, as before
    assert _bound(Text("1", (136, 190, 146, 210), "length", "1")) == [(frozenset((0, 2)), "1")]


def test_a_value_set_away_from_a_dimension_line_measures_the_piece_it_is_beside() -> None:
    # left of the side, 50 px from the dimension line: the piece M-B beside it
    assert _bound(Text("7 ft", (60, 190, 94, 210), "length", "7")) == [(frozenset((1, 2)), "7")]
