"""The loop's judge: does a candidate reproduce the target image? One function, ``judge``.

The loop's early stop, its ranking of candidates and the residuals of its refine turns all come
from here. A chart is judged by ``fit.verify`` (structural: every mark of the program measured
in the image, a located diagnostic with its residual for each disagreement); a figure by
``fit.figure`` (every point, line, circle and label of the program against the image, located
the same way). Only a figure that verify cannot lay on the image at all (it draws no stroke, or
the image has no ink: E104) falls back to the critic (SSIM and edge overlap of the rendering
against the image, verified above ``target_score``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from recode_dsl.agent.images import Image
from recode_dsl.fit import critic
from recode_dsl.pipeline import CompileResult
from recode_dsl.scene import Chart, Figure


@dataclass(frozen=True)
class Verdict:
    """``verified``: the rendering reproduces the target; ``score`` ranks candidates (higher is
    better); ``residuals``: what still differs, in words the model is shown."""

    verified: bool
    score: float
    residuals: tuple[str, ...] = ()
    judge: str = "critic"
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"verified": self.verified, "score": self.score, "residuals": list(self.residuals),
                "judge": self.judge, **self.details}

    def summary(self) -> str:
        state = "verified" if self.verified else "not verified"
        return f"{state} (score {self.score:.3f} by the {self.judge})"


MAX_RESIDUALS = 12


def judge(target: Image, rendered: Image, result: CompileResult, differing: float,
          target_score: float) -> Verdict:
    """The verdict on one compiled candidate whose rendering is ``rendered``; ``differing`` is
    the share of pixels the difference image marks."""
    if isinstance(result.scene, Chart):
        return _verify(target, result.scene, result, differing)
    if isinstance(result.scene, Figure):
        verdict = _verify_figure(target, result.scene, result, differing)
        if verdict is not None:
            return verdict
    return _critic(target, rendered, differing, target_score)


def _residuals(diagnostics: list[Any], verified: bool, differing: float) -> tuple[str, ...]:
    """The errors, located by line, in words the model is shown (at most MAX_RESIDUALS)."""
    errors = [d for d in diagnostics if d.severity == "error"]
    residuals = [f"line {d.span.line}: {d.code} {d.message}" if d.span.line else f"{d.code} {d.message}"
                 for d in errors][:MAX_RESIDUALS]
    if len(errors) > len(residuals):
        residuals.append(f"({len(errors) - len(residuals)} more)")
    if differing > 0 and not verified:
        residuals.append(f"{100 * differing:.1f}% of the pixels differ (see the difference image)")
    return tuple(residuals)


def _verify(target: Image, chart: Chart, result: CompileResult, differing: float) -> Verdict:
    from recode_dsl.fit.verify import verify_chart

    v = verify_chart(chart, target, program=result.program)
    report = v.to_json()
    return Verdict(v.verified, v.score, _residuals(v.diagnostics, v.verified, differing), "verifier",
                   {"differing": round(differing, 4), "marks": len(report.get("marks", [])),
                    "diagnostics": report.get("diagnostics", [])})


def _verify_figure(target: Image, fig: Figure, result: CompileResult, differing: float) -> Verdict | None:
    """The figure verifier's verdict, or None when it cannot compare the two at all (E104 only)."""
    from recode_dsl.fit.figure import verify_figure

    header = result.program.header.span if result.program is not None else None
    v = verify_figure(fig, target, header=header)
    if not v.items and all(d.code == "E104" for d in v.diagnostics):
        return None
    return Verdict(v.verified, v.score, _residuals(v.diagnostics, v.verified, differing), "verifier",
                   {"differing": round(differing, 4), "items": len(v.items),
                    "diagnostics": [d.to_json() for d in v.diagnostics]})


def _critic(target: Image, rendered: Image, differing: float, target_score: float) -> Verdict:
    fid = critic.score(target, rendered)
    residuals = []
    if fid.ssim < target_score:
        residuals.append(f"structural similarity {fid.ssim:.3f} (1 is identical)")
    if fid.edges < target_score:
        residuals.append(f"edge overlap {fid.edges:.3f}: shapes, text or lines sit elsewhere")
    if differing > 0:
        residuals.append(f"{100 * differing:.1f}% of the pixels differ (see the difference image)")
    return Verdict(fid.score >= target_score, fid.score, tuple(residuals), "critic",
                   {"ssim": round(fid.ssim, 4), "edges": round(fid.edges, 4), "differing": round(differing, 4)})
