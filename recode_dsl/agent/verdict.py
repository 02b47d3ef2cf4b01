"""The loop's judge: does a rendering reproduce the target image? One function, ``judge``.

The loop's early stop, its ranking of candidates and the residuals of its refine turns all come
from here, so changing the judge (the critic today, ``fit.verify``'s structural verdict when it
lands) is one edit in this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from recode_dsl.agent.images import Image
from recode_dsl.fit import critic
from recode_dsl.pipeline import CompileResult


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


def judge(target: Image, rendered: Image, result: CompileResult, differing: float,
          target_score: float) -> Verdict:
    """The verdict on one compiled candidate whose rendering is ``rendered``.

    ``differing`` is the share of pixels the difference image marks. Today: the critic's
    fidelity (SSIM and edge F1) against ``target_score``.
    """
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
