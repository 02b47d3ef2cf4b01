"""``recode-dsl bench geometry3k FILE --diagram-from-image PNG_DIR``: text forms from the
record, the diagram from the image, and the reading scored against the annotations."""

from __future__ import annotations

from pathlib import Path

import pytest

from recode_dsl.cli import main

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "diagram" / "geometry3k"


def _two_records(tmp_path: Path) -> Path:
    lines = (FIXTURES / "records.jsonl").read_text().splitlines()[:2]
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_bench_reads_the_diagrams_and_scores_the_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["bench", "geometry3k", str(_two_records(tmp_path)), "--diagram-from-image", str(FIXTURES),
                 "--no-progress", "--timeout", "5"])
    out = capsys.readouterr().out
    assert code == 0
    assert "solved=" in out
    assert "reading: 2 of 2 images read" in out
    assert "reading: points recall" in out and "reading: diagram facts stated" in out


def test_bench_missing_image_directory_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["bench", "geometry3k", str(_two_records(tmp_path)), "--diagram-from-image",
                 str(tmp_path / "nowhere"), "--no-progress"])
    assert code == 2
    assert "no such directory" in capsys.readouterr().err


def test_bench_missing_image_warns_and_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pngs").mkdir()
    code = main(["bench", "geometry3k", str(_two_records(tmp_path)), "--diagram-from-image",
                 str(tmp_path / "pngs"), "--no-progress", "--timeout", "5"])
    captured = capsys.readouterr()
    assert code == 0
    assert "warning[E120]" in captured.err
    assert "reading: 0 of 2 images read" in captured.out


def test_the_questions_dollar_is_the_figure_read_not_the_annotators_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "Find the area of the parallelogram.": the data's dissolved form names the annotators'
    # points (I, C, A, B); from pixels the question's own form is resolved against the reading
    import json

    rec = next(json.loads(line) for line in (FIXTURES / "records.jsonl").read_text().splitlines()
               if json.loads(line)["id"] == 1345)
    rec["text_logic_forms"] = ["Find(AreaOf(Parallelogram($)))"]
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(rec) + "\n")
    out = tmp_path / "out.json"
    code = main(["bench", "geometry3k", str(path), "--diagram-from-image", str(FIXTURES), "--no-progress",
                 "--timeout", "5", "--json", str(out)])
    capsys.readouterr()
    assert code == 0
    (problem,) = json.loads(out.read_text())["problems"]
    assert problem["solved"], problem
    assert abs(problem["answer"] - 75 * 2 ** 0.5) < 1e-6
