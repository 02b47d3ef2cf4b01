"""``make demo`` writes every example's image and a gallery page with each program beside its image."""

from __future__ import annotations

from pathlib import Path

from recode_dsl import demo


def test_gallery_shows_each_program_beside_its_image(tmp_path: Path) -> None:
    examples, out = tmp_path / "examples", tmp_path / "out"
    examples.mkdir()
    (examples / "geo_ok.rdsl").write_text("figure \"Two points\"\npoint A = (0, 0), B = (3, 4)\nsegment(A, B)\n"
                                          "ask length(A, B)\n", encoding="utf-8")
    (examples / "geo_broken.rdsl").write_text("figure\npoint A = (0, 0)\nsegment(A, Q)\n", encoding="utf-8")
    status = demo.run(examples, out)
    page = (out / "index.html").read_text(encoding="utf-8")
    assert status == 1  # the broken example fails the run; the others are still drawn
    assert (out / "geo_ok.png").read_bytes().startswith(b"\x89PNG")
    assert "geo_ok.rdsl: Two points" in page and "<img src=\"geo_ok.png\"" in page
    assert "segment(A, B)" in page and "segment(A, Q)" in page
    assert "E010" in page or "unknown point" in page  # the broken program's diagnostic is shown
    assert not (out / "geo_broken.png").exists()


def test_gallery_escapes_programs() -> None:
    page = demo.gallery_html([demo.Entry("x.rdsl", "figure \"<b>\"")])
    assert "&lt;b&gt;" in page and "<b>" not in page
