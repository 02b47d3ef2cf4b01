"""The repairs the Geometry3K importer makes to a record's logic forms before translating them.

    question, diagram forms ──1 question forms──▶ ──2 slips of the diagram──▶ ──3 arcs that are
    angles or segments──▶ ──4 names the diagram draws otherwise──▶ repaired forms, renames

Each repair is a rule of how the problems are written, in its own module of this package (the module
docstrings say which slip each one mends and when it leaves the forms alone); this module only
runs them in order. Positions (floats, y down as in the data) only choose; nothing measured is
written as a fact.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
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
from recode_dsl.interop.geometry3k.question import arc_length_asked, lone_radius
from recode_dsl.interop.geometry3k.rightangle import straight_right_angles
from recode_dsl.interop.geometry3k.roundarc import rounded_arc_length
from recode_dsl.interop.geometry3k.twice import unequal_twins
from recode_dsl.interop.geometry3k.unnamed import name_asked_shape
from recode_dsl.interop.geometry3k.vertex import revertex
from recode_dsl.interop.geometry3k.wedges import reflex_wedges

Positions = Mapping[str, tuple[float, float]]
_POINT = re.compile(r"[A-Z]'*")
_FIND_SEGMENT = re.compile(r"\bFind ([A-Z]'*) ?([A-Z]'*)\s*\.")
_FIND_LENGTH = re.compile(r"^\s*Find\(LengthOf\(Line\(\s*([A-Z]'*)\s*,\s*([A-Z]'*)\s*\)\)\)\s*$")


def repaired_forms(record: Mapping[str, Any], question: str,
                   positions: Positions) -> tuple[list[str], list[str], dict[str, str]]:
    """The question's forms, the diagram's forms (with the points drawn where segments cross) and
    the question's point names the diagram draws under another name.

    >>> rec = {"point_positions": {"A": [0, 0], "B": [3, 0]}, "diagram_logic_forms": [],
    ...        "text_logic_forms_dissolved": ["Find(LengthOf(Line(A, B)))"]}
    >>> repaired_forms(rec, "Find A B.", {"A": (0.0, 0.0), "B": (3.0, 0.0)})
    (['Find(LengthOf(Line(A, B)))'], [], {})
    """
    text, diagram = _question_forms(record, question, positions)
    text, diagram = _drawing_slips(record, text, diagram, positions)
    text, diagram = _arc_angles(record, text, diagram, question, positions)
    return _names(record, text, diagram, question, positions)


def _question_forms(record: Mapping[str, Any], question: str, positions: Positions) -> tuple[list[str], list[str]]:
    """Sums, radii, unnamed shapes and letter-named lines of the question's forms."""
    diagram = [str(f) for f in record["diagram_logic_forms"]]
    text = pair_sums([str(f) for f in record.get("text_logic_forms_dissolved") or ()], question)
    text = lone_radius(arc_length_asked(text, question), diagram, circle_centres(record, diagram + text))
    text = name_asked_shape(text, diagram)
    return named_lines(text, diagram, drawn_segments(record), positions)


def _drawing_slips(record: Mapping[str, Any], text: list[str], diagram: list[str],
                   positions: Positions) -> tuple[list[str], list[str]]:
    """Forms the drawing contradicts: twin labels, arcs through centres or with ends on no common
    circle, circles named by the wrong centre or holding an outside point, misplaced marks."""
    diagram = unequal_twins(diagram, positions)
    arc_centres = circle_centres(record, diagram + text)
    text, diagram = centre_arcs(text, arc_centres), centre_arcs(diagram, arc_centres)
    text = arcs_as_segments(text, diagram + text, positions, arc_centres)  # arc names hold no centre
    moved = recentre(diagram, text, positions, [str(c) for c in record.get("circle_instances") or ()])
    diagram, text = apply_centres(diagram, moved), apply_centres(text, moved)
    diagram = drop_outside(diagram, diagram + text, positions)
    diagram = drop_off_circle(diagram, positions)
    diagram = revertex(diagram, record.get("line_instances") or (), circle_centres(record, diagram + text), positions)
    diagram = straight_right_angles(diagram, [str(x) for x in record.get("line_instances") or ()])
    return text, reflex_wedges(diagram, record.get("line_instances") or (), positions)


