"""Derendering one image or a directory of them: settings, clients, engines.

``derender_file(png, settings)`` runs one image (the model loop with a model, the offline
derenderer without one). ``run_batch(DIR, OUT, settings, jobs, engine)`` runs a directory:

- ``local``: ``jobs`` processes take images from one queue; each runs three sessions at once
  on an asyncio loop, model calls in threads while another session's candidates are evaluated
  (compile, fit, render, judge) in the process; a progress bar on stderr.
- ``ray``: each image is one Ray task (``ray.init(address=...)``; a local instance without an
  address); results stream back as tasks finish.

Either way each image's results land in ``OUT/NAME.rdsl`` (the best program), ``OUT/NAME.json``
(verdict, answers, rounds, errors) and, with a report, ``OUT/NAME/index.html``. A batch is
resumable: an image whose ``NAME.json`` is already there is skipped. One budget (deadline,
requests, tokens) holds for the whole batch with the local engine (shared by its processes),
per task with Ray.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import json
import multiprocessing
import os
import queue as queue_mod
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from recode_dsl.agent.client import Budget, ChatClient, ModelClient
from recode_dsl.agent.loop import (
    Derendering,
    Evaluate,
    LoopConfig,
    ModelCall,
    drive,
    evaluate,
    final_result,
    session,
)
from recode_dsl.agent.text import clean
from recode_dsl.errors import AgentError, Diagnostic, Span
from recode_dsl.messages import derender_not_a_chart, grammar_not_sent, unexpected_char

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"}


@dataclass(frozen=True)
class Settings:
    """Everything a derendering needs, picklable (it travels to worker processes and Ray tasks)."""

    model: str | None = None
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    server: str = "openai"
    constrain: str = "none"
    candidates: int = 3
    rounds: int = 3
    temperature: float = 0.7
    questions: tuple[str, ...] = ()
    hint: str | None = None
    deadline: float | None = None
    timeout: float = 120.0
    retries: int = 3
    max_requests: int | None = None
    max_tokens: int | None = None
    max_reply_bytes: int = 4_000_000
    cache: str | None = None
    replay: bool = False
    report: str | None = None
    solve_timeout: float = 10.0
    fit: bool = True
    offline: bool = True  # try the offline reader's program first (charts)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Settings:
        return cls(model=args.model, base_url=args.base_url, api_key=os.environ.get(args.api_key_env),
                   server=args.server, constrain=args.constrain, candidates=args.candidates, rounds=args.rounds,
                   temperature=args.temperature, questions=tuple(args.ask), hint=args.hint, deadline=args.deadline,
                   timeout=args.timeout, retries=args.retries, max_requests=args.max_requests,
                   max_tokens=args.max_tokens, max_reply_bytes=args.max_reply_bytes, cache=args.cache,
                   replay=args.replay, report=args.report, offline=not args.no_offline)

    def config(self) -> LoopConfig:
        return LoopConfig(candidates=self.candidates, rounds=self.rounds, temperature=self.temperature,
                          solve_timeout=self.solve_timeout, fit=self.fit, constrained=self.constrain == "grammar",
                          server=self.server)

    def budget(self) -> Budget:
        return Budget.start(self.max_requests, self.max_tokens, self.deadline)

    def grammar(self) -> str | None:
        if self.constrain != "grammar" or self.server == "openai":
            return None
        from recode_dsl.grammar.export import gbnf

        return gbnf()

    def client(self, budget: Budget) -> ModelClient:
        """The model client: HTTP, behind the reply cache when there is one (replay: the cache only)."""
        assert self.model is not None
        grammar = self.grammar()
        http = ChatClient(self.model, self.base_url, self.api_key, timeout=self.timeout, max_retries=self.retries,
                          server=self.server, grammar=grammar, max_reply_bytes=self.max_reply_bytes, budget=budget)
        if not self.cache:
            return http
        from recode_dsl.agent.cache import CachedClient

        context = {"model": self.model, "server": self.server, "grammar": grammar}
        return CachedClient(None if self.replay else http, Path(self.cache), context)

    def warnings(self) -> list[Diagnostic]:
        if self.constrain == "grammar" and self.server == "openai":
            return [Diagnostic("E090", grammar_not_sent(self.server), severity="warning",
                               hint="--server vllm or --server llamacpp send the grammar")]
        return []


def system_prompt() -> str:
    from recode_dsl.reference import prompt_text

    return prompt_text()


def offline_seeds(png: bytes) -> list[str] | None:
    """The offline derenderer's program for the image (``recode_dsl.derender``: perception reads
    the chart, a proposer writes it), [] when it reads none; None when it is not installed."""
    try:
        from recode_dsl.derender import derender_image
    except ImportError:
        return None
    from recode_dsl.agent.images import load_image

    try:
        found = derender_image(load_image(png), verify=False)
    except Exception:  # noqa: BLE001 - the offline reader failing leaves the model to do the work
        return []
    return [found.program] if found.program.strip() else []


def with_asks(program: str, questions: tuple[str, ...]) -> str:
    """The offline program with each question that is a query of the language as an ``ask``
    (a question in words is for the model and is left out)."""
    from recode_dsl import pipeline

    for q in questions:
        candidate = f"{program.rstrip()}\nask {q}\n"
        if "\n" not in q and pipeline.compile(candidate, solve=False).ok:
            program = candidate
    return program


def unasked(program: str, questions: Sequence[str]) -> list[tuple[int, str, list[Diagnostic]]]:
    """The questions that are no query of the language for ``program``: (number from 1, text,
    diagnostics located in the question's own text, line 1 its first line). Without a model these
    cannot be answered and are reported; with one, a question in words is the model's to answer.

    >>> [(n, [(d.code, d.span.col) for d in ds]) for n, _, ds in unasked(
    ...     'chart bar\\ncategories("a")\\nseries("s", [1])\\n', ['max("s")', 'max("t")'])]
    [(2, [('E010', 5)])]
    """
    from recode_dsl import pipeline

    base = f"{program.rstrip()}\n"
    first = base.count("\n") + 1  # the line the question's ``ask`` starts on
    if not pipeline.compile(base, solve=False).ok:
        return []  # the program's own diagnostics are reported; its questions cannot be judged
    out: list[tuple[int, str, list[Diagnostic]]] = []
    for n, q in enumerate(questions, 1):
        brk = next((i for i, ch in enumerate(q) if ch in "\r\n"), None)
        if brk is not None:  # the question would run on into lines of its own
            out.append((n, q, [Diagnostic("E001", unexpected_char(q[brk]), Span(1, brk + 1, 1, brk + 2),
                                          hint="a question is one query of the language, on one line")]))
            continue
        result = pipeline.compile(f"{base}ask {q}\n", solve=False)
        if result.ok:
            continue
        moved = []
        for d in result.diagnostics:
            if d.severity != "error" or d.span.line < first:
                continue
            line, end_line = d.span.line - first + 1, d.span.end_line - first + 1
            col = max(1, d.span.col - 4) if line == 1 else d.span.col
            end_col = max(col, d.span.end_col - 4) if end_line == 1 else d.span.end_col
            moved.append(replace(d, span=Span(line, col, end_line, end_col)))
        if not moved:  # found in the program's lines (a question that breaks its line): at the question
            moved = [replace(d, span=Span(1, 1, 1, 2)) for d in result.diagnostics if d.severity == "error"][:1]
        out.append((n, q, moved))
    return out


def question_errors(asked: list[tuple[int, str, list[Diagnostic]]]) -> list[dict[str, Any]]:
    """The JSON of :func:`unasked`'s result, each diagnostic naming its question (``"file": "--ask N"``,
    the name the text form prints, and the question's text): a batch record or ``-o``'s JSON
    reports them as the command line does.

    >>> [(e["file"], e["code"], e["span"]["col"]) for e in question_errors(unasked(
    ...     'chart bar\\ncategories("a")\\nseries("s", [1])\\n', ['max("s")', 'max("t")']))]
    [('--ask 2', 'E010', 5)]
    """
    return [{**d.to_json(), "file": f"--ask {n}", "question": q} for n, q, diags in asked for d in diags]


def derender_file(png: bytes, settings: Settings, budget: Budget | None = None) -> Derendering | None:
    """One image, in this process. None when there is neither a model nor the offline reader."""
    seeds = offline_seeds(png) if settings.offline or settings.model is None else []
    config = settings.config()
    if settings.model is None:
        if seeds is None:
            return None
        client: ModelClient = _NoModel()
        config = LoopConfig(candidates=config.candidates, rounds=0, solve_timeout=config.solve_timeout,
                            fit=config.fit)
    else:
        client = settings.client(budget or settings.budget())
    seeds = [with_asks(p, settings.questions) for p in seeds or ()]
    outcome = drive(session(png, system_prompt(), config, settings.questions, settings.hint, seeds),
                    client, png, config)
    outcome.warnings[:0] = settings.warnings()
    return _nothing_read(outcome, settings, seeds)


def _nothing_read(outcome: Derendering, settings: Settings, seeds: list[str]) -> Derendering:
    """Without a model, an image the offline reader finds nothing in ends with E110 saying so (it
    ended with no diagnostic at all)."""
    if settings.model is None and not seeds and not outcome.error:
        outcome.error = [Diagnostic("E110", derender_not_a_chart("no chart (value axis, marks or pie) and no "
                                                                 "figure (strokes on a light page) found"),
                                    hint="derender it with a model: --model M --base-url URL")]
    return outcome


class _NoModel:
    def complete(self, messages: list[Any], n: int, temperature: float) -> list[str]:
        raise AgentError([])


# -- batches -----------------------------------------------------------------------------------


def images_in(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)


def pending(directory: Path, out: Path) -> list[Path]:
    """The images of ``directory`` whose results are not in ``out`` yet (resuming a batch)."""
    return [p for p in images_in(directory) if not (out / f"{p.stem}.json").exists()]


def outcome_files(name: str, outcome: Derendering | None, settings: Settings,
                  seconds: float) -> dict[str, bytes]:
    """The files of one image's results, by path relative to the output folder: ``NAME.rdsl``,
    the report's files and ``NAME.json`` (last: its presence marks the image done)."""
    files: dict[str, bytes] = {}
    if outcome is None:
        record: dict[str, Any] = {"image": name, "verified": False, "program": None,
                                  "error": [{"code": "E090", "message": "no model and no offline derenderer"}]}
    else:
        record = {"image": name, **outcome.to_json()}
        if outcome.best is not None:
            files[f"{name}.rdsl"] = outcome.best.program.encode("utf-8")
            if settings.model is None:  # no model to answer a question in words: each one not asked is an error
                record["error"] += question_errors(unasked(outcome.best.program, settings.questions))
        if settings.report:
            from recode_dsl.agent.report import html_page

            pictures: dict[str, bytes] = {}
            page = html_page(outcome, inline=False, files=pictures)
            files.update({f"{name}/{k}": v for k, v in pictures.items()})
            files[f"{name}/index.html"] = page.encode("utf-8")
    record["seconds"] = round(seconds, 3)
    files[f"{name}.json"] = (json.dumps(record, indent=1) + "\n").encode("utf-8")
    return files


def write_files(out: Path, files: dict[str, bytes]) -> dict[str, Any]:
    """Write one image's results (atomically each, the JSON record last); returns the record."""
    record: dict[str, Any] = {}
    for rel, data in sorted(files.items(), key=lambda kv: kv[0].endswith(".json") and "/" not in kv[0]):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        if rel.endswith(".json") and "/" not in rel:
            record = json.loads(data)
    return record


def failed(name: str, err: Exception) -> dict[str, bytes]:
    record = {"image": name, "verified": False, "program": None,
              "error": [{"code": "E090", "message": f"derendering failed: {type(err).__name__}: "
                                                    f"{clean(str(err), 200)}"}]}
    return {f"{name}.json": (json.dumps(record, indent=1) + "\n").encode("utf-8")}


def unreadable(name: str, err: Exception) -> dict[str, bytes]:
    from recode_dsl.agent.images import unreadable_image

    record = {"image": name, "verified": False, "program": None, "error": [unreadable_image(err).to_json()]}
    return {f"{name}.json": (json.dumps(record, indent=1) + "\n").encode("utf-8")}


def run_batch(directory: Path, out: Path, settings: Settings, jobs: int = 1, engine: str = "local",
              address: str | None = None, progress: bool = True) -> int:
    """Derender every image of ``directory`` not yet done into ``out``; prints a summary line."""
    out.mkdir(parents=True, exist_ok=True)
    todo = pending(directory, out)
    total = len(images_in(directory))
    if engine == "ray":
        from recode_dsl.agent.ray_engine import run_ray

        records = run_ray(todo, out, settings, address, progress)
    else:
        records = run_local(todo, out, settings, jobs, progress)
    done = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.glob("*.json")) if not p.name.startswith(".")]
    verified = sum(1 for r in done if r.get("verified"))
    failed = sum(1 for r in records if r.get("error")) + max(0, len(todo) - len(records))
    print(f"derendered {len(records)} image(s) now, {len(done)}/{total} done, {verified} verified, "
          f"{failed} with errors; results in {out}", file=sys.stderr)
    return 1 if failed else 0


