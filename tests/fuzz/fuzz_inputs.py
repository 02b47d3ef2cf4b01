"""Fuzzed inputs and the properties every input path must keep (issue 10).

One generator per input class, each a plain function of a ``random.Random``: the Hypothesis
tests draw the Random (so failures shrink and replay), and ``tests/fuzz/long_run.py`` calls
the same generators in a loop for the long runs. One checker per input class states the
promise: the function returns (or raises only its documented ``RecodeError``), every
diagnostic is located and catalogued, and printed diagnostics hold no control character.

Targets: ``source`` (program text, compiled and sometimes drawn), ``spec`` (chart-spec JSON),
``csv`` (CSV tables), ``g3k`` (Geometry3K JSON lines), ``reply`` (model replies, from the
chat-completions body to the compiled program).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from pathlib import Path

import sympy

ROOT = Path(__file__).resolve().parents[2]
REGRESSIONS = Path(__file__).resolve().parent / "regressions"
SOURCES = [p.read_text(encoding="utf-8") for p in sorted([*ROOT.glob("examples/*.rdsl"),
                                                           *ROOT.glob("tests/fixtures/*/*.rdsl")])]
CONTROL_OUTPUT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# -- pieces --------------------------------------------------------------------------------------

HOSTILE_NUMBERS = ["1e999999999", "9" * 40, "0." + "0" * 40 + "1", "(10^12)^64", "10^-13", "(1/3)^64",
                   "1/10^40", "999999999999", "1000000000001", "0", "-0", "1/0", "sqrt(-1)", "2^64", "2^65",
                   "0.1", "3.14159", ".5", "1e5", "٣", "½", "2^(1/2)", "(-8)^(1/3)", "0^0", "0^-1"]
TOKENS = ["(", ")", "[", "]", ",", "=", "+", "-", "*", "/", "^", "°", "deg", "ask ", "let ", "point ",
          "figure", "chart bar", "\n", " ", "#", '"', "'", "\\", "A", "B", "x", "y", "pi", "true",
          "length(A, B)", "circle(O, 1)", "area(", "segment(", "value(", "series(", "categories(",
          "sum(", "max(", "all() > 1", "\t", "\r", "\r\n", "\x00", "\x1b[31m", "\x1b]0;t\x07", "\u202e",
          "\x7f", "\x9b", "\ufeff", "é", "名", "😀", "\U0010ffff", "\x0c", "$", "@", "`", "{", "}", ";"]


def _number(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return rng.choice(HOSTILE_NUMBERS)
    return str(rng.choice([rng.randint(-10**15, 10**15), rng.random() * 10 ** rng.randint(-30, 30)]))


def _deep(rng: random.Random) -> str:
    n = rng.choice([10, 47, 48, 49, 60, 200, 5000])
    kind = rng.choice(["paren", "call", "list", "chain", "power", "neg"])
    if kind == "paren":
        return "(" * n + "1" + ")" * n
    if kind == "call":
        return "sqrt(" * n + "4" + ")" * n
    if kind == "list":
        return "[" * n + "1" + "]" * n
    if kind == "chain":
        return "+".join(["1"] * n)
    if kind == "power":
        return "^".join(["2"] * min(n, 300))
    return "-" * n + "1"


def _let_chain(rng: random.Random) -> str:
    n = rng.choice([3, 8, 9, 12, 30, 60])
    start = rng.choice(["length(A, B)", "1", "circle(A, 1)", "x", "2^64"])
    op = rng.choice(["+", "*", "-", "^"])
    lines = [f"let v0 = {start}"] + [f"let v{i} = v{i - 1} {op} v{i - 1}" for i in range(1, n)]
    return "\n".join(lines) + f"\nask v{n - 1}"


def _mutate_text(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 4)):
        i = rng.randint(0, len(text))
        j = min(len(text), i + rng.randint(0, 12))
        choice = rng.random()
        if choice < 0.35:
            text = text[:i] + rng.choice(TOKENS) + text[j:]
        elif choice < 0.5:
            text = text[:i] + _number(rng) + text[j:]
        elif choice < 0.6:
            text = text[:i] + text[j:]
        elif choice < 0.68:
            text = text[:i] + text[i:j] * rng.randint(2, 50) + text[j:]
        elif choice < 0.76:
            text = text[:i] + _deep(rng) + text[j:]
        elif choice < 0.82:
            text = text + "\n" + _let_chain(rng)
        elif choice < 0.9:
            lines = text.split("\n")
            rng.shuffle(lines)
            text = "\n".join(lines)
        else:
            text = text[:i] + chr(rng.randint(0, 0x2FFF)) + text[j:]
    return text


# -- generators ----------------------------------------------------------------------------------


_EDGE_NUMBERS = ["0", "1", "-1", "0.5", "2", "90", "180", "360", "1000000000000", "0.000000000001", "999999999999",
                 "-1000000000000", "3.14159", "100", "1/3", "-0.5", "45"]
_NUMBER = re.compile(r"(?<![A-Za-z_0-9.'])[0-9]+(?:\.[0-9]+)?")
_POINT = re.compile(r"\b[A-Z]\b")


def _edge_values(text: str, rng: random.Random) -> str:
    """The program's numbers (and some point names) swapped for edge values: the syntax stays
    valid, so the checker, the solver and the renderer meet zeros, equal points, huge and tiny
    values, straight angles."""
    share = rng.choice([0.1, 0.3, 1.0])
    text = _NUMBER.sub(lambda m: rng.choice(_EDGE_NUMBERS) if rng.random() < share else m.group(), text)
    if rng.random() < 0.3:
        names = sorted(set(_POINT.findall(text)))
        if len(names) >= 2:
            a, b = rng.sample(names, 2)
            text = re.sub(rf"\b{a}\b(?!\s*[=~])", b, text, count=rng.randint(1, 3))
    return text


def source(rng: random.Random) -> str:
    """Program text: an example or fixture, mutated, or with its values swapped for edge values."""
    text = rng.choice(SOURCES)
    if rng.random() < 0.4:
        return _edge_values(text, rng)
    return _mutate_text(text, rng)


_SPEC = {"kind": "bar", "title": "Sales", "width_px": 640, "height_px": 480, "plot_box_px": [80, 40, 600, 420],
         "categories": ["a", "b", "c"], "value_range": [0, 10], "bar_width": 0.6,
         "series": [{"name": "S", "values": [1, 2.5, 3], "color": "#1f77b4"}]}
_SCATTER = {"kind": "scatter", "series": [{"name": "P", "x": [1, 2], "y": [3, 4]}], "x_range": [0, 5]}
_PIE = {"kind": "pie", "categories": ["a", "b"], "series": [{"name": "S", "values": [1, 2]}], "start_angle": 90}
_LOG = {"kind": "scatter", "series": [{"name": "P", "x": [1, 20], "y": [3, 400]}], "x_range": [1, 100],
        "x_log": True, "value_log": True}  # log axes: their fields, a range or a value not positive
_WEIRD_VALUES: list[object] = [None, True, "abc", "1e999999999", [], {}, -1, 0, 10**40, 1e308, "#zzz", "\x1b[31m",
                               "x" * 20000, [1, [2, [3]]], {"a": 1}, 0.1, "NaN"]


def _mutate_json(doc: object, rng: random.Random, depth: int = 0) -> object:
    if isinstance(doc, dict):
        out = dict(doc)
        for key in list(out):
            r = rng.random()
            if r < 0.12:
                out[key] = rng.choice(_WEIRD_VALUES)
            elif r < 0.18:
                del out[key]
            elif r < 0.8:
                out[key] = _mutate_json(out[key], rng, depth + 1)
        if rng.random() < 0.1:
            out[rng.choice(["kind", "extra", "series", "colors", "start_angle"])] = rng.choice(_WEIRD_VALUES)
        return out
    if isinstance(doc, list):
        out_list = [_mutate_json(v, rng, depth + 1) for v in doc]
        if rng.random() < 0.15:
            out_list.append(rng.choice(_WEIRD_VALUES))
        if rng.random() < 0.05:
            out_list = out_list * rng.randint(2, 400)
        return out_list
    if isinstance(doc, (int, float)) and not isinstance(doc, bool) and rng.random() < 0.2:
        return rng.choice([10**40, -doc, 0, 1e-30, 1e300, doc * 1000])
    return doc


def _json_text(doc: object, rng: random.Random) -> str:
    text = json.dumps(doc)
    r = rng.random()
    if r < 0.08:
        text = text.replace("1", "1e999999999", 1)
    elif r < 0.14:
        text = "[" * rng.choice([65, 1000, 100000]) + text
    elif r < 0.2:
        text = text.replace("2", "9" * 5000, 1)
    elif r < 0.26:
        text = _mutate_text(text, rng)
    elif r < 0.3:
        text = text.replace("0", "NaN", 1)
    return text


def spec(rng: random.Random) -> str:
    """Chart-spec JSON text: a valid spec of one of four kinds, its fields mutated."""
    return _json_text(_mutate_json(rng.choice([_SPEC, _SCATTER, _PIE, _LOG]), rng), rng)


def csv(rng: random.Random) -> str:
    """A CSV table: a small wide table with hostile cells, rows and shapes."""
    rows = [["year", "Sales", "Costs"]] + [[str(2000 + i), str(rng.randint(0, 99)), f"{rng.random() * 9:.2f}"]
                                           for i in range(rng.randint(1, 6))]
    for _ in range(rng.randint(0, 3)):
        r = rng.randrange(len(rows))
        c = rng.randrange(len(rows[r]))
        rows[r][c] = rng.choice([_number(rng), "", '"', "a,b", "\x00", "\x1b[31m", "1,234.5", "x" * 200000,
                                 "1e999999999", "9" * 5000, "2001", "名", "\r", "\n"])
    if rng.random() < 0.1:
        rows.append(rows[-1][:1])
    if rng.random() < 0.05:
        rows += [[f"c{i}", "1", "2"] for i in range(rng.choice([600, 100000]))]
    text = "\n".join(",".join(c if '"' not in c else '"' + c.replace('"', '""') + '"' for c in row) for row in rows)
    return _mutate_text(text, rng) if rng.random() < 0.2 else text + "\n"


_G3K = {"id": 7, "problem_text": "Find x.", "choices": ["3", "4", "5", "6"], "precise_value": [3.0, 4.0, 5.0, 6.0],
        "answer": "C", "problem_type_goal": ["Length"], "problem_type_graph": ["Triangle"],
        "text_logic_forms_dissolved": ["Find(x)"],
        "diagram_logic_forms": ["Equals(LengthOf(Line(A, B)), 3)", "Equals(LengthOf(Line(B, C)), 4)",
                                "Equals(LengthOf(Line(A, C)), x)", "Perpendicular(Line(A, B), Line(B, C))",
                                "PointLiesOnLine(D, Line(A, C))"],
        "point_positions": {"A": [0.0, 0.0], "B": [30.0, 0.0], "C": [30.0, 40.0], "D": [15.0, 20.0]},
        "line_instances": ["AB", "BC", "AC"], "circle_instances": []}


def g3k(rng: random.Random) -> str:
    """Geometry3K JSON lines: a few records, mutated, some ids repeated, forms deep or long."""
    lines = []
    for i in range(rng.randint(1, 3)):
        rec = dict(_mutate_json(_G3K, rng))  # type: ignore[call-overload]
        rec["id"] = rng.choice([i, 7, "x", None, 1.5]) if rng.random() < 0.3 else i
        if rng.random() < 0.1:
            rec["diagram_logic_forms"] = ["Line(" * rng.choice([60, 50000]) + "A, B" + ")" * 10]
        if rng.random() < 0.1:
            forms = list(_G3K["diagram_logic_forms"])  # type: ignore[call-overload]
            forms[rng.randrange(len(forms))] = _mutate_text(rng.choice(forms), rng)
            rec["diagram_logic_forms"] = forms
        lines.append(_json_text(rec, rng) if rng.random() < 0.3 else json.dumps(rec))
    return "\n".join(lines) + "\n"


def reply(rng: random.Random) -> str:
    """A chat-completions body (JSON text) whose content is a program, fenced or not, mutated."""
    program = source(rng)
    content = rng.choice([program, f"Here it is:\n```rdsl\n{program}\n```\n", f"```\n{program}```",
                          "I cannot do that.", "```rdsl\n" + program, "\x1b[2J" + program])
    body: object = {"choices": [{"message": {"content": content}}], "usage": {"total_tokens": 10}}
    if rng.random() < 0.3:
        body = _mutate_json(body, rng)
    return _json_text(body, rng) if rng.random() < 0.3 else json.dumps(body)


GENERATORS: dict[str, Callable[[random.Random], str]] = {
    "source": source, "spec": spec, "csv": csv, "g3k": g3k, "reply": reply}


# -- properties ----------------------------------------------------------------------------------


def _located(diags: list[object], text: str, where: str) -> None:
    from recode_dsl.errors import Diagnostic, format_text
    from recode_dsl.messages import CODE_OF

    lines = text.count("\n") + 2
    for d in diags:
        assert isinstance(d, Diagnostic), d
        assert d.code in CODE_OF, f"{where}: undocumented code {d.code}"
        assert 1 <= d.span.line <= lines and d.span.col >= 1, f"{where}: unlocated {d.code} {d.message!r} {d.span}"
    printed = format_text(diags, text, "input")  # type: ignore[arg-type]
    assert not CONTROL_OUTPUT.search(printed), f"{where}: a control character reaches the terminal"


def check_source(text: str, draw: bool = False) -> None:
    import recode_dsl

    result = recode_dsl.compile(text, "input.rdsl", timeout=2.0)
    _located(result.diagnostics, text, "compile")  # type: ignore[arg-type]
    assert result.ok or not result.answers or any(d.severity == "error" for d in result.diagnostics)
    for ans in result.answers:  # an exact answer and its float say the same number
        if isinstance(ans.exact, sympy.Basic) and ans.exact.is_number and ans.value is not None:
            assert abs(float(ans.exact) - ans.value) <= 1e-6 * max(1.0, abs(ans.value)), (ans.query, ans.exact,
                                                                                         ans.value)
    if draw and result.ok and result.scene is not None:
        from recode_dsl.errors import RecodeError

        try:
            recode_dsl.render(result.scene, "svg")
        except RecodeError as err:
            _located(err.diagnostics, text, "render")  # type: ignore[arg-type]


def _imported(build: Callable[[], str], text: str, where: str) -> None:
    from recode_dsl.interop.chart_spec import ImportFailed, checked

    try:
        program = build()
    except ImportFailed as err:
        _located(err.diagnostics, text, where)  # type: ignore[arg-type]
        return
    try:
        checked(program)
    except ImportFailed as err:  # located in the program the importer wrote
        _located(err.diagnostics, program, where + " (program)")  # type: ignore[arg-type]


def check_spec(text: str) -> None:
    from recode_dsl.interop.chart_spec import load_spec, spec_to_program

    _imported(lambda: spec_to_program(load_spec(text), text), text, "chart spec")


def check_csv(text: str) -> None:
    from recode_dsl.interop.csv_table import csv_to_program

    for kind in ("bar", "scatter", "pie"):
        _imported(lambda kind=kind: csv_to_program(text, kind), text, f"csv {kind}")  # type: ignore[misc]


def check_g3k(text: str, tmp: Path) -> None:
    from recode_dsl.interop.geometry3k import import_problem, read_problems

    path = tmp / "records.jsonl"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    records, bad = read_problems(path)
    _located(bad, text, "geometry3k lines")  # type: ignore[arg-type]
    assert len({str(r["id"]) for _, r in records}) == len(records), "two records with one id"
    for line, record in records:
        imported = import_problem(record, line)
        for d in imported.diagnostics:
            assert d.span.line >= 1 or d.code in ("E080", "E081", "E082", "E083", "E084", "E085", "E087", "E088")
    try:
        raw = json.loads(text.splitlines()[0])
    except (ValueError, RecursionError, IndexError):
        return
    import_problem(raw, 1)  # a record straight from Python: never raises


def check_reply(text: str) -> None:
    from recode_dsl.agent.client import _parse_reply, _Retry
    from recode_dsl.agent.loop import extract_program

    try:
        texts, _ = _parse_reply(text.encode("utf-8", errors="surrogatepass"))
    except _Retry as retry:  # a malformed reply: E090 says where in the reply, in printable text
        assert not CONTROL_OUTPUT.search(retry.reason), "a control character in the E090 message"
        whole = ("is empty", "no 'choices' field", "not UTF-8 (byte", "not an object", "is not JSON (")
        assert " at line " in retry.reason or any(w in retry.reason for w in whole), f"unlocated: {retry.reason}"
        return
    for content in list(dict.fromkeys(texts))[:16]:  # the loop compiles each distinct candidate once
        check_source(extract_program(content))


def check(target: str, text: str, tmp: Path, draw: bool = False) -> None:
    """Run the property of one target on one input."""
    if target == "source":
        check_source(text, draw)
    elif target == "spec":
        check_spec(text)
    elif target == "csv":
        check_csv(text)
    elif target == "g3k":
        check_g3k(text, tmp)
    else:
        check_reply(text)


EXTENSIONS = {"source": ".rdsl", "spec": ".json", "csv": ".csv", "g3k": ".jsonl", "reply": ".json"}


def save_regression(target: str, text: str) -> Path:
    """Keep an input that escaped as a fixture: tests/fuzz/regressions/<target>/<hash><ext>, gzipped
    when over 20 kB (fuzzed inputs that large are repetitive: they shrink to a few hundred bytes)."""
    import gzip
    import hashlib

    data = text.encode("utf-8", "surrogatepass")
    folder = REGRESSIONS / target
    folder.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:12] + EXTENSIONS[target]
    if len(data) > 20_000:
        path = folder / (name + ".gz")
        path.write_bytes(gzip.compress(data, mtime=0))
    else:
        path = folder / name
        path.write_bytes(data)
    return path


def load_regression(path: Path) -> tuple[str, str]:
    """(target, text) of a kept fixture."""
    import gzip

    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return path.parent.name, data.decode("utf-8", "surrogatepass")
