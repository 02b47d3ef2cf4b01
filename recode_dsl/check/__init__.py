"""Check a program: names, types, units, arity, degenerate shapes, ranges and limits.

``check(program) -> (scene or None, diagnostics)``; the scene is built only when there
is no error. ``check_source(text)`` parses and checks: the first two steps of the pipeline,
for the stages that need a checked scene and must not import the pipeline.
"""

from __future__ import annotations

from recode_dsl import astnodes as a
from recode_dsl import scene as s
from recode_dsl.check.chart import check_chart
from recode_dsl.check.exprs import Scope
from recode_dsl.check.figure import check_figure
from recode_dsl.check.units import find_units
from recode_dsl.errors import Diagnostic, RecodeError, has_errors
from recode_dsl.syntax import parse


def check(program: a.Program) -> tuple[s.Scene | None, list[Diagnostic]]:
    """Check a parsed program and build its scene.

    >>> from recode_dsl.syntax import parse
    >>> scene, diags = check(parse("figure\\npoint A, B\\nsegment(A, B)"))
    >>> len(scene.shapes), diags
    (1, [])
    """
    scope = Scope(domain=program.header.kind)
    if program.header.kind == "figure":
        scope.units = find_units(program)
    scene: s.Scene | None
    if program.header.kind == "figure":
        scene = check_figure(program, scope)
    else:
        scene = check_chart(program, scope)
    return (None if has_errors(scope.diags) else scene), scope.diags


def check_source(source: str) -> tuple[a.Program | None, s.Scene | None, list[Diagnostic]]:
    """Parse and check a program's text: (program, scene, diagnostics); never raises for bad input.

    >>> program, scene, diags = check_source("figure\\npoint A, B\\nsegment(A, C)")
    >>> program is not None, scene, [d.code for d in diags]
    (True, None, ['E010'])
    """
    try:
        program = parse(source)
    except RecodeError as err:
        return None, None, list(err.diagnostics)
    scene, diags = check(program)
    return program, scene, diags

