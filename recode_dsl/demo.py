"""``make demo``: compile every example, write its image, print its answers, and write a gallery.

The gallery, ``OUT/index.html``, shows each example's program beside its image, with its
answers and any diagnostics, so the whole language can be reviewed on one page.
"""

from __future__ import annotations

import argparse
import html
import sys
from dataclasses import dataclass, field
from pathlib import Path

from recode_dsl.errors import RecodeError, format_text
from recode_dsl.pipeline import compile, render  # noqa: A004


@dataclass
class Entry:
    """One example as the gallery shows it."""

    name: str
    source: str
    title: str | None = None
    image: str | None = None
    answers: list[str] = field(default_factory=list)
    problems: str = ""
    original: str | None = None  # a derendered image: the original beside our rendering


def run(examples: Path, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    status = 0
    entries: list[Entry] = []
    for path in sorted(examples.glob("*.rdsl")):
        entry, ok = _example(path, out)
        entries.append(entry)
        status |= 0 if ok else 1
    images = examples / "images"
    if images.is_dir():
        for path in sorted(images.glob("*.png")):
            entries.append(_derendered(path, out))
    gallery = out / "index.html"
    gallery.write_text(gallery_html(entries), encoding="utf-8")
    print(f"== gallery: {gallery}")
    return status


def _example(path: Path, out: Path) -> tuple[Entry, bool]:
    """Compile, draw and answer one example, printing as it goes."""
    source = path.read_text(encoding="utf-8")
    entry = Entry(path.name, source)
    result = compile(source, str(path))
    print(f"== {path.name}")
    if result.diagnostics:
        entry.problems = format_text(result.diagnostics, source, str(path))
        print(entry.problems)
    if result.scene is None:
        return entry, False
    entry.title = result.scene.title
    try:
        image = out / f"{path.stem}.png"
        image.write_bytes(render(result.scene, "png"))
        entry.image = image.name
        print(f"   image: {image}")
    except RecodeError as err:
        text = format_text(err.diagnostics, source, str(path))
        entry.problems = "\n".join(p for p in (entry.problems, text) if p)
        print(text)
    for ans in result.answers:
        entry.answers.append(f"{ans.query} = {ans.text}")
        print(f"   {ans.query} = {ans.text}")
    return entry, True


def _derendered(path: Path, out: Path) -> Entry:
    """Derender a chart image offline (no model): print its table and answers, write its program
    and our rendering of it beside a copy of the original."""
    import json
    import shutil

    from recode_dsl.derender import derender_image

    asks_file = path.with_suffix(".ask")
    asks = [q for q in asks_file.read_text(encoding="utf-8").splitlines() if q.strip()] if asks_file.exists() else []
    print(f"== derender {path.name} (offline)")
    got = derender_image(path, asks, name=str(path))
    shutil.copyfile(path, out / f"original_{path.name}")
    entry = Entry(f"derendered {path.name}", got.program or "", original=f"original_{path.name}")
    if got.error:
        entry.problems = got.error
        print(f"   {got.error}")
        return entry
    (out / f"{path.stem}.rdsl").write_text(got.program, encoding="utf-8")
    print(f"   kind {got.kind}, verified {got.verified}, {got.seconds:.2f} s")
    print(f"   table: {json.dumps(got.table)}")
    result = compile(got.program, str(path))
    if result.scene is not None:
        try:
            image = out / f"derendered_{path.stem}.png"
            image.write_bytes(render(result.scene, "png"))
            entry.image = image.name
            entry.title = result.scene.title
        except RecodeError as err:
            entry.problems = format_text(err.diagnostics, got.program, str(path))
    for ans in got.answers:
        entry.answers.append(f"{ans['query']} = {ans['text']}")
        print(f"   {ans['query']} = {ans['text']}")
    problems = [f"{d['code']}: {d['message']}" for d in got.diagnostics]
    if problems:
        entry.problems = "\n".join(problems)
        print("   " + "\n   ".join(problems))
    return entry


_STYLE = """
body { font-family: "DejaVu Sans", sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.5em; }
.example { display: flex; gap: 2em; align-items: flex-start; border-top: 1px solid #ccc; padding: 1.2em 0; }
.program { flex: 0 1 36em; min-width: 20em; }
pre { background: #f6f6f4; padding: 0.8em; overflow-x: auto; font-size: 0.85em; }
pre.problems { background: #fff0f0; color: #900; }
.image img { max-width: 560px; border: 1px solid #ddd; }
ul.answers { font-family: "DejaVu Sans Mono", monospace; font-size: 0.85em; }
"""


def gallery_html(entries: list[Entry]) -> str:
    """One HTML page: each example's program, answers and diagnostics beside its image.

    >>> "<pre>figure</pre>" in gallery_html([Entry("a.rdsl", "figure")])
    True
    """
    body = "\n".join(_entry_html(e) for e in entries)
    return (f"<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>recode-dsl examples</title>"
            f"<style>{_STYLE}</style></head>\n<body>\n<h1>recode-dsl examples ({len(entries)})</h1>\n"
            f"{body}\n</body></html>\n")


def _entry_html(e: Entry) -> str:
    title = f"{html.escape(e.name)}" + (f": {html.escape(e.title)}" if e.title else "")
    answers = "".join(f"<li>{html.escape(a)}</li>" for a in e.answers)
    parts = [f"<h2>{title}</h2>", f"<pre>{html.escape(e.source)}</pre>"]
    if answers:
        parts.append(f"<ul class=\"answers\">{answers}</ul>")
    if e.problems:
        parts.append(f"<pre class=\"problems\">{html.escape(e.problems)}</pre>")
    image = (f"<img src=\"{html.escape(e.image)}\" alt=\"{html.escape(e.name)}\">" if e.image
             else "<p>(no image)</p>")
    if e.original:
        image = (f"<p>original</p><img src=\"{html.escape(e.original)}\" alt=\"original\">"
                 f"<p>derendered, drawn by recode-dsl</p>{image}")
    return (f"<section class=\"example\" id=\"{html.escape(Path(e.name).stem)}\">"
            f"<div class=\"program\">{''.join(parts)}</div><div class=\"image\">{image}</div></section>")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--examples", type=Path, default=Path("examples"))
    ap.add_argument("--out", type=Path, default=Path("build/demo"))
    args = ap.parse_args()
    sys.exit(run(args.examples, args.out))


if __name__ == "__main__":
    main()
