"""Geometry3K benchmark: import each problem, solve it in a worker process, score it.

    records ──1 import──▶ programs ──2 solve (workers, hard time guard)──▶ answers ──3 score──▶ report

Scoring follows the data's README: a problem is solved when the solver gives a numeric answer
and the nearest of the four ``precise_value`` choices is the correct one; no answer scores 0
(no guessing). Each problem runs in a worker process that is stopped if it outlives its guard,
so one runaway problem can neither hang the run nor take the others with it.

The compiler is a parameter (``Compile``: the pipeline's ``compile`` with the "lenient" policy,
given by the command): the importer stands below the pipeline and does not import it.
"""

from __future__ import annotations

import math
import multiprocessing
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Protocol

from recode_dsl import messages
from recode_dsl.errors import Diagnostic
from recode_dsl.interop.geometry3k.importer import LETTERS, Imported, Problem

MATCH_REL = 0.005  # an answer this close to the key's value (relative) is the key's value, not just nearest
GRACE_S = 5.0  # on top of twice the per-query timeout: compiling, importing sympy in a fresh worker


class _Answer(Protocol):
    @property
    def value(self) -> float | None: ...

    @property
    def exact(self) -> object: ...


class Compiled(Protocol):
    """What the compiler gives back: its answers and its diagnostics."""

    @property
    def answers(self) -> Sequence[_Answer]: ...

    @property
    def diagnostics(self) -> Sequence[Diagnostic]: ...


Compile = Callable[[str, float], Compiled]  # (program text, timeout per query) -> result


@dataclass(frozen=True, slots=True)
class Solved:
    """What a worker reports for one program."""

    value: float | None
    exact: str | None
    seconds: float
    reason: str | None


@dataclass(frozen=True, slots=True)
class Outcome:
    """One scored problem (a record of ``--json``)."""

    id: str
    answer: float | None
    exact: str | None
    choice: str | None
    correct: str
    seconds: float
    solved: bool
    reason: str | None
    goal: tuple[str, ...]
    graph: tuple[str, ...]
    matches_key: bool = False  # solved, and within MATCH_REL of the correct choice's value

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def nearest_choice(value: float | None, choices: Sequence[float]) -> int | None:
    """Index of the choice nearest ``value``; None without a finite value or finite choices.

    >>> nearest_choice(5.1, [3.0, 5.0, 7.0, 9.0])
    1
    >>> nearest_choice(None, [3.0, 5.0]) is None
    True
    """
    if value is None or not math.isfinite(value):
        return None
    finite = [(abs(c - value), i) for i, c in enumerate(choices) if math.isfinite(c)]
    return min(finite)[1] if finite else None


def score(problem: Problem, solved: Solved) -> Outcome:
    """Score one answer against the problem's choices."""
    index = nearest_choice(solved.value, problem.values)
    choice = LETTERS[index] if index is not None and index < len(LETTERS) else None
    ok = choice is not None and choice == problem.answer
    reason = solved.reason
    matches = ok and index is not None and _close(solved.value, problem.values[index])
    if solved.value is not None and not ok:
        reason = reason or f"nearest choice {choice}, correct {problem.answer}"
    return Outcome(problem.id, solved.value, solved.exact, choice, problem.answer, solved.seconds, ok, reason,
                   problem.goal, problem.graph, matches)


def _close(value: float | None, key: float) -> bool:
    return value is not None and abs(value - key) <= MATCH_REL * max(abs(key), 1e-9)


def solve_source(source: str, timeout: float, compile_program: Compile) -> Solved:
    """Compile and solve one program; the first numeric answer, or why there is none."""
    start = time.perf_counter()
    try:
        result = compile_program(source, timeout)
    except Exception as err:  # noqa: BLE001 - a solver bug fails this problem, not the run
        return Solved(None, None, time.perf_counter() - start, f"internal: {type(err).__name__}: {err}")
    seconds = time.perf_counter() - start
    for ans in result.answers:
        if ans.value is not None and math.isfinite(ans.value):
            return Solved(float(ans.value), str(ans.exact), seconds, None)
    found = [d for d in result.diagnostics if d.severity == "error"] or list(result.diagnostics)
    if found:
        return Solved(None, None, seconds, f"{found[0].code}: {found[0].message}")
    why = "the solver gave no numeric answer" if "\nask " in source else "the program has no ask"
    return Solved(None, None, seconds, why)


def _serve(conn: Connection, compile_program: Compile) -> None:
    """A worker: solve programs until told to stop."""
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, source, timeout = task
        conn.send((index, solve_source(source, timeout, compile_program)))


class _Worker:
    def __init__(self, ctx: Any, compile_program: Compile) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, compile_program), daemon=True)
        self.proc.start()
        child.close()
        self.task: int | None = None
        self.started = 0.0

    def give(self, index: int, source: str, timeout: float) -> None:
        self.task, self.started = index, time.perf_counter()
        self.conn.send((index, source, timeout))

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                self.proc.kill()
        self.proc.join(1.0)
        if self.proc.is_alive():
            self.proc.kill()
        self.conn.close()


SolveAll = Callable[[Sequence[str], float, int, Compile, Callable[[int], None]], list[Solved]]


