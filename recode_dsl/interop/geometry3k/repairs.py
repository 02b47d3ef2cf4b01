"""The repairs the Geometry3K importer makes to a record's logic forms before translating them.

    question, diagram forms ──1 question forms──▶ ──2 slips of the diagram──▶ ──3 arcs that are
    angles or segments──▶ ──4 names the diagram draws otherwise──▶ repaired forms, renames

Each repair is a rule of how the problems are written, in its own module of this package (the
module docstrings say which slip each one mends and when it leaves the forms alone). This
module lists them in order in ``REPAIRS``, each a ``repair(draft) -> draft`` function of the
frozen ``Draft``, whose forms are parsed once (``parse.read``). A rule matches the forms' trees
and rebuilds the ones it mends (``pattern``); it never reads or writes logic-form text (the
question's English words are read with a few patterns). Positions (floats, y down as in the
data) only choose; nothing measured is written as a fact.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from recode_dsl.interop.geometry3k import rename as rename
from recode_dsl.interop.geometry3k.arcends import arcs_as_segments, centre_arcs
from recode_dsl.interop.geometry3k.centres import drawn_centres, drawn_ends, drawn_vertices
from recode_dsl.interop.geometry3k.circles import apply_centres, drop_outside, recentre
from recode_dsl.interop.geometry3k.corner import drawn_corners
from recode_dsl.interop.geometry3k.lines import repair as named_lines
from recode_dsl.interop.geometry3k.offarc import end_off_arcs, off_circle_arcs
from recode_dsl.interop.geometry3k.offcircle import drop_off_circle
from recode_dsl.interop.geometry3k.pairs import pair_sums
from recode_dsl.interop.geometry3k.parse import read
from recode_dsl.interop.geometry3k.pattern import (
    CIRCLE,
    Call,
    Item,
    Name,
    args_of,
    as_form,
    calls,
    first,
    head,
    point,
    split_points,
)
from recode_dsl.interop.geometry3k.pattern import rename as rename_points
from recode_dsl.interop.geometry3k.question import arc_length_asked, lone_radius
from recode_dsl.interop.geometry3k.rightangle import straight_right_angles
from recode_dsl.interop.geometry3k.roundarc import rounded_arc_length
from recode_dsl.interop.geometry3k.twice import unequal_twins
from recode_dsl.interop.geometry3k.unnamed import name_asked_shape
from recode_dsl.interop.geometry3k.vertex import revertex
from recode_dsl.interop.geometry3k.wedges import reflex_wedges

Positions = Mapping[str, tuple[float, float]]
_FIND_SEGMENT = re.compile(r"\bFind ([A-Z]'*) ?([A-Z]'*)\s*\.")


@dataclass(frozen=True, slots=True)
class Draft:
    """A record's forms on their way to translation: what every repair reads and rewrites.

    The record's drawn facts (positions, drawn segments, line and circle instances, the question
    and its goal) are read once here, and each form is parsed once (``parse.read``: a tree, or the
    text that does not parse); a repair returns a new draft with new forms, never changes one.
    """

    record: Mapping[str, Any]
    question: str
    positions: Positions
    segments: tuple[tuple[str, str], ...]
    lines: tuple[str, ...]  # line_instances, as the data writes them ("AB")
    circles: tuple[str, ...]  # circle_instances: the drawn circles' centres
    goal: tuple[str, ...]
    text: tuple[Item, ...]  # the question's forms
    diagram: tuple[Item, ...]  # the diagram's forms
    renamed: Mapping[str, str] = field(default_factory=dict)  # question point -> the diagram's name

    @classmethod
    def of(cls, record: Mapping[str, Any], question: str, positions: Positions) -> Draft:
        parsed: dict[str, Item] = {}  # a form written twice is parsed once

        def forms(key: str) -> tuple[Item, ...]:
            texts = [str(f) for f in record.get(key) or () if str(f).strip()]
            return tuple(parsed.get(f) or parsed.setdefault(f, read(f)) for f in texts)

        return cls(record, question, positions, tuple(drawn_segments(record)),
                   tuple(str(x) for x in record.get("line_instances") or ()),
                   tuple(str(c) for c in record.get("circle_instances") or ()),
                   tuple(str(g) for g in record.get("problem_type_goal") or ()),
                   forms("text_logic_forms_dissolved"), forms("diagram_logic_forms"))

    def centres(self, forms: Iterable[Item] | None = None) -> set[str]:
        """The drawn circles' centres and every centre the forms (default: all of them) name."""
        return circle_centres(self.record, self.diagram + self.text if forms is None else forms)

    def but(self, text: Iterable[Item] | None = None, diagram: Iterable[Item] | None = None,
            renamed: Mapping[str, str] | None = None) -> Draft:
        """The draft with new forms (or renames); this one when nothing changes."""
        new_text = self.text if text is None else tuple(text)
        new_diagram = self.diagram if diagram is None else tuple(diagram)
        new_renamed = self.renamed if renamed is None else renamed
        if new_text == self.text and new_diagram == self.diagram and new_renamed == self.renamed:
            return self
        return replace(self, text=new_text, diagram=new_diagram, renamed=new_renamed)


