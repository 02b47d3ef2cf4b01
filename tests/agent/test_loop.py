"""The model loop with a scripted model: repair from diagnostics, keep the most faithful candidate."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from recode_dsl import pipeline
from recode_dsl.agent import LoopConfig, derender, extract_program
from recode_dsl.agent.loop import feedback, load_image
from recode_dsl.errors import RecodeError
from recode_dsl.fit import critic

TARGET = """chart bar
canvas(320, 240)
categories("a", "b", "c")
series("S", [3, 1, 2], color="#1f77b4")
value_axis(0, 4)
ask argmax("S")
"""
WRONG = TARGET.replace("[3, 1, 2]", "[1, 3, 1]")
BROKEN = "chart bar\ncategories(\"a\", \"b\", \"c\")\nseries(\"S\", [3, 1])\n"


class Scripted:
    """A model that replies from a script, one list of replies per round, and records what it saw."""

    def __init__(self, rounds: list[list[str]]) -> None:
        self.rounds = rounds
        self.seen: list[list[dict[str, Any]]] = []

    def complete(self, messages: list[dict[str, Any]], n: int, temperature: float) -> list[str]:
        self.seen.append(messages)
        return self.rounds[len(self.seen) - 1]


def _png(source: str) -> bytes:
    result = pipeline.compile(source)
    assert result.scene is not None
    try:
        data = pipeline.render(result.scene, "png")
    except RecodeError:
        pytest.skip("renderer not available")
    assert isinstance(data, bytes)
    return data


def test_extract_program_takes_last_fenced_block() -> None:
    reply = "first\n```rdsl\nfigure\n```\nthen\n```\nchart bar\n```"
    assert extract_program(reply) == "chart bar\n"
    assert extract_program("figure\npoint A") == "figure\npoint A\n"


def test_repair_feedback_carries_json_diagnostics() -> None:
    from recode_dsl.agent.loop import Candidate

    cand = Candidate(BROKEN, pipeline.compile(BROKEN))
    msg = feedback(None, [cand])
    text = msg["content"]
    assert isinstance(text, str)
    payload = json.loads(text[text.index("["): text.rindex("]") + 1])
    assert payload[0]["code"] == "E017"
    assert payload[0]["span"]["line"] == 3


def test_loop_repairs_then_keeps_most_faithful() -> None:
    png = _png(TARGET)
    model = Scripted([[f"```rdsl\n{BROKEN}```"], [f"```rdsl\n{WRONG}```", f"```rdsl\n{TARGET}```"]])
    out = derender(png, model, "system prompt", LoopConfig(candidates=2, rounds=3, target_score=0.99))
    assert out.best is not None
    assert out.best.program == TARGET
    assert out.best.fidelity is not None and out.best.fidelity.score >= 0.99
    assert len(model.seen) == 2  # stopped once the target score was reached
    assert "E017" in json.dumps(model.seen[1][-1])
    assert [a.text for a in out.best.result.answers] == ["a"]


def test_critic_prefers_the_right_values() -> None:
    target = load_image(_png(TARGET))
    good = critic.score(target, load_image(_png(TARGET)))
    bad = critic.score(target, load_image(_png(WRONG)))
    assert good.score > bad.score
    assert np.isclose(good.score, 1.0)


def test_no_valid_candidate_gives_no_best() -> None:
    png = _png(TARGET)
    out = derender(png, Scripted([[BROKEN], [BROKEN]]), "p", LoopConfig(candidates=1, rounds=2))
    assert out.best is None
    assert len(out.rounds) == 2
