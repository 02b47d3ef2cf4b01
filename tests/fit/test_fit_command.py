"""``recode-dsl fit``: a chart program's numbers fitted to an image, from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

import recode_dsl
from recode_dsl import scene
from recode_dsl.cli import main

TRUTH = [12, 15.5, 9, 21.25]
PROGRAM = """# read by eye
chart bar
canvas(640, 480)
plot_box(80, 58, 576, 427)
categories("2019", "2020", "2021", "2022")
series("Revenue", {values}, color="#1f77b4")
value_axis(0, 25)
category_axis(-0.5, 3.5)
ask argmax("Revenue")
"""


def _program(values: list[float]) -> str:
    return PROGRAM.format(values="[" + ", ".join(f"{v:g}" for v in values) + "]")


@pytest.fixture()
def target(tmp_path: Path) -> Path:
    result = recode_dsl.compile(_program(TRUTH))
    assert result.scene is not None
    path = tmp_path / "truth.png"
    path.write_bytes(recode_dsl.render(result.scene, "png"))
    return path


def test_fit_recovers_the_values_and_keeps_the_program(tmp_path: Path, target: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    prog = tmp_path / "prop.rdsl"
    prog.write_text(_program([11, 16.4, 10, 20]))
    out = tmp_path / "fitted.rdsl"
    assert main(["fit", str(prog), str(target), "-o", str(out)]) == 0
    text = out.read_text()
    assert text.startswith("# read by eye") and 'ask argmax("Revenue")' in text
    fitted = recode_dsl.compile(text)
    assert fitted.ok and isinstance(fitted.scene, scene.Chart)
    values = [float(v) for v in fitted.scene.series[0].values]
    px_per_unit = (427 - 58) / 25
    assert all(abs(v - t) <= 1 / px_per_unit for v, t in zip(values, TRUTH)), values
    assert [a.text for a in fitted.answers] == ["2022"]
    assert "marks measured" in capsys.readouterr().err


def test_a_figure_cannot_be_fitted(tmp_path: Path, target: Path, capsys: pytest.CaptureFixture[str]) -> None:
    prog = tmp_path / "fig.rdsl"
    prog.write_text("figure\npoint A = (0, 0), B = (1, 0)\nsegment(A, B)\n")
    assert main(["fit", str(prog), str(target)]) == 1
    assert "error[E074]" in capsys.readouterr().err


def test_program_errors_and_unreadable_images(tmp_path: Path, target: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.rdsl"
    bad.write_text("chart bar\ncategories(\"a\")\nseries(\"S\", [1, 2])\n")
    assert main(["fit", str(bad), str(target)]) == 1
    assert f"{bad}:3:" in capsys.readouterr().err
    prog = tmp_path / "prop.rdsl"
    prog.write_text(_program(TRUTH))
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"not a png")
    assert main(["fit", str(prog), str(junk)]) == 1  # bad input: a located E113, not a usage error
    assert f"{junk}:1:1: error[E113]: not a readable image" in capsys.readouterr().err
    assert main(["fit", str(prog), str(tmp_path / "missing.png")]) == 2


def test_derender_refuses_what_is_not_an_image_and_reports_a_dead_endpoint(
        tmp_path: Path, target: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"not a png")
    assert main(["derender", str(junk)]) == 1
    err = capsys.readouterr().err
    assert f"{junk}:1:1: error[E113]: not a readable image" in err and "= hint:" in err
    monkeypatch.setenv("OPENAI_API_KEY", "test")
    assert main(["derender", str(target), "--base-url", "http://127.0.0.1:9/v1", "--candidates", "1",
                 "--model", "m", "--no-offline"]) == 1  # the offline reader would answer without it
    err = capsys.readouterr().err
    assert "error[E090]" in err and "hint:" in err
