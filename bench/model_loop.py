"""Benchmark the model loop (issue 14) with a scripted model on unseen matplotlib charts.

    .venv/bin/python bench/model_loop.py [--n 100] [--seed 11] [--batch-n 200] [--delay 1.0]
                                         [--skip-batch] [--skip-ray] [--json OUT]

1. Repair: make_charts.py draws N charts (a seed no other bench uses), make_proposals.py
   disturbs them (values off by up to 10%, plot box by up to 3 px), each proposal becomes a
   program and is broken in one of 20 ways (chart i gets way i mod 20). The scripted model
   answers the first turn with the broken program and a repair turn with the proposal, but
   only when the turn shows it the broken program numbered by line and a diagnostic code
   (else it repeats the broken one, as a model that cannot see its program would). Goal:
   verified on at least 98%, in at most 2 rounds. Reported: verified, compiled, rounds used.
2. Overhead per candidate: compile, fit, render and judge of each evaluated candidate (the
   model's time excluded). Goal: median under 0.5 s.
3. Batch: the same charts through ``derender DIR --out DIR`` against an HTTP server that
   answers every request after ``--delay`` seconds: ``--jobs 1``, ``--jobs 2`` and ``--engine
   ray`` (when Ray is installed). Goal: jobs 2 at most 0.6x the wall time of jobs 1; Ray within
   1.2x of jobs 2. Wall and CPU time (this process and its children) side by side.

Needs matplotlib (the bench extra) and ../shared/bench/charts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from recode_dsl import pipeline
from recode_dsl.agent.batch import Settings, run_batch, system_prompt
from recode_dsl.agent.loop import LoopConfig, derender, numbered
from recode_dsl.interop.chart_spec import load_spec, spec_to_program

CHARTS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "charts"


def _sub(pattern: str, repl: str, count: int = 1) -> Callable[[str], str]:
    return lambda p: re.sub(pattern, repl, p, count=count, flags=re.MULTILINE)


# Twenty ways a model breaks a program: syntax, names, arity, types, values, settings.
BREAKS: list[tuple[str, Callable[[str], str]]] = [
    ("missing ')'", _sub(r"^(series\(.*)\)$", r"\1")),
    ("missing ','", _sub(r"(\[[^\]\n]*?\d), (\d)", r"\1 \2")),
    ("unknown function", _sub(r"^series\(", "serie(")),
    ("misspelt keyword", _sub(r"color=", "colour=")),
    ("one value short", _sub(r", [-0-9.]+\]", "]")),
    ("one category more", _sub(r"^categories\((.*)\)$", r'categories(\1, "Extra")')),
    ("unterminated string", _sub(r'^series\("([^"]*)"', r'series("\1')),
    ("unknown chart kind", _sub(r"^chart (\w+)", r"chart \1s")),
    ("no header", _sub(r"^chart .*\n", "")),
    ("series twice", lambda p: p + "\n".join(ln for ln in p.splitlines() if ln.startswith("series("))[:1000] + "\n"),
    ("bad colour", _sub(r'"#([0-9a-fA-F]{6})"', r'"#\g<1>0"')),
    ("canvas of zero", _sub(r"^canvas\(\d+, \d+\)", "canvas(0, 0)")),
    ("prose line", lambda p: p.replace("\n", "\nHere is the chart you asked for:\n", 1)),
    ("python line", lambda p: "import matplotlib.pyplot as plt\n" + p),
    ("canvas twice", lambda p: p + "canvas(640, 480)\ncanvas(320, 240)\n"),
    ("string for a number", _sub(r"\[([-0-9.]+),", r'["\1",')),
    ("unknown name for a number", _sub(r"\[([-0-9.]+),", r"[value_one,")),
    ("categories twice", lambda p: p + "\n".join(ln for ln in p.splitlines() if ln.startswith("categories("))[:500]
     + "\n"),
    ("fenced twice with prose", lambda p: "Sure:\n" + p.replace("series(", "series(,", 1)),
    ("unbalanced bracket", _sub(r"^(series\(.*?)\[", r"\1(")),
]


def break_program(program: str, way: int) -> tuple[str, str]:
    """The program broken the ``way``-th way, or by the next way that applies (the one used)."""
    for k in range(len(BREAKS)):
        name, fn = BREAKS[(way + k) % len(BREAKS)]
        broken = fn(program)
        if broken != program and not pipeline.compile(broken, solve=False).ok:
            return broken, name
    raise ValueError("no way breaks this program")


def _last_text(messages: list[dict[str, Any]]) -> str:
    content = messages[-1]["content"]
    return content if isinstance(content, str) else "\n".join(p.get("text", "") for p in content)


def scripted_reply(messages: list[dict[str, Any]], broken: str, fixed: str) -> str:
    """The scripted model: broken first; fixed once a turn shows the numbered program and a code."""
    if len(messages) <= 2:
        return f"```rdsl\n{broken}```"
    text = _last_text(messages)
    if numbered(broken) in text and re.search(r'"code": "E\d{3}"', text):
        return f"```rdsl\n{fixed}```"
    return f"```rdsl\n{broken}```"


class ScriptedModel:
    def __init__(self, broken: str, fixed: str) -> None:
        self.broken, self.fixed, self.calls = broken, fixed, 0

    def complete(self, messages: list[dict[str, Any]], n: int, temperature: float) -> list[str]:
        self.calls += 1
        return [scripted_reply(messages, self.broken, self.fixed)] * n


def make_data(out: Path, n: int, seed: int) -> list[dict[str, Any]]:
    truth, props = out / "truth", out / "proposals"
    subprocess.run([sys.executable, str(CHARTS / "make_charts.py"), "--out", str(truth), "--n", str(n),
                    "--seed", str(seed)], check=True, capture_output=True)
    subprocess.run([sys.executable, str(CHARTS / "make_proposals.py"), str(truth), str(props), "--seed",
                    str(seed)], check=True, capture_output=True)
    charts = []
    for i, path in enumerate(sorted(props.glob("*.proposal.json"))):
        name = path.name.replace(".proposal.json", "")
        fixed = spec_to_program(load_spec(path.read_text()))
        broken, way = break_program(fixed, i)
        charts.append({"name": name, "png": truth / f"{name}.png", "fixed": fixed, "broken": broken, "way": way})
    return charts


def repair_bench(charts: list[dict[str, Any]]) -> dict[str, Any]:
    config = LoopConfig(candidates=1, rounds=2)
    prompt = system_prompt()
    verified = compiled = 0
    rounds_used: Counter[int] = Counter()
    per_way: dict[str, list[bool]] = {}
    seconds: list[float] = []
    failures: list[str] = []
    start = time.perf_counter()
    for c in charts:
        model = ScriptedModel(c["broken"], c["fixed"])
        out = derender(c["png"].read_bytes(), model, prompt, config)
        ok = out.verified
        verified += ok
        compiled += out.best is not None
        rounds_used[len(out.rounds)] += 1
        per_way.setdefault(c["way"], []).append(out.best is not None)
        seconds += [cand.seconds for r in out.rounds for cand in r if cand.same_as is None]
        if out.best is None:
            failures.append(f"{c['name']} ({c['way']})")
    n = len(charts)
    return {"charts": n, "verified": verified, "compiled_within_2_rounds": compiled,
            "rounds_used": dict(sorted(rounds_used.items())),
            "repaired_per_way": {k: f"{sum(v)}/{len(v)}" for k, v in sorted(per_way.items())},
            "candidate_seconds_median": round(statistics.median(seconds), 3),
            "candidate_seconds_p90": round(sorted(seconds)[int(0.9 * (len(seconds) - 1))], 3),
            "candidates_evaluated": len(seconds), "wall_seconds": round(time.perf_counter() - start, 1),
            "not_compiled": failures}


def serve(charts: list[dict[str, Any]], delay: float) -> tuple[ThreadingHTTPServer, str]:
    """An OpenAI-compatible server answering every request after ``delay`` s, as the scripted model."""
    from recode_dsl.agent.images import data_url

    by_image = {hashlib.sha256(data_url(c["png"].read_bytes()).encode()).hexdigest(): c for c in charts}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:  # noqa: N802
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            url = body["messages"][1]["content"][1]["image_url"]["url"]
            chart = by_image[hashlib.sha256(url.encode()).hexdigest()]
            time.sleep(delay)
            text = scripted_reply(body["messages"], chart["broken"], chart["fixed"])
            reply = {"choices": [{"index": i, "message": {"role": "assistant", "content": text}}
                                 for i in range(body.get("n", 1))]}
            data = json.dumps(reply).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/v1"


def _cpu() -> float:
    """CPU seconds of this process and its descendants: the reaped ones (RUSAGE_CHILDREN) and the
    live children with what they reaped (the batch's fork server holds its workers' time).
    Ray's workers run under its raylet and are only partly counted."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():  # ppid
            total += sum(int(v) for v in fields[11:15]) / tick  # utime stime cutime cstime
    return total


