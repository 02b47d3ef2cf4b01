"""The long fuzz run (``make fuzz``): the generators and properties of ``fuzz_inputs.py`` in a
plain loop, without Hypothesis's overhead, for as many inputs as the time allows.

    python tests/fuzz/long_run.py --minutes 30 --jobs 2 [--targets spec,csv] [--json build/fuzz.json]

Each worker process draws inputs from its own seeded ``random.Random``, round-robin over the
targets, each input under the per-input CPU limit. An input that escapes (an exception other
than the target's documented diagnostics, an unlocated diagnostic, a control character in the
output, more than 10 s of CPU) is kept as a fixture in ``tests/fuzz/regressions/<target>/``,
which the test suite replays. The summary gives the inputs run per target, the escapes, and
the CPU time (user + system of the workers) beside the wall time. ``--targets`` runs only some
targets (at their usual weights among themselves): the ones whose code changed since a long run.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import sys
import tempfile
import time
import traceback
from multiprocessing.pool import AsyncResult
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_cpu import cpu_limit  # noqa: E402
from fuzz_inputs import GENERATORS, check, save_regression  # noqa: E402

CPU_SECONDS = 10.0
GRACE_S = 120.0  # past the run's end, a worker still on one input is hung
# Source text is the main input (and the cheapest): it gets half of the draws.
WEIGHTS = {"source": 5, "reply": 2, "spec": 1, "csv": 1, "g3k": 1}


def worker(args: tuple[int, float, float, int, str, tuple[str, ...]]) -> dict[str, object]:
    seed, seconds, draw_share, niceness, watch, chosen = args
    os.nice(niceness)
    rng = random.Random(seed)
    targets = [t for t, w in WEIGHTS.items() if t in chosen for _ in range(w)]
    counts = {t: 0 for t in GENERATORS}
    escapes: list[dict[str, str]] = []
    slowest = (0.0, "")
    end = time.monotonic() + seconds
    status = Path(watch) / f"{seed}.json"
    with tempfile.TemporaryDirectory() as tmp:
        while time.monotonic() < end:
            target = rng.choice(targets)
            text = GENERATORS[target](rng)
            # the input about to run, for the parent's watchdog: a worker that never returns (a loop
            # in C code, past the CPU limit's reach) is ended there and this input kept as a fixture
            status.write_text(json.dumps({"target": target, "text": text, "counts": counts}), encoding="utf-8",
                              errors="surrogatepass")
            start = time.process_time()
            try:
                with cpu_limit(CPU_SECONDS):
                    check(target, text, Path(tmp), draw=rng.random() < draw_share)
            except KeyboardInterrupt:
                raise
            except BaseException as err:  # noqa: BLE001 - every escape is kept (BudgetExceeded and the CPU limit too)
                path = save_regression(target, text)
                escapes.append({"target": target, "fixture": str(path), "error": f"{type(err).__name__}: {err}"[:300],
                                "where": traceback.format_exc(limit=-3)[-600:]})
            spent = time.process_time() - start
            if spent > slowest[0]:
                slowest = (spent, target)
            counts[target] += 1
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"counts": counts, "escapes": escapes, "cpu": usage.ru_utime + usage.ru_stime, "slowest": slowest}


def _result(seed: int, job: AsyncResult[dict[str, object]], deadline: float, watch: Path) -> dict[str, object]:
    """A worker's summary; or, past the deadline, the worker counted as hung: the input it was on
    is kept as a fixture and its counts are those of its last status."""
    try:
        return job.get(timeout=max(deadline - time.monotonic(), 1.0))
    except multiprocessing.TimeoutError:
        status = json.loads((watch / f"{seed}.json").read_text(encoding="utf-8", errors="surrogatepass"))
        path = save_regression(status["target"], status["text"])
        hang = {"target": status["target"], "fixture": str(path),
                "error": f"hang: no return {GRACE_S:g} s past the run's end (a loop the CPU limit cannot stop)",
                "where": ""}
        return {"counts": status["counts"], "escapes": [hang], "cpu": 0.0,
                "slowest": (float(GRACE_S), status["target"])}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=30.0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--draw", type=float, default=0.1, help="share of compiled programs also drawn (SVG)")
    ap.add_argument("--nice", type=int, default=10, help="niceness the workers add to their own (default 10)")
    ap.add_argument("--json", help="write the summary here")
    ap.add_argument("--targets", default=",".join(WEIGHTS),
                    help=f"comma-separated, of {', '.join(WEIGHTS)} (default all)")
    args = ap.parse_args()
    chosen = tuple(t.strip() for t in args.targets.split(",") if t.strip())
    if not chosen or any(t not in WEIGHTS for t in chosen):
        ap.error(f"--targets: a comma-separated list of {', '.join(WEIGHTS)}, not {args.targets!r}")
    wall = time.monotonic()
    with tempfile.TemporaryDirectory() as watch, \
            multiprocessing.get_context("fork").Pool(args.jobs, maxtasksperchild=1) as pool:
        pending = {args.seed + i: pool.apply_async(worker, ((args.seed + i, args.minutes * 60, args.draw, args.nice,
                                                             watch, chosen),)) for i in range(args.jobs)}
        parts = [_result(seed, job, wall + args.minutes * 60 + GRACE_S, Path(watch)) for seed, job in pending.items()]
        pool.terminate()  # a worker still inside its input (SIGTERM ends it, C code or not)
    counts = {t: sum(p["counts"][t] for p in parts) for t in GENERATORS}  # type: ignore[index]
    escapes = [e for p in parts for e in p["escapes"]]  # type: ignore[attr-defined]
    summary = {"seed": args.seed, "jobs": args.jobs, "inputs": sum(counts.values()), "per_target": counts,
               "escapes": len(escapes), "escape_list": escapes[:50], "wall_s": round(time.monotonic() - wall, 1),
               "cpu_s": round(max(sum(float(p["cpu"]) for p in parts), _children_cpu()), 1),  # type: ignore[arg-type,misc]
               "slowest_input_cpu_s": round(max(float(p["slowest"][0]) for p in parts), 3)}  # type: ignore[index]
    text = json.dumps(summary, indent=1)
    print(text)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(text, encoding="utf-8")
    return 1 if escapes else 0


if __name__ == "__main__":
    sys.exit(main())
