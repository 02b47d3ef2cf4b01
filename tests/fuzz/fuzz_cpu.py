"""A CPU-time limit for one input: a hang fails the test instead of stalling it.

``with cpu_limit(seconds):`` arms ``ITIMER_PROF`` (process CPU time, user + system), whose
signal raises ``CpuLimitExceeded`` in the main thread. Outside the main thread, or where the
timer is unavailable, the block runs without a limit.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

LIMIT_SECONDS = 10.0  # the bound: no input runs past 10 s of CPU


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
