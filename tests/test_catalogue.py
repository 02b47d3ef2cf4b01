"""The catalogue of diagnostics (``messages.CODE_TABLE`` and the ``Message`` records) agrees
with the package: every code a call site reports is documented, every documented code is
reported somewhere, and each call site reports its text under one of the text's codes."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from recode_dsl import errors, messages, reference

PACKAGE = Path(messages.__file__).resolve().parent
CODE = re.compile(r"\bE\d{3}\b")
# The catalogue itself and the generators that print it do not count as uses.
CATALOGUE_FILES = {"messages.py", "errors.py", "reference.py"}


@dataclass(frozen=True)
class Use:
    code: str
    where: str


@dataclass(frozen=True)
class Pairing:
    """A call that reports ``code`` with a text from the record named ``text``."""

    code: str
    text: str
    severity: str | None
    where: str


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _compared(tree: ast.AST) -> set[int]:
    """Constants that are only tested against (``d.code in ("E082", ...)``), not reported."""
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for part in (node.left, *node.comparators):
                ids.update(id(sub) for sub in ast.walk(part) if isinstance(sub, ast.Constant))
    return ids


def _message_names(tree: ast.AST) -> set[str]:
    """Names bound by ``from recode_dsl.messages import ...`` in a module."""
    return {alias.asname or alias.name for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "recode_dsl.messages" for alias in node.names}


def _record_of(node: ast.AST, imported: set[str]) -> str | None:
    """The message record a call's function refers to: ``messages.X(...)`` or an imported ``X(...)``."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "messages":
        return node.attr
    if isinstance(node, ast.Name) and node.id in imported:
        return node.id
    return None


def _severity(call: ast.Call) -> str | None:
    """The severity a call gives as a literal: ``severity="warning"``, or the fifth positional
    argument of ``Diagnostic(code, message, span, hint, severity)``."""
    for k in call.keywords:
        if k.arg == "severity" and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str):
            return k.value.value
    if isinstance(call.func, ast.Name) and call.func.id == "Diagnostic" and len(call.args) >= 5:
        fifth = call.args[4]
        if isinstance(fifth, ast.Constant) and isinstance(fifth.value, str):
            return fifth.value
    return None


def scan(root: Path) -> tuple[list[Use], list[Pairing], set[str]]:
    """Codes reported in the package under ``root``, the (code, text) pairs of its calls, and
    the names of message records it refers to."""
    uses: list[Use] = []
    pairings: list[Pairing] = []
    referenced: set[str] = set()
    for path in sorted(root.rglob("*.py")):
        if path.name in CATALOGUE_FILES and path.parent == root:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree) | _compared(tree)
        imported = _message_names(tree)
        referenced |= imported
        rel = path.relative_to(root.parent)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                uses.extend(Use(c, f"{rel}:{node.lineno}") for c in CODE.findall(node.value))
            name = _record_of(node, set())
            if name is not None:
                referenced.add(name)
            if isinstance(node, ast.Attribute) and node.attr == "code":
                record = _record_of(node.value, imported)
                rec = getattr(messages, record, None) if record else None
                if isinstance(rec, messages.Message):
                    uses.append(Use(rec.code, f"{rel}:{node.lineno}"))
            if isinstance(node, ast.Call):
                args = [*node.args, *(k.value for k in node.keywords if k.arg != "severity")]
                codes = [a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)
                         and CODE.fullmatch(a.value)]
                sev = _severity(node)
                texts = [n for a in args for sub in ast.walk(a) if isinstance(sub, ast.Call)
                         and (n := _record_of(sub.func, imported)) is not None]
                # The outermost text names the diagnostic (inner calls word a part of it).
                pairings.extend(Pairing(c, texts[0], sev, f"{rel}:{node.lineno}") for c in codes if texts)
    return uses, pairings, referenced


@pytest.fixture(scope="module")
def package() -> tuple[list[Use], list[Pairing], set[str]]:
    return scan(PACKAGE)


def test_every_reported_code_is_documented(package: tuple[list[Use], list[Pairing], set[str]]) -> None:
    uses, _, _ = package
    undocumented = sorted({f"{u.code} at {u.where}" for u in uses if u.code not in messages.CODE_OF})
    assert not undocumented, "add these codes to messages.CODE_TABLE: " + ", ".join(undocumented)


def test_every_documented_code_is_reported(package: tuple[list[Use], list[Pairing], set[str]]) -> None:
    uses, _, _ = package
    reported = {u.code for u in uses}
    unused = [c.code for c in messages.CODE_TABLE if c.code not in reported]
    assert not unused, f"documented in messages.CODE_TABLE but reported nowhere: {unused}"


