"""A CPU-time limit for one input: a hang fails the test instead of stalling it.

``with cpu_limit(seconds):`` arms ``ITIMER_PROF`` (process CPU time, user + system), whose
signal raises ``CpuLimitExceeded`` in the main thread. Outside the main thread, or where the
timer is unavailable, the block runs without a limit.

The timer's signal is handled by Python, between bytecodes: a loop inside C code that holds the
interpreter (LAPACK on a NaN matrix, a regular expression backtracking) never sees it. ``with
hard_stop(seconds):`` is the backstop for that: ``faulthandler``'s watchdog thread, which runs in
C, prints every thread's Python stack and ends the process with status 1 once ``seconds`` of wall
time have passed, so a test run that meets such a hang fails, with the place, instead of stalling.
"""

from __future__ import annotations

import faulthandler
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

LIMIT_SECONDS = 10.0  # the bound: no input runs past 10 s of CPU
# Wall time before the backstop ends the process: far past any 10 s of CPU on a loaded machine.
HARD_STOP_SECONDS = 600.0


class CpuLimitExceeded(BaseException):  # noqa: N818 - not an Exception, so no handler in the package swallows it
    """The input ran past its CPU limit."""


@contextmanager
def cpu_limit(seconds: float = LIMIT_SECONDS) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        from recode_dsl.budget import _importing

        if _importing(frame):  # an import stopped half way breaks its module for the rest of the run
            signal.setitimer(signal.ITIMER_PROF, 0.05)
            return
        raise CpuLimitExceeded(f"over {seconds:g} s of CPU")

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


@contextmanager
def hard_stop(seconds: float = HARD_STOP_SECONDS) -> Iterator[None]:
    """End the process (status 1, every thread's stack on stderr) if the block runs ``seconds``
    of wall time; one watchdog at a time (it is faulthandler's)."""
    faulthandler.dump_traceback_later(seconds, exit=True, file=sys.__stderr__)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()
