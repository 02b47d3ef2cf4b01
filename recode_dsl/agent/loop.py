"""The model loop: ask for candidate programs, keep the best, repair and refine until one verifies.

    image ──prompt──▶ model ──n candidates──▶ compile ─▶ fit ─▶ render ─▶ judge (verdict)
       ▲                                           │ diagnostics          │ best, residuals,
       └──── repair / refine turn: numbered programs, diagnostics, ◀──────┘ rendering, difference

- Every turn after the first carries the programs it talks about, numbered by line: the best
  so far (with its verdict, rendering and difference image) and every distinct failed candidate
  with its deduplicated diagnostics, so a stateless model sees what the line numbers refer to.
- The loop stops as soon as a candidate verifies.
- Each distinct candidate (by its ``fmt``-normalised text) is evaluated once per run.
- A model failure in a later round keeps what earlier rounds found: the best so far comes out
  with its verdict and the error.

The loop is written once, as a generator of steps (``session``): it yields a ``ModelCall`` or an
``Evaluate`` and is sent the replies or the evaluated candidate. ``derender`` drives it in one
thread; the batch drives many at once with model calls in threads and evaluation in a process
pool (``agent.batch``). Model text is only ever parsed by the compiler, never executed.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from recode_dsl import pipeline
from recode_dsl.agent.client import Message, ModelClient
from recode_dsl.agent.images import Image, data_url, difference, load_image, png_bytes
from recode_dsl.agent.text import strip_controls
from recode_dsl.agent.verdict import Verdict, judge
from recode_dsl.errors import WHOLE_INPUT, AgentError, Diagnostic, RecodeError, Span, sort_and_cap
from recode_dsl.messages import grammar_ignored, verify_cannot
from recode_dsl.pipeline import CompileResult, render

__all__ = ["Candidate", "Derendering", "LoopConfig", "derender", "evaluate", "extract_program", "load_image",
           "png_data_url", "session"]

_FENCE = re.compile(r"```(?:[a-zA-Z0-9_-]+)?[ \t]*\r?\n(.*?)```", re.DOTALL)
_PARSE_CODES = {"E001", "E002", "E003"}
MAX_PROGRAM_CHARS = 20_000  # a reply's program beyond this is cut (the compiler's own limit is lower)
MAX_SHOWN_FAILURES = 4
MAX_SHOWN_DIAGNOSTICS = 8


@dataclass(frozen=True)
class LoopConfig:
    candidates: int = 3
    rounds: int = 3
    temperature: float = 0.7
    target_score: float = 0.97  # the critic's bar for a verdict of "verified"
    solve_timeout: float = 10.0
    fit: bool = True  # fit each chart candidate's numbers to the image before it is judged
    constrained: bool = False  # replies are bare programs (grammar-constrained decoding)
    server: str = "openai"


@dataclass
class Candidate:
    """One evaluated program: as written, as fitted, compiled, rendered and judged."""

    program: str
    result: CompileResult
    written: str = ""
    verdict: Verdict | None = None
    render_error: list[Diagnostic] = field(default_factory=list)
    rendering: bytes | None = None  # PNG
    difference: bytes | None = None  # PNG
    seconds: float = 0.0
    round: int = 0
    index: int = 0
    origin: str = "model"
    same_as: tuple[int, int] | None = None  # an identical earlier candidate (round, index)

    @property
    def valid(self) -> bool:
        return self.result.ok and self.verdict is not None

    @property
    def verified(self) -> bool:
        return self.verdict is not None and self.verdict.verified

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return list(self.result.diagnostics) + list(self.render_error)

    @property
    def label(self) -> str:
        return "offline program" if self.origin == "offline" else f"candidate {self.round}.{self.index + 1}"

    def to_json(self) -> dict[str, Any]:
        return {"round": self.round, "index": self.index, "origin": self.origin, "program": self.program,
                "valid": self.valid, "verdict": self.verdict.to_json() if self.verdict else None,
                "diagnostics": [d.to_json() for d in self.diagnostics], "seconds": round(self.seconds, 4),
                "same_as": list(self.same_as) if self.same_as else None}


@dataclass
class Derendering:
    """The outcome: the best program (compiled again with its answers), every round, and the
    error that ended the loop early, if any."""

    best: Candidate | None
    rounds: list[list[Candidate]]
    error: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    image: bytes = b""
    requests: int = 0
    evaluated: int = 0

    @property
    def verified(self) -> bool:
        return self.best is not None and self.best.verified

    def to_json(self) -> dict[str, Any]:
        best = self.best
        return {
            "verified": self.verified,
            "program": best.program if best else None,
            "verdict": best.verdict.to_json() if best and best.verdict else None,
            "answers": [a.to_json() for a in best.result.answers] if best else [],
            "rounds": [[c.to_json() for c in r] for r in self.rounds],
            "error": [d.to_json() for d in self.error],
            "warnings": [d.to_json() for d in self.warnings],
            "model_calls": self.requests,
            "evaluated": self.evaluated,
        }

    def _repr_html_(self) -> str:
        from recode_dsl.agent.report import html_page

        return html_page(self, inline=True)


# -- steps of the session ------------------------------------------------------------------


@dataclass(frozen=True)
class ModelCall:
    messages: list[Message]
    n: int
    temperature: float


@dataclass(frozen=True)
class Evaluate:
    program: str


@dataclass(frozen=True)
class Finish:
    program: str


Step = ModelCall | Evaluate | Finish


def extract_program(reply: str) -> str:
    """The program in a model reply: the last fenced block, else the whole text (controls
    stripped, length capped).

    >>> extract_program("Here:\\n```rdsl\\nfigure\\npoint A\\n```")
    'figure\\npoint A\\n'
    """
    blocks = _FENCE.findall(reply)
    text = blocks[-1] if blocks else reply.strip() + "\n"
    return strip_controls(text[:MAX_PROGRAM_CHARS])


def png_data_url(png: bytes) -> str:
    return data_url(png)


def normalise(program: str) -> str:
    """The key of a candidate: its canonical form when it parses (else its text), without blank
    lines or trailing spaces.

    >>> normalise('chart bar\\ncategories( "a" )') == normalise('chart bar\\n\\ncategories("a")  \\n')
    True
    """
    from recode_dsl import syntax
    from recode_dsl.fmt import format_program

    try:
        text = format_program(syntax.parse(program))
    except (RecodeError, RecursionError, ValueError):
        text = program
    return "\n".join(s for s in (line.rstrip() for line in text.splitlines()) if s)


def first_messages(png: bytes, system_prompt: str, questions: Sequence[str], hint: str | None,
                   constrained: bool = False) -> list[Message]:
    task = ("Write a recode-dsl program that reproduces this image exactly: the same scene, labels, "
            "numbers and, for charts, the same canvas, plot box, axis ranges and colours. ")
    task += ("Reply with the program only, no prose." if constrained
             else "Reply with the program in one ```rdsl fenced block.")
    if hint:
        task += f" The image shows a {hint}."
    if questions:
        task += " Add one `ask` statement for each of these questions: " + "; ".join(questions)
    content = [{"type": "text", "text": task}, {"type": "image_url", "image_url": {"url": data_url(png)}}]
    return [{"role": "system", "content": system_prompt}, {"role": "user", "content": content}]


def numbered(program: str) -> str:
    """The program with line numbers, as diagnostics count them.

    >>> print(numbered("chart bar\\nseries('S', [1])"))
       1 | chart bar
       2 | series('S', [1])
    """
    return "\n".join(f"{i:>4} | {line}" for i, line in enumerate(program.splitlines(), 1))


def _distinct_failures(failures: Sequence[Candidate]) -> list[tuple[Candidate, list[str]]]:
    """Failed candidates, one per distinct program, each with the labels of its copies."""
    groups: dict[str, tuple[Candidate, list[str]]] = {}
    for cand in failures:
        key = normalise(cand.written or cand.program)
        if key in groups:
            groups[key][1].append(cand.label)
        else:
            groups[key] = (cand, [cand.label])
    return list(groups.values())


def _diagnostics_json(cand: Candidate) -> list[dict[str, Any]]:
    diags = sort_and_cap([d for d in cand.diagnostics if d.severity == "error"] or cand.diagnostics,
                         MAX_SHOWN_DIAGNOSTICS)
    return [d.to_json() for d in diags]


def failure_text(failures: Sequence[Candidate]) -> str:
    """Each distinct failed program, numbered by line, with its deduplicated diagnostics (JSON)."""
    parts = []
    distinct = _distinct_failures(failures)
    for cand, labels in distinct[:MAX_SHOWN_FAILURES]:
        shown = cand.written or cand.program
        parts.append(f"{' = '.join(labels)} does not compile. Its program, numbered by line:\n"
                     f"{numbered(shown)}\nIts diagnostics (JSON):\n{json.dumps(_diagnostics_json(cand), indent=1)}")
    if len(distinct) > MAX_SHOWN_FAILURES:
        parts.append(f"({len(distinct) - MAX_SHOWN_FAILURES} more failed programs not shown)")
    return "\n\n".join(parts)


def feedback(best: Candidate | None, failures: Sequence[Candidate], constrained: bool = False) -> Message:
    """The next user turn: the best program to refine (numbered, with its verdict, rendering and
    difference image) and every distinct failed candidate with its diagnostics."""
    reply_form = "the whole program only" if constrained else "the whole program in one ```rdsl block"
    failed = failure_text(failures)
    if best is None:
        text = f"None of your programs compiles.\n\n{failed}\n\nFix every error and reply with {reply_form}."
        return {"role": "user", "content": text}
    assert best.verdict is not None
    residuals = "".join(f"\n- {r}" for r in best.verdict.residuals) or "\n- (none reported)"
    text = (f"Your best program so far ({best.label}) is {best.verdict.summary()}. Its program, numbered by "
            f"line:\n{numbered(best.program)}\nWhat still differs:{residuals}\n"
            "Attached: its rendering, then the difference against the original image (red: drawn but not in "
            "the original; blue: in the original but not drawn; purple: another colour). Correct every "
            f"difference in positions, values, labels and layout.")
    if failed:
        text += f"\n\nThese other programs failed:\n\n{failed}"
    text += f"\n\nReply with {reply_form}."
    content: list[dict[str, Any]] = [{"type": "text", "text": text}]
    for png in (best.rendering, best.difference):
        if png:
            content.append({"type": "image_url", "image_url": {"url": data_url(png)}})
    return {"role": "user", "content": content}


def evaluate(program: str, target: Image, timeout: float, fit: bool = False, target_score: float = 0.97,
             origin: str = "model") -> Candidate:
    """Compile, fit (charts, when ``fit``), render and judge one candidate program."""
    start = time.perf_counter()
    written = program
    result = pipeline.compile(program, "candidate.rdsl", solve=False, timeout=timeout)
    if fit and result.ok:
        from recode_dsl.fit.program import fit_candidate

        try:
            name = result.filename
            program, result = fit_candidate(program, result, target,
                                            lambda text: pipeline.compile(text, name, solve=False, timeout=timeout))
        except Exception:  # noqa: BLE001 - an unfittable chart is judged as written
            pass
    cand = Candidate(program, result, written=written, origin=origin)
    if result.scene is not None and result.ok:
        try:
            rendered = render(result.scene, "array", size=(target.shape[1], target.shape[0]))
            diff, differing = difference(target, rendered)
            cand.verdict = judge(target, rendered, result, differing, target_score)
            cand.rendering = png_bytes(rendered)
            cand.difference = png_bytes(diff)
        except RecodeError as err:
            cand.render_error, cand.verdict = [_located(d, result) for d in err.diagnostics], None
        except Exception as err:  # noqa: BLE001 - a candidate that breaks the judge loses, the loop goes on
            why = verify_cannot(f"the candidate cannot be judged ({type(err).__name__})")
            cand.render_error, cand.verdict = [Diagnostic("E104", why, _header(result))], None
    cand.seconds = time.perf_counter() - start
    return cand


def _header(result: CompileResult) -> Span:
    """The span of the program's header line (``chart bar``, ``figure``): where a diagnostic
    about the whole candidate points, so the model is never shown a location of 0:0."""
    program = result.program
    span = program.header.span if program is not None else None
    return span if span is not None and span.line > 0 else WHOLE_INPUT


def _located(d: Diagnostic, result: CompileResult) -> Diagnostic:
    """``d``, at the program's header when it has no location of its own."""
    return d if d.span.line > 0 else replace(d, span=_header(result))


