"""Generate the language reference (``docs/language.md``) and the models' prompt text.

Both come from the same records: ``registry`` (every call, chart kind, constant and argument
type), ``limits`` (every limit) and ``messages.CODE_TABLE`` (every diagnostic code), so the reference,
the prompt and the checker never drift apart. A test fails when ``docs/language.md`` is stale.
"""

from __future__ import annotations

from collections.abc import Iterable

from recode_dsl import limits, messages, registry

REGENERATE = "recode-dsl reference -o docs/language.md"

UNITS = (
    ("length", "segment lengths, perimeters, radii; an equation may not equate it with an angle"),
    ("degrees", "angle and arc measures; a literal with a degree sign (`30°` or `30 deg`) is in degrees"),
    ("area", "areas; length times length is an area"),
    ("scalar", "ratios, scale factors, sines and cosines: no unit"),
    ("percent", "percent_change: a percent of the old value"),
)

STATEMENTS = (
    ("figure [\"title\"]", "first line of a geometry figure", 'figure "Inscribed angle"'),
    ("chart KIND [\"title\"]", "first line of a chart; KIND is one of the chart kinds below", 'chart bar "Sales"'),
    ("point NAME [= (x, y)], ...", "declare points, with coordinates when known (y points up): `=` states them "
     "as exact facts, held by the solver", "point A = (0, 0), B = (4, 0), C"),
    ("point NAME ~ (x, y), ...", "a sketch position, e.g. read from an image: the solver starts from it and "
     "may measure what the statements leave free from it, with a warning (never under --policy strict)",
     "point A ~ (12, 40), B ~ (98, 41)"),
    ("let NAME = EXPR", "name a shape or value to use it later", "let w = circle(O, 5)"),
    ("CALL", "state a shape, a relation (figures) or a setting (charts)", "triangle(A, B, C)"),
    ("EXPR = EXPR", "an equation between two quantities of the same unit", "length(A, B) = 2x + 10"),
    ("ask EXPR", "a question to answer exactly", "ask area(triangle(A, B, C))"),
    ("# text", "a comment, to the end of the line", "# the altitude from B"),
)

EXPRESSIONS = (
    "numbers are exact: `3`, `15.5`, `0.25`; `pi`; a degree sign marks degrees: `30°` or `30 deg`",
    "arithmetic `+ - * / ^` with the usual precedence; `2x` is `2 * x`, and `2x^2` is `2 * x^2`",
    "free variables (any unknown name such as `x` or `y`) may stand for numbers in a figure",
    "shapes combine into regions with `+` (union) and `-` (difference): `circle(O, 3) - square(A, B, C, D)`",
    "strings in double quotes; lists in brackets: `[1, 2, 3]`; keyword arguments: `color=\"red\"`",
    "chart comparisons `\"Revenue\" > 10` are masks for `count`",
    "a call may span lines while its brackets are open",
)


# -- signatures ----------------------------------------------------------------------------


def param_text(p: registry.Param) -> str:
    """One parameter as the reference writes it.

    >>> param_text(registry.P("radius", "number", None))
    'radius?: number'
    """
    type_ = "/".join(f'"{c}"' for c in p.choices) if p.choices else p.type
    if p.variadic:
        return f"{p.name}: {type_}..."
    if p.required:
        return f"{p.name}: {type_}"
    if p.default is None:
        return f"{p.name}?: {type_}"
    return f"{p.name}: {type_} = {_literal(p.default)}"


