"""The catalogue of diagnostics: every code with its meaning, and every text as a record.

A ``Code`` says what a diagnostic code means and its usual severity; ``CODE_TABLE`` lists them
all, and ``errors.CODES`` and the reference's table of codes are generated from it. Each text
is a function decorated with ``@message(CODE, ...)``, which makes it a ``Message`` record
carrying its code(s) and severity; calling the record words the text, so tests compare
against the same function. A test holds the catalogue to the package: every code a call site
uses is in the table, every code in the table is used, and each call site's code is one of
its message's codes.

Ranges: E00x syntax and size, E01x-E02x checker, E04x geometry solver (E049 the Geometry3K
bench), E05x chart queries, E06x renderer, E07x chart fitting, E08x Geometry3K import, E09x the
model, chart-spec and CSV import, exports, E10x verifying a chart against its image.

To add a diagnostic: a row in ``CODE_TABLE`` (for a new code) and a decorated function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, ParamSpec

P = ParamSpec("P")

SEVERITIES = ("error", "warning")


@dataclass(frozen=True, slots=True)
class Code:
    """One diagnostic code: what it means and the severity it has unless a message says otherwise."""

    code: str
    meaning: str
    severity: str = "error"


CODE_TABLE: tuple[Code, ...] = (
    Code("E001", "unexpected character"),
    Code("E002", "syntax error: a statement does not parse (the message says what is missing)"),
    Code("E003", "missing header: a program starts with 'figure' or 'chart KIND'"),
    Code("E005", "program too large (bytes or lines)"),
    Code("E006", "expression nested too deeply"),
    Code("E010", "unknown name: a point, series, category or variable that is not defined"),
    Code("E011", "duplicate name: a point, 'let', series or category defined twice"),
    Code("E012", "unknown function, or a figure call in a chart (or the reverse)"),
    Code("E013", "wrong number of arguments, a missing or repeated argument"),
    Code("E014", "wrong type of argument or value"),
    Code("E015", "unknown keyword argument"),
    Code("E016", "unit mismatch, such as an angle set equal to a length or added to one"),
    Code("E017", "lengths disagree: series values against categories, scatter x against y, colours"),
    Code("E018", "degenerate shape: repeated vertices, coincident points, collinear triangle"),
    Code("E019", "value out of range: negative radius or length, angle outside (0, 360), 1/0 or sqrt(-1), "
                 "unknown colour, bad axis range or plot box"),
    Code("E020", "limit exceeded: element count, categories, series, values, queries, magnitude, exponent, "
                 "canvas"),
    Code("E021", "an expression that does nothing on its own, or a statement used as a value"),
    Code("E023", "unknown chart kind"),
    Code("E024", "a chart setting the chart kind needs is missing (series, categories)"),
    Code("E025", "a chart setting given twice"),
    Code("E026", "a value outside a setting's allowed choices: legend position, marker, preset, tick "
                 "direction, aggregate, ..."),
    Code("E027", "a setting that does nothing for the chart kind", "warning"),
    Code("E040", "a question still open when the time limit ran out (geometry solver or figure layout)"),
    Code("E041", "a quantity the constraints leave free; a warning when the value is measured from the "
                 "drawing or fixed only by assuming what the drawing shows"),
    Code("E042", "constraints that cannot all hold; a warning when the question is answered leaving out "
                 "the statement that contradicts the rest"),
    Code("E043", "a geometry question that cannot be answered: not a real number, a collapsed figure, "
                 "common(...) parts that differ or are not fixed, a numeric failure"),
    Code("E044", "a constraint the layout of a coordinate-free figure does not use", "warning"),
    Code("E049", "bench geometry3k: a problem's worker ran past the time limit and was stopped, or failed"),
    Code("E050", "chart query: unknown series"),
    Code("E051", "chart query: unknown category (or axis of a scatter chart)"),
    Code("E052", "chart query: a query of an empty selection"),
    Code("E053", "chart query: value(category) without the series name in a chart of several series"),
    Code("E054", "chart query: a division by zero"),
    Code("E055", "chart query: a sort order other than \"asc\" or \"desc\""),
    Code("E056", "chart query: a label that is not in the selection"),
    Code("E057", "chart query: the result is not a real number"),
    Code("E058", "chart query: not defined for the chart kind"),
    Code("E059", "chart query: the time limit ran out"),
    Code("E060", "the renderer was given something that is neither a chart nor a figure"),
    Code("E061", "chart canvas too small, or a plot box outside the canvas"),
    Code("E062", "a logarithmic axis with a value that is not positive"),
    Code("E063", "chart data that cannot be drawn: a value that is not finite, an unknown colour or kind, "
                 "missing series or categories, labels that do not match the ticks, an empty axis range"),
    Code("E064", "chart drawing options: an unknown image format or render option, a bad size"),
    Code("E065", "figure drawing options: an unknown image format or render option, a bad canvas size"),
    Code("E066", "a figure point whose position is not a finite real number"),
    Code("E067", "the figure cannot be laid out: a point no constraint places, a layout failure"),
    Code("E070", "fit: the image does not show the program's marks, or they cannot be measured; the "
                 "values stay as written", "warning"),
    Code("E071", "fit: some marks cannot be measured in the image and keep the program's values", "warning"),
    Code("E072", "fit: the fitted chart matches the image no better than the program; the values stay as "
                 "written", "warning"),
    Code("E073", "fit: the program lacks what fitting needs (a chart kind it can fit, a plot box, an axis "
                 "range)", "warning"),
    Code("E074", "fit: the program is a figure; only charts are fitted to an image"),
    Code("E075", "fit: the image contradicts the program's structure (series, categories or kind); the "
                 "program is left as written"),
    Code("E080", "Geometry3K import: a logic form that cannot be read; it is left out", "warning"),
    Code("E081", "Geometry3K import: a form that does not say enough to translate (which side, leg or "
                 "point is meant); it is left out", "warning"),
    Code("E082", "Geometry3K import: a form about a shape or point the annotation left unresolved; it is "
                 "left out", "warning"),
    Code("E083", "Geometry3K import: a form with no counterpart in the language (arguments of the wrong "
                 "number or kind); it is left out", "warning"),
    Code("E084", "Geometry3K import: no Find(...) form, so the program has no 'ask'", "warning"),
    Code("E085", "Geometry3K import: a translated statement that does not compile; it is left out",
         "warning"),
    Code("E086", "Geometry3K import or bench: a line of the file that is not a problem, or a file with none"),
    Code("E087", "Geometry3K import: a question about a variable no form mentions; it is left out",
         "warning"),
    Code("E088", "Geometry3K import: one quantity given two different values", "warning"),
    Code("E090", "the model endpoint failed"),
    Code("E091", "chart-spec import: the spec is not valid JSON"),
    Code("E092", "chart-spec import: a field of the spec is missing or wrong"),
    Code("E093", "CSV import: the table cannot be read as categories and series"),
    Code("E094", "export: the program cannot be exported (a figure, or a chart kind the format lacks)"),
    Code("E100", "verify: a value of the program measures otherwise in the image"),
    Code("E101", "verify: a mark of the program is not found in the image"),
    Code("E102", "verify: the image shows a mark that the program does not explain"),
    Code("E103", "verify: the image shows another chart kind or series structure than the program"),
    Code("E104", "verify: the program cannot be checked against the image (a figure, or no chart in it)"),
    Code("E110", "derender: the image cannot be read as a chart (no value axis, marks or pie found)"),
    Code("E111", "derender: a text of the chart could not be read; a placeholder stands for it", "warning"),
    Code("E112", "bench charts: the directory holds no chart truth file"),
    Code("E113", "an input image cannot be read (not an image, corrupt or truncated, or too many pixels)"),
    Code("E120", "diagram reading: no figure (points, lines, circles) found in the image", "warning"),
    Code("E121", "verify: a point of the figure is not where the image shows it (off the ink, or its letter "
                 "is printed at another point)"),
    Code("E122", "verify: a line, circle or arc of the figure is not drawn in the image"),
    Code("E123", "verify: a value of the figure is printed otherwise in the image"),
    Code("E124", "verify: the image shows a line or circle that the figure does not draw"),
    Code("E125", "verify: a value of the figure is not read in the image", "warning"),
)

CODE_OF: dict[str, Code] = {c.code: c for c in CODE_TABLE}


@dataclass(frozen=True, slots=True)
class Message(Generic[P]):
    """One diagnostic text: the code(s) it is reported with, its severity and the wording.

    >>> wrong_arity.code, wrong_arity.severity, wrong_arity("triangle", "3", 2)
    ('E013', 'error', "'triangle' takes 3 arguments, got 2")
    """

    codes: tuple[str, ...]
    severity: str
    text: Callable[P, str]

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> str:
        return self.text(*args, **kwargs)

    @property
    def code(self) -> str:
        """The code this text is reported with (the first, when it serves several)."""
        return self.codes[0]

    @property
    def name(self) -> str:
        return self.text.__name__


MESSAGES: list[Message[...]] = []


def message(*codes: str, severity: str | None = None) -> Callable[[Callable[P, str]], Message[P]]:
    """Make a text function a ``Message`` record of ``codes`` (each must be in ``CODE_TABLE``)."""
    unknown = [c for c in codes if c not in CODE_OF]
    if not codes or unknown:
        raise ValueError(f"codes not in CODE_TABLE: {unknown or 'none given'}")
    sev = severity or CODE_OF[codes[0]].severity
    if sev not in SEVERITIES:
        raise ValueError(f"unknown severity {sev!r}")

    def record(fn: Callable[P, str]) -> Message[P]:
        rec = Message(tuple(codes), sev, fn)
        MESSAGES.append(rec)
        return rec

    return record


def severities(code: str) -> tuple[str, ...]:
    """The severities diagnostics of ``code`` can have: the code's own and its messages'.

    >>> severities("E041"), severities("E044")
    (('error', 'warning'), ('warning',))
    """
    found = {CODE_OF[code].severity} | {m.severity for m in MESSAGES if code in m.codes}
    return tuple(s for s in SEVERITIES if s in found)


# -- syntax (E00x) ---------------------------------------------------------------------------


@message("E001")
def unexpected_char(ch: str) -> str:
    return f"unexpected character {ch!r}"


@message("E002")
def unexpected_token(found: str, expected: str) -> str:
    return f"unexpected {found}; expected {expected}"


@message("E002")
def unexpected_end() -> str:
    return "the program ends in the middle of a statement"


@message("E003")
def missing_header() -> str:
    return "a program starts with 'figure' or 'chart KIND'"


@message("E005")
def program_too_large(size: int, limit: int) -> str:
    return f"the program is {size} bytes; the limit is {limit}"


@message("E005")
def too_many_lines(n: int, limit: int) -> str:
    return f"the program has {n} lines; the limit is {limit}"


@message("E006")
def nesting_too_deep(limit: int) -> str:
    return f"expression nested more than {limit} levels deep"


# -- names (E010-E012) -----------------------------------------------------------------------


@message("E010")
def undefined_name(kind: str, name: str) -> str:
    return f"unknown {kind} '{name}'"


@message("E011")
def duplicate_name(name: str) -> str:
    return f"'{name}' is already defined"


@message("E012")
def unknown_function(name: str, where: str) -> str:
    return f"unknown {where} '{name}'"


# -- calls and types (E013-E016) -------------------------------------------------------------


@message("E013")
def wrong_arity(name: str, expected: str, got: int) -> str:
    return f"'{name}' takes {expected} argument{'s' if expected != '1' else ''}, got {got}"


@message("E014")
def wrong_type(what: str, expected: str, got: str) -> str:
    return f"{what} must be {expected}, not {got}"


@message("E015")
def unknown_kwarg(name: str, func: str) -> str:
    return f"'{func}' has no option '{name}'"


@message("E013")
def given_twice(name: str) -> str:
    return f"'{name}' is given twice"


@message("E013")
def missing_argument(func: str, param: str, expected: str) -> str:
    return f"'{func}' needs '{param}' ({expected})"


@message("E021")
def statement_as_value(what: str) -> str:
    return f"{what} is a statement, not a value"


@message("E016")
def unit_mismatch(left: str, right: str) -> str:
    return f"cannot equate {left} with {right}"


@message("E016")
def units_mixed(what: str, left: str, right: str) -> str:
    return f"{what} mixes {left} with {right}"


@message("E021")
def not_a_statement(what: str) -> str:
    return f"{what} on its own does nothing; state a shape, a relation or an equation"


@message("E012")
def wrong_domain(name: str, domain: str) -> str:
    return f"'{name}' cannot be used in a {domain}"


# -- values (E017-E020) ----------------------------------------------------------------------


@message("E017", "E063")
def series_length(name: str, got: int, expected: int) -> str:
    return f"series '{name}' has {got} values but there are {expected} categories"


@message("E017")
def list_lengths(what: str, got: int, expected: int, of: str) -> str:
    return f"{what} has {got} {of} for {expected} values"


@message("E017")
def scatter_lists(name: str) -> str:
    return f"scatter series '{name}' needs x and y lists of the same length"


@message("E014")
def xy_outside_scatter(kind: str) -> str:
    return f"x and y lists are for scatter charts; a {kind} series has values"


@message("E014")
def one_series_only(kind: str, got: int) -> str:
    return f"a {kind} chart has one series, not {got}"


@message("E018")
def degenerate(shape: str, why: str) -> str:
    return f"degenerate {shape}: {why}"


@message("E019", "E020")
def out_of_range(what: str, rule: str) -> str:
    return f"{what} must be {rule}"


@message("E020")
def limit_exceeded(what: str, n: int, limit: int) -> str:
    return f"too many {what}: {n}; the limit is {limit}"


@message("E019")
def not_finite_real(text: str, value: str) -> str:
    return f"{text} is {value}; a number here must be finite and real"


@message("E020")
def exponent_too_large(got: str, limit: int) -> str:
    return f"the exponent {got} is too large; exponents are limited to {limit}"


@message("E020")
def magnitude_too_large(limit: str) -> str:
    return f"number too large; magnitudes are limited to {limit}"


@message("E025")
def duplicate_setting(name: str) -> str:
    return f"'{name}' is set twice"


@message("E024")
def missing_setting(name: str, kind: str) -> str:
    return f"a {kind} chart needs '{name}'"


@message("E023")
def unknown_chart_kind(kind: str) -> str:
    return f"unknown chart kind '{kind}'"


@message("E019")
def unknown_colour(value: str) -> str:
    return f"unknown colour {value!r}"


# -- geometry solver (E040-E043) ------------------------------------------------------------------


@message("E040", "E059")
def query_timeout(seconds: float) -> str:
    return f"query timed out after {seconds:g} s"


@message("E041")
def underdetermined(what: str) -> str:
    return f"cannot determine {what}: the constraints leave it free"


@message("E042")
def inconsistent(names: str) -> str:
    return f"the constraints cannot all hold: {names}"


@message("E043")
def not_solvable(what: str, why: str) -> str:
    return f"cannot answer {what}: {why}"


# -- renderer (E060-E064) --------------------------------------------------------------------


@message("E060")
def not_a_scene(kind: str) -> str:
    return f"cannot draw a {kind}: not a chart or a figure"




@message("E061")
def canvas_too_small(width: float, height: float, need: str) -> str:
    return f"the canvas of {width:g}x{height:g} pixels is too small: {need}"


@message("E061")
def plot_box_outside(box: str, width: float, height: float) -> str:
    return f"the plot box {box} does not fit a {width:g}x{height:g} canvas with x0 < x1 and y0 < y1"


@message("E062")
def log_not_positive(axis: str, value: str) -> str:
    return f"the {axis} is logarithmic but {value} is not positive"


@message("E063", "E064")
def cannot_draw(what: str, why: str) -> str:
    return f"cannot draw {what}: {why}"


@message("E064")
def unknown_render_option(name: str, known: str) -> str:
    return f"unknown render option '{name}'; the chart renderer knows {known}"


@message("E064")
def unknown_format(fmt: str, known: str) -> str:
    return f"unknown image format '{fmt}'; use one of {known}"


# -- geometry renderer and layout (E065-E069) ------------------------------------------------


@message("E065")
def geo_unknown_format(fmt: str, formats: str) -> str:
    return f"cannot draw a figure as {fmt!r}; use one of {formats}"


@message("E065")
def geo_unknown_option(name: str, known: str) -> str:
    return f"unknown figure render option '{name}'; the geometry renderer knows {known}"


@message("E066")
def geo_bad_coordinate(point: str) -> str:
    return f"point '{point}' has a position that is not a finite real number"


@message("E067")
def geo_unplaced_point(point: str) -> str:
    return f"cannot place point '{point}': no constraint fixes its position"


@message("E065")
def geo_bad_size(what: str, lo: int, hi: int) -> str:
    return f"the canvas {what} must be a whole number of pixels from {lo} to {hi}"


@message("E067")
def geo_layout_failed(why: str) -> str:
    return f"cannot lay out the figure: {why}"


# -- geometry solver (E041-E044) -------------------------------------------------------------


@message("E044", severity="warning")
def constraint_ignored(why: str) -> str:
    return f"this constraint is ignored by the solver: {why}"


@message("E041", severity="warning")
def read_from_drawing(what: str) -> str:
    return f"{what} is not fixed by the constraints; the value is measured from the drawing"


@message("E041", severity="warning")
def assumed_from_drawing(what: str, fact: str) -> str:
    return f"{what} is fixed only by assuming what the drawing shows: {fact}"


@message("E042", severity="warning")
def answered_without(what: str, constraint: str) -> str:
    return f"{what} is answered leaving out {constraint}, which contradicts the rest"


@message("E042", severity="warning")
def answered_with_equal(what: str, first: str, second: str) -> str:
    return (f"{what} is answered keeping only that the two angles of {first} and {second} are equal: "
            "their one value contradicts the rest")


@message("E043")
def common_values_differ(values: list[str]) -> str:
    shown = "; ".join(values[:6]) + (f" and {len(values) - 6} more" if len(values) > 6 else "")
    return f"its quantities have different values ({shown}), so none is the common one"


@message("E043")
def common_part_unsure() -> str:
    return "not every one of its quantities is fixed by the constraints"


@message("E043")
def common_not_whole() -> str:
    return "common(...) is answered only as the whole question (ask common(a, b)), not inside an expression"


# -- chart queries (E050-E059) ---------------------------------------------------------------


@message("E050")
def unknown_series(name: str) -> str:
    return f"unknown series '{name}'"


@message("E051")
def unknown_category(name: str) -> str:
    return f"unknown category '{name}'"


@message("E052")
def empty_selection(query: str) -> str:
    return f"{query} of an empty selection has no value"


@message("E053")
def value_needs_series(count: int) -> str:
    return f"value(category) needs the series name: the chart has {count} series"


@message("E054")
def division_by_zero(what: str) -> str:
    return f"{what} divides by zero"


@message("E055")
def bad_sort_order(order: str) -> str:
    return f"the order must be \"asc\" or \"desc\", not '{order}'"


@message("E056")
def label_not_in_selection(label: str) -> str:
    return f"'{label}' is not a label of the selection"


@message("E057")
def not_real(what: str) -> str:
    return f"{what} is not a real number"


@message("E058")
def not_for_kind(query: str, kind: str) -> str:
    return f"{query} is not defined for a {kind} chart"


# -- the model (E090) -----------------------------------------------------------------------


# -- chart-spec and CSV import, exports (E091-E094) -----------------------------------------


@message("E091")
def spec_not_json(why: str) -> str:
    return f"the chart spec is not valid JSON: {why}"


@message("E092")
def spec_field(what: str, rule: str) -> str:
    return f"{what} must be {rule}"


@message("E093")
def csv_problem(what: str) -> str:
    return f"the CSV table {what}"


@message("E094")
def not_exportable(what: str, why: str) -> str:
    return f"cannot export {what}: {why}"


# -- Geometry3K import and bench (E080-E088, E049) ------------------------------------------


def _clipped(form: str, limit: int = 100) -> str:
    """A form as a message shows it: at most about ``limit`` characters (a form can be 100,000 long).

    >>> _clipped("Line(A, B)"), _clipped("x" * 300)[68:]
    ('Line(A, B)', 'xx…(210 more characters)…xxxxxxxxxxxxxxxxxxxx')
    """
    if len(form) <= limit:
        return form
    return f"{form[:70]}…({len(form) - 90} more characters)…{form[-20:]}"


@message("E080", severity="warning")
def g3k_unreadable_form(problem: str, form: str, col: int, found: str) -> str:
    return f"problem {problem}: cannot read the form '{_clipped(form)}' (column {col}: {found}); it is left out"


@message("E081", "E082", "E083", severity="warning")
def g3k_form_not_imported(problem: str, form: str, why: str) -> str:
    return f"problem {problem}: the form '{_clipped(form)}' is left out: {why}"


@message("E084", severity="warning")
def g3k_no_question(problem: str) -> str:
    return f"problem {problem}: no Find(...) form, so the program has no 'ask'"


@message("E085", severity="warning")
def g3k_statement_dropped(problem: str, statement: str, code: str, why: str) -> str:
    return f"problem {problem}: '{statement}' is left out: it does not compile ({code}: {why})"


@message("E087", severity="warning")
def g3k_unknown_variable(problem: str, ask: str, name: str) -> str:
    return f"problem {problem}: '{ask}' is left out: no form says anything about '{name}'"


@message("E088", severity="warning")
def g3k_conflicting_values(problem: str, what: str, first: str, second: str, kept: str | None = None) -> str:
    outcome = f"the question's {kept} is kept" if kept is not None else "both are kept"
    return f"problem {problem}: {what} is given as {first} and as {second}; {outcome}"


@message("E086")
def g3k_bad_record(why: str) -> str:
    return f"not a Geometry3K problem: {why}"


@message("E086")
def g3k_no_problems(path: str) -> str:
    return f"'{path}' holds no Geometry3K problem"


@message("E049")
def g3k_worker_timeout(seconds: float) -> str:
    return f"the problem took longer than {seconds:g} s and its worker was stopped"


@message("E049")
def g3k_worker_crashed(why: str) -> str:
    return f"the worker failed: {why}"


# -- chart fitting (E070-E074) ---------------------------------------------------------------


@message("E070", severity="warning")
def fit_no_match(found: int, total: int) -> str:
    return f"the image does not show the program's marks: {found} of {total} measured; values left as written"


@message("E071", severity="warning")
def fit_unmeasured(count: int, total: int) -> str:
    return f"{count} of {total} marks could not be measured in the image and keep the program's values"


@message("E072", severity="warning")
def fit_not_better(before: float, after: float, judge: str) -> str:
    return (f"the fitted chart matches the image no better ({after:.3f}) than the program ({before:.3f}) "
            f"by {judge}; values left as written")


@message("E073", severity="warning")
def fit_no_geometry(what: str) -> str:
    return f"cannot fit the chart to the image: the program gives no {what}"


@message("E070", severity="warning")
def fit_failed(why: str) -> str:
    return f"cannot measure the chart in the image ({why}); values left as written"


@message("E074")
def fit_needs_chart() -> str:
    return "only chart programs can be fitted to an image"


@message("E075")
def fit_refused(why: str) -> str:
    return f"not fitted: the image contradicts the program ({why}); values left as written"


# -- chart settings and queries of issue 15 (E026, E027) ---------------------------------------


@message("E026")
def unknown_choice(what: str, value: str) -> str:
    return f"{what} cannot be '{value}'"


@message("E027", severity="warning")
def no_effect(setting: str, kind: str) -> str:
    return f"{setting} does nothing on a {kind} chart"


@message("E058")
def gap_needs_two(kind: str) -> str:
    return f"gap(...) compares series category by category; a {kind} chart has none"


# -- the model loop of issue 14 (E090) -------------------------------------------------------


@message("E090")
def model_unreachable(why: str) -> str:
    return f"the model endpoint cannot be reached: {why}"


@message("E090")
def model_http_status(status: int, detail: str) -> str:
    return f"the model endpoint answered HTTP {status}: {detail}"


@message("E090")
def model_malformed(reason: str) -> str:
    return f"the model endpoint sent a malformed reply: {reason}"


@message("E090")
def model_reply_too_large(limit: int) -> str:
    return f"the model's reply is larger than {limit} bytes and was dropped"


@message("E090")
def model_gave_up(last: str, attempts: int) -> str:
    return f"{last} (gave up after {attempts} attempts)"


@message("E090")
def model_deadline(seconds: float) -> str:
    return f"the deadline of {seconds:g} s passed before the model answered"


@message("E090")
def model_wait_past_deadline(wait: float) -> str:
    return f"the model endpoint asks to wait {wait:g} s, past the deadline"


@message("E090")
def model_budget_spent(what: str, limit: int) -> str:
    return f"the budget of {limit} {what} is spent"


@message("E090")
def model_not_cached() -> str:
    return "this request is not in the reply cache, and replay runs offline"


@message("E090", severity="warning")
def grammar_ignored(server: str, failed: int, total: int) -> str:
    return (f"{failed} of {total} replies do not parse although the grammar was sent: the {server} server "
            "seems to ignore it")


@message("E090", severity="warning")
def grammar_not_sent(server: str) -> str:
    return f"an {server} endpoint takes no grammar: replies are not constrained (they are still parsed)"


# -- hostile input: bytes, limits, the compile budget (issue 10) -----------------------------


@message("E001")
def control_char(code_point: int) -> str:
    return f"unexpected control character U+{code_point:04X}"


@message("E001")
def not_utf8(byte: int) -> str:
    return f"the file is not UTF-8 text: byte 0x{byte:02X} cannot be decoded"


@message("E006")
def expression_too_deep(limit: int) -> str:
    return f"more than {limit} operators in a row in one expression (1 + 1 + ... counts one per '+')"


@message("E020")
def literal_too_long(digits: int, limit: int) -> str:
    return f"a number written with {digits} digits; numbers have at most {limit} digits"


@message("E020")
def literal_too_large(limit: str) -> str:
    return f"number too large: numbers are limited to {limit} in magnitude"


@message("E020")
def expression_too_large(nodes: int, limit: int) -> str:
    return (f"this expression is {nodes} nodes long once every 'let' name in it is replaced by its value; "
            f"the limit is {limit}")


@message("E020")
def drawn_too_large(what: str, limit: str) -> str:
    return f"{what} is too large to draw: drawn values are limited to {limit} in magnitude"


@message("E040")
def compile_timeout(seconds: float, stage: str) -> str:
    return f"the compile ran out of its time budget of {seconds:g} s while {stage}"


# -- verifying a chart program against its image (E100-E104) -----------------------------------


@message("E100")
def verify_value(what: str, measured: str, stated: str, px: float) -> str:
    return f"{what} measures {measured} in the image, the program says {stated} ({px:.1f} px)"


@message("E101")
def verify_missing(what: str) -> str:
    return f"{what} is not found in the image"


@message("E102")
def verify_unexplained(what: str) -> str:
    """``what``: a measured problem's text ("a bar at ..."; its article is dropped)."""
    return f"the image shows {what[2:] if what.startswith('a ') else what}"


