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


def given_twice(name: str) -> str:
    return f"'{name}' is given twice"


def missing_argument(func: str, param: str, expected: str) -> str:
    return f"'{func}' needs '{param}' ({expected})"


def statement_as_value(what: str) -> str:
    return f"{what} is a statement, not a value"


def unit_mismatch(left: str, right: str) -> str:
    return f"cannot equate {left} with {right}"


def units_mixed(what: str, left: str, right: str) -> str:
    return f"{what} mixes {left} with {right}"


def not_a_statement(what: str) -> str:
    return f"{what} on its own does nothing; state a shape, a relation or an equation"


def wrong_domain(name: str, domain: str) -> str:
    return f"'{name}' cannot be used in a {domain}"


# -- values (E017-E020) ----------------------------------------------------------------------


def series_length(name: str, got: int, expected: int) -> str:
    return f"series '{name}' has {got} values but there are {expected} categories"


def list_lengths(what: str, got: int, expected: int, of: str) -> str:
    return f"{what} has {got} {of} for {expected} values"


def scatter_lists(name: str) -> str:
    return f"scatter series '{name}' needs x and y lists of the same length"


def xy_outside_scatter(kind: str) -> str:
    return f"x and y lists are for scatter charts; a {kind} series has values"


def one_series_only(kind: str, got: int) -> str:
    return f"a {kind} chart has one series, not {got}"


def degenerate(shape: str, why: str) -> str:
    return f"degenerate {shape}: {why}"


def out_of_range(what: str, rule: str) -> str:
    return f"{what} must be {rule}"


def limit_exceeded(what: str, n: int, limit: int) -> str:
    return f"too many {what}: {n}; the limit is {limit}"


def not_finite_real(text: str, value: str) -> str:
    return f"{text} is {value}; a number here must be finite and real"


def exponent_too_large(got: str, limit: int) -> str:
    return f"the exponent {got} is too large; exponents are limited to {limit}"


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
# E065 formats and canvas sizes, E066 point positions, E067 layout


def geo_unknown_format(fmt: str, formats: str) -> str:
    return f"cannot draw a figure as {fmt!r}; use one of {formats}"


def geo_unknown_option(name: str, known: str) -> str:
    return f"unknown figure render option '{name}'; the geometry renderer knows {known}"


def geo_bad_coordinate(point: str) -> str:
    return f"point '{point}' has a position that is not a finite real number"


def geo_unplaced_point(point: str) -> str:
    return f"cannot place point '{point}': no constraint fixes its position"


def geo_bad_size(what: str, lo: int, hi: int) -> str:
    return f"the canvas {what} must be a whole number of pixels from {lo} to {hi}"


def geo_layout_failed(why: str) -> str:
    return f"cannot lay out the figure: {why}"


# -- geometry solver (E040-E048) -------------------------------------------------------------
# E040 timeout, E041 underdetermined, E042 inconsistent, E043 cannot answer, E044 constraint ignored


def constraint_ignored(why: str) -> str:
    return f"this constraint is ignored by the solver: {why}"


def read_from_drawing(what: str) -> str:
    return f"{what} is not fixed by the constraints; the value is measured from the drawing"


def assumed_from_drawing(what: str, fact: str) -> str:
    return f"{what} is fixed only by assuming what the drawing shows: {fact}"


def answered_without(what: str, constraint: str) -> str:
    return f"{what} is answered leaving out {constraint}, which contradicts the rest"


def answered_with_equal(what: str, first: str, second: str) -> str:
    return (f"{what} is answered keeping only that the two angles of {first} and {second} are equal: "
            "their one value contradicts the rest")


def common_values_differ(values: list[str]) -> str:
    shown = "; ".join(values[:6]) + (f" and {len(values) - 6} more" if len(values) > 6 else "")
    return f"its quantities have different values ({shown}), so none is the common one"


def common_part_unsure() -> str:
    return "not every one of its quantities is fixed by the constraints"


def common_not_whole() -> str:
    return "common(...) is answered only as the whole question (ask common(a, b)), not inside an expression"


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


def g3k_unreadable_form(problem: str, form: str, col: int, found: str) -> str:
    return f"problem {problem}: cannot read the form '{form}' (column {col}: {found}); it is left out"


def g3k_form_not_imported(problem: str, form: str, why: str) -> str:
    return f"problem {problem}: the form '{form}' is left out: {why}"


def g3k_no_question(problem: str) -> str:
    return f"problem {problem}: no Find(...) form, so the program has no 'ask'"


def g3k_statement_dropped(problem: str, statement: str, code: str, why: str) -> str:
    return f"problem {problem}: '{statement}' is left out: it does not compile ({code}: {why})"


def g3k_unknown_variable(problem: str, ask: str, name: str) -> str:
    return f"problem {problem}: '{ask}' is left out: no form says anything about '{name}'"


def g3k_conflicting_values(problem: str, what: str, first: str, second: str, kept: str | None = None) -> str:
    outcome = f"the question's {kept} is kept" if kept is not None else "both are kept"
    return f"problem {problem}: {what} is given as {first} and as {second}; {outcome}"


def g3k_bad_record(why: str) -> str:
    return f"not a Geometry3K problem: {why}"


def g3k_no_problems(path: str) -> str:
    return f"'{path}' holds no Geometry3K problem"


def g3k_unsolved(why: str) -> str:
    return f"no numeric answer: {why}"


def g3k_worker_timeout(seconds: float) -> str:
    return f"the problem took longer than {seconds:g} s and its worker was stopped"


def g3k_worker_crashed(why: str) -> str:
    return f"the worker failed: {why}"


# -- reference and tooling (E091-E099) -------------------------------------------------------
# (tooling messages go here)


# -- chart fitting (E070-E074) ---------------------------------------------------------------
# E070 the image does not show the program's marks, E071 marks left unmeasured,
# E072 the fit is no better than the program, E073 the program lacks the geometry to fit


def fit_no_match(found: int, total: int) -> str:
    return f"the image does not show the program's marks: {found} of {total} measured; values left as written"


def fit_unmeasured(count: int, total: int) -> str:
    return f"{count} of {total} marks could not be measured in the image and keep the program's values"


def fit_not_better(before: float, after: float, judge: str) -> str:
    return (f"the fitted chart matches the image no better ({after:.3f}) than the program ({before:.3f}) "
            f"by {judge}; values left as written")


def fit_no_geometry(what: str) -> str:
    return f"cannot fit the chart to the image: the program gives no {what}"


def fit_failed(why: str) -> str:
    return f"cannot measure the chart in the image ({why}); values left as written"


def fit_needs_chart() -> str:
    return "only chart programs can be fitted to an image"