def run_all(sources: Sequence[str], timeout: float, jobs: int, compile_program: Compile,
            progress: Callable[[int], None] = lambda n: None) -> list[Solved]:
    """Solve every program in ``jobs`` worker processes, each under a hard wall-clock guard."""
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    guard = 2 * timeout + GRACE_S
    results: list[Solved | None] = [None] * len(sources)
    pending = list(range(len(sources)))[::-1]
    workers = [_Worker(ctx, compile_program) for _ in range(max(1, min(jobs, len(sources))))]
    try:
        while pending or any(w.task is not None for w in workers):
            for w in workers:
                if w.task is None and pending:
                    i = pending.pop()
                    w.give(i, sources[i], timeout)
            busy = [w for w in workers if w.task is not None]
            ready = wait([w.conn for w in busy], timeout=0.25)
            for w in busy:
                done = _collect(w, w.conn in ready, guard, results)
                if done is not None:
                    progress(1)
                if done:
                    w.stop(kill=True)
                    workers[workers.index(w)] = _Worker(ctx, compile_program)
    finally:
        for w in workers:
            w.stop()
    return [r if r is not None else Solved(None, None, 0.0, "not run") for r in results]


def _collect(w: _Worker, ready: bool, guard: float, results: list[Solved | None]) -> bool | None:
    """Take a finished worker's result. None: still running; False: done; True: done, replace the worker."""
    assert w.task is not None
    index, elapsed = w.task, time.perf_counter() - w.started
    if ready:
        try:
            _, solved = w.conn.recv()
            results[index] = solved
            w.task = None
            return False
        except (EOFError, OSError) as err:
            results[index] = Solved(None, None, elapsed, messages.g3k_worker_crashed(str(err) or "it exited"))
            w.task = None
            return True
    if elapsed > guard:
        results[index] = Solved(None, None, elapsed, f"E049: {messages.g3k_worker_timeout(guard)}")
        w.task = None
        return True
    return None


def run_bench(imported: Sequence[Imported], timeout: float, jobs: int, compile_program: Compile,
              progress: Callable[[int], None] = lambda n: None, solve_all: SolveAll | None = None) -> list[Outcome]:
    """Solve and score imported problems; a problem the importer left without an ask says why.
    ``solve_all`` solves the programs (default ``run_all``: ``jobs`` local worker processes)."""
    sources = [imp.source for imp in imported]
    solved = (solve_all or run_all)(sources, timeout, jobs, compile_program, progress)
    out: list[Outcome] = []
    for imp, s in zip(imported, solved):
        if s.value is None and "\nask " not in imp.source:
            why = next((d for d in imp.diagnostics if d.code in ("E082", "E083", "E084", "E087", "E081", "E080")
                        and ("Find(" in d.message or "ask" in d.message)), None)
            if why is not None:
                s = Solved(None, None, s.seconds, f"{why.code}: {why.message}")
        out.append(score(imp.problem, s))
    return out


def quantile(values: Sequence[float], q: float) -> float:
    """The q-quantile by the nearest-rank rule (0 for no values).

    >>> quantile([1.0, 2.0, 3.0, 4.0], 0.5), quantile([1.0, 2.0, 3.0, 4.0], 0.95)
    (2.0, 4.0)
    """
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def by_tag(outcomes: Iterable[Outcome], field: str) -> dict[str, tuple[int, int]]:
    """(solved, total) per tag of ``goal`` or ``graph``."""
    table: dict[str, tuple[int, int]] = {}
    for o in outcomes:
        for tag in getattr(o, field):
            won, total = table.get(tag, (0, 0))
            table[tag] = (won + o.solved, total + 1)
    return dict(sorted(table.items()))


def summary_line(outcomes: Sequence[Outcome]) -> str:
    """``solved=N/M accuracy=0.XXXX median_s=... p95_s=...``."""
    n, m = sum(o.solved for o in outcomes), len(outcomes)
    times = [o.seconds for o in outcomes]
    acc = n / m if m else 0.0
    return (f"solved={n}/{m} accuracy={acc:.4f} median_s={quantile(times, 0.5):.3f} "
            f"p95_s={quantile(times, 0.95):.3f}")


def failure_kinds(outcomes: Iterable[Outcome]) -> dict[str, int]:
    """Unsolved problems by kind: "wrong choice" for an answer nearest another choice, else the code."""
    kinds: dict[str, int] = {}
    for o in outcomes:
        if not o.solved:
            kind = "wrong choice" if o.answer is not None else (o.reason or "no answer").split(":")[0]
            kinds[kind] = kinds.get(kind, 0) + 1
    return dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))


def report(outcomes: Sequence[Outcome]) -> str:
    """Accuracy per problem_type_goal and problem_type_graph, failures by kind, then the summary line."""
    lines: list[str] = []
    for field, title in (("goal", "problem_type_goal"), ("graph", "problem_type_graph")):
        lines.append(f"{title}:")
        for tag, (won, total) in by_tag(outcomes, field).items():
            lines.append(f"  {tag:<16} {won:>5}/{total:<5} {won / total:.4f}")
    kinds = failure_kinds(outcomes)
    if kinds:
        lines.append("unsolved: " + ", ".join(f"{kind} {n}" for kind, n in kinds.items()))
    solved = [o for o in outcomes if o.solved]
    if solved:
        near = len(solved) - sum(o.matches_key for o in solved)
        lines.append(f"of the solved, {near} are only nearest the key: their value is more than "
                     f"{MATCH_REL:.1%} from it")
    lines.append(summary_line(outcomes))
    return "\n".join(lines)
