"""A guarded Ray batch does not count a worker's start against a task's guard: on a loaded
machine a fresh worker process took longer to start and import the package than the guard, and
every Geometry3K problem was reported timed out. Ray itself is replaced by a small simulation in
which the first task a worker runs costs it a start-up time."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from recode_dsl.agent.ray_engine import stream

START_S = 0.6  # a worker process's start and import
GUARD_S = 0.4  # the guard of a task that itself takes a few milliseconds


class _Ref:
    def __init__(self, ready_at: float, value: Any) -> None:
        self.ready_at, self.value = ready_at, value


class _FakeRay:
    """Two workers; a task runs at once on the worker free soonest, which costs ``START_S`` the
    first time that worker runs anything."""

    def __init__(self) -> None:
        self.free_at = [0.0, 0.0]
        self.started = [False, False]
        self.extra = 0.0  # set by a task: how much longer than a few milliseconds it works

    def cluster_resources(self) -> dict[str, float]:
        return {"CPU": 2.0}

    def remote(self, num_cpus: float, max_retries: int) -> Callable[[Callable[..., Any]], Any]:
        fake = self

        def wrap(fn: Callable[..., Any]) -> Any:
            class Task:
                @staticmethod
                def remote(*args: Any) -> _Ref:
                    value = fn(*args)
                    w = min(range(2), key=lambda k: fake.free_at[k])
                    begin = max(time.monotonic(), fake.free_at[w])
                    cost = 0.005 + fake.extra + (0.0 if fake.started[w] else START_S)
                    fake.started[w], fake.extra = True, 0.0
                    fake.free_at[w] = begin + cost
                    return _Ref(begin + cost, value)
            return Task
        return wrap

    def wait(self, refs: list[_Ref], num_returns: int = 1, timeout: float | None = None
             ) -> tuple[list[_Ref], list[_Ref]]:
        end = time.monotonic() + (timeout if timeout is not None else 3600.0)
        while True:
            now = time.monotonic()
            ready = [r for r in refs if r.ready_at <= now]
            if len(ready) >= num_returns or now >= end:
                return ready[:num_returns], [r for r in refs if r not in ready[:num_returns]]
            time.sleep(0.01)

    def get(self, ref: _Ref) -> Any:
        return ref.value

    def cancel(self, ref: _Ref, force: bool = False) -> None:
        pass


def test_a_workers_start_does_not_count_against_the_guard() -> None:
    results: dict[int, int] = {}
    late: list[int] = []
    stream(_FakeRay(), lambda x: x * x, [(1,), (2,), (3,), (4,)], results.__setitem__, 1.0,
           guard=GUARD_S, on_timeout=lambda i, seconds: late.append(i))
    assert late == [] and results == {0: 1, 1: 4, 2: 9, 3: 16}


def test_a_task_that_runs_past_the_guard_is_still_cancelled() -> None:
    results: dict[int, int] = {}
    late: list[int] = []
    fake = _FakeRay()

    def slow_on_three(x: int) -> int:
        if x == 3:  # this task's own work outlasts the guard
            fake.extra = 5.0
        return x

    stream(fake, slow_on_three, [(1,), (2,), (3,)], results.__setitem__, 1.0,
           guard=GUARD_S, on_timeout=lambda i, seconds: late.append(i))
    assert 2 in late and 2 not in results