Repair = Callable[[Draft], Draft]


# -- 1 the question's forms --------------------------------------------------------------------


def sums_and_radii(d: Draft) -> Draft:
    """Sums of two segments the question asks for; arc lengths asked; a lone radius's circle."""
    text = pair_sums(d.text, d.question)
    text = lone_radius(arc_length_asked(text, d.question), d.diagram, d.centres(d.diagram + tuple(text)))
    return d.but(text=text)


def unnamed_shapes(d: Draft) -> Draft:
    return d.but(text=name_asked_shape(d.text, d.diagram))


def lettered_lines(d: Draft) -> Draft:
    text, diagram = named_lines(d.text, d.diagram, d.segments, d.positions)
    return d.but(text, diagram)


# -- 2 slips the drawing contradicts -----------------------------------------------------------


def twin_labels(d: Draft) -> Draft:
    return d.but(diagram=unequal_twins(d.diagram, d.positions))


def arcs_through_centres(d: Draft) -> Draft:
    """Arcs named through their centre; two-point arcs whose ends share no circle are segments."""
    arc_centres = d.centres()
    text, diagram = centre_arcs(d.text, arc_centres), centre_arcs(d.diagram, arc_centres)
    text = arcs_as_segments(text, diagram + text, d.positions, arc_centres)  # arc names hold no centre
    return d.but(text, diagram)


def wrong_centres(d: Draft) -> Draft:
    moved = recentre(d.diagram, d.text, d.positions, d.circles)
    return d.but(apply_centres(d.text, moved), apply_centres(d.diagram, moved))


def outside_points(d: Draft) -> Draft:
    return d.but(diagram=drop_outside(d.diagram, d.diagram + d.text, d.positions))


def off_circle_points(d: Draft) -> Draft:
    return d.but(diagram=drop_off_circle(d.diagram, d.positions))


def misplaced_vertices(d: Draft) -> Draft:
    return d.but(diagram=revertex(d.diagram, d.lines, d.centres(), d.positions))


def straight_angles(d: Draft) -> Draft:
    return d.but(diagram=straight_right_angles(d.diagram, d.lines))


def reflex_angles(d: Draft) -> Draft:
    return d.but(diagram=reflex_wedges(d.diagram, d.lines, d.positions))


# -- 3 arcs that are angles or segments --------------------------------------------------------


def arcs_off_their_circle(d: Draft) -> Draft:
    """Three-letter arcs with a point off the circle are angles; arcs whose end is off it too."""
    around = (d.diagram + d.text, d.positions, d.centres())
    text, diagram = off_circle_arcs(d.text, *around), off_circle_arcs(d.diagram, *around)
    return d.but(end_off_arcs(text, *around), end_off_arcs(diagram, *around))


def rounded_arcs(d: Draft) -> Draft:
    return d.but(text=rounded_arc_length(d.text, d.question, d.goal))


# -- 4 names the diagram draws otherwise ---------------------------------------------------------


def drawn_names(d: Draft) -> Draft:
    """Question points the diagram draws under another name."""
    text, diagram, segs = d.text, d.diagram, d.segments
    renamed = {**drawn_ends(text, diagram, segs, d.positions),
               **rename.renames(text, diagram, d.positions, segs, d.centres(d.diagram)),
               **drawn_centres(text, diagram, d.positions), **drawn_vertices(text, diagram, d.positions)}
    asked = _asked_segment([rename_points(f, renamed) for f in d.text], d.question,
                           set(d.record["point_positions"]), renamed)
    return d.but(text=asked, renamed=renamed)


def corners(d: Draft) -> Draft:
    return d.but(text=drawn_corners(d.text, d.diagram, d.segments, d.positions))


def crossings(d: Draft) -> Draft:
    found = _crossing_points(d.record, d.positions, d.diagram)
    return d.but(diagram=d.diagram + tuple(rename_points(f, d.renamed) for f in found))


REPAIRS: tuple[Repair, ...] = (
    sums_and_radii, unnamed_shapes, lettered_lines,
    twin_labels, arcs_through_centres, wrong_centres, outside_points, off_circle_points, misplaced_vertices,
    straight_angles, reflex_angles,
    arcs_off_their_circle, rounded_arcs,
    drawn_names, corners, crossings,
)


