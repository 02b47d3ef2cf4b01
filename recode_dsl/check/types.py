"""Types and units of checked values, and which argument types accept which values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from recode_dsl import scene as s

# value types an expression can have
GEO_TYPES = {"point", "segment", "line", "ray", "circle", "arc", "angle", "polygon", "region"}

ACCEPTS: dict[str, set[str]] = {
    "point": {"point"},
    "segment": {"segment"},
    "line": {"segment", "line", "ray"},
    "circle": {"circle"},
    "arc": {"arc"},
    "angle": {"angle"},
    "polygon": {"polygon"},
    "shape": {"polygon", "circle", "region"},
    "region": {"polygon", "circle", "region"},
    "shape_or_line": {"segment", "line", "ray", "circle", "arc"},
    "line_or_circle": {"segment", "line", "ray", "circle"},
    "angle_or_arc": {"angle", "arc"},
    "segment_or_arc": {"segment", "arc"},
    "labelled": {"point", "segment", "angle", "arc"},
    "number": {"number", "angle", "arc"},
    "int": {"number"},
    "string": {"string"},
    "colour": {"string"},
    "bool": {"bool"},
    "numbers": {"list"},
    "strings": {"list"},
    "colours": {"list"},
    "selection": {"selection", "string"},
    "mask_or_selection": {"mask", "selection", "string"},
}

DESCRIBE = {
    "point": "a point", "segment": "a segment", "line": "a line", "ray": "a ray", "circle": "a circle",
    "arc": "an arc", "angle": "an angle", "polygon": "a polygon", "region": "a region", "number": "a number",
    "string": "a string", "bool": "a boolean", "list": "a list", "pair": "a coordinate pair",
    "selection": "a selection", "mask": "a comparison", "label": "a label", "labels": "a list of labels",
    "relation": "a relation", "setting": "a chart setting", "error": "an invalid value",
}

UNIT_WORDS = {"length": "a length", "degrees": "an angle (degrees)", "area": "an area"}


@dataclass(frozen=True, slots=True)
class Typed:
    """A checked expression: its type, its IR value, and for numbers its unit (None: any)."""

    type: str
    value: object
    unit: str | None = None


ERROR = Typed("error", None)


def relation_parts(t: Typed) -> tuple[str, tuple[s.Geo, ...]]:
    """The registry name and the argument values of a checked relation."""
    assert t.type == "relation" and isinstance(t.value, tuple), t
    name, args = t.value
    assert isinstance(name, str) and isinstance(args, tuple)
    return name, args


def setting_parts(t: Typed) -> tuple[str, dict[str, Any]]:
    """The registry name and the arguments by parameter name of a checked chart setting."""
    assert t.type == "setting" and isinstance(t.value, tuple), t
    name, args = t.value
    assert isinstance(name, str) and isinstance(args, dict)
    return name, args


def geo_type(value: object) -> str:
    """The type name of a geometry IR value."""
    table: dict[type, str] = {s.Pt: "point", s.Seg: "segment", s.Ln: "line", s.Ray: "ray", s.Circ: "circle",
                              s.Arc: "arc", s.Ang: "angle", s.Poly: "polygon", s.Sector: "region",
                              s.RegionOp: "region", s.Shaded: "region"}
    return table[type(value)]


def combine_units(op: str, left: str | None, right: str | None) -> tuple[str | None, bool]:
    """Unit of ``left op right`` and whether it is consistent. None is a free unit."""
    if op in ("+", "-"):
        if left and right and left != right:
            return left, False
        return left or right, True
    if op == "*":
        if left == right == "length":
            return "area", True
        if left and right:
            return None, True
        return left or right, True
    if op == "/":
        if left and left == right:
            return None, True
        if left == "area" and right == "length":
            return "length", True
        return (left, True) if not right else (None, True)
    return None, True


def describe_unit(unit: str | None) -> str:
    return UNIT_WORDS.get(unit or "", "a number")
