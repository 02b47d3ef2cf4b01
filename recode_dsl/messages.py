"""Every diagnostic text, one function each, so tests compare against the function.

Codes: E00x syntax and size, E01x-E03x checker, E04x solver, E06x renderer, E08x importers.
"""

from __future__ import annotations

# -- syntax (E00x) ---------------------------------------------------------------------------


def unexpected_char(ch: str) -> str:
    return f"unexpected character {ch!r}"


def unexpected_token(found: str, expected: str) -> str:
    return f"unexpected {found}; expected {expected}"


def unexpected_end() -> str:
    return "the program ends in the middle of a statement"


def missing_header() -> str:
    return "a program starts with 'figure' or 'chart KIND'"


def program_too_large(size: int, limit: int) -> str:
    return f"the program is {size} bytes; the limit is {limit}"


def too_many_lines(n: int, limit: int) -> str:
    return f"the program has {n} lines; the limit is {limit}"


def nesting_too_deep(limit: int) -> str:
    return f"expression nested more than {limit} levels deep"


# -- names (E010-E012) -----------------------------------------------------------------------


def undefined_name(kind: str, name: str) -> str:
    return f"unknown {kind} '{name}'"


def duplicate_name(name: str) -> str:
    return f"'{name}' is already defined"


def unknown_function(name: str, where: str) -> str:
    return f"unknown {where} '{name}'"


# -- calls and types (E013-E016) -------------------------------------------------------------


def wrong_arity(name: str, expected: str, got: int) -> str:
    return f"'{name}' takes {expected} argument{'s' if expected != '1' else ''}, got {got}"


def wrong_type(what: str, expected: str, got: str) -> str:
    return f"{what} must be {expected}, not {got}"


def unknown_kwarg(name: str, func: str) -> str:
    return f"'{func}' has no option '{name}'"


def unit_mismatch(left: str, right: str) -> str:
    return f"cannot equate {left} with {right}"


def not_a_statement(what: str) -> str:
    return f"{what} on its own does nothing; state a shape, a relation or an equation"


def wrong_domain(name: str, domain: str) -> str:
    return f"'{name}' cannot be used in a {domain}"


# -- values (E017-E020) ----------------------------------------------------------------------


def series_length(name: str, got: int, expected: int) -> str:
    return f"series '{name}' has {got} values but there are {expected} categories"


def degenerate(shape: str, why: str) -> str:
    return f"degenerate {shape}: {why}"


def out_of_range(what: str, rule: str) -> str:
    return f"{what} must be {rule}"


def limit_exceeded(what: str, n: int, limit: int) -> str:
    return f"too many {what}: {n}; the limit is {limit}"


def magnitude_too_large(limit: str) -> str:
    return f"number too large; magnitudes are limited to {limit}"


def duplicate_setting(name: str) -> str:
    return f"'{name}' is set twice"


def missing_setting(name: str, kind: str) -> str:
    return f"a {kind} chart needs '{name}'"


def unknown_chart_kind(kind: str) -> str:
    return f"unknown chart kind '{kind}'"


def unknown_colour(value: str) -> str:
    return f"unknown colour {value!r}"


# -- solver (E04x) ---------------------------------------------------------------------------


def query_timeout(seconds: float) -> str:
    return f"query timed out after {seconds:g} s"


def underdetermined(what: str) -> str:
    return f"cannot determine {what}: the constraints leave it free"


def inconsistent(names: str) -> str:
    return f"the constraints cannot all hold: {names}"


def not_solvable(what: str, why: str) -> str:
    return f"cannot answer {what}: {why}"


# -- renderer (E06x) -------------------------------------------------------------------------


def unsatisfiable_layout(names: str) -> str:
    return f"cannot lay out the figure so that these hold: {names}"


def render_failed(why: str) -> str:
    return f"cannot draw the scene: {why}"


# -- chart renderer (E061-E064) --------------------------------------------------------------
# E061 canvas and plot box, E062 log scales, E063 data that cannot be drawn, E064 formats and options


def canvas_too_small(width: float, height: float, need: str) -> str:
    return f"the canvas of {width:g}x{height:g} pixels is too small: {need}"


def plot_box_outside(box: str, width: float, height: float) -> str:
    return f"the plot box {box} does not fit a {width:g}x{height:g} canvas with x0 < x1 and y0 < y1"


def log_not_positive(axis: str, value: str) -> str:
    return f"the {axis} is logarithmic but {value} is not positive"


def cannot_draw(what: str, why: str) -> str:
    return f"cannot draw {what}: {why}"


def unknown_render_option(name: str, known: str) -> str:
    return f"unknown render option '{name}'; the chart renderer knows {known}"


def unknown_format(fmt: str, known: str) -> str:
    return f"unknown image format '{fmt}'; use one of {known}"


# -- geometry renderer and layout (E065-E069) ------------------------------------------------
# (geometry renderer messages go here)


# -- geometry solver (E040-E048) -------------------------------------------------------------
# E040 timeout, E041 underdetermined, E042 inconsistent, E043 cannot answer, E044 constraint ignored


def constraint_ignored(why: str) -> str:
    return f"this constraint is ignored by the solver: {why}"


def read_from_drawing(what: str) -> str:
    return f"{what} is not fixed by the constraints; the value is measured from the drawing"


# -- chart queries (E050-E059) ---------------------------------------------------------------


def unknown_series(name: str) -> str:  # E050
    return f"unknown series '{name}'"


def unknown_category(name: str) -> str:  # E051
    return f"unknown category '{name}'"


def empty_selection(query: str) -> str:  # E052
    return f"{query} of an empty selection has no value"


def value_needs_series(count: int) -> str:  # E053
    return f"value(category) needs the series name: the chart has {count} series"


def division_by_zero(what: str) -> str:  # E054
    return f"{what} divides by zero"


def bad_sort_order(order: str) -> str:  # E055
    return f"the order must be \"asc\" or \"desc\", not '{order}'"


def label_not_in_selection(label: str) -> str:  # E056
    return f"'{label}' is not a label of the selection"


def not_real(what: str) -> str:  # E057
    return f"{what} is not a real number"


def not_for_kind(query: str, kind: str) -> str:  # E058
    return f"{query} is not defined for a {kind} chart"


# chart-spec and CSV import and table export (E085-E088; E080-E084 are Geometry3K's)


def spec_not_json(why: str) -> str:  # E085
    return f"the chart spec is not valid JSON: {why}"


def spec_field(what: str, rule: str) -> str:  # E086
    return f"{what} must be {rule}"


def csv_problem(what: str) -> str:  # E087
    return f"the CSV table {what}"


def not_exportable(what: str, why: str) -> str:  # E088
    return f"cannot export {what}: {why}"


# -- importers (E080-E089) -------------------------------------------------------------------
# (importer messages go here)


# -- reference and tooling (E091-E099) -------------------------------------------------------
# (tooling messages go here)