def repaired_forms(record: Mapping[str, Any], question: str,
                   positions: Positions) -> tuple[list[Item], list[Item], dict[str, str]]:
    """The question's forms, the diagram's forms (with the points drawn where segments cross) and
    the question's point names the diagram draws under another name: every repair of REPAIRS in turn.

    >>> rec = {"point_positions": {"A": [0, 0], "B": [3, 0]}, "diagram_logic_forms": [],
    ...        "text_logic_forms_dissolved": ["Find(LengthOf(Line(A, B)))"]}
    >>> from recode_dsl.interop.geometry3k.parse import shown
    >>> text, diagram, renamed = repaired_forms(rec, "Find A B.", {"A": (0.0, 0.0), "B": (3.0, 0.0)})
    >>> [shown(f) for f in text], diagram, renamed
    (['Find(LengthOf(Line(A, B)))'], [], {})
    """
    draft = Draft.of(record, question, positions)
    for repair in REPAIRS:
        draft = repair(draft)
    return list(draft.text), list(draft.diagram), dict(draft.renamed)


def circle_centres(record: Mapping[str, Any], forms: Iterable[Item]) -> set[str]:
    """The drawn circles' centres and every centre a form names."""
    centres = {str(c) for c in record.get("circle_instances") or ()}
    for form in forms:
        centres.update(point(c.args[0]) or "" for c in calls(form) if c.name in CIRCLE and c.args)
    centres.discard("")
    return centres


def drawn_segments(record: Mapping[str, Any], names: set[str] | None = None) -> list[tuple[str, str]]:
    """The drawn segments ("AB") as pairs of point names."""
    segs: list[tuple[str, str]] = []
    for inst in record.get("line_instances") or ():
        pts = split_points(str(inst))
        if pts is not None and len(pts) == 2 and pts[0] != pts[1] and (names is None or set(pts) <= names):
            segs.append((pts[0], pts[1]))
    return segs


def _asked_segment(forms: list[Item], question: str, points: set[str], renamed: Mapping[str, str]) -> list[Item]:
    """"Find A G." in the question and ``Find(LengthOf(Line(A, B)))`` in the forms: the question's
    (with the question's point names the diagram calls otherwise renamed)."""
    said = _FIND_SEGMENT.search(question)
    if said is None or not {said[1], said[2]} <= points or said[1] == said[2]:
        return forms
    a, b = renamed.get(said[1], said[1]), renamed.get(said[2], said[2])
    out = []
    for item in forms:
        asked = _asked_length(item)
        if asked is not None and set(asked) != {a, b}:
            item = as_form(Call("Find", (Call("LengthOf", (Call("Line", (Name(a), Name(b))),)),)))
        out.append(item)
    return out


def _asked_length(item: Item) -> tuple[str, ...] | None:
    """The ends of ``Find(LengthOf(Line(A, B)))``."""
    find = head(item, "Find")
    if find is None or len(find.args) != 1:
        return None
    length = find.args[0]
    if not (isinstance(length, Call) and length.name == "LengthOf" and len(length.args) == 1):
        return None
    return args_of(length.args[0], "Line", 2)


def _crossing_points(record: Mapping[str, Any], pos: Mapping[str, tuple[float, float]],
                     forms: Sequence[Item]) -> list[Item]:
    """A point drawn without a position, joined to just the four ends of two segments that cross
    and on no line the forms name, is where they cross (the diagonals of a kite, say): it lies on both."""
    segs = drawn_segments(record)
    out: list[Item] = []
    for u in (str(n) for n in record["point_positions"] if str(n) not in pos):
        ends = sorted({b if a == u else a for a, b in segs if u in (a, b)} & set(pos))
        if len(ends) != 4 or any(_on_a_line(f, u) for f in forms):
            continue  # more ends, or lines the forms already give: not plainly a crossing
        pairs = list(itertools.combinations(ends, 2))
        crossing = [(ab, cd) for ab, cd in itertools.combinations(pairs, 2)
                    if not set(ab) & set(cd) and _cross(pos, ab, cd)]
        if len(crossing) != 1:
            continue
        for a, b in crossing[0]:
            new = as_form(Call("PointLiesOnLine", (Name(u), Call("Line", (Name(a), Name(b))))))
            flipped = as_form(Call("PointLiesOnLine", (Name(u), Call("Line", (Name(b), Name(a))))))
            if new not in forms and flipped not in forms:
                out.append(new)
    return out


def _on_a_line(item: Item, u: str) -> bool:
    """``PointLiesOnLine(u, ...)``."""
    on = first(item)
    return on is not None and on.name == "PointLiesOnLine" and bool(on.args) and on.args[0] == Name(u)


def _cross(pos: Mapping[str, tuple[float, float]], ab: tuple[str, str], cd: tuple[str, str]) -> bool:
    """Whether segments ab and cd cross at a point inside both."""
    def side(p: str, q: str, r: str) -> float:
        (px, py), (qx, qy), (rx, ry) = pos[p], pos[q], pos[r]
        return (qx - px) * (ry - py) - (qy - py) * (rx - px)
    (a, b), (c, d) = ab, cd
    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0