def _arc_angles(record: Mapping[str, Any], text: list[str], diagram: list[str], question: str,
                positions: Positions) -> tuple[list[str], list[str]]:
    """Three-letter arcs with a point off the circle (angles), rounded arc measures (lengths)."""
    around = (diagram + text, positions, circle_centres(record, diagram + text))
    text, diagram = off_circle_arcs(text, *around), off_circle_arcs(diagram, *around)
    text, diagram = end_off_arcs(text, *around), end_off_arcs(diagram, *around)
    goal = [str(g) for g in record.get("problem_type_goal") or ()]
    return rounded_arc_length(text, question, goal), diagram


def _names(record: Mapping[str, Any], text: list[str], diagram: list[str], question: str,
           positions: Positions) -> tuple[list[str], list[str], dict[str, str]]:
    """Question points the diagram draws under another name, then the corners and crossings."""
    segs = drawn_segments(record)
    renamed = {**drawn_ends(text, diagram, segs, positions),
               **rename.renames(text, diagram, positions, segs, circle_centres(record, diagram)),
               **drawn_centres(text, diagram, positions), **drawn_vertices(text, diagram, positions)}
    text = _asked_segment(rename.apply(text, renamed), question, set(record["point_positions"]), renamed)
    text = drawn_corners(text, diagram, segs, positions)
    diagram = diagram + rename.apply(_crossing_points(record, positions, diagram), renamed)
    return text, diagram, renamed


def circle_centres(record: Mapping[str, Any], forms: Iterable[str]) -> set[str]:
    """The drawn circles' centres and every centre a form names."""
    centres = {str(c) for c in record.get("circle_instances") or ()}
    for form in forms:
        centres.update(re.findall(r"\bCir(?:c)?le\(\s*([A-Z]'*)", form))
    return centres


def drawn_segments(record: Mapping[str, Any], names: set[str] | None = None) -> list[tuple[str, str]]:
    """The drawn segments ("AB") as pairs of point names."""
    segs: list[tuple[str, str]] = []
    for inst in record.get("line_instances") or ():
        pts = _POINT.findall(str(inst))
        if len(pts) == 2 and "".join(pts) == str(inst) and pts[0] != pts[1] and (names is None or set(pts) <= names):
            segs.append((pts[0], pts[1]))
    return segs


def _asked_segment(forms: list[str], question: str, points: set[str], renamed: Mapping[str, str]) -> list[str]:
    """"Find A G." in the question and ``Find(LengthOf(Line(A, B)))`` in the forms: the question's
    (with the question's point names the diagram calls otherwise renamed)."""
    said = _FIND_SEGMENT.search(question)
    if said is None or not {said[1], said[2]} <= points or said[1] == said[2]:
        return forms
    a, b = renamed.get(said[1], said[1]), renamed.get(said[2], said[2])
    out = []
    for form in forms:
        asked = _FIND_LENGTH.match(form)
        if asked and {asked[1], asked[2]} != {a, b}:
            form = f"Find(LengthOf(Line({a}, {b})))"
        out.append(form)
    return out


def _crossing_points(record: Mapping[str, Any], pos: Mapping[str, tuple[float, float]],
                     forms: Sequence[str]) -> list[str]:
    """A point drawn without a position, joined to just the four ends of two segments that cross
    and on no line the forms name, is where they cross (the diagonals of a kite, say): it lies on both."""
    segs = drawn_segments(record)
    out: list[str] = []
    for u in (str(n) for n in record["point_positions"] if str(n) not in pos):
        ends = sorted({b if a == u else a for a, b in segs if u in (a, b)} & set(pos))
        if len(ends) != 4 or any(f.replace(" ", "").startswith(f"PointLiesOnLine({u},") for f in forms):
            continue  # more ends, or lines the forms already give: not plainly a crossing
        pairs = list(itertools.combinations(ends, 2))
        crossing = [(ab, cd) for ab, cd in itertools.combinations(pairs, 2)
                    if not set(ab) & set(cd) and _cross(pos, ab, cd)]
        if len(crossing) != 1:
            continue
        for a, b in crossing[0]:
            form = f"PointLiesOnLine({u}, Line({a}, {b}))"
            if form not in forms and f"PointLiesOnLine({u}, Line({b}, {a}))" not in forms:
                out.append(form)
    return out


def _cross(pos: Mapping[str, tuple[float, float]], ab: tuple[str, str], cd: tuple[str, str]) -> bool:
    """Whether segments ab and cd cross at a point inside both."""
    def side(p: str, q: str, r: str) -> float:
        (px, py), (qx, qy), (rx, ry) = pos[p], pos[q], pos[r]
        return (qx - px) * (ry - py) - (qy - py) * (rx - px)
    (a, b), (c, d) = ab, cd
    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0
