"""The compile budget: one deadline for the whole compile (parse, check, solve, draw).

``pipeline.compile`` opens a budget; the code doing the work calls ``check()`` where work can
grow (each expression node the checker elaborates, each node turned into SymPy, each chart
query, the geometry solver's iterations), so a program past its time is stopped where it
spends it, not only between queries. ``at(span)`` records which statement is being worked on,
so the diagnostic points there.

Budgets count CPU time (``clock()``: the seconds this thread has computed), not wall time, so
a program gets the same answer, or the same time-out, on an idle machine and on a loaded one:
the solver's strategies get the same share of work either way.

In the main thread a budget also arms a CPU timer (``ITIMER_VIRTUAL``) a little after the
deadline, the hard stop: one long call into SymPy or a C library that never comes back to a
``check()`` is interrupted there. Elsewhere (worker threads) only the cooperative checks apply.

>>> with budget(5.0) as b:
...     check("checking")
...     round(b.seconds)
5
>>> active() is None
True
"""

from __future__ import annotations

import contextvars
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from recode_dsl.errors import NO_SPAN, Span

HARD_STOP_GRACE = 1.0  # CPU seconds after the deadline before the timer interrupts a call that does not return


def clock() -> float:
    """The budget's clock: CPU seconds used by this thread (``time.thread_time``).

    Deadlines are ``clock() + seconds``. Wall time would make answers depend on the machine's
    load: a strategy cut short on a busy machine gives a different answer than on an idle one.
    """
    return time.thread_time()


class BudgetExceeded(BaseException):  # noqa: N818 - the name says what happened
    """The compile ran past its deadline while doing ``stage``, at ``span``. A ``BaseException``, so that
    no ``except Exception`` on the way swallows it; ``pipeline.compile`` turns it into E040."""

    def __init__(self, seconds: float, stage: str, span: Span) -> None:
        super().__init__(f"time budget of {seconds:g} s exceeded while {stage}")
        self.seconds, self.stage, self.span = seconds, stage, span


@dataclass
class Budget:
    """A deadline (``clock()`` seconds, CPU time of the thread) and where the work is."""

    seconds: float
    deadline: float
    span: Span = NO_SPAN
    stage: str = "compiling"

    def remaining(self) -> float:
        return max(0.0, self.deadline - clock())

    def exceeded(self, stage: str | None = None) -> BudgetExceeded:
        return BudgetExceeded(self.seconds, stage or self.stage, self.span)


_CURRENT: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("recode_budget", default=None)


def active() -> Budget | None:
    """The budget of the compile in progress, if any."""
    return _CURRENT.get()


@contextmanager
def budget(seconds: float, hard_stop: bool = True) -> Iterator[Budget]:
    """Run the body under a deadline of ``seconds`` (or the enclosing one, if sooner)."""
    outer = _CURRENT.get()
    deadline = clock() + max(0.0, seconds)
    if outer is not None and outer.deadline < deadline:
        deadline, seconds = outer.deadline, outer.seconds
    b = Budget(seconds, deadline)
    token = _CURRENT.set(b)
    timer = _arm(b) if hard_stop and outer is None else None
    try:
        yield b
    finally:
        if timer is not None:
            _disarm(timer)
        _CURRENT.reset(token)


def check(stage: str | None = None) -> None:
    """Raise ``BudgetExceeded`` when the deadline has passed (no-op outside a budget)."""
    b = _CURRENT.get()
    if b is not None and clock() > b.deadline:
        raise b.exceeded(stage)


def at(span: Span, stage: str | None = None) -> None:
    """Record the statement being worked on (and the stage), for the diagnostic of a time-out."""
    b = _CURRENT.get()
    if b is not None:
        b.span = span
        if stage is not None:
            b.stage = stage


def step(span: Span, stage: str) -> None:
    """``at(span, stage)`` then ``check()`` in one look-up (the checker calls it on every node)."""
    b = _CURRENT.get()
    if b is not None:
        b.span, b.stage = span, stage
        if clock() > b.deadline:
            raise b.exceeded()


def remaining(default: float) -> float:
    """Seconds left in the budget; ``default`` outside one."""
    b = _CURRENT.get()
    return default if b is None else min(default, b.remaining())


# -- the hard stop ---------------------------------------------------------------------------

_Handler = signal.Handlers | int | None | object


def _arm(b: Budget) -> tuple[_Handler, float] | None:
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        return None
    previous = signal.getsignal(signal.SIGVTALRM)
    if previous not in (signal.SIG_DFL, signal.SIG_IGN, None):
        return None  # someone else owns the CPU timer
    if signal.getitimer(signal.ITIMER_VIRTUAL)[0] > 0:
        return None

    def stop(signum: int, frame: FrameType | None) -> None:
        if _importing(frame):  # never stop an import half done: the module (and any C extension
            signal.setitimer(signal.ITIMER_VIRTUAL, 0.05)  # it registers) would stay broken for the process
            return
        raise b.exceeded()

    signal.signal(signal.SIGVTALRM, stop)
    signal.setitimer(signal.ITIMER_VIRTUAL, b.remaining() + HARD_STOP_GRACE)
    return previous, clock()


def _importing(frame: FrameType | None) -> bool:
    """Whether the interrupted code is inside an import (a frame of importlib's bootstrap)."""
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


def _disarm(timer: tuple[_Handler, float]) -> None:
    signal.setitimer(signal.ITIMER_VIRTUAL, 0)
    signal.signal(signal.SIGVTALRM, timer[0])  # type: ignore[arg-type]
