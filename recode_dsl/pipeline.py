"""The backbone: text -> AST -> checked scene -> answers (and images on request).

    source ──1 parse──▶ Program ──2 check──▶ Scene ──3 solve──▶ answers
                                              │
                                              └──4 render (on request)──▶ PNG | SVG | PDF | array

Each step is one stage module, imported here: the pipeline is the top of the core and no
stage imports it. A step that finds errors stops the pipeline and its diagnostics are
returned, never raised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from recode_dsl import astnodes, check, renderer, scene, solver
from recode_dsl.errors import Diagnostic, has_errors
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


def compile(source: str, filename: str | None = None, *, solve: bool = True,  # noqa: A001
            timeout: float = 10.0, policy: str = solver.DEFAULT_POLICY) -> CompileResult:
    """Parse, check and solve a program. ``policy``: "drawing" (the default) lets a figure's
    answers read its drawing, with a warning; "strict" answers only what the statements fix.

    >>> r = compile("chart bar\\ncategories(\\"a\\", \\"b\\")\\nseries(\\"S\\", [1, 2])")
    >>> r.ok, r.scene.kind
    (True, 'bar')
    """
    result = CompileResult(source, filename or "<input>")
    result.program, result.scene, result.diagnostics = check.check_source(source)  # 1 parse, 2 check
    if result.scene is None or not solve:
        return result
    answers, diags = solver.answer(result.scene, timeout=timeout, policy=policy)  # 3
    result.answers = answers
    result.diagnostics.extend(diags)
    return result


def render(sc: scene.Scene, fmt: str = "png", **options: Any) -> Any:
    """Draw a scene: bytes for "png", "svg" and "pdf"; an HxWx4 uint8 array for "array"."""
    return renderer.render(sc, fmt, **options)  # 4


__all__ = ["Answer", "CompileResult", "compile", "render"]
