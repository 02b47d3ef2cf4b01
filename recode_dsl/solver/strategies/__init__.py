"""Recovery strategies: what the solver may do when the strict core does not settle a figure.

The strict core (``solver/attempt.py:core``) holds the stated coordinates as facts, solves,
and answers only what the statements fix. A figure read from an image is rarely that clean:
its coordinates are a rough drawing, statements are missing or contradict each other. Each
strategy is one named way out, ``(figure, attempt, deadline) -> attempt | None``: it looks
at the attempt so far and returns a better one, or None to leave it. A policy is an ordered
tuple of strategies, tried in turn, each on the result of the ones before:

- ``strict``: none. An answer not fixed by the statements is an error (E041); statements
  that cannot all hold are errors (E042), with no answer.
- ``drawing`` (the default): every strategy of ``DRAWING``, in this order. Whatever an answer
  owes to the drawing is said in a warning (E041 "measured from the drawing" or "assumed from
  the drawing"). Statements that cannot all hold stay errors (E042), with no answer.
- ``lenient``: ``drawing``, then leave out the one statement (or two given values) that
  contradicts the rest, with an E042 warning "answered without ...". For noisy annotations
  (the Geometry3K bench); never the default, because such an answer rests on a guess of which
  statement is wrong.

Strategies marked ``spare`` run in the spare time after the first solve; a time-out or a
numeric failure there keeps the attempt found so far.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from recode_dsl import scene as s
from recode_dsl.solver.attempt import Attempt
from recode_dsl.solver.strategies import drawing, leave_out

Run = Callable[[s.Figure, Attempt, float], Attempt | None]


@dataclass(frozen=True)
class Strategy:
    name: str
    run: Run
    spare: bool  # runs in the spare time after the first solve, and may fail without harm


DRAWING: tuple[Strategy, ...] = (
    Strategy("keep apart", drawing.keep_apart, spare=False),
    Strategy("points between their ends", drawing.between, spare=True),
    Strategy("place unplaced points", drawing.place_unplaced, spare=True),
    Strategy("assume from the drawing", drawing.assume_from_drawing, spare=True),
    Strategy("angles either way", drawing.unoriented, spare=True),
)

LEAVE_OUT = Strategy("leave one or two out", leave_out.leave_out, spare=True)
LENIENT: tuple[Strategy, ...] = (*DRAWING, LEAVE_OUT)

# one per solver.POLICY_NAMES
POLICIES: dict[str, tuple[Strategy, ...]] = {"strict": (), "drawing": DRAWING, "lenient": LENIENT}

__all__ = ["DRAWING", "LEAVE_OUT", "LENIENT", "POLICIES", "Strategy"]
