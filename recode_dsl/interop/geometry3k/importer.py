"""Import Geometry3K problems (Inter-GPS logic forms) as recode-dsl programs.

    record ──0 parse──▶ trees ──1 repair──▶ trees ──2 translate──▶ statements ──3 assemble──▶ program text
                                                                                      │
                                                                    4 compile check ──┘ (drop what does not compile)

Step 0 parses each form once (``parse.read``: a tree, or the text that does not parse); step 1
(``repairs``) mends the annotation's known slips on the trees, one rule module each.

One problem in, one program out: a header comment (id, question, choices, answer), the
points (y up), the drawn segments and circles, then shapes, relations, equations and asks,
each said once. What cannot be imported is reported per problem and form, never raised.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from recode_dsl import astnodes as dsl
from recode_dsl import limits, messages
from recode_dsl.check import check_source
from recode_dsl.errors import Diagnostic, Span
from recode_dsl.fmt import format_expr, format_program
from recode_dsl.inputs import load_json
from recode_dsl.interop.geometry3k.findtext import asked_in_text
from recode_dsl.interop.geometry3k.geom import direction
from recode_dsl.interop.geometry3k.labels import lost_label
from recode_dsl.interop.geometry3k.outline import notch, outline
from recode_dsl.interop.geometry3k.parse import Call, Form, Item, Name, Num, Unread, shown
from recode_dsl.interop.geometry3k.pattern import calls, is_find, point
from recode_dsl.interop.geometry3k.record import record_problem
from recode_dsl.interop.geometry3k.repairs import circle_centres, drawn_segments, repaired_forms
from recode_dsl.interop.geometry3k.text import (
    ASK,
    EQUATION,
    NOWHERE,
    RELATION,
    SHAPE,
    Stmt,
    Unsupported,
    call,
    call_points,
    decimal,
    equation_variables,
    key,
    letter_point,
    number,
    rebuild,
    rebuild_stmt,
    statement,
    variables,
    walk,
)
from recode_dsl.interop.geometry3k.tolerance import SAME_DIRECTION_DEG
from recode_dsl.interop.geometry3k.translate import PREDICATES, Translator

__all__ = ["PREDICATES", "Imported", "Problem", "import_problem", "read_problems"]

LETTERS = "ABCD"


@dataclass(frozen=True, slots=True)
class Problem:
    """What the benchmark needs of a record: the question, the choices and the tags."""

    id: str
    line: int
    text: str
    choices: tuple[str, ...]
    values: tuple[float, ...]
    answer: str
    goal: tuple[str, ...]
    graph: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Imported:
    """One imported problem: its program and what the importer had to say about it."""

    problem: Problem
    source: str
    diagnostics: tuple[Diagnostic, ...]
    compiles: bool | None = None  # with check=True: whether the program compiles (after leaving out what did not)


def read_problems(path: str | Path) -> tuple[list[tuple[int, dict[str, Any]]], list[Diagnostic]]:
    """The records of a JSON-lines file with their line numbers, and a diagnostic per bad line."""
    records: list[tuple[int, dict[str, Any]]] = []
    diags: list[Diagnostic] = []
    seen: dict[str, int] = {}
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                diags.append(Diagnostic("E086", messages.g3k_bad_record(f"not UTF-8 (byte 0x{raw[err.start]:02X})"),
                                        Span(number, err.start + 1, number, err.start + 2)))
                continue
            if len(line) > limits.MAX_IMPORT_BYTES:
                why = f"a line of {len(line)} characters; the limit is {limits.MAX_IMPORT_BYTES}"
                diags.append(Diagnostic("E086", messages.g3k_bad_record(why), Span(number, 1, number, 2)))
                continue
            if not line.strip():
                continue
            record, problem = load_json(line, exact=False)  # nesting, NaN and huge ints refused (inputs.py)
            if problem is not None:
                diags.append(Diagnostic("E086", messages.g3k_bad_record(f"not JSON ({problem.message})"),
                                        Span(number, problem.col, number, problem.col + 1)))
                continue
            missing = record_problem(record)  # every field the importer reads, typed (g3k_record.py)
            if missing is None and str(record["id"]) in seen:
                missing = f"the id {str(record['id'])!r} is already used on line {seen[str(record['id'])]}"
            if missing:
                diags.append(Diagnostic("E086", messages.g3k_bad_record(missing), Span(number, 1, number, 2)))
                continue
            seen[str(record["id"])] = number
            records.append((number, record))
    return records, diags



def problem_of(record: Mapping[str, Any], line: int = 0) -> Problem:
    values = tuple(_float(v) for v in record.get("precise_value") or ())
    return Problem(str(record["id"]), line, " ".join(str(record.get("problem_text", "")).split()),
                   tuple(str(c) for c in record.get("choices") or ()), values, str(record.get("answer", "")),
                   tuple(record.get("problem_type_goal") or ()), tuple(record.get("problem_type_graph") or ()))


def _float(value: object) -> float:
    """A choice's value; a symbolic one ('10 y^2 + 5 y') is NaN and never the nearest."""
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return float("nan")