def test_each_call_reports_its_text_under_one_of_the_texts_codes(
        package: tuple[list[Use], list[Pairing], set[str]]) -> None:
    _, pairings, _ = package
    assert len(pairings) > 100  # the scan sees the package's call sites
    wrong = []
    for p in pairings:
        rec = getattr(messages, p.text, None)
        if not isinstance(rec, messages.Message):
            wrong.append(f"{p.where}: messages.{p.text} is not a Message record")
        elif p.code not in rec.codes:
            wrong.append(f"{p.where}: {p.code} with messages.{p.text}, whose codes are {rec.codes}")
        elif p.severity is not None and p.severity not in messages.severities(p.code):
            wrong.append(f"{p.where}: {p.code} as {p.severity}, documented as {messages.severities(p.code)}")
    assert not wrong, "\n".join(wrong)


def test_every_text_is_a_record_with_documented_codes() -> None:
    texts = [v for k, v in vars(messages).items() if not k.startswith("_") and callable(v)
             and getattr(v, "__module__", None) == messages.__name__
             and not isinstance(v, type) and k not in {"message", "severities"}]
    plain = [getattr(t, "__name__", repr(t)) for t in texts if not isinstance(t, messages.Message)]
    assert not plain, f"decorate these with @message(CODE): {plain}"
    for rec in messages.MESSAGES:
        assert rec.codes and all(c in messages.CODE_OF for c in rec.codes), rec.name
        assert rec.severity in messages.SEVERITIES, rec.name


def test_every_record_is_used_and_every_code_has_a_text(package: tuple[list[Use], list[Pairing], set[str]]) -> None:
    _, _, referenced = package
    dead = [m.name for m in messages.MESSAGES if m.name not in referenced]
    assert not dead, f"message records nothing in the package uses: {dead}"
    worded = {c for m in messages.MESSAGES for c in m.codes}
    assert [c.code for c in messages.CODE_TABLE if c.code not in worded] == []


def test_codes_are_unique_sorted_and_well_formed() -> None:
    codes = [c.code for c in messages.CODE_TABLE]
    assert codes == sorted(set(codes))
    assert all(CODE.fullmatch(c.code) and c.meaning and c.severity in messages.SEVERITIES
               for c in messages.CODE_TABLE)


def test_errors_codes_and_the_reference_table_come_from_the_catalogue() -> None:
    assert errors.CODES == {c.code: c.meaning for c in messages.CODE_TABLE}
    md = reference.markdown()
    for c in messages.CODE_TABLE:
        row = f"| `{c.code}` | {' or '.join(messages.severities(c.code))} | {c.meaning} |"
        assert row in md, row
    # Mixed codes say both severities: E041 is an error, or a warning when read from the drawing.
    assert messages.severities("E041") == ("error", "warning")
    assert messages.severities("E001") == ("error",)


def test_the_record_words_the_text_and_refuses_an_unknown_code() -> None:
    assert messages.undefined_name("point", "Q") == "unknown point 'Q'"
    assert messages.undefined_name.code == "E010" and messages.undefined_name.severity == "error"
    assert messages.read_from_drawing.severity == "warning"
    with pytest.raises(ValueError, match="E999"):
        messages.message("E999")
    with pytest.raises(ValueError, match="severity"):
        messages.message("E010", severity="fatal")


def _write(root: Path, name: str, text: str) -> None:
    (root / name).write_text(text, encoding="utf-8")


def test_the_scan_catches_an_undocumented_code_and_a_mismatched_pair(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    _write(pkg, "stage.py", '"""Mentions E998 in a docstring, which is no use."""\n'
                            "from recode_dsl import messages\n"
                            "def f(d):\n"
                            "    if d.code in ('E997',):\n"
                            "        return None\n"
                            "    return Diagnostic('E014', messages.undefined_name('point', 'Q'), severity='warning')\n"
                            "def g():\n"
                            "    return Diagnostic('E999', 'free text')\n"
                            "def h(s):\n"
                            "    return Diagnostic('E010', messages.undefined_name('n', 'x'), s, 'h', 'warning')\n")
    uses, pairings, referenced = scan(pkg)
    assert sorted(u.code for u in uses) == ["E010", "E014", "E999"]
    assert set(pairings) == {Pairing("E014", "undefined_name", "warning", "pkg/stage.py:6"),
                             Pairing("E010", "undefined_name", "warning", "pkg/stage.py:10")}
    assert "undefined_name" in referenced
