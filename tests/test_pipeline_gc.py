"""compile pauses Python's cyclic garbage collector while it parses and checks (pipeline._gc_paused:
those stages allocate many small acyclic objects) and always gives back the state it found: on
success, on a syntax error, on a check error, on a time-out, and when the caller had it off."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from recode_dsl import pipeline
from recode_dsl.errors import Span

PROGRAMS = {
    "ok": 'chart bar\ncategories("a", "b")\nseries("S", [1, 2.5])\nask mean("S")\n',
    "syntax error": 'chart bar\nseries("S", [1, 2\n',
    "check error": 'chart bar\ncategories("a")\nseries("S", [1, 2])\nask nosuch("S")\n',
    "figure": "figure\npoint A = (0, 0), B = (3, 4)\nask length(A, B)\n",
}


@pytest.fixture
def gc_state() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize("name", sorted(PROGRAMS))
@pytest.mark.parametrize("enabled", [True, False])
def test_compile_gives_back_the_collector_state(gc_state: None, name: str, enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    result = pipeline.compile(PROGRAMS[name])
    assert gc.isenabled() is enabled
    assert result.ok is (name in ("ok", "figure"))


def test_the_collector_is_paused_only_while_parsing_and_checking(gc_state: None,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    gc.enable()
    seen: dict[str, bool] = {}
    parse, check, answer = pipeline.syntax.parse, pipeline.check.check, pipeline.solver.answer

    def spy(name: str, fn):  # type: ignore[no-untyped-def]
        def wrapped(*args, **kwargs):  # type: ignore[no-untyped-def]
            seen[name] = gc.isenabled()
            return fn(*args, **kwargs)
        return wrapped

    monkeypatch.setattr(pipeline.syntax, "parse", spy("parse", parse))
    monkeypatch.setattr(pipeline.check, "check", spy("check", check))
    monkeypatch.setattr(pipeline.solver, "answer", spy("answer", answer))
    assert pipeline.compile(PROGRAMS["ok"]).ok
    assert seen == {"parse": False, "check": False, "answer": True} and gc.isenabled()


def test_a_time_out_while_checking_gives_back_the_collector(gc_state: None, monkeypatch: pytest.MonkeyPatch) -> None:
    gc.enable()

    def too_slow(program: object) -> None:
        raise pipeline.budget.BudgetExceeded(1.0, "checking the program", Span(2, 1, 2, 5))

    monkeypatch.setattr(pipeline.check, "check", too_slow)
    result = pipeline.compile(PROGRAMS["ok"])
    assert gc.isenabled() and any(d.code == "E040" for d in result.diagnostics)
