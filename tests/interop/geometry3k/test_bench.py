"""Geometry3K bench: nearest-choice scoring, no credit without an answer, the worker guard, the commands."""

from __future__ import annotations

import json
import math
import re
import time
from pathlib import Path
from typing import Any

import pytest

from recode_dsl import messages
from recode_dsl.cli import main
from recode_dsl.commands.bench_geometry3k import solve_drawn
from recode_dsl.interop.geometry3k import bench as bench_g3k
from recode_dsl.interop.geometry3k.bench import Solved, nearest_choice, quantile, run_all, score, summary_line
from recode_dsl.interop.geometry3k.importer import problem_of

SUMMARY = re.compile(r"^solved=\d+/\d+ accuracy=\d\.\d{4} median_s=\d+\.\d{3} p95_s=\d+\.\d{3}$")
CHART = 'chart bar\ncategories("a", "b")\nseries("S", [1, 2])\nask max("S")\n'


def record(ident: int, answer: str = "B", values: tuple[Any, ...] = (3.0, 5.0, 7.0, 9.0),
           **extra: Any) -> dict[str, Any]:
    return {"id": ident, "problem_text": "Find x.", "choices": [str(v) for v in values], "precise_value": list(values),
            "answer": answer, "problem_type_goal": ["Length"], "problem_type_graph": ["Triangle"],
            "point_positions": {"A": [0, 0], "B": [40, 0]}, "diagram_logic_forms": ["Equals(LengthOf(Line(A, B)), 5)"],
            "text_logic_forms_dissolved": ["Find(LengthOf(Line(A, B)))"], **extra}


@pytest.mark.parametrize(("value", "index"), [(5.0, 1), (5.9, 1), (6.1, 2), (-100.0, 0), (1e9, 3)])
def test_nearest_choice(value: float, index: int) -> None:
    assert nearest_choice(value, [3.0, 5.0, 7.0, 9.0]) == index


def test_nearest_choice_skips_symbolic_choices_and_needs_a_value() -> None:
    assert nearest_choice(5.0, [math.nan, 9.0]) == 1
    assert nearest_choice(None, [3.0]) is None
    assert nearest_choice(math.nan, [3.0]) is None
    assert nearest_choice(3.0, [math.nan]) is None


def test_score_solved_only_when_the_nearest_choice_is_the_answer() -> None:
    problem = problem_of(record(1, answer="B"))
    assert score(problem, Solved(5.2, "26/5", 0.1, None)).solved
    wrong = score(problem, Solved(6.5, "13/2", 0.1, None))
    assert not wrong.solved and wrong.choice == "C" and wrong.reason
    none = score(problem, Solved(None, None, 0.1, "E041: cannot determine x"))
    assert not none.solved and none.choice is None and none.reason == "E041: cannot determine x"


def test_an_answer_only_nearest_the_key_is_counted_apart() -> None:
    problem = problem_of(record(1, answer="B"))
    exact, near = score(problem, Solved(5.0, "5", 0.1, None)), score(problem, Solved(5.6, "28/5", 0.1, None))
    assert exact.solved and exact.matches_key
    assert near.solved and not near.matches_key
    assert not score(problem, Solved(7.0, "7", 0.1, None)).matches_key
    assert "of the solved, 1 are only nearest the key" in bench_g3k.report([exact, near])


def test_symbolic_precise_values_never_win() -> None:
    problem = problem_of(record(1, answer="A", values=("10 y^2 + 5 y", 4.0, 8.0, 12.0)))
    assert math.isnan(problem.values[0])
    assert not score(problem, Solved(0.0, "0", 0.1, None)).solved


def test_summary_line_and_quantiles() -> None:
    problem = problem_of(record(1))
    outcomes = [score(problem, Solved(5.0, "5", t, None)) for t in (0.1, 0.2, 0.3)]
    outcomes.append(score(problem, Solved(None, None, 4.0, "no answer")))
    line = summary_line(outcomes)
    assert SUMMARY.match(line)
    assert line.startswith("solved=3/4 accuracy=0.7500 median_s=0.200 p95_s=4.000")
    assert quantile([], 0.5) == 0.0
    assert bench_g3k.failure_kinds(outcomes) == {"no answer": 1}
    assert "unsolved: no answer 1" in bench_g3k.report(outcomes).splitlines()