def final_result(program: str, timeout: float) -> CompileResult:
    """The chosen program compiled again, solved: its answers."""
    return pipeline.compile(program, "derendered.rdsl", timeout=timeout)


def _rank(c: Candidate) -> tuple[bool, float]:
    return (c.verified, c.verdict.score if c.verdict else -1.0)


def session(png: bytes, system_prompt: str, config: LoopConfig = LoopConfig(),
            questions: Sequence[str] = (), hint: str | None = None,
            seeds: Sequence[str] = ()) -> Generator[Step, Any, Derendering]:
    """The loop as a generator of steps (see the module doc). ``seeds``: programs found without
    the model (the offline derenderer's), judged first as one more candidate each."""
    messages = first_messages(png, system_prompt, questions, hint, config.constrained)
    seen: dict[str, Candidate] = {}
    out = Derendering(None, [], image=png)

    def consider(program: str, rnd: int, index: int, origin: str) -> Generator[Step, Any, Candidate]:
        key = normalise(program)
        if key in seen:
            first = seen[key]
            return replace(first, round=rnd, index=index, origin=origin, same_as=(first.round, first.index))
        cand: Candidate = yield Evaluate(program)
        cand = replace(cand, round=rnd, index=index, origin=origin)
        out.evaluated += 1
        seen[key] = cand
        if cand.valid and (out.best is None or _rank(cand) > _rank(out.best)):
            out.best = cand
        return cand

    if seeds:
        round0 = []
        for i, program in enumerate(seeds):
            round0.append((yield from consider(program, 0, i, "offline")))
            if out.verified:
                break
        out.rounds.append(round0)
    for rnd in range(1, config.rounds + 1):
        if out.verified:
            break
        reply = yield ModelCall(messages, config.candidates, config.temperature)
        if isinstance(reply, AgentError):
            out.error = list(reply.diagnostics)
            break
        out.requests += 1
        cands: list[Candidate] = []
        for i, text in enumerate(reply):
            cands.append((yield from consider(extract_program(text), rnd, i, "model")))
            if out.verified:
                break
        out.rounds.append(cands)
        unparsed = sum(1 for c in cands if any(d.code in _PARSE_CODES for d in c.result.diagnostics))
        if config.constrained and unparsed and not out.warnings:
            out.warnings.append(Diagnostic("E090", grammar_ignored(config.server, unparsed, len(cands)),
                                           severity="warning",
                                           hint="check --server; vLLM from 0.12 reads only structured_outputs"))
        messages = messages[:2] + [feedback(out.best, [c for c in cands if not c.valid], config.constrained)]
    if out.best is not None:
        result: CompileResult = yield Finish(out.best.program)
        out.best = replace(out.best, result=result)
    return out


def drive(steps: Generator[Step, Any, Derendering], client: ModelClient, png: bytes, config: LoopConfig) -> Derendering:
    """Run a session in this thread."""
    target = load_image(png)
    answer: Any = None
    while True:
        try:
            step = steps.send(answer)
        except StopIteration as stop:
            outcome: Derendering = stop.value
            return outcome
        if isinstance(step, ModelCall):
            try:
                answer = client.complete(step.messages, step.n, step.temperature)
            except AgentError as err:
                answer = err
        elif isinstance(step, Evaluate):
            answer = evaluate(step.program, target, config.solve_timeout, config.fit, config.target_score)
        else:
            answer = final_result(step.program, config.solve_timeout)


def derender(png: bytes, client: ModelClient, system_prompt: str, config: LoopConfig = LoopConfig(),
             questions: Sequence[str] | None = None, hint: str | None = None,
             seeds: Sequence[str] = ()) -> Derendering:
    """Run the loop on an image; the best candidate comes back compiled with its answers."""
    return drive(session(png, system_prompt, config, questions or (), hint, seeds), client, png, config)
