"""The backbone: text -> AST -> checked scene -> answers (and images on request).

    source ──1 parse──▶ Program ──2 check──▶ Scene ──3 solve──▶ answers
                                              │
                                              └──4 render (on request)──▶ PNG | SVG | PDF | array

Each step is one stage module; a step that finds errors stops the pipeline and its
diagnostics are returned, never raised.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from recode_dsl import astnodes, budget, check, messages, scene, syntax
from recode_dsl.errors import Diagnostic, RecodeError, Span, has_errors


@dataclass(frozen=True)
class Answer:
    """The answer to one ``ask``: exact value, its float, and a formatted string."""

    query: str
    exact: Any
    value: float | None
    text: str
    unit: str | None = None
    span: Any = None

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "exact": str(self.exact), "value": self.value, "text": self.text,
                "unit": self.unit, "line": getattr(self.span, "line", None)}


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
            timeout: float = 10.0) -> CompileResult:
    """Parse, check and solve a program.

    >>> r = compile("chart bar\\ncategories(\\"a\\", \\"b\\")\\nseries(\\"S\\", [1, 2])")
    >>> r.ok, r.scene.kind
    (True, 'bar')
    """
    result = CompileResult(source, filename or "<input>")
    try:  # outside the 'with': the hard stop may fire as late as the budget's own exit
        with budget.budget(timeout):  # one deadline for the whole compile (budget.py)
            _stages(result, solve, timeout)
    except budget.BudgetExceeded as err:
        span = err.span if err.span.line > 0 else Span(1, 1, 1, 2)
        result.diagnostics.append(Diagnostic("E040", messages.compile_timeout(err.seconds, err.stage), span,
                                             "simplify the program, or give more time (--timeout)"))
        result.answers = []
    return result


def _stages(result: CompileResult, solve: bool, timeout: float) -> None:
    try:
        result.program = syntax.parse(result.source)  # 1
    except RecodeError as err:
        result.diagnostics = list(err.diagnostics)
        return
    budget.check("parsing")
    result.scene, result.diagnostics = check.check(result.program)  # 2
    if result.scene is None or not solve:
        return
    answers, diags = _solve(result.scene, budget.remaining(timeout))  # 3
    result.answers = _in_units(result.scene, answers)
    result.diagnostics.extend(diags)


def _in_units(sc: scene.Scene, answers: list[Answer]) -> list[Answer]:
    """A figure that writes its lengths in a unit (12 ft) is answered in it: "120 ft", "48 ft^2"."""
    unit = sc.length_unit if isinstance(sc, scene.Figure) else None
    if not unit:
        return answers
    suffix = {"length": f" {unit}", "area": f" {unit}^2"}
    return [dataclasses.replace(a, text=a.text + suffix[a.unit]) if a.unit in suffix else a for a in answers]


def _solve(sc: scene.Scene, timeout: float) -> tuple[list[Answer], list[Diagnostic]]:
    from recode_dsl import solver

    return solver.answer(sc, timeout=timeout)


def render(sc: scene.Scene, fmt: str = "png", **options: Any) -> Any:
    """Draw a scene: bytes for "png", "svg" and "pdf"; an HxWx4 uint8 array for "array"."""
    from recode_dsl import renderer  # 4

    return renderer.render(sc, fmt, **options)