def _literal(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def signatures(f: registry.Func) -> list[str]:
    """Every form of a call, e.g. ``['circle(center: point, radius?: number)']``."""
    return [f"{f.name}({', '.join(param_text(p) for p in sig)})" for sig in f.signatures]


def _returns(f: registry.Func) -> str:
    return {"same": "number (unit of its argument)", "setting": "", "relation": ""}.get(f.returns, f.returns)


# -- the markdown reference ------------------------------------------------------------------


def markdown() -> str:
    """The whole language reference as Markdown (what ``docs/language.md`` holds)."""
    parts = [
        "# recode-dsl language reference\n",
        f"Generated from `recode_dsl/registry.py` and `recode_dsl/limits.py` by `{REGENERATE}`; "
        "do not edit by hand.\n",
        _statements_md(), _policies_md(), _expressions_md(), _types_md(), _units_md(),
        _calls_md("Figure shapes", _role(registry.GEOMETRY, "shape")),
        _calls_md("Figure relations", _role(registry.GEOMETRY, "relation")),
        _calls_md("Figure measures", _role(registry.GEOMETRY, "measure")),
        _calls_md("Math (figures and charts)", registry.MATH),
        _kinds_md(),
        _calls_md("Chart settings", _role(registry.CHART, "setting")),
        _calls_md("Chart selections and queries", _role(registry.CHART, "query")),
        _conventions_md(), _constants_md(), _limits_md(), _codes_md(),
    ]
    return "\n".join(parts)


def _conventions_md() -> str:
    out = ["## Conventions\n"]
    for domain, title in (("figure", "Figures"), ("chart", "Charts")):
        out.append(f"{title}:\n")
        out += [f"- {text}" for d, text in registry.CONVENTIONS if d == domain]
        out.append("")
    return "\n".join(out)


def _role(funcs: Iterable[registry.Func], role: str) -> list[registry.Func]:
    return [f for f in funcs if f.role == role]


def _table(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _statements_md() -> str:
    rows = ((f"`{form}`", what, f"`{ex}`") for form, what, ex in STATEMENTS)
    intro = ("A file is one scene: a figure or a chart. The first line is the header; then one "
             "statement a line.\n\n")
    return "## Statements\n\n" + intro + _table(("form", "meaning", "example"), rows)


POLICIES = """\
A coordinate is a fact or a sketch. `point A = (0, 3)` states a fact: the solver holds A there
exactly, and an answer that follows from the facts and the statements is exact. `point A ~ (0, 3)`
is a sketch, such as a position read from an image: the solver starts from it and reads from it
which way an angle turns, but an answer the statements leave free is only *measured* from it.

What an answer may owe to the drawing is the policy (`compile(..., policy=...)`, `recode-dsl
compile --policy`):

- `strict`: only what the statements and the facts fix. A question they leave free is error
  E041; statements that cannot all hold are error E042, and nothing is answered.
- `drawing` (the default): when the facts do not hold or do not settle the figure, every
  coordinate is read as a drawing and recovery strategies run in order: keep apart the ends of
  a drawn segment the solution merges; keep points said to be on a segment between its ends;
  place an unplaced point on a drawn ray; assume a fact the drawing shows (a right angle, a
  tangent, a point on a line); measure the angles either way round. Each answer that owes
  something to the drawing carries an E041 warning (measured from, or assumed from, the
  drawing). Statements that cannot all hold are still error E042, and nothing is answered.
- `lenient` (what the Geometry3K bench uses, for its noisy annotations): `drawing`, then leave
  out the one statement (or two given values) that contradicts the rest, and answer with an
  E042 warning naming the statement left out. Never the default: such an answer rests on a
  guess of which statement is wrong.

`ask common(a, b, ...)` stays in the language: it asks for the one value several quantities
share, and is answered only when every part is fixed with no warning and all parts agree.
"""


def _policies_md() -> str:
    return "## Facts, sketches and policies\n\n" + POLICIES


def _expressions_md() -> str:
    return "## Expressions\n\n" + "".join(f"- {e}\n" for e in EXPRESSIONS)


def _types_md() -> str:
    rows = ((f"`{name}`", text) for name, text in registry.TYPES.items())
    return "## Argument types\n\n" + _table(("type", "accepts"), rows)


def _units_md() -> str:
    rows = ((f"`{u}`", text) for u, text in UNITS)
    rule = ("An equation's two sides, the terms of `+` and `-`, and the arguments of `sum`, `common` and "
            "`difference` must share one unit (a plain number fits any); mixing them is error E016.")
    return "## Units\n\n" + _table(("unit", "meaning"), rows).rstrip("\n") + "\n\n" + rule + "\n"


def _calls_md(title: str, funcs: Iterable[registry.Func]) -> str:
    rows = []
    for f in funcs:
        sig = "<br>".join(f"`{s}`" for s in signatures(f))
        ret = _returns(f)
        rows.append((sig, ret and f"`{ret}`", f.doc, f"`{f.example}`"))
    return f"## {title}\n\n" + _table(("call", "gives", "meaning", "example"), rows)


def _kinds_md() -> str:
    rows = ((f"`{k}`", text, f"`chart {k}`") for k, text in registry.CHART_KINDS.items())
    return "## Chart kinds\n\n" + _table(("kind", "draws", "header"), rows)


def _constants_md() -> str:
    rows = ((f"`{k}`", text) for k, text in registry.CONSTANTS.items())
    return "## Constants\n\n" + _table(("name", "meaning"), rows)


def _limits_md() -> str:
    rows = ((what, value) for what, value in limits.TABLE)
    return ("## Limits\n\nA program beyond a limit is rejected with a located diagnostic (E005, E006 or "
            "E020), before any stage works on it; a compile past its time budget stops where it is (E040). "
            "Control characters (but tab and newline) are not allowed anywhere in a program, strings and "
            "comments included (E001). The importers apply the same limits to what they read, and locate what "
            "breaks them in the imported file.\n\n" + _table(("what", "limit"), rows))


def _codes_md() -> str:
    rows = ((f"`{c.code}`", " or ".join(messages.severities(c.code)), c.meaning) for c in messages.CODE_TABLE)
    intro = ("Every diagnostic has a code, a severity, a message, a span and often a hint. Text form: "
             "`FILE:LINE:COL: error[CODE]: message`, the source line and a caret; "
             "`--diagnostics json` gives the same as JSON.\n\n")
    return "## Diagnostic codes\n\n" + intro + _table(("code", "severity", "meaning"), rows)


# -- the prompt ------------------------------------------------------------------------------

PROMPT_INTRO = """\
You write programs in recode-dsl, a small typed language that describes one chart or one \
geometry figure. A program is parsed and checked, never executed. One statement a line (a call \
may continue over lines inside its brackets); '#' starts a comment; strings use double quotes; \
numbers are exact decimals or fractions (15.5, 3/2, 2 sqrt(3), pi).
A figure starts with `figure ["title"]`, a chart with `chart KIND ["title"]`.
Statements: `point A = (x, y), B ~ (x, y), C` (coordinates y-up, optional: `=` exact, `~` as drawn) \
| `let w = EXPR` | a shape, relation or setting call | an equation `EXPR = EXPR` | `ask EXPR`.
Expressions: + - * / ^, `2x` means 2*x, free variables (x, y) in figures, `30°` degrees, `pi`, \
shapes combine into regions with + and -. Types: point, segment, line (segment/line/ray), circle, \
arc, angle, polygon, region, number (unit: length, degrees, area), string, colour, list.
To reproduce an image: give every point the position you read from it with `~` (stated lengths and \
angles fix the answers; the drawing fills in only what they leave free, with a warning); for a chart, \
canvas(width, height) and plot_box(x0, y0, x1, y1) in pixels, the axis ranges and ticks you see.
Signatures: `name?` is optional, `name...` repeats, `name = v` has a default.
"""

# Whole programs shown to models; tests compile each one (they must compile without a diagnostic).
EXAMPLE_PROGRAMS: tuple[tuple[str, str], ...] = (
    ("chart", """\
chart bar "Revenue"
categories("2019", "2020", "2021")
series("Revenue", [12, 15.5, 9], color="#1f77b4")
value_axis(0, 20, ticks=[0, 5, 10, 15, 20], grid=true)
ask argmax("Revenue")
"""),
    ("chart in a library's style, with aggregate questions", """\
chart stacked_hbar "Visitors (thousands)"
categories("Zion", "Acadia", "Olympic")
series("Summer", [1620, 1510, 1200])
series("Winter", [610, 180, 310])
theme("vega-lite")
category_axis(reverse=true)
value_axis(format="thousands")
legend(true, "outside right")
ask argmax(per_category())
ask argmax(per_series("sum"))
ask share("Winter")
ask argmax(gap("Summer", "Winter", absolute=true))
"""),
    ("figure", """\
figure
point A ~ (0, 3), B ~ (0, 0), C ~ (4, 0), D
triangle(A, B, C)
right_angle(angle(A, B, C))
on(D, segment(A, C))
perpendicular(segment(B, D), segment(A, C))
length(A, B) = 3
length(B, C) = 4
ask length(B, D)
"""),
)

PROMPT_EXAMPLES = "".join(f"Example {what}:\n{text}" for what, text in EXAMPLE_PROGRAMS)


def prompt_text() -> str:
    """The compact language description given to models (same records as the reference).

    >>> "triangle(" in prompt_text() and "Chart kinds:" in prompt_text()
    True
    """
    sections = [
        PROMPT_INTRO,
        _prompt_calls("Figure shapes", _role(registry.GEOMETRY, "shape")),
        _prompt_calls("Figure relations (statements)", _role(registry.GEOMETRY, "relation")),
        _prompt_calls("Figure measures (numbers)", _role(registry.GEOMETRY, "measure")),
        _prompt_calls("Math", registry.MATH),
        "Chart kinds: " + ", ".join(registry.CHART_KINDS) + "\n",
        _prompt_calls("Chart settings (statements)", _role(registry.CHART, "setting")),
        _prompt_calls("Chart selections and queries (for ask)", _role(registry.CHART, "query")),
        "Conventions:\n" + "".join(f"- {text}\n" for _, text in registry.CONVENTIONS),
        "Limits: " + "; ".join(f"{what} {value}" for what, value in limits.TABLE) + "\n",
        PROMPT_EXAMPLES,
    ]
    return "\n".join(sections)


def _prompt_calls(title: str, funcs: Iterable[registry.Func]) -> str:
    lines = [f"{title}:"]
    for f in funcs:
        sigs = " | ".join(_compact(s) for s in signatures(f))
        lines.append(f"- {sigs}: {f.doc}; e.g. `{f.example}`")
    return "\n".join(lines) + "\n"


def _compact(sig: str) -> str:
    return sig.replace(": point", "").replace(": ", ":")
