"""A derendering as a page people can look at: ``index.html`` and its images, no server needed.

``write_report(outcome, DIR)`` writes ``DIR/index.html`` with ``DIR/input.png`` and, for each
candidate, its rendering and difference image (``rR-cI.png``, ``rR-cI-diff.png``): the input;
each round's candidates with program, rendering, difference, score, verdict and diagnostics; the
chosen program with its answers. ``html_page(outcome, inline=True)`` is the same page with the
images inline (data URLs), which Jupyter shows for a ``Derendering``. Everything model-written
is escaped; the page loads nothing from the network and runs no script.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from recode_dsl.agent.images import data_url
from recode_dsl.agent.loop import Candidate, Derendering
from recode_dsl.agent.text import clean

_STYLE = """
body{font-family:sans-serif;margin:1.5em;color:#222;max-width:1400px}
h1{font-size:1.4em} h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}
.cands{display:flex;flex-wrap:wrap;gap:1em}
.cand{border:1px solid #ccc;border-radius:6px;padding:.6em;width:420px;background:#fafafa}
.cand.best{border:2px solid #2a7;background:#f3fbf6}
.imgs{display:flex;gap:.4em} .imgs figure{margin:0;flex:1} .imgs img{width:100%;border:1px solid #ddd}
figcaption{font-size:.75em;color:#666}
pre{background:#fff;border:1px solid #e3e3e3;padding:.4em;font-size:.78em;overflow:auto;max-height:18em}
.ok{color:#176;font-weight:bold} .no{color:#a33;font-weight:bold} .warn{color:#a60}
table{border-collapse:collapse} td,th{border:1px solid #ccc;padding:.2em .5em;font-size:.9em}
img.input{max-width:640px;border:1px solid #ccc}
"""


def _e(text: str) -> str:
    return html.escape(clean(text, 20_000))


def _verdict(c: Candidate) -> str:
    if c.verdict is None:
        return '<span class="no">does not compile</span>' if not c.result.ok else '<span class="no">not drawn</span>'
    cls = "ok" if c.verdict.verified else "no"
    residuals = "".join(f"<li>{_e(r)}</li>" for r in c.verdict.residuals)
    return (f'<span class="{cls}">{_e(c.verdict.summary())}</span>'
            + (f"<ul>{residuals}</ul>" if residuals else ""))


def _diagnostics(c: Candidate) -> str:
    diags = c.diagnostics
    if not diags:
        return ""
    rows = "".join(f"<li><code>{_e(d.severity)}[{_e(d.code)}]</code> line {d.span.line}, col {d.span.col}: "
                   f"{_e(d.message)}{(' <i>hint: ' + _e(d.hint) + '</i>') if d.hint else ''}</li>" for d in diags)
    return f"<ul>{rows}</ul>"


def _candidate(c: Candidate, best: bool, image: Callable[[bytes, str], str]) -> str:
    name = f"r{c.round}-c{c.index + 1}"
    imgs = ""
    if c.rendering and c.same_as is None:
        imgs = (f'<div class="imgs"><figure><img src="{image(c.rendering, name + ".png")}" alt="rendering">'
                f"<figcaption>rendering</figcaption></figure>")
        if c.difference:
            imgs += (f'<figure><img src="{image(c.difference, name + "-diff.png")}" alt="difference">'
                     "<figcaption>difference (red: extra, blue: missing)</figcaption></figure>")
        imgs += "</div>"
    same = (f"<p>same program as candidate {c.same_as[0]}.{c.same_as[1] + 1} (not evaluated again)</p>"
            if c.same_as else "")
    return (f'<div class="cand{" best" if best else ""}"><b>{_e(c.label)}</b>{" (chosen)" if best else ""}'
            f"<p>{_verdict(c)} <small>{c.seconds:.2f} s</small></p>{same}{imgs}"
            f"<pre>{_e(c.program)}</pre>{_diagnostics(c)}</div>")


def html_page(outcome: Derendering, inline: bool = False, files: dict[str, bytes] | None = None) -> str:
    """The report page. ``inline``: images as data URLs; else they are put in ``files``
    (name -> PNG bytes) and referenced by name."""
    store = files if files is not None else {}

    def image(png: bytes, name: str) -> str:
        if inline:
            return data_url(png)
        store[name] = png
        return html.escape(name)

    best = outcome.best
    parts = ["<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">",
             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' data: file:; "
             "style-src 'unsafe-inline'\">",
             f"<title>recode-dsl derendering</title><style>{_STYLE}</style></head><body>",
             "<h1>recode-dsl derendering</h1>"]
    status = ('<span class="ok">verified</span>' if outcome.verified else
              '<span class="no">not verified</span>' if best else '<span class="no">no program compiled</span>')
    parts.append(f"<p>Result: {status}; {len(outcome.rounds)} round(s), {outcome.requests} model call(s), "
                 f"{outcome.evaluated} distinct candidate(s) evaluated.</p>")
    for d in outcome.error + outcome.warnings:
        parts.append(f'<p class="{"no" if d.severity == "error" else "warn"}">{_e(d.severity)}[{_e(d.code)}]: '
                     f"{_e(d.message)}</p>")
    if outcome.image:
        parts.append(f'<h2>Input</h2><img class="input" src="{image(outcome.image, "input.png")}" alt="input">')
    if best is not None:
        parts.append(f"<h2>Chosen program ({_e(best.label)})</h2><p>{_verdict(best)}</p><pre>{_e(best.program)}</pre>")
        if best.result.answers:
            rows = "".join(f"<tr><td><code>{_e(a.query)}</code></td><td>{_e(a.text)}</td></tr>"
                           for a in best.result.answers)
            parts.append(f"<table><tr><th>question</th><th>answer</th></tr>{rows}</table>")
    for cands in outcome.rounds:
        if not cands:
            continue
        title = "Offline program" if cands[0].round == 0 else f"Round {cands[0].round}"
        body = "".join(_candidate(c, _same(c, best), image) for c in cands)
        parts.append(f'<h2>{title}</h2><div class="cands">{body}</div>')
    parts.append("</body></html>")
    return "\n".join(parts)


def _same(c: Candidate, best: Candidate | None) -> bool:
    return best is not None and c.same_as is None and (c.round, c.index) == (best.round, best.index)


def write_report(outcome: Derendering, directory: str | Path) -> Path:
    """Write ``index.html`` and its images into ``directory``; returns the page's path."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {}
    page = html_page(outcome, inline=False, files=files)
    for name, data in files.items():
        (out / name).write_bytes(data)
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index
