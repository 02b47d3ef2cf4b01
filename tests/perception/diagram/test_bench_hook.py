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