def _bar(total: int, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit="image", disable=not enabled or total == 0, file=sys.stderr)


SESSIONS_PER_PROCESS = 3  # images in flight per process: model calls overlap the evaluation of others


def run_local(todo: list[Path], out: Path, settings: Settings, jobs: int, progress: bool) -> list[dict[str, Any]]:
    """Every image through ``jobs`` processes, each running ``SESSIONS_PER_PROCESS`` sessions at
    once on an asyncio loop: model calls in threads, evaluation in the process itself. The
    processes take images from one queue and write their results; one budget holds for all."""
    budget = settings.budget()
    bar = _bar(len(todo), progress)
    records: list[dict[str, Any]] = []

    def done(record: dict[str, Any]) -> None:
        records.append(record)
        bar.update(1)

    try:
        if jobs <= 1:
            queue = list(reversed(todo))
            lock = threading.Lock()

            def take() -> Path | None:
                with lock:
                    return queue.pop() if queue else None

            asyncio.run(_serve(take, done, out, settings, budget))
        else:
            _run_processes(todo, out, settings, budget, jobs, done)
    finally:
        bar.close()
    return records


def _run_processes(todo: list[Path], out: Path, settings: Settings, budget: Budget, jobs: int,
                   done: Callable[[dict[str, Any]], None]) -> None:
    # Workers fork from a server that imported the pipeline once (spawning each re-imports it).
    ctx = multiprocessing.get_context("forkserver")
    # The preload holds what every session imports lazily (the HTTP client, the image reader, the
    # fit and the chart paths): about 1 s of CPU each worker would otherwise pay again.
    ctx.set_forkserver_preload(["recode_dsl.agent.batch", "recode_dsl.fit.verify", "recode_dsl.fit.program",
                                "recode_dsl.renderer", "recode_dsl.renderer.chart", "recode_dsl.solver.chart",
                                "recode_dsl.fmt", "skimage.io", "openai"])
    shared = (ctx.Value("q", 0), ctx.Value("q", 0))
    with ctx.Manager() as manager:
        work, results = manager.Queue(), manager.Queue()
        for path in todo:
            work.put(str(path))
        with concurrent.futures.ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker,
                                                    initargs=(budget.limits(), shared)) as pool:
            futures = [pool.submit(_worker, work, results, str(out), settings) for _ in range(jobs)]
            while True:
                try:
                    done(results.get(timeout=0.2))
                    continue
                except queue_mod.Empty:
                    pass
                if all(f.done() for f in futures):
                    break
            while not results.empty():
                done(results.get())
            for f in futures:
                try:
                    f.result()
                except Exception as err:  # noqa: BLE001 - a worker that died leaves its images pending
                    print(f"recode-dsl: error: a worker process failed ({type(err).__name__}: "
                          f"{clean(str(err), 200)}); run the batch again to resume", file=sys.stderr)