def import_problem(record: Mapping[str, Any], line: int = 0, check: bool = True) -> Imported:
    """Translate one record into a program; with ``check``, compile it and drop what the checker rejects.

    >>> rec = {"id": 7, "point_positions": {"A": [0, 0], "B": [3, 0]}, "text_logic_forms_dissolved":
    ...        ["Find(LengthOf(Line(A, B)))"], "diagram_logic_forms": ["Equals(LengthOf(Line(A, B)), 3)"]}
    >>> print(import_problem(rec).source.splitlines()[-1])
    ask length(A, B)
    """
    bad = record_problem(record)
    if bad is not None:  # never raise on a bad record: say what is wrong with it
        rid = record.get("id") if isinstance(record, Mapping) else None
        problem = Problem(str(rid)[:40] if isinstance(rid, (int, str)) else "?", line, "", (), (), "", (), ())
        span = Span(max(line, 1), 1, max(line, 1), 2)
        return Imported(problem, "", (Diagnostic("E086", messages.g3k_bad_record(bad), span),), False)
    problem = problem_of(record, line)
    positions = _positions(record["point_positions"])
    text, diagram, renamed = repaired_forms(record, problem.text, positions)
    forms = diagram + text  # each parsed once (repairs.Draft); what does not parse is reported where it is translated
    centres = circle_centres(record, forms)
    segments = drawn_segments(record)
    drawn_outline = outline(segments, positions)
    figure = None if centres else drawn_outline  # arcs are no part of an outline
    t = Translator(positions, centres, {str(n) for n in record["point_positions"]}, figure, drawn_outline,
                   segments=segments, radii=_radius_ids(forms),
                   notch=notch(segments, positions) if figure else None)
    diags: list[Diagnostic] = []
    tagged: list[tuple[Stmt, bool]] = []
    finds = [f for f in forms if is_find(f)]
    labels = [f for f in forms if _is_shape_label(f)]  # Equals(Square(1), Square(...)) first: others use it
    from_text = set(text)
    for form in labels + [f for f in forms if f not in finds and f not in labels] + finds:
        tagged += [(st, form in from_text) for st in _translate(t, form, problem, diags)]
    tagged = _text_expressions_win(tagged, _angle_aliases([st for st, _ in tagged], segments, positions),
                                   problem, diags)
    stmts = _resolve_conflicts(tagged, problem, diags) + _arcs_on_the_circle(t) + _sector_ends(t)
    stmts = _name_vertex_angles(stmts, segments, positions)
    if not finds:
        diags.append(_diag("E084", messages.g3k_no_question(problem.id), problem))
    names = [*(p for p in record["point_positions"] if p not in renamed),
             *(p for p in t.points if p not in record["point_positions"])]
    drawn = _drawn(record, t, set(names))
    stmts = asked_in_text(problem.text, stmts) if finds else stmts
    stmts, lost = lost_label(stmts, problem.goal, drawn_segments(record, set(names)), positions)
    stmts = _answerable(stmts, problem, diags)
    source = _assemble(problem, names, positions, t.hints + lost, drawn + stmts)
    if not check:
        return Imported(problem, source, tuple(diags))
    source, dropped, ok = _compile_clean(source, problem)
    return Imported(problem, source, tuple(diags + dropped), ok)


def _resolve_conflicts(tagged: list[tuple[Stmt, bool]], problem: Problem, diags: list[Diagnostic]) -> list[Stmt]:
    """Two different numbers for one measure: the question's (text) value wins over the diagram's.

    Two diagram values that disagree are both kept (and reported): there is nothing to prefer.
    """
    values: dict[str, list[tuple[str, bool]]] = {}
    for st, from_text in tagged:
        sides = _sides(st)
        if st.section == EQUATION and sides is not None and isinstance(sides[1], dsl.Num) and not sides[1].deg \
                and not variables(sides[0]):
            values.setdefault(key(sides[0]), []).append((format_expr(sides[1]), from_text))
    drop: set[tuple[str, str]] = set()
    for lhs, found in values.items():
        if len({float(v) for v, _ in found}) < 2:
            continue
        keep = next((v for v, text in found if text), None)
        if keep is None:  # two diagram values: nothing to prefer, the solver will name the conflict
            diags.append(_diag("E088", messages.g3k_conflicting_values(problem.id, lhs, found[0][0], found[1][0]),
                               problem))
            continue
        for v, _ in found:
            if float(v) != float(keep):
                drop.add((lhs, v))
                diags.append(_diag("E088", messages.g3k_conflicting_values(problem.id, lhs, v, keep, kept=keep),
                                   problem))
    return [st for st, _ in tagged if not drop or _side_keys(st) not in drop]