def test_workers_answer_in_order() -> None:
    got = run_all([CHART, "figure\nsegment(A, Q)\n", CHART], timeout=5.0, jobs=2, compile_program=solve_drawn)
    assert [g.value for g in got] == [2.0, None, 2.0]
    assert got[1].reason and got[1].reason.startswith("E0")


def _sleepy(source: str, timeout: float, compile_program: object) -> Solved:
    time.sleep(30)
    return Solved(1.0, "1", 30.0, None)


def test_a_runaway_problem_is_stopped_by_the_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench_g3k, "GRACE_S", 0.3)
    monkeypatch.setattr(bench_g3k, "solve_source", _sleepy)  # the forked worker inherits the patch
    start = time.perf_counter()
    (got,) = run_all([CHART], timeout=0.1, jobs=1, compile_program=solve_drawn)
    assert time.perf_counter() - start < 10
    assert got.value is None and got.reason and messages.g3k_worker_timeout(0.5) in got.reason


def _jsonl(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "g3k.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_bench_command_prints_types_and_summary_and_writes_json(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = _jsonl(tmp_path, [json.dumps(record(1)), json.dumps(record(2, text_logic_forms_dissolved=[]))])
    out = tmp_path / "out.json"
    assert main(["bench", "geometry3k", str(path), "--timeout", "5", "--json", str(out), "--no-progress"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert SUMMARY.match(lines[-1]) and lines[-1].startswith("solved=")
    assert "problem_type_goal:" in lines and "problem_type_graph:" in lines
    doc = json.loads(out.read_text(encoding="utf-8"))
    recs = {r["id"]: r for r in doc["problems"]}
    assert set(recs) == {"1", "2"}
    assert {"answer", "exact", "seconds", "solved", "reason"} <= set(recs["1"])
    assert recs["2"]["solved"] is False and "E084" in recs["2"]["reason"]


def test_bench_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _jsonl(tmp_path, [json.dumps(record(i)) for i in range(3)])
    assert main(["bench", "geometry3k", str(path), "--limit", "1", "--no-progress"]) == 0
    assert "/1 accuracy=" in capsys.readouterr().out


def test_bad_lines_are_located_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _jsonl(tmp_path, [json.dumps(record(1)), "{not json", json.dumps({"id": 3})])
    assert main(["import", "geometry3k", str(path), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert f"{path}:2:" in err and f"{path}:3:1: error[E086]" in err and "Traceback" not in err
    assert (tmp_path / "out" / "0001.rdsl").exists()


def test_missing_file_and_bad_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "geometry3k", str(tmp_path / "nope.jsonl")]) == 2
    path = _jsonl(tmp_path, [json.dumps(record(1))])
    assert main(["bench", "geometry3k", str(path), "--jobs", "0"]) == 2
    assert main(["import", "geometry3k", str(_jsonl(tmp_path, [""])), "--out", str(tmp_path)]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_import_command_writes_one_program_per_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _jsonl(tmp_path, [json.dumps(record(7)), json.dumps(record(12))])
    assert main(["import", "geometry3k", str(path), "--out", str(tmp_path / "progs")]) == 0
    files = sorted(p.name for p in (tmp_path / "progs").iterdir())
    assert files == ["0007.rdsl", "0012.rdsl"]
    text = (tmp_path / "progs" / "0007.rdsl").read_text(encoding="utf-8")
    assert "length(A, B) = 5" in text and text.rstrip().endswith("ask length(A, B)")


def test_a_file_of_bad_lines_prints_a_capped_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "notes.jsonl"
    path.write_text("".join(f"line {i}\n" for i in range(50)), encoding="utf-8")
    assert main(["import", "geometry3k", str(path), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.count("error[E086]") == 20 and "... and 30 more bad lines" in err
