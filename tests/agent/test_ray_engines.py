"""``--engine ray`` for the benches (issue 14): ``bench charts`` and ``bench geometry3k`` give on a
local Ray instance what they give with local worker processes; a task past the guard is cancelled
and a task whose worker dies fails only its own item."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from recode_dsl import messages
from recode_dsl.cli import main

ray = pytest.importorskip("ray", reason="ray is an optional extra (pip install 'recode-dsl[ray]')")
pytestmark = pytest.mark.serial  # a Ray cluster of its own: make test runs these alone, after the rest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "perception"
CHART = 'chart bar\ncategories("a", "b")\nseries("S", [1, 2])\nask max("S")\n'


@pytest.fixture(scope="module", autouse=True)
def local_ray() -> Iterator[None]:
    """One local Ray instance for the module (the engines use an instance already started)."""
    if ray.is_initialized():
        yield
        return
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()


def g3k_record(ident: int, length: int, answer: str) -> dict[str, Any]:
    return {"id": ident, "problem_text": "Find x.", "choices": ["3", "5", "7", "9"], "precise_value": [3, 5, 7, 9],
            "answer": answer, "problem_type_goal": ["Length"], "problem_type_graph": ["Line"],
            "point_positions": {"A": [0, 0], "B": [8 * length, 0]},
            "diagram_logic_forms": [f"Equals(LengthOf(Line(A, B)), {length})"],
            "text_logic_forms_dissolved": ["Find(LengthOf(Line(A, B)))"]}


def _problems(out: Path) -> dict[str, tuple[Any, ...]]:
    doc = json.loads(out.read_text(encoding="utf-8"))
    return {r["id"]: (r["solved"], r["answer"], r["reason"]) for r in doc["problems"]}


def test_bench_geometry3k_on_ray_answers_as_the_local_workers(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "g3k.jsonl"
    lines = [g3k_record(1, 5, "B"), g3k_record(2, 7, "C"), g3k_record(3, 9, "A"),
             {**g3k_record(4, 3, "A"), "text_logic_forms_dissolved": []}]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    local, on_ray = tmp_path / "local.json", tmp_path / "ray.json"
    assert main(["bench", "geometry3k", str(path), "--json", str(local), "--jobs", "2", "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["bench", "geometry3k", str(path), "--json", str(on_ray), "--engine", "ray", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "solved=2/4" in out  # 1 and 2 right, 3 answered 9 against key A, 4 without a question
    got = _problems(on_ray)
    assert got == _problems(local)
    assert got["1"][:2] == (True, 5.0) and got["3"][:2] == (False, 9.0) and "E084" in got["4"][2]


def test_an_unknown_engine_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["bench", "geometry3k", str(tmp_path / "x.jsonl"), "--engine", "spark"])
    assert stop.value.code == 2


def test_a_ray_task_past_the_guard_is_cancelled() -> None:
    from recode_dsl.agent.ray_engine import solve_programs

    def hangs(source: str, timeout: float) -> Any:
        time.sleep(600)

    start = time.monotonic()
    (got,) = solve_programs([CHART], 0.1, hangs)
    assert time.monotonic() - start < 60
    assert got.value is None and got.reason is not None and messages.g3k_worker_timeout(5.2) in got.reason


def test_a_dead_ray_worker_fails_only_its_problem() -> None:
    from recode_dsl.agent.ray_engine import solve_programs
    from recode_dsl.commands.bench_geometry3k import solve_drawn

    def dies_on_b(source: str, timeout: float) -> Any:
        if "b2" in source:
            os._exit(1)
        return solve_drawn(source, timeout)

    ok, dead = solve_programs([CHART, CHART.replace('"b"', '"b2"')], 5.0, dies_on_b)
    assert ok.value == 2.0 and ok.reason is None
    assert dead.value is None and dead.reason is not None and dead.reason.startswith("the worker failed")


def test_bench_charts_on_ray_matches_the_local_engine_and_resumes(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from recode_dsl.perception import ocr

    if not ocr.available():
        pytest.skip("the OCR engine (tesserocr + tesseract-ocr-eng) is missing")
    truth = tmp_path / "truth"
    truth.mkdir()
    for stem in ("mpl_bar_default", "mpl_line_markers", "vega_pie"):
        for ext in ("png", "json"):
            (truth / f"{stem}.{ext}").write_bytes((FIXTURES / f"{stem}.{ext}").read_bytes())
    runs = {}
    for engine in ("local", "ray"):
        pred = tmp_path / engine
        assert main(["bench", "charts", str(truth), "--out", str(pred), "--engine", engine, "--no-progress"]) == 0
        # Ray's own notices (a '(raylet)' line about the worker an earlier test killed on purpose)
        # may reach the driver's stdout at any time: they are Ray's, not the bench's
        runs[engine] = "\n".join(line for line in capsys.readouterr().out.splitlines() if "(raylet)" not in line)
        assert runs[engine].splitlines()[-1].startswith("summary: charts=3 ")
        assert sorted(p.name for p in pred.glob("*.rdsl")) == ["mpl_bar_default.rdsl", "mpl_line_markers.rdsl",
                                                               "vega_pie.rdsl"]
    assert runs["ray"] == runs["local"]
    for prog in (tmp_path / "local").glob("*.rdsl"):
        assert (tmp_path / "ray" / prog.name).read_text() == prog.read_text()
    rows = (tmp_path / "ray" / "summary.jsonl").read_text().splitlines()
    assert sorted(json.loads(r)["name"] for r in rows) == ["mpl_bar_default", "mpl_line_markers", "vega_pie"]
    # resumable across engines: a second run (either engine) derenders nothing again
    assert main(["bench", "charts", str(truth), "--out", str(tmp_path / "ray"), "--no-progress"]) == 0
    assert (tmp_path / "ray" / "summary.jsonl").read_text().splitlines() == rows