def _sides(st: Stmt) -> tuple[dsl.Expr, dsl.Expr] | None:
    """An equation's two sides (None for any other statement)."""
    node = st.node
    if isinstance(node, dsl.ExprStmt) and node.rhs is not None:
        return node.expr, node.rhs
    return None


def _side_keys(st: Stmt, alias: Mapping[str, dsl.Call] | None = None) -> tuple[str, str]:
    """An equation's left side as a key (vertex angles named by ``alias``) and its right side's text."""
    sides = _sides(st)
    if sides is None:
        return key(st), ""
    return key(_aliased(sides[0], alias) if alias else sides[0]), format_expr(sides[1])


def _text_expressions_win(tagged: list[tuple[Stmt, bool]], alias: Mapping[str, dsl.Call], problem: Problem,
                          diags: list[Diagnostic]) -> list[tuple[Stmt, bool]]:
    """The question gives ``m∠F = 7x + 2`` where the diagram labels the same angle ``4x + 2``: the
    question's expression wins over a diagram expression in the same variables."""
    found: dict[str, list[tuple[dsl.Expr, bool]]] = {}
    for st, from_text in tagged:
        sides = _sides(st)
        if st.section == EQUATION and sides is not None and variables(sides[1]) and not variables(sides[0]):
            found.setdefault(key(_aliased(sides[0], alias)), []).append((sides[1], from_text))
    drop: set[tuple[str, str]] = set()
    for lhs, pairs in found.items():
        text = [format_expr(rhs) for rhs, from_text in pairs if from_text]
        names = {v for rhs, from_text in pairs if from_text for v in variables(rhs)}
        for node, from_text in pairs:
            rhs = format_expr(node)
            if text and not from_text and rhs not in text and names & variables(node):
                drop.add((lhs, rhs))
                diags.append(_diag("E088", messages.g3k_conflicting_values(problem.id, lhs, rhs, text[0],
                                                                           kept=text[0]), problem))
    return [(st, from_text) for st, from_text in tagged if not drop or _side_keys(st, alias) not in drop]


def _aliased(e: dsl.Expr, alias: Mapping[str, dsl.Call]) -> dsl.Expr:
    """``e`` with each vertex angle ``angle(F)`` of ``alias`` named by its three points."""
    def name(c: dsl.Call) -> dsl.Expr:
        vertex = call_points(c, "angle", 1)
        return alias.get(vertex[0], c) if vertex else c
    return rebuild(e, name)


def _three_point_angles(stmts: list[Stmt]) -> dict[str, set[tuple[str, str]]]:
    """Per vertex, the ends (in order) of the three-point angles the statements name."""
    at: dict[str, set[tuple[str, str]]] = {}
    for st in stmts:
        for node in walk(st.node):
            if isinstance(node, dsl.Call) and node.func == "angle" and len(node.args) >= 3:
                a, v, b = (letter_point(x) for x in node.args[:3])
                if a is not None and v is not None and b is not None:
                    at.setdefault(v, set()).add((min(a, b), max(a, b)))
    return at


def _angle_aliases(stmts: list[Stmt], drawn: list[tuple[str, str]],
                   pos: Mapping[str, tuple[float, float]]) -> dict[str, dsl.Call]:
    """``angle(F)`` -> ``angle(H, F, G)`` where the forms speak of one three-point angle at F only."""
    return {v: call("angle", a, v, b) for v, pairs in _three_point_angles(stmts).items() if len(pairs) == 1
            for a, b in pairs if _rays(v, drawn, pos) >= 2}


def _answerable(stmts: list[Stmt], problem: Problem, diags: list[Diagnostic]) -> list[Stmt]:
    """Leave out an ask about a variable that no equation mentions (the annotation lost it)."""
    known = equation_variables(stmts)
    out: list[Stmt] = []
    for st in stmts:
        missing = sorted(variables(st.node) - known) if st.section == ASK else []
        if missing:
            diags.append(_diag("E087", messages.g3k_unknown_variable(problem.id, st.text, missing[0]), problem))
        else:
            out.append(st)
    return out