@message("E103")
def verify_structure(what: str) -> str:
    return f"the image contradicts the program's structure: {what}"


@message("E104")
def verify_cannot(why: str) -> str:
    return f"cannot verify the program against the image: {why}"


@message("E103")
def verify_too_few_marks(found: int, total: int) -> str:
    return verify_structure(f"only {found} of the program's {total} marks show in the image: another chart kind, "
                            "or other data")


@message("E104")
def verify_not_a_chart() -> str:
    return verify_cannot("only chart programs show their data in an image")


@message("E104")
def verify_unmeasurable(error: str) -> str:
    return verify_cannot(f"the image cannot be measured ({error})")


@message("E120")
def diagram_nothing_read(width: int, height: int) -> str:
    return f"no figure found in the {width}x{height} image: no line, circle or point was read"


@message("E110")
def derender_not_a_chart(why: str) -> str:
    return f"the image cannot be read as a chart: {why}"


@message("E111", severity="warning")
def derender_unreadable(what: str) -> str:
    return f"{what} could not be read; the program has a placeholder for it"


@message("E112")
def bench_no_truth(path: str) -> str:
    return f"'{path}' holds no chart truth file (NAME.json with 'kind' and 'series')"


@message("E113")
def image_unreadable(why: str) -> str:
    return f"not a readable image: {why}"


@message("E001")
def not_a_character(code_point: int) -> str:
    return f"U+{code_point:04X} is not a character a program may hold (a noncharacter or half of a surrogate pair)"


@message("E042")
def no_real_solution(name: str) -> str:
    return f"no real number {name} satisfies the equations together"


@message("E041")
def several_values(what: str, count: int, values: str) -> str:
    return f"cannot determine {what}: the equations allow {count} values ({values})"


# -- verifying a figure program against its image (E121-E125) -----------------------------------


@message("E121")
def figure_point_off(name: str, why: str) -> str:
    return f"point {name} is not where the image shows it: {why}"


@message("E122")
def figure_stroke_missing(what: str, cover: float, detail: str) -> str:
    return f"{what} is not drawn in the image ({detail or f'{cover:.0%} inked'})"


@message("E123")
def figure_label_otherwise(what: str, stated: str, shown: str) -> str:
    return f"{what} is {stated} in the program, but the image prints {shown!r} there"


@message("E124")
def figure_unexplained(what: str) -> str:
    return f"the image shows {what}, which the program does not draw"


@message("E125")
def figure_label_unread(what: str, stated: str) -> str:
    return f"the value {stated} of {what} is not read in the image (not printed, or not read by OCR)"
