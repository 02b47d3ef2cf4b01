"""The language reference and the prompt are generated from the registry and stay current."""

from __future__ import annotations

from pathlib import Path

import pytest

from recode_dsl import limits, reference, registry
from recode_dsl.cli import main
from recode_dsl.errors import CODES

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "language.md"


def test_docs_language_md_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == reference.markdown(), (
        f"docs/language.md is stale; regenerate it with `{reference.REGENERATE}`")


@pytest.mark.parametrize("func", registry.ALL, ids=lambda f: f"{f.role}:{f.name}")
def test_every_call_is_documented_in_reference_and_prompt(func: registry.Func) -> None:
    md, prompt = reference.markdown(), reference.prompt_text()
    for sig in reference.signatures(func):
        assert f"`{sig}`" in md
    assert func.doc in md and func.example in md
    assert f"- {func.name}(" in prompt or f"| {func.name}(" in prompt


def test_every_chart_kind_limit_type_and_code_is_in_the_reference() -> None:
    md = reference.markdown()
    for kind in registry.CHART_KINDS:
        assert f"`chart {kind}`" in md
    for what, value in limits.TABLE:
        cell = value.replace("|", "\\|")
        assert f"| {what} | {cell} |" in md
    for name in registry.TYPES:
        assert f"| `{name}` |" in md
    for code in CODES:
        assert f"| `{code}` |" in md


def test_every_parameter_type_is_a_documented_type() -> None:
    used = {p.type for f in registry.ALL for sig in f.signatures for p in sig}
    assert used <= set(registry.TYPES)


def test_prompt_examples_compile() -> None:
    from recode_dsl import compile as compile_program

    assert {what for what, _ in reference.EXAMPLE_PROGRAMS} >= {"chart", "figure"}
    for what, source in reference.EXAMPLE_PROGRAMS:
        assert f"Example {what}:\n{source}" in reference.PROMPT_EXAMPLES
        result = compile_program(source, solve=False)
        assert result.ok, result.diagnostics


def test_reference_command_writes_markdown_and_prompt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "lang.md"
    assert main(["reference", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == reference.markdown()
    assert main(["reference", "--prompt"]) == 0
    assert capsys.readouterr().out == reference.prompt_text()
