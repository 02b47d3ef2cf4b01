"""Which span of a line a length label measures (issue 13): spans of one line as near as the
nearest are told apart by where the label's foot falls. Diagrams built by hand."""

from __future__ import annotations

from recode_dsl.perception.diagram import facts as fx
from recode_dsl.perception.diagram import points as pt
from recode_dsl.perception.diagram.reader import Diagram, Line
from recode_dsl.perception.diagram.texts import Text


def _secant() -> Diagram:
    """A secant U-B-T-R (B, a circle's centre, halfway along the chord UT; R outside), R a pixel
    off the line as read points are."""
    pts = [pt.Point(xy) for xy in ((400.0, 100.0), (250.0, 175.0), (100.0, 250.0), (20.0, 289.0))]
    return Diagram(480, 400, 2.0, pts, [Line([0, 1, 2, 3])], [])


def test_a_label_at_a_chords_middle_measures_the_chord_not_the_whole_secant() -> None:
    label = Text("9", (238, 130, 254, 158), "length", "9")  # above B, beside the line
    facts = fx.bind_values(_secant(), [label])
    assert [(f.kind, frozenset(f.points), f.value) for f in facts] == [("length", frozenset((0, 2)), "9")]



def _corner() -> Diagram:
    """1085's corner: the diagonal A-B up to the right, the side E-B upright at B."""
    pts = [pt.Point(xy) for xy in ((150.0, 183.0), (291.0, 45.0), (291.0, 183.0))]
    return Diagram(340, 220, 2.0, pts, [Line([0, 1]), Line([2, 1])], [])


def test_a_label_losing_its_side_to_a_nearer_label_measures_the_other_side_beside_it() -> None:
    x = Text("x", (299, 111, 312, 126), "length", "x")  # right of E-B
    root = Text("5√2", (231, 126, 282, 147), "length", "5\\sqrt{2}")  # between B-A and E-B
    facts = fx.bind_values(_corner(), [x, root])
    assert {(frozenset(f.points), f.value) for f in facts} == {
        (frozenset((2, 1)), "x"),
        (frozenset((0, 1)), "5\\sqrt{2}"),
    }
    # alone, it measures the side it lies nearest
    assert [frozenset(f.points) for f in fx.bind_values(_corner(), [root])] == [frozenset((2, 1))]


def test_a_letter_read_across_a_line_is_a_tick_not_a_value() -> None:
    # a tick drawn across the diagonal, read 'x', centred on the line: no value
    tick = Text("x", (242, 166, 258, 184), "length", "x")
    assert fx.bind_values(_secant(), [tick]) == []
    # the same letter set beside the line measures it
    beside = Text("x", (238, 140, 254, 158), "length", "x")
    assert [f.value for f in fx.bind_values(_secant(), [beside])] == ["x"]


def _split_base() -> Diagram:
    """A base A-F-B split by the foot F of an altitude from C, F at 0.4 of the way."""
    pts = [pt.Point(xy) for xy in ((50.0, 300.0), (170.0, 300.0), (350.0, 300.0), (170.0, 100.0))]
    return Diagram(400, 360, 2.0, pts, [Line([0, 1, 2]), Line([3, 1])], [])


def test_a_label_centred_under_a_split_side_measures_the_whole_side() -> None:
    # Geometry3K train 1375's kind: once the altitude's foot is found, the base's value, set at
    # the base's middle, was bound to the piece beside the foot
    label = Text("12", (188, 306, 212, 324), "length", "12")
    facts = fx.bind_values(_split_base(), [label])
    assert [(frozenset(f.points), f.value) for f in facts] == [(frozenset((0, 2)), "12")]
    # a label at a piece's middle still measures the piece
    for x, piece in ((260, (1, 2)), (110, (0, 1))):
        label = Text("5", (x - 8, 306, x + 8, 324), "length", "5")
        facts = fx.bind_values(_split_base(), [label])
        assert [frozenset(f.points) for f in facts] == [frozenset(piece)], x


def test_labels_under_each_piece_of_a_split_side_measure_the_pieces() -> None:
    # train 975: 'z' under the left piece, '10' near the base's middle but under the right
    # piece: one label a piece, each measures its own
    z = Text("z", (102, 306, 118, 324), "length", "z")
    ten = Text("10", (200, 306, 224, 324), "length", "10")
    facts = fx.bind_values(_split_base(), [z, ten])
    assert {(frozenset(f.points), f.value) for f in facts} == {
        (frozenset((0, 1)), "z"), (frozenset((1, 2)), "10")}