def batch_bench(charts: list[dict[str, Any]], work: Path, delay: float, ray: bool) -> dict[str, Any]:
    images = work / "batch_images"
    images.mkdir()
    for c in charts:
        (images / f"{c['name']}.png").write_bytes(c["png"].read_bytes())
    server, url = serve(charts, delay)
    settings = Settings(model="scripted", base_url=url, candidates=1, rounds=2, retries=0, offline=False)
    runs: dict[str, Any] = {}
    plans = [("jobs 1", 1, "local"), ("jobs 2", 2, "local")] + ([("ray", 2, "ray")] if ray else [])
    try:
        for label, jobs, engine in plans:
            out = work / f"out_{label.replace(' ', '_')}"
            wall, cpu = time.perf_counter(), _cpu()
            run_batch(images, out, settings, jobs=jobs, engine=engine, progress=False)
            records = [json.loads(p.read_text()) for p in out.glob("*.json")]
            runs[label] = {"wall_seconds": round(time.perf_counter() - wall, 1), "cpu_seconds": round(_cpu() - cpu, 1),
                           "verified": sum(bool(r.get("verified")) for r in records), "images": len(records)}
    finally:
        server.shutdown()
    if "jobs 1" in runs and "jobs 2" in runs:
        runs["jobs2_over_jobs1"] = round(runs["jobs 2"]["wall_seconds"] / runs["jobs 1"]["wall_seconds"], 3)
    if "ray" in runs:
        runs["ray_over_jobs2"] = round(runs["ray"]["wall_seconds"] / runs["jobs 2"]["wall_seconds"], 3)
    return runs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--batch-n", type=int, default=200)
    ap.add_argument("--delay", type=float, default=1.0, help="seconds the batch's model takes per request")
    ap.add_argument("--skip-batch", action="store_true")
    ap.add_argument("--skip-ray", action="store_true")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if not CHARTS.exists():
        sys.exit(f"{CHARTS} is missing (../shared beside the project)")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        charts = make_data(work, max(args.n, args.batch_n if not args.skip_batch else 0), args.seed)
        report: dict[str, Any] = {"seed": args.seed, "repair": repair_bench(charts[:args.n])}
        print(json.dumps(report["repair"], indent=1), flush=True)
        if not args.skip_batch:
            try:
                import ray  # noqa: F401
                have_ray = not args.skip_ray
            except ImportError:
                have_ray = False
            report["batch"] = batch_bench(charts[:args.batch_n], work, args.delay, have_ray)
            report["batch"]["charts"] = len(charts[:args.batch_n])
            report["batch"]["model_delay_seconds"] = args.delay
            print(json.dumps(report["batch"], indent=1))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