_WORKER_BUDGET: Budget | None = None


def _init_worker(limits: tuple[int | None, int | None, float | None, float | None], shared: Any) -> None:
    global _WORKER_BUDGET
    _WORKER_BUDGET = Budget(*limits, shared=shared)


def _worker(work: Any, results: Any, out: str, settings: Settings) -> None:
    """A worker process: images from ``work`` until it is empty; each record to ``results``."""
    def take() -> Path | None:
        try:
            return Path(work.get_nowait())
        except queue_mod.Empty:
            return None

    assert _WORKER_BUDGET is not None
    asyncio.run(_serve(take, results.put, Path(out), settings, _WORKER_BUDGET))


async def _serve(take: Callable[[], Path | None], done: Callable[[dict[str, Any]], None], out: Path,
                 settings: Settings, budget: Budget) -> None:
    """``SESSIONS_PER_PROCESS`` sessions, each taking images until there are none.

    Three executors, so that no step waits behind another kind: one thread evaluates candidates
    (the CPU work, one at a time); light steps (decoding the image, compiling the chosen program
    again) have their own thread, so they never queue behind another session's evaluation (that
    queue kept the sessions in lockstep: every session's model call started at the same moment
    and the evaluator sat idle meanwhile); model calls and taking the next image have a thread
    per session, so they are never queued at all."""
    evaluator = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="evaluate")
    light = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="light")
    calls = concurrent.futures.ThreadPoolExecutor(max_workers=SESSIONS_PER_PROCESS, thread_name_prefix="model")
    loop = asyncio.get_running_loop()

    async def lane() -> None:
        while (path := await loop.run_in_executor(calls, take)) is not None:
            start = time.perf_counter()
            try:
                outcome = await _drive_async(path.read_bytes(), settings, budget, evaluator, light, calls)
            except ValueError as err:  # not an image
                files = unreadable(path.stem, err)
            except Exception as err:  # noqa: BLE001 - one image failing never stops the batch
                files = failed(path.stem, err)
            else:
                files = outcome_files(path.stem, outcome, settings, time.perf_counter() - start)
            done(write_files(out, files))

    try:
        await asyncio.gather(*(lane() for _ in range(SESSIONS_PER_PROCESS)))
    finally:
        for pool in (evaluator, light, calls):
            pool.shutdown(wait=True, cancel_futures=True)


