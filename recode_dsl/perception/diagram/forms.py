"""A reading in Geometry3K's record format: the diagram's logic forms and point positions.

``diagram_record(record, image)`` keeps a record's text (its question, choices, text logic
forms) and replaces everything the annotators read off the diagram (``diagram_logic_forms``,
``point_positions``, ``line_instances``, ``circle_instances``, ``point_instances``) with what
the reader finds in the image. Points the image does not name get names that the text forms do
not use. Positions are image pixels, y down, as in the records.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from recode_dsl.perception.diagram import Reading, read_figure, shading

_NAME = re.compile(r"\b([A-Z][A-Za-z0-9']*)\b")
_PREDICATES = {"Line", "Angle", "Circle", "Find", "Equals", "LengthOf", "MeasureOf"}


def names_in_text(forms: Iterable[str]) -> set[str]:
    """Capitalised words of the text forms that may be point names (predicate names aside)."""
    out: set[str] = set()
    for f in forms:
        for m in _NAME.finditer(f):
            word = m.group(1)
            if len(word) <= 2 or word[1:].isdigit() or word.endswith("'"):
                out.add(word)
    return out - _PREDICATES


def forms_of(reading: Reading, names: list[str]) -> list[str]:
    """The reading's diagram logic forms (Geometry3K spelling)."""
    d = reading.diagram
    out: list[str] = []
    for line in d.lines:
        a, b = names[line.points[0]], names[line.points[-1]]
        for k in line.points[1:-1]:
            out.append(f"PointLiesOnLine({names[k]}, Line({a}, {b}))")
    for n, ring in enumerate(d.circles):
        centre = names[ring.centre]
        for k in ring.points:
            if k != ring.centre:
                out.append(f"PointLiesOnCircle({names[k]}, Circle({centre}, radius_{n}_0))")
    for f in reading.facts:
        p = [names[i] for i in f.points]
        if f.kind == "length" and f.value:
            out.append(f"Equals(LengthOf(Line({p[0]}, {p[1]})), {f.value})")
        elif f.kind == "angle" and f.value:
            out.append(f"Equals(MeasureOf(Angle({p[0]}, {p[1]}, {p[2]})), {f.value})")
        elif f.kind == "arc" and f.value:
            out.append(f"Equals(MeasureOf(Arc({p[0]}, {p[1]})), {f.value})")
        elif f.kind == "major_arc" and f.value:
            out.append(f"Equals(MeasureOf(Major(Arc({p[0]}, {p[1]}))), {f.value})")
        elif f.kind == "angle_label" and f.value:
            out.append(f"Equals(MeasureOf(Angle({p[0]}, {p[1]}, {p[2]})), MeasureOf(angle {f.value}))")
        elif f.kind == "perpendicular":
            out.append(f"Perpendicular(Line({p[0]}, {p[1]}), Line({p[2]}, {p[3]}))")
        elif f.kind == "parallel":
            out.append(f"Parallel(Line({p[0]}, {p[1]}), Line({p[2]}, {p[3]}))")
        elif f.kind == "equal":
            out.append(f"Equals(LengthOf(Line({p[0]}, {p[1]})), LengthOf(Line({p[2]}, {p[3]})))")
        elif f.kind == "shaded_sector":
            sector = f"Sector({p[0]}, {p[1]}, {p[2]})"
            out.append(f"Shaded({f'Major({sector})' if shading.major_sector(d, f) else sector})")
        elif f.kind == "equal_angle":
            out.append(
                f"Equals(MeasureOf(Angle({p[0]}, {p[1]}, {p[2]})), MeasureOf(Angle({p[3]}, {p[4]}, {p[5]})))"
            )
    return out


def diagram_record(
    record: Mapping[str, Any], image: npt.NDArray[np.generic] | str | Path
) -> tuple[dict[str, Any], Reading]:
    """The record with its diagram fields read from the image, and the reading."""
    reading = read_figure(image)
    return record_of(record, reading), reading


def record_of(record: Mapping[str, Any], reading: Reading) -> dict[str, Any]:
    """The record with its diagram fields replaced by the reading's. Points the image does not
    name get capital letters the text forms and the figure do not use (Geometry3K names points
    by letters: its forms run point names together, ``Line(AB)``, ``Shape(ABC)``)."""
    text_forms = record.get("text_logic_forms_dissolved") or record.get("text_logic_forms") or []
    reserved = names_in_text(str(f) for f in text_forms) if isinstance(text_forms, list) else set()
    names = reading.names(reserved, letters=True)
    d = reading.diagram
    out = dict(record)
    out["point_positions"] = {
        names[i]: [round(p.xy[0], 1), round(p.xy[1], 1)] for i, p in enumerate(d.points)
    }
    out["point_instances"] = list(names)
    pairs: list[str] = []
    for line in d.lines:
        for i, a in enumerate(line.points):
            for b in line.points[i + 1 :]:
                pairs.append(names[a] + names[b])
    out["line_instances"] = pairs
    out["circle_instances"] = [names[r.centre] for r in d.circles]
    out["diagram_logic_forms"] = forms_of(reading, names)
    out["redundant_point_positions"] = {}
    return out
