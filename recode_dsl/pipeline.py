"""The backbone: text -> AST -> checked scene -> answers (and images on request).

    source ──1 parse──▶ Program ──2 check──▶ Scene ──3 solve──▶ answers
                                              │
                                              └──4 render (on request)──▶ PNG | SVG | PDF | array

Each step is one stage module, imported here: the pipeline is the top of the core and no
stage imports it. A step that finds errors stops the pipeline and its diagnostics are
returned, never raised.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from recode_dsl import astnodes, budget, check, messages, renderer, scene, solver, syntax
from recode_dsl.errors import Diagnostic, RecodeError, Span, has_errors
from recode_dsl.solver import Answer


@dataclass
class CompileResult:
    """What ``compile`` returns: the program, the scene, every diagnostic and the answers."""

    source: str
    filename: str
    program: astnodes.Program | None = None
    scene: scene.Scene | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)

    def _picture(self, fmt: str) -> Any:
        """The scene drawn as ``fmt``, or None (no scene, or it cannot be drawn): for Jupyter."""
        if self.scene is None or not self.ok:
            return None
        try:
            return render(self.scene, fmt)
        except RecodeError:
            return None

    def _repr_svg_(self) -> str | None:
        data = self._picture("svg")
        return data.decode("utf-8") if isinstance(data, bytes) else None

    def _repr_png_(self) -> bytes | None:
        data = self._picture("png")
        return data if isinstance(data, bytes) else None


def compile(source: str, filename: str | None = None, *, solve: bool = True,  # noqa: A001
            timeout: float = 10.0, policy: str = solver.DEFAULT_POLICY) -> CompileResult:
    """Parse, check and solve a program. ``policy``: "drawing" (the default) lets a figure's
    answers read its drawing, with a warning; "strict" answers only what the statements fix.

    >>> r = compile("chart bar\\ncategories(\\"a\\", \\"b\\")\\nseries(\\"S\\", [1, 2])")
    >>> r.ok, r.scene.kind
    (True, 'bar')
    """
    result = CompileResult(source, filename or "<input>")
    try:  # outside the 'with': the hard stop may fire as late as the budget's own exit
        with budget.budget(timeout):  # one deadline for the whole compile (budget.py)
            _stages(result, solve, timeout, policy)
    except budget.BudgetExceeded as err:
        span = err.span if err.span.line > 0 else Span(1, 1, 1, 2)
        result.diagnostics.append(Diagnostic("E040", messages.compile_timeout(err.seconds, err.stage), span,
                                             "simplify the program, or give more time (--timeout)"))
        result.answers = []
    return result


def _stages(result: CompileResult, solve: bool, timeout: float, policy: str) -> None:
    with _gc_paused():
        try:
            result.program = syntax.parse(result.source)  # 1
        except RecodeError as err:
            result.diagnostics = list(err.diagnostics)
            return
        budget.check("parsing")
        result.scene, result.diagnostics = check.check(result.program)  # 2
    if result.scene is None or not solve:
        return
    answers, diags = solver.answer(result.scene, timeout=budget.remaining(timeout), policy=policy)  # 3
    result.answers = _in_units(result.scene, answers)
    result.diagnostics.extend(diags)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while parsing and checking: they allocate tens of
    thousands of small objects (tokens, AST and scene nodes) and hold no reference cycles, so the
    collector's passes over them found nothing and cost about a sixth of the time. Objects are
    still freed by reference counting; the collector's state is restored on the way out."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _in_units(sc: scene.Scene, answers: list[Answer]) -> list[Answer]:
    """A figure that writes its lengths in a unit (12 ft) is answered in it: "120 ft", "48 ft^2"."""
    unit = sc.length_unit if isinstance(sc, scene.Figure) else None
    if not unit:
        return answers
    suffix = {"length": f" {unit}", "area": f" {unit}^2"}
    return [dataclasses.replace(a, text=a.text + suffix[a.unit]) if a.unit in suffix else a for a in answers]


def render(sc: scene.Scene, fmt: str = "png", **options: Any) -> Any:
    """Draw a scene: bytes for "png", "svg" and "pdf"; an HxWx4 uint8 array for "array"."""
    return renderer.render(sc, fmt, **options)  # 4


__all__ = ["Answer", "CompileResult", "compile", "render"]
