"""The command line: exit codes 0/1/2, the text and JSON diagnostic forms, fmt --check,
and never a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from recode_dsl import messages
from recode_dsl.cli import main

GOOD_CHART = 'chart bar\ncategories("a", "b")\nseries("S", [1, 2])\nask max("S")\n'
BAD_FIGURE = "figure\npoint A, O\nsegment(A, Q)\n"
HEAD = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): "
                  r"(?P<sev>error|warning)\[(?P<code>E\d{3})\]: (?P<msg>.+)$")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_compile_ok_exits_0_and_prints_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compile", str(_write(tmp_path, "ok.rdsl", GOOD_CHART))]) == 0
    out = capsys.readouterr()
    assert "max(" in out.out and "Traceback" not in out.err


def test_compile_error_text_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "bad.rdsl", BAD_FIGURE)
    assert main(["compile", str(path)]) == 1
    lines = capsys.readouterr().err.splitlines()
    head = HEAD.match(lines[0])
    assert head is not None, lines
    assert (head["file"], head["line"], head["col"], head["code"]) == (str(path), "3", "12", "E010")
    assert head["msg"] == messages.undefined_name("point", "Q")
    assert lines[1].endswith("| segment(A, Q)")
    caret = lines[2]
    assert caret.index("^") == lines[1].index("segment(A, Q)") + len("segment(A, ")
    assert any("hint:" in ln for ln in lines[3:])


def test_compile_error_json_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "bad.rdsl", BAD_FIGURE)
    assert main(["compile", str(path), "--diagnostics", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    (d,) = doc["diagnostics"]
    assert d["code"] == "E010" and d["severity"] == "error"
    assert d["span"] == {"line": 3, "col": 12, "end_line": 3, "end_col": 13}
    assert d["hint"]


def test_parse_error_exit_1_without_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "broken.rdsl", "figure\ntriangle(A, B, C\nask ((\n")
    assert main(["compile", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert [m["code"] for m in map(HEAD.match, err.splitlines()) if m] == ["E002", "E002"]


@pytest.mark.parametrize("argv", [["compile"], ["no-such-command"], ["compile", "x.rdsl", "--emit", "bogus"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compile", str(tmp_path / "missing.rdsl")]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_binary_file_is_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "image.rdsl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe")
    assert main(["compile", str(path)]) in (1, 2)
    assert "Traceback" not in capsys.readouterr().err


def test_fmt_check_and_rewrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    messy = _write(tmp_path, "messy.rdsl", "figure\npoint A=(0,0),B\nlength(A,B)=2*x\n")
    assert main(["fmt", "--check", str(messy)]) == 1
    assert "would reformat" in capsys.readouterr().err
    assert main(["fmt", str(messy)]) == 0
    assert messy.read_text(encoding="utf-8") == "figure\npoint A = (0, 0), B\nlength(A, B) = 2 * x\n"
    assert main(["fmt", "--check", str(messy)]) == 0


def test_fmt_reports_parse_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "bad.rdsl", "figure\nlet w circle(O, 2)\n")
    assert main(["fmt", "--check", str(path)]) == 1
    head = HEAD.match(capsys.readouterr().err.splitlines()[0])
    assert head is not None and head["code"] == "E002" and (head["line"], head["col"]) == ("2", "7")


def test_emit_scene_and_ast(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "ok.rdsl", GOOD_CHART)
    assert main(["compile", str(path), "--emit", "scene"]) == 0
    assert json.loads(capsys.readouterr().out)["scene"]["kind"] == "bar"
    assert main(["compile", str(path), "--emit", "ast"]) == 0
    assert json.loads(capsys.readouterr().out)[0] == "Program"


def test_many_errors_are_capped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = "".join(f"segment(A, Q{i})\n" for i in range(40))
    path = _write(tmp_path, "many.rdsl", "figure\npoint A\n" + body)
    assert main(["compile", str(path)]) == 1
    err = capsys.readouterr().err
    assert sum(1 for ln in err.splitlines() if HEAD.match(ln)) < 40
    assert re.search(r"\.\.\. and \d+ more", err)


ONE_BAD_QUERY = ("figure\npoint A = (0, 0), B = (3, 4)\nsegment(A, B)\n"
                 "ask length(A, B)\nask length(A, B) / (length(A, B) - 5)\n")


def test_one_failing_query_keeps_the_other_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "q.rdsl", ONE_BAD_QUERY)
    assert main(["compile", str(path)]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines() == ["length(A, B) = 5"]
    assert f"{path}:5:1: error[" in out.err


def test_json_mode_is_one_document_with_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "q.rdsl", ONE_BAD_QUERY)
    assert main(["compile", str(path), "--diagnostics", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert [a["text"] for a in doc["answers"]] == ["5"]
    assert [(d["span"]["line"], d["severity"]) for d in doc["diagnostics"]] == [(5, "error")]


def test_the_readme_command_table_lists_every_command_and_no_other() -> None:
    from recode_dsl.commands import COMMANDS

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    table = readme.split("| command | what it does |")[1].split("\n\n")[0]
    rows = [ln for ln in table.splitlines() if ln.startswith("| `recode-dsl ")]
    usages = [row.split("`")[1] + " " for row in rows]
    for cmd in COMMANDS:
        words = " ".join(cmd.name)
        assert any(u.startswith(f"recode-dsl {words} ") for u in usages), f"the README lacks '{words}'"
    assert len(rows) == len(COMMANDS)
