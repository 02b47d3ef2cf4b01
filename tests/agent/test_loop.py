"""The model loop with a scripted model: what each turn carries, early stop, the candidate cache,
keeping the best when a later round fails."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from recode_dsl import pipeline
from recode_dsl.agent import LoopConfig, derender, extract_program
from recode_dsl.agent.client import failure
from recode_dsl.agent.images import difference, load_image
from recode_dsl.agent.loop import Candidate, feedback, normalise, numbered
from recode_dsl.errors import RecodeError
from recode_dsl.fit import critic

TARGET = """chart bar
canvas(320, 240)
categories("a", "b", "c")
series("S", [3, 1, 2], color="#1f77b4")
value_axis(0, 4)
ask argmax("S")
"""
WRONG = TARGET.replace("[3, 1, 2]", "[1, 3, 1]").replace("#1f77b4", "#d62728")
BROKEN = 'chart bar\ncategories("a", "b", "c")\nseries("S", [3, 1])\n'
BROKEN2 = 'chart bar\ncategories("a", "b")\nseries("S", [3, 1], colr="red")\n'


class Scripted:
    """A model that replies from a script, one list of replies per call, and records what it saw.
    A script entry that is an exception is raised instead."""

    def __init__(self, rounds: list[Any]) -> None:
        self.rounds = rounds
        self.seen: list[list[dict[str, Any]]] = []

    def complete(self, messages: list[dict[str, Any]], n: int, temperature: float) -> list[str]:
        self.seen.append(messages)
        step = self.rounds[min(len(self.seen), len(self.rounds)) - 1]
        if isinstance(step, Exception):
            raise step
        return list(step)


def _png(source: str) -> bytes:
    result = pipeline.compile(source)
    assert result.scene is not None
    try:
        data = pipeline.render(result.scene, "png")
    except RecodeError:
        pytest.skip("renderer not available")
    assert isinstance(data, bytes)
    return data


def _text(message: dict[str, Any]) -> str:
    content = message["content"]
    return content if isinstance(content, str) else "\n".join(p.get("text", "") for p in content)


def _images(message: dict[str, Any]) -> list[str]:
    content = message["content"]
    return [] if isinstance(content, str) else [p["image_url"]["url"] for p in content if p["type"] == "image_url"]


def fence(program: str) -> str:
    return f"Here it is:\n```rdsl\n{program}```\n"


CONFIG = LoopConfig(candidates=2, rounds=3, target_score=0.99, fit=False)


def test_extract_program_takes_last_fenced_block_and_strips_escapes() -> None:
    reply = "first\n```rdsl\nfigure\n```\nthen\n```\nchart bar\n```"
    assert extract_program(reply) == "chart bar\n"
    assert extract_program("figure\npoint A") == "figure\npoint A\n"
    assert "\x1b" not in extract_program("```\nchart bar\x1b[2J\n```")


def test_normalise_identifies_programs_that_format_alike() -> None:
    assert normalise(TARGET) == normalise(TARGET.replace(", ", ",").replace("\n", "\n\n"))
    assert normalise(TARGET) != normalise(WRONG)
    assert normalise(BROKEN) == normalise(BROKEN + "   \n")


def test_repair_turn_carries_each_failed_program_numbered_with_its_diagnostics() -> None:
    cands = [Candidate(p, pipeline.compile(p), written=p, round=1, index=i)
             for i, p in enumerate([BROKEN, BROKEN2, BROKEN])]
    text = _text(feedback(None, cands))
    assert numbered(BROKEN) in text and numbered(BROKEN2) in text
    assert text.count(numbered(BROKEN)) == 1  # the copy is named, not repeated
    assert "candidate 1.1 = candidate 1.3" in text
    blocks = [json.loads(part.split("\n\n")[0]) for part in text.split("Its diagnostics (JSON):\n")[1:]]
    assert blocks[0][0]["code"] == "E017" and blocks[0][0]["span"]["line"] == 3
    assert {d["code"] for d in blocks[1]} >= {"E015"}


def test_loop_repairs_then_stops_as_soon_as_one_verifies() -> None:
    png = _png(TARGET)
    model = Scripted([[fence(BROKEN), fence(BROKEN2)], [fence(TARGET), fence(WRONG)], [fence(WRONG)]])
    out = derender(png, model, "system prompt", CONFIG)
    assert out.best is not None and out.verified
    assert normalise(out.best.program) == normalise(TARGET)
    assert len(model.seen) == 2  # no third round
    assert len(out.rounds[1]) == 1  # the second reply of round 2 was never evaluated
    repair = model.seen[1][-1]
    assert numbered(BROKEN) in _text(repair) and numbered(BROKEN2) in _text(repair)
    assert "E017" in _text(repair) and "E015" in _text(repair)
    assert [a.text for a in out.best.result.answers] == ["a"]


def test_refine_turn_carries_best_program_verdict_rendering_and_difference() -> None:
    png = _png(TARGET)
    model = Scripted([[fence(WRONG), fence(BROKEN)], [fence(TARGET)]])
    out = derender(png, model, "p", CONFIG)
    assert out.verified
    refine = model.seen[1][-1]
    text = _text(refine)
    assert numbered(WRONG) in text and "not verified" in text
    assert numbered(BROKEN) in text and "E017" in text  # the partial failure goes back too
    images = _images(refine)
    assert len(images) == 2 and all(u.startswith("data:image/png;base64,") for u in images)
    first = model.seen[1][:2]
    assert first == model.seen[0][:2]  # the original image and task stay in every turn


def test_identical_candidates_are_evaluated_once() -> None:
    png = _png(TARGET)
    spaced = WRONG.replace(", ", " ,  ")
    model = Scripted([[fence(WRONG), fence(spaced)], [fence(WRONG), fence(WRONG)], [fence(TARGET)]])
    out = derender(png, model, "p", CONFIG)
    assert out.verified
    assert out.evaluated == 2  # WRONG once, TARGET once
    assert out.rounds[0][1].same_as == (1, 0) and out.rounds[1][0].same_as == (1, 0)


def test_failure_in_a_later_round_keeps_the_best_so_far() -> None:
    png = _png(TARGET)
    model = Scripted([[fence(WRONG)], failure("the model endpoint failed: HTTP 500")])
    out = derender(png, model, "p", CONFIG)
    assert out.best is not None and normalise(out.best.program) == normalise(WRONG)
    assert out.best.verdict is not None and not out.best.verdict.verified
    assert out.error and out.error[0].code == "E090"
    assert len(out.rounds) == 1


def test_a_verified_seed_needs_no_model() -> None:
    png = _png(TARGET)
    model = Scripted([[fence(WRONG)]])
    out = derender(png, model, "p", CONFIG, seeds=[TARGET])
    assert out.verified and out.best is not None and out.best.origin == "offline"
    assert model.seen == []


def test_python_in_a_reply_is_only_parsed(tmp_path: Any) -> None:
    marker = tmp_path / "pwned"
    attack = f"```python\nimport os\nos.system('touch {marker}')\n```"
    png = _png(TARGET)
    out = derender(png, Scripted([[attack], [fence(TARGET)]]), "p", CONFIG)
    assert not marker.exists()
    assert out.rounds[0][0].result.diagnostics[0].code in {"E001", "E002", "E003"}
    assert out.verified


def test_constrained_replies_that_do_not_parse_warn_that_the_grammar_was_ignored() -> None:
    png = _png(TARGET)
    config = LoopConfig(candidates=1, rounds=2, target_score=0.99, fit=False, constrained=True, server="vllm")
    out = derender(png, Scripted([["Sure! Here is the chart you asked for."], [TARGET]]), "p", config)
    assert out.verified
    assert [w.code for w in out.warnings] == ["E090"] and "vllm" in out.warnings[0].message
    assert out.warnings[0].severity == "warning"


def test_critic_prefers_the_right_values() -> None:
    target = load_image(_png(TARGET))
    good = critic.score(target, load_image(_png(TARGET)))
    bad = critic.score(target, load_image(_png(WRONG)))
    assert good.score > bad.score
    assert np.isclose(good.score, 1.0)


def test_difference_image_marks_extra_and_missing_ink() -> None:
    target = load_image(_png(TARGET))
    same, share = difference(target, target)
    assert share == 0.0 and (same[..., :3] == 255).all()
    diff, share = difference(target, load_image(_png(WRONG)))
    assert 0.0 < share < 0.5
    assert (diff[..., :3] != 255).any(axis=-1).mean() > 0.0


def test_no_valid_candidate_gives_no_best() -> None:
    png = _png(TARGET)
    out = derender(png, Scripted([[BROKEN], [BROKEN]]), "p", LoopConfig(candidates=1, rounds=2))
    assert out.best is None
    assert len(out.rounds) == 2
    assert out.evaluated == 1


def test_a_candidate_that_breaks_the_judge_loses_and_the_loop_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    import recode_dsl.agent.loop as loop

    real = loop.judge

    def flaky(target: Any, rendered: Any, result: Any, differing: float, target_score: float) -> Any:
        if "#d62728" in result.source:
            raise RuntimeError("boom")
        return real(target, rendered, result, differing, target_score)

    monkeypatch.setattr(loop, "judge", flaky)
    out = derender(_png(TARGET), Scripted([[fence(WRONG), fence(TARGET)]]), "p", CONFIG)
    assert out.verified
    first = out.rounds[0][0]
    assert first.verdict is None and first.render_error[0].code == "E104" and "RuntimeError" in \
        first.render_error[0].message
    assert first.render_error[0].span.line == 1  # located at the header (the model is never shown 0:0)


def test_a_diagnostic_about_the_whole_candidate_points_at_its_header(monkeypatch: pytest.MonkeyPatch) -> None:
    import recode_dsl.agent.loop as loop
    from recode_dsl.errors import Diagnostic

    def unplaceable(scene: Any, fmt: str, **kw: Any) -> Any:
        raise RecodeError([Diagnostic("E067", "the figure cannot be laid out")])  # a renderer error without a span

    monkeypatch.setattr(loop, "render", unplaceable)
    program = "# a comment first\n\n" + TARGET
    cand = loop.evaluate(program, load_image(_png(TARGET)), 10.0)
    (d,) = cand.render_error
    assert (d.code, d.span.line, d.span.col) == ("E067", 3, 1)  # the 'chart bar' line
    assert '"line": 3' in json.dumps(loop._diagnostics_json(cand))  # what a repair turn shows the model


FIGURE = """figure
point A = (0, 3), B = (0, 0), C = (4, 0)
triangle(A, B, C)
length(A, B) = 3
"""
FIGURE_MOVED = FIGURE.replace("C = (4, 0)", "C = (5, 2)")


def test_a_figure_is_judged_by_the_figure_verifier_with_located_residuals() -> None:
    """A figure candidate is verified structurally (fit.figure), not by pixel similarity: the
    moved point is named at its line in the repair turn, and the right program verifies."""
    png = _png(FIGURE)
    model = Scripted([[fence(FIGURE_MOVED)], [fence(FIGURE)]])
    out = derender(png, model, "p", CONFIG)
    assert out.verified and out.best is not None and normalise(out.best.program) == normalise(FIGURE)
    first = out.rounds[0][0].verdict
    assert first is not None and not first.verified and first.judge == "verifier"
    assert any(r.startswith("line 2:") for r in first.residuals)  # C is declared on line 2
    assert out.best.verdict is not None and out.best.verdict.judge == "verifier"
    assert "line 2:" in _text(model.seen[1][-1])
