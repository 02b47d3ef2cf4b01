"""``--engine ray``: each item (an image, a Geometry3K problem) one Ray task; results stream back.

Ray is an optional extra (``pip install recode-dsl[ray]``). Without ``--address`` a local Ray
instance is started for the run; with one (``ray://HOST:10001`` or ``auto``) the tasks run on that
cluster, whose workers need recode-dsl installed. A task reads nothing from the driver's disk: it
gets its input (image bytes, a program) and the settings, and returns its results, which the driver
writes as tasks finish (so a cluster needs no shared file system).

Three batches use it:

- ``derender DIR --out OUT --engine ray`` (``run_ray``): the model loop, model calls in the tasks;
- ``bench charts --engine ray`` (``derender_charts``): the offline derenderer, one task an image;
- ``bench geometry3k --engine ray`` (``solve_programs``): one task a problem, under the same hard
  guard as the local workers (a task past it is cancelled and the problem reported as timed out).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recode_dsl.agent.batch import Settings
    from recode_dsl.interop.geometry3k.bench import Compile, Solved

# A derendering task spends much of its time waiting for the model: several share a CPU, as the
# local engine keeps several sessions in flight per evaluation process.
TASK_CPUS = 0.25
# Offline derendering and solving are CPU work: one task a CPU.
CPU_TASK_CPUS = 1.0
# A guarded batch first starts its workers and imports the task's module in them, waiting at most
# this long: a guard counted from submission must not count a worker's start (a fresh process
# importing the package took over 25 s on a loaded machine, and every problem timed out).
WARM_S = 120.0


def _ray() -> Any:
    try:
        import ray
    except ImportError:
        print("recode-dsl: error: --engine ray needs Ray: pip install 'recode-dsl[ray]'", file=sys.stderr)
        raise SystemExit(2) from None
    return ray


@contextmanager
def ray_instance(address: str | None, num_cpus: int | None = None) -> Iterator[Any]:
    """The ``ray`` module, connected: to ``address``, to the instance already initialised in this
    process, or to a local instance started for the block (and stopped after it)."""
    ray = _ray()
    started = not ray.is_initialized()
    if started:
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False)
    try:
        yield ray
    finally:
        if started:
            ray.shutdown()


def stream(ray: Any, fn: Callable[..., Any], calls: Sequence[tuple[Any, ...]], on_result: Callable[[int, Any], None],
           task_cpus: float, guard: float | None = None,
           on_timeout: Callable[[int, float], None] | None = None,
           on_error: Callable[[int, Exception], None] | None = None) -> None:
    """``fn(*calls[i])`` for every ``i``, each one Ray task; ``on_result(i, value)`` as each ends.

    At most as many tasks are in flight as the cluster has room for, so a task starts when it is
    submitted; with ``guard``, a task still running ``guard`` seconds after it was submitted is
    cancelled (its worker is killed) and ``on_timeout(i, seconds)`` called instead; the workers
    are started first (``_warm_workers``), so the guard does not count a worker's start. A task that
    fails (its worker died, or ``fn`` raised) calls ``on_error(i, error)``; without it, it raises."""
    task = ray.remote(num_cpus=task_cpus, max_retries=0)(fn)
    room = max(1, int(float(ray.cluster_resources().get("CPU", 1.0)) / task_cpus))
    if guard is not None:
        _warm_workers(ray, fn, task_cpus, min(room, len(calls)))
    todo = list(range(len(calls)))[::-1]
    running: dict[Any, tuple[int, float]] = {}
    while todo or running:
        while todo and len(running) < room:
            i = todo.pop()
            running[task.remote(*calls[i])] = (i, time.monotonic())
        ready, _ = ray.wait(list(running), num_returns=1, timeout=0.25 if guard else None)
        for ref in ready:
            i, _started = running.pop(ref)
            try:
                value = ray.get(ref)
            except Exception as err:  # RayTaskError, WorkerCrashedError: this item fails, not the batch
                if on_error is None:
                    raise
                on_error(i, err)
                continue
            on_result(i, value)
        if guard is not None:
            now = time.monotonic()
            for ref, (i, started) in list(running.items()):
                if now - started > guard:
                    ray.cancel(ref, force=True)
                    del running[ref]
                    if on_timeout is not None:
                        on_timeout(i, now - started)


def _import_module(name: str) -> None:
    """In a worker: import ``name`` (the task function's module), if it can be imported there."""
    import importlib

    try:
        importlib.import_module(name)
    except ImportError:  # a function defined where the worker cannot import it is shipped by value
        pass


def _warm_workers(ray: Any, fn: Callable[..., Any], task_cpus: float, n: int) -> None:
    """Start ``n`` workers of ``task_cpus`` and import ``fn``'s module in each, waiting at most
    ``WARM_S``; Ray gives the batch's tasks to these idle workers, so a task's guard counts its own
    work, not a process start and the package's import."""
    warm = ray.remote(num_cpus=task_cpus, max_retries=0)(_import_module)
    refs = [warm.remote(fn.__module__) for _ in range(n)]
    _ready, pending = ray.wait(refs, num_returns=len(refs), timeout=WARM_S)
    for ref in pending:
        ray.cancel(ref, force=True)


# -- the model loop: derender DIR --out OUT --engine ray ------------------------------------------


def run_ray(todo: list[Path], out: Path, settings: Settings, address: str | None, progress: bool,
            num_cpus: int | None = None) -> list[dict[str, Any]]:
    from recode_dsl.agent.batch import _bar, failed, run_one, write_files

    records: list[dict[str, Any]] = []
    bar = _bar(len(todo), progress)

    def done(i: int, files: dict[str, bytes]) -> None:
        records.append(write_files(out, files))
        bar.update(1)

    try:
        with ray_instance(address, num_cpus) as ray:
            stream(ray, run_one, [(path.read_bytes(), path.stem, settings) for path in todo], done, TASK_CPUS,
                   on_error=lambda i, err: done(i, failed(todo[i].stem, err)))
    finally:
        bar.close()
    return records


# -- bench charts --engine ray: the offline derenderer ----------------------------------------------


def derender_chart(png: bytes, suffix: str, label: str, asks: tuple[str, ...]) -> tuple[dict[str, str], dict[str, Any]]:
    """One image derendered offline (a task's body): its files (NAME.rdsl, NAME.json the table)
    by file name, and its summary row, as ``derender.derender_batch`` writes them."""
    from recode_dsl.derender import derender_image

    stem = Path(label).stem
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"image{suffix}"
        path.write_bytes(png)
        res = derender_image(path, asks, name=label)
    files: dict[str, str] = {}
    if res.program:
        files[f"{stem}.rdsl"] = res.program
    if res.table is not None:
        files[f"{stem}.json"] = json.dumps(res.table, indent=1)
    row = res.summary()
    row["name"] = stem
    return files, row


def derender_charts(paths: Sequence[Path], out: Path, asks: Sequence[str] = (), address: str | None = None,
                    progress: bool = False, num_cpus: int | None = None) -> list[dict[str, Any]]:
    """``derender.derender_batch`` on Ray: each image one task; the files and the summary rows
    (``summary.jsonl``, so a run resumes across engines) written as tasks finish."""
    from tqdm import tqdm

    from recode_dsl.derender import SUMMARY

    out.mkdir(parents=True, exist_ok=True)
    summary = out / SUMMARY
    done_names: set[str] = set()
    if summary.exists():
        for line in summary.read_text().splitlines():
            try:
                done_names.add(json.loads(line)["image"])
            except (ValueError, KeyError, TypeError):
                continue
    todo = [p for p in paths if str(p) not in done_names]
    rows: list[dict[str, Any]] = []
    bar = tqdm(total=len(todo), disable=not progress, unit="image", desc="derender")
    with summary.open("a") as fh, ray_instance(address, num_cpus) as ray:

        def done(i: int, result: tuple[dict[str, str], dict[str, Any]]) -> None:
            files, row = result
            for name, text in files.items():
                tmp = out / f".{name}.tmp"
                tmp.write_text(text)
                os.replace(tmp, out / name)
            fh.write(json.dumps(row) + "\n")
            fh.flush()
            rows.append(row)
            bar.update(1)

        def lost(i: int, err: Exception) -> None:
            row = {"image": str(todo[i]), "name": todo[i].stem, "ok": False, "verified": False,
                   "error": f"the task failed: {type(err).__name__}"}
            done(i, ({}, row))

        stream(ray, derender_chart, [(p.read_bytes(), p.suffix, str(p), tuple(asks)) for p in todo], done,
               CPU_TASK_CPUS, on_error=lost)
    bar.close()
    return rows


# -- bench geometry3k --engine ray: one task a problem ------------------------------------------------


def solve_programs(sources: Sequence[str], timeout: float, compile_program: Compile, address: str | None = None,
                   progress: Callable[[int], None] = lambda n: None, num_cpus: int | None = None) -> list[Solved]:
    """``geometry3k.bench.run_all`` on Ray: each program solved by one task, under the local
    workers' hard guard (twice the timeout and a grace); the results in the order of ``sources``."""
    from recode_dsl import messages
    from recode_dsl.interop.geometry3k.bench import GRACE_S, Solved, solve_source

    results: list[Solved | None] = [None] * len(sources)

    def done(i: int, solved: Solved) -> None:
        results[i] = solved
        progress(1)

    def late(i: int, seconds: float) -> None:
        results[i] = Solved(None, None, seconds, f"E049: {messages.g3k_worker_timeout(2 * timeout + GRACE_S)}")
        progress(1)

    with ray_instance(address, num_cpus) as ray:
        stream(ray, solve_source, [(s, timeout, compile_program) for s in sources], done, CPU_TASK_CPUS,
               guard=2 * timeout + GRACE_S, on_timeout=late,
               on_error=lambda i, err: done(i, Solved(None, None, 0.0,
                                                      messages.g3k_worker_crashed(type(err).__name__))))
    return [r if r is not None else Solved(None, None, 0.0, "not run") for r in results]