def _positions(raw: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    for name, xy in raw.items():
        if isinstance(xy, (list, tuple)) and len(xy) == 2 and list(xy) != [-1, -1]:
            out[str(name)] = (float(xy[0]), float(xy[1]))
    return out


def _name_vertex_angles(stmts: list[Stmt], drawn: list[tuple[str, str]],
                        pos: Mapping[str, tuple[float, float]]) -> list[Stmt]:
    """``angle(C)`` where three or more drawn rays meet at C is ambiguous; when the forms speak of
    exactly one three-point angle at C, that is the angle meant."""
    named = {v: call("angle", a, v, b) for v, pairs in _three_point_angles(stmts).items() if len(pairs) == 1
             for a, b in pairs if _rays(v, drawn, pos) > 2}
    if not named:
        return stmts

    def name(c: dsl.Call) -> dsl.Expr:
        vertex = call_points(c, "angle", 1)
        return named.get(vertex[0], c) if vertex else c

    return [rebuild_stmt(st, name) for st in stmts]


def _rays(vertex: str, drawn: list[tuple[str, str]], pos: Mapping[str, tuple[float, float]]) -> int:
    """How many different directions the drawn segments leave ``vertex`` in (0 without positions)."""
    if vertex not in pos:
        return 0
    ends = {b if a == vertex else a for a, b in drawn if vertex in (a, b)}
    if not all(e in pos for e in ends):
        return 0
    angles = sorted(direction(pos[vertex], pos[e]) for e in ends)
    distinct = [a for i, a in enumerate(angles) if i == 0 or a - angles[i - 1] > SAME_DIRECTION_DEG]
    if len(distinct) > 1 and distinct[0] + 360 - distinct[-1] <= SAME_DIRECTION_DEG:
        distinct.pop()
    return len(distinct)


def _arcs_on_the_circle(t: Translator) -> list[Stmt]:
    """An arc lies on a circle: with one circle in the figure, the arcs' points are on it (unless the
    picture plainly puts a point off the circle)."""
    if len(t.centres) != 1:
        return []
    centre = next(iter(t.centres))
    if len(t.radii.get(centre, [])) > 1:
        return []
    known = [p for p, c in t.on_circles if c == centre and p in t.pos]
    radius = math.dist(t.pos[known[0]], t.pos[centre]) if known and centre in t.pos else None

    def fits(p: str) -> bool:
        return radius is None or p not in t.pos or abs(math.dist(t.pos[p], t.pos[centre]) - radius) <= 0.1 * radius

    return [Stmt(RELATION, statement(call("on", p, call("circle", centre)))) for p in dict.fromkeys(t.arc_points)
            if p != centre and fits(p)]


def _sector_ends(t: Translator) -> list[Stmt]:
    """The two ends of a sector lie on its circle."""
    return [Stmt(RELATION, statement(call("on", p, call("circle", c)))) for p, c in dict.fromkeys(t.sector_ends)
            if p != c]


def _radius_ids(forms: Iterable[Item]) -> dict[str, list[str]]:
    """Circle(B, radius_1_0) and Circle(B, radius_1_1) are two circles about B."""
    ids: dict[str, set[str]] = {}
    for c in (c for form in forms for c in calls(form)):
        if c.name in ("Circle", "Cirle") and len(c.args) >= 2 and isinstance(c.args[0], Name) \
                and point(c.args[0]) is not None and isinstance(c.args[1], Name) and c.args[1].id.startswith("radius_"):
            ids.setdefault(c.args[0].id, set()).add(c.args[1].id)
    return {c: sorted(r) for c, r in ids.items()}


def _is_shape_label(tree: Item) -> bool:
    """``Equals(Square(1), Square(I, B, H, G))``: a shape printed with a label, named by its vertices."""
    if not isinstance(tree, Form):
        return False
    eq = tree.terms[0]
    if not (isinstance(eq, Call) and eq.name == "Equals" and len(eq.args) >= 2):
        return False
    label, shape = eq.args[0], eq.args[1]
    return isinstance(label, Call) and label.name[:1].isupper() and len(label.args) == 1 and _word(label.args[0]) \
        and isinstance(shape, Call) and shape.name[:1].isupper() and len(shape.args) >= 2 and _word(shape.args[0])


def _word(node: object) -> bool:
    text = node.id if isinstance(node, Name) else node.text if isinstance(node, Num) else ""
    return bool(text) and all(ch.isalnum() or ch == "_" for ch in text)


def _diag(code: str, message: str, problem: Problem) -> Diagnostic:
    return Diagnostic(code, message, Span(problem.line, 1, problem.line, 2), severity="warning")


def _translate(t: Translator, form: Item, problem: Problem, diags: list[Diagnostic]) -> list[Stmt]:
    if isinstance(form, Unread):
        diags.append(_diag("E080", messages.g3k_unreadable_form(problem.id, form.text, form.error.col,
                                                                 form.error.found), problem))
        return []
    try:
        return t.form(form)
    except Unsupported as err:
        diags.append(_diag(err.code, messages.g3k_form_not_imported(problem.id, shown(form), err.why), problem))
    return []


def _drawn(record: Mapping[str, Any], t: Translator, names: set[str]) -> list[Stmt]:
    """The diagram's drawn segments (the longest ones only) and circles."""
    segs = drawn_segments(record, names)
    on: dict[frozenset[str], set[str]] = {}
    for p, seg in t.on_segments:
        on.setdefault(seg, set()).add(p)
    out: list[Stmt] = []
    for a, b in segs:
        inside = any({a, b} <= (set(other) | on.get(frozenset(other), set())) and {a, b} != set(other)
                     for other in segs)
        if not inside:
            out.append(Stmt(SHAPE, statement(call("segment", a, b))))
    out += [Stmt(SHAPE, statement(call("circle", str(c)))) for c in record.get("circle_instances") or ()
            if str(c) in names]
    return out


def _assemble(problem: Problem, names: list[str], positions: Mapping[str, tuple[float, float]],
              hints: list[str], stmts: list[Stmt]) -> str:
    """The program, printed by ``fmt``: the header comments, the points, then each section's
    statements (each said once), a blank line before each section."""
    comments = [f"# Geometry3K problem {problem.id}"]
    comments += ["# " + part for part in textwrap.wrap(problem.text, 100)] or []
    if problem.choices:
        comments.append("# choices: " + "  ".join(f"{LETTERS[i]}) {c}" for i, c in enumerate(problem.choices[:4])))
    if problem.answer:
        comments.append(f"# answer: {problem.answer}")
    comments += [f"# hint: {h}" for h in dict.fromkeys(hints)]
    line = len(comments) + 1
    header = dsl.Header("figure", None, f"Geometry3K {problem.id}", _at(line), _at(line))
    items = [dsl.PointItem(n, _sketch(positions[n]) if n in positions else None, NOWHERE, sketch=n in positions)
             for n in names]
    body: list[dsl.Stmt] = []
    for i in range(0, len(items), 4):
        line += 1
        body.append(dsl.PointDecl(tuple(items[i:i + 4]), _at(line)))
    seen: set[str] = set()
    keys = [key(st) for st in stmts]
    for section in (SHAPE, RELATION, EQUATION, ASK):
        block = []
        for st, said in zip(stmts, keys, strict=True):
            if st.section == section and said not in seen:
                seen.add(said)
                block.append(st.node)
        line += 1  # a blank line before each section
        for node in block:
            line += 1
            body.append(replace(node, span=_at(line)))
    program = dsl.Program(header, tuple(body), tuple(enumerate(comments, 1)), _at(1))
    return format_program(program)


def _at(line: int) -> Span:
    return Span(line, 1, line, 2)


def _sketch(xy: tuple[float, float]) -> dsl.Pair:
    """A drawn position as a sketch coordinate, y up, to two decimals."""
    return dsl.Pair(number(decimal(xy[0])), number(decimal(-xy[1])), NOWHERE)


def _compile_clean(source: str, problem: Problem) -> tuple[str, list[Diagnostic], bool]:
    """Drop every statement the compiler rejects (a checker error), with a warning for each."""
    dropped: list[Diagnostic] = []
    for _ in range(8):
        errors = [d for d in check_source(source)[2] if d.severity == "error"]
        if not errors:
            return source, dropped, True
        lines = source.split("\n")
        bad = {d.span.line for d in errors if _droppable(lines, d.span.line)}
        for d in errors:
            text = lines[d.span.line - 1] if 0 < d.span.line <= len(lines) else ""
            dropped.append(_diag("E085", messages.g3k_statement_dropped(problem.id, text.strip(), d.code, d.message),
                                 problem))
        if not bad:
            break
        source = "\n".join(line for i, line in enumerate(lines, 1) if i not in bad)
    return source, dropped, False


def _droppable(lines: list[str], number: int) -> bool:
    if not 0 < number <= len(lines):
        return False
    text = lines[number - 1].strip()
    return bool(text) and not text.startswith(("#", "figure", "point "))
