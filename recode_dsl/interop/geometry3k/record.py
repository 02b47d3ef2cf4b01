"""A Geometry3K record checked at the boundary: every field the importer reads has the type it
expects, forms are short and shallow enough to translate, numbers are finite. A record that is
not is one located E086 (its line and field), never an exception deep in the importer.

>>> record_problem({"id": 1, "point_positions": {"A": [0, 1]}, "diagram_logic_forms": ["Line(A, B)"]})
>>> record_problem({"id": 1, "point_positions": {"A": ["x", 1]}, "diagram_logic_forms": []})
"'point_positions.A' must be a pair of finite numbers [x, y]"
>>> record_problem({"id": 1, "point_positions": {}, "diagram_logic_forms": ["(" * 100]})
"'diagram_logic_forms[0]' is nested more than 64 levels deep"
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from recode_dsl import limits
from recode_dsl.inputs import string_problem

REQUIRED = ("id", "diagram_logic_forms", "point_positions")
STRING_LISTS = ("diagram_logic_forms", "text_logic_forms", "text_logic_forms_dissolved", "line_instances",
                "circle_instances", "point_instances", "problem_type_goal", "problem_type_graph")
STRINGS = ("problem_text", "answer")
FORMS = ("diagram_logic_forms", "text_logic_forms", "text_logic_forms_dissolved")


def record_problem(record: object) -> str | None:
    """Why a record cannot be imported, naming the field; None when it can."""
    if not isinstance(record, Mapping):
        return "a record must be a JSON object"
    absent = [f for f in REQUIRED if f not in record]
    if absent:
        return f"missing field{'s' * (len(absent) > 1)} {', '.join(absent)}"
    rid = record["id"]
    if isinstance(rid, bool) or not isinstance(rid, (int, str)) or (isinstance(rid, str) and string_problem(rid)):
        return "'id' must be a whole number or a short string"
    for key in STRING_LISTS:
        problem = _string_list(record, key)
        if problem:
            return problem
    for key in STRINGS:
        value = record.get(key)
        if value is not None and (not isinstance(value, str) or len(value) > limits.MAX_IMPORT_CELL):
            return f"'{key}' must be a string of at most {limits.MAX_IMPORT_CELL} characters"
    for key in ("choices", "precise_value"):
        value = record.get(key)
        if value is not None and (not isinstance(value, list) or len(value) > 26
                                  or not all(_scalar(v) for v in value)):
            return f"'{key}' must be a list of at most 26 numbers or strings"
    return _positions(record["point_positions"])


def _string_list(record: Mapping[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None and key not in REQUIRED:
        return None
    if not isinstance(value, list) or len(value) > limits.MAX_ELEMENTS:
        return f"'{key}' must be a list of at most {limits.MAX_ELEMENTS} strings"
    for i, item in enumerate(value):
        if not isinstance(item, str):
            return f"'{key}[{i}]' must be a string"
        why = string_problem(item)
        if why:
            return f"'{key}[{i}]' {why}"
        if key in FORMS and _depth(item) > limits.MAX_IMPORT_DEPTH:
            return f"'{key}[{i}]' is nested more than {limits.MAX_IMPORT_DEPTH} levels deep"
    return None


def _depth(form: str) -> int:
    depth = deepest = 0
    for ch in form:
        if ch == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch == ")":
            depth -= 1
    return deepest


def _scalar(v: object) -> bool:
    if isinstance(v, str):
        return len(v) <= 200
    return isinstance(v, (int, float)) and not isinstance(v, bool) and (isinstance(v, int) or math.isfinite(v))


def _positions(positions: object) -> str | None:
    if not isinstance(positions, Mapping) or len(positions) > limits.MAX_ELEMENTS:
        return f"'point_positions' must be an object of at most {limits.MAX_ELEMENTS} points"
    for name, xy in positions.items():
        if not isinstance(name, str) or not name or string_problem(name) or len(name) > 40:
            return "'point_positions' must name its points with short strings"
        if not (isinstance(xy, list) and len(xy) == 2 and all(
                isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                and abs(v) <= limits.MAX_MAGNITUDE for v in xy)):
            return f"'point_positions.{name}' must be a pair of finite numbers [x, y]"
    return None
