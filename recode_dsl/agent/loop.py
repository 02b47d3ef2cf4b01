"""The model loop: ask for candidate programs, keep the most faithful, refine until it matches.

    image ──prompt──▶ model ──n candidates──▶ compile ──▶ render ──▶ critic
       ▲                                           │ errors (JSON)     │ best score
       └──────────── repair / refine feedback ◀────┴───────────────────┘

Model text is only ever parsed by the compiler, never executed.
"""

from __future__ import annotations

import base64
import io
import json
import re
from dataclasses import dataclass, field

import numpy as np

from recode_dsl import pipeline
from recode_dsl.agent.client import Message, ModelClient
from recode_dsl.errors import Diagnostic, RecodeError
from recode_dsl.fit import critic
from recode_dsl.pipeline import CompileResult, render
from recode_dsl.scene import Chart

_FENCE = re.compile(r"```(?:[a-zA-Z0-9_-]+)?\n(.*?)```", re.DOTALL)


@dataclass(frozen=True)
class LoopConfig:
    candidates: int = 3
    rounds: int = 3
    temperature: float = 0.7
    target_score: float = 0.97
    solve_timeout: float = 10.0
    fit: bool = True  # fit each chart candidate's numbers to the image before the critic ranks it


@dataclass
class Candidate:
    program: str
    result: CompileResult
    fidelity: critic.Fidelity | None = None
    render_error: list[Diagnostic] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.result.ok and self.fidelity is not None


@dataclass
class Derendering:
    """The outcome: the best program, its compiled result with answers, and every round."""

    best: Candidate | None
    rounds: list[list[Candidate]]


def extract_program(reply: str) -> str:
    """The program in a model reply: the last fenced block, else the whole text.

    >>> extract_program("Here:\\n```rdsl\\nfigure\\npoint A\\n```")
    'figure\\npoint A\\n'
    """
    blocks = _FENCE.findall(reply)
    return blocks[-1] if blocks else reply.strip() + "\n"


def png_data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")


def load_image(png: bytes) -> critic.Image:
    """An HxWx4 uint8 array from PNG (or JPEG, GIF, BMP, TIFF, WebP) bytes; ValueError otherwise."""
    from skimage.io import imread

    if not (png.startswith(_IMAGE_MAGIC) or (png[:4] == b"RIFF" and png[8:12] == b"WEBP")):
        raise ValueError("not a PNG, JPEG, GIF, BMP, TIFF or WebP image")
    img = np.asarray(imread(io.BytesIO(png)))
    if img.ndim == 2:
        img = np.stack([img] * 3, axis=-1)
    if img.shape[-1] == 3:
        img = np.concatenate([img, np.full(img.shape[:2] + (1,), 255, img.dtype)], axis=-1)
    return img.astype(np.uint8)


def first_messages(png: bytes, system_prompt: str, questions: list[str], hint: str | None) -> list[Message]:
    task = ("Write a recode-dsl program that reproduces this image exactly: the same scene, labels, "
            "numbers and, for charts, the same canvas, plot box, axis ranges and colours. "
            "Reply with the program in one ```rdsl fenced block.")
    if hint:
        task += f" The image shows a {hint}."
    if questions:
        task += " Add one `ask` statement for each of these questions: " + "; ".join(questions)
    content = [{"type": "text", "text": task}, {"type": "image_url", "image_url": {"url": png_data_url(png)}}]
    return [{"role": "system", "content": system_prompt}, {"role": "user", "content": content}]


def evaluate(program: str, target: critic.Image, timeout: float, fit: bool = False) -> Candidate:
    """Compile, render and score one candidate program (a chart fitted to the image first if ``fit``)."""
    result = pipeline.compile(program, "candidate.rdsl", solve=False, timeout=timeout)
    if fit:
        program, result = fit_candidate(program, result, target, timeout)
    cand = Candidate(program, result)
    if result.scene is None:
        return cand
    try:
        rendered = render(result.scene, "array", size=(target.shape[1], target.shape[0]))
    except RecodeError as err:
        cand.render_error = list(err.diagnostics)
        return cand
    cand.fidelity = critic.score(target, rendered)
    return cand


def fit_candidate(program: str, result: CompileResult, target: critic.Image,
                  timeout: float = 10.0) -> tuple[str, CompileResult]:
    """A compiled chart candidate fitted to the image, recompiled; anything else (or a fit that
    changes nothing, or whose text would not compile) comes back as it was."""
    from recode_dsl.fit.program import fit_chart_program  # the fitter loads SciPy: only when fitting

    if not result.ok or result.program is None or not isinstance(result.scene, Chart):
        return program, result
    text = fit_chart_program(result.program, result.scene, target)
    if text is None:
        return program, result
    again = pipeline.compile(text, result.filename, solve=False, timeout=timeout)
    return (text, again) if again.ok else (program, result)


def feedback(best: Candidate | None, failures: list[Candidate]) -> Message:
    """The next user turn: errors to repair (as JSON), or the best rendering to refine."""
    if best is None:
        worst = failures[0] if failures else None
        diags = [d.to_json() for d in (worst.result.diagnostics + worst.render_error)] if worst else []
        text = ("Your program does not compile. Diagnostics (JSON):\n" + json.dumps(diags, indent=1) +
                "\nFix every error and reply with the whole corrected program in one ```rdsl block.")
        return {"role": "user", "content": text}
    assert best.fidelity is not None and best.result.scene is not None
    png = render(best.result.scene, "png")
    text = (f"Your best program so far scores {best.fidelity.score:.3f} (1.0 is a perfect match). Its rendering "
            "is attached. Compare it with the original image and correct every difference in positions, values, "
            "labels and layout. Reply with the whole program in one ```rdsl block.\n```rdsl\n" + best.program +
            "```")
    return {"role": "user", "content": [{"type": "text", "text": text},
                                        {"type": "image_url", "image_url": {"url": png_data_url(png)}}]}


def derender(png: bytes, client: ModelClient, system_prompt: str, config: LoopConfig = LoopConfig(),
             questions: list[str] | None = None, hint: str | None = None) -> Derendering:
    """Run the loop on a PNG image; the best candidate is compiled again with its answers."""
    target = load_image(png)
    messages = first_messages(png, system_prompt, questions or [], hint)
    best: Candidate | None = None
    history: list[list[Candidate]] = []
    for _ in range(config.rounds):
        replies = client.complete(messages, config.candidates, config.temperature)
        cands = [evaluate(extract_program(r), target, config.solve_timeout, config.fit) for r in replies]
        history.append(cands)
        valid = [c for c in cands if c.valid]
        round_best = max(valid, key=lambda c: c.fidelity.score if c.fidelity else 0.0, default=None)
        if round_best is not None and (best is None or _better(round_best, best)):
            best = round_best
        if best is not None and best.fidelity is not None and best.fidelity.score >= config.target_score:
            break
        messages = messages[:2] + [feedback(best, [c for c in cands if not c.valid])]
    if best is not None:
        best.result = pipeline.compile(best.program, "derendered.rdsl", timeout=config.solve_timeout)
    return Derendering(best, history)


def _better(a: Candidate, b: Candidate) -> bool:
    assert a.fidelity is not None and b.fidelity is not None
    return a.fidelity.score > b.fidelity.score