async def _drive_async(png: bytes, settings: Settings, budget: Budget, pool: concurrent.futures.Executor,
                       light: concurrent.futures.Executor, calls: concurrent.futures.Executor
                       ) -> Derendering | None:
    loop = asyncio.get_running_loop()
    from recode_dsl.agent.images import load_image

    target = await loop.run_in_executor(light, load_image, png)
    seeds = (await loop.run_in_executor(pool, offline_seeds, png)) if settings.offline or settings.model is None else []
    config = settings.config()
    if settings.model is None:
        if seeds is None:
            return None
        config = LoopConfig(candidates=config.candidates, rounds=0, solve_timeout=config.solve_timeout, fit=config.fit)
        client: ModelClient = _NoModel()
    else:
        client = settings.client(budget)
    seeds = [with_asks(p, settings.questions) for p in seeds or ()]
    steps = session(png, system_prompt(), config, settings.questions, settings.hint, seeds)
    answer: Any = None
    while True:
        try:
            step = steps.send(answer)
        except StopIteration as stop:
            outcome: Derendering = stop.value
            outcome.warnings[:0] = settings.warnings()
            return _nothing_read(outcome, settings, seeds)
        if isinstance(step, ModelCall):
            try:
                answer = await loop.run_in_executor(calls, client.complete, step.messages, step.n, step.temperature)
            except AgentError as err:
                answer = err
        elif isinstance(step, Evaluate):
            answer = await loop.run_in_executor(pool, evaluate, step.program, target, config.solve_timeout,
                                                config.fit, config.target_score)
        else:
            answer = await loop.run_in_executor(light, final_result, step.program, config.solve_timeout)


def run_one(png: bytes, name: str, settings: Settings) -> dict[str, bytes]:
    """One image start to finish in this process: its result files (a Ray task's body)."""
    start = time.perf_counter()
    try:
        outcome = derender_file(png, settings)
    except ValueError as err:
        return unreadable(name, err)
    except Exception as err:  # noqa: BLE001 - one image failing never stops the batch
        return failed(name, err)
    return outcome_files(name, outcome, settings, time.perf_counter() - start)
