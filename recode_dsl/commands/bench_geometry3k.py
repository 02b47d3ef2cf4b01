"""``recode-dsl bench geometry3k FILE.jsonl [--jobs N | --engine ray [--address ADDR]] [--timeout S]
[--json OUT] [--limit K]``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from recode_dsl import messages
from recode_dsl.interop.geometry3k import import_problem, read_problems
from recode_dsl.interop.geometry3k.bench import Compile, SolveAll, Solved, report, run_bench, summary_line
from recode_dsl.pipeline import CompileResult
from recode_dsl.pipeline import compile as compile_program

NAME = ("bench", "geometry3k")
HELP = "import, solve and score Geometry3K problems; accuracy per problem type and the time per problem"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a Geometry3K JSON-lines file, e.g. val.jsonl")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (default 1; the local engine)")
    p.add_argument("--engine", choices=("local", "ray"), default="local",
                   help="local worker processes (default), or one Ray task a problem (pip install 'recode-dsl[ray]')")
    p.add_argument("--address", metavar="ADDR", help="with --engine ray: the cluster (ray://HOST:10001 or auto); "
                   "default: a local Ray instance")
    p.add_argument("--timeout", type=float, default=10.0, help="time limit per query in CPU seconds (default 10)")
    p.add_argument("--json", metavar="OUT", help="write one record per problem, and the summary, to OUT")
    p.add_argument("--limit", type=int, help="only the first K problems")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--diagram-from-image", metavar="PNG_DIR",
                   help="keep only the text forms: read the diagram (forms, points) from PNG_DIR/ID.png")
    p.add_argument("--text-from-question", action="store_true",
                   help="read the text forms from the problem's text (rule-based), not from the annotation")


def run(args: argparse.Namespace) -> int:
    if args.jobs < 1 or args.timeout <= 0 or (args.limit is not None and args.limit < 1):
        print("recode-dsl: error: --jobs and --limit must be at least 1 and --timeout positive", file=sys.stderr)
        return 2
    records, bad = read_problems(args.file)
    for d in bad:
        print(f"{args.file}:{d.span.line}:{d.span.col}: error[{d.code}]: {d.message}", file=sys.stderr)
    records = records[: args.limit] if args.limit else records
    if not records:
        if not bad:
            print(f"{args.file}: error[E086]: {messages.g3k_no_problems(args.file)}", file=sys.stderr)
        return 1
    reading = None
    if args.diagram_from_image:
        if not Path(args.diagram_from_image).is_dir():
            print(f"recode-dsl: error: --diagram-from-image: no such directory: {args.diagram_from_image}",
                  file=sys.stderr)
            return 2
        records, reading = _read_diagrams(records, Path(args.diagram_from_image))
    if args.text_from_question:
        from recode_dsl.interop.geometry3k.textforms import with_text_forms

        records = [(line, with_text_forms(record)) for line, record in records]
    elif args.diagram_from_image:  # the annotators' names for the question's "$" are not the reading's
        from recode_dsl.interop.geometry3k.textforms import with_figure_forms

        records = [(line, with_figure_forms(record)) for line, record in records]
    imported = [import_problem(record, line) for line, record in records]
    import recode_dsl.solver.geometry  # noqa: F401 - loaded once here, so forked workers do not each pay for it

    outcomes = run_bench(imported, args.timeout, args.jobs, solve_drawn, _progress(len(imported), args.no_progress),
                         _on_ray(args.address) if args.engine == "ray" else None)
    print(report(outcomes))
    if reading:
        print(reading)
    if args.json:
        doc = {"file": args.file, "timeout": args.timeout, "summary": summary_line(outcomes),
               "problems": [o.to_json() for o in outcomes]}
        Path(args.json).write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    return 1 if bad else 0


def _on_ray(address: str | None) -> SolveAll:
    """The programs solved by Ray tasks (``agent.ray_engine``), one a problem."""
    from recode_dsl.agent.ray_engine import solve_programs

    def solve_all(sources: Sequence[str], timeout: float, jobs: int, compile_program: Compile,
                  progress: Callable[[int], None]) -> list[Solved]:
        return solve_programs(sources, timeout, compile_program, address, progress)

    return solve_all


def solve_drawn(source: str, timeout: float) -> CompileResult:
    """The compiler the bench solves with: Geometry3K coordinates are a drawing."""
    return compile_program(source, timeout=timeout, policy="lenient")


def _read_diagrams(records: list[tuple[int, dict[str, Any]]], png_dir: Path
                   ) -> tuple[list[tuple[int, dict[str, Any]]], str]:
    """The records with their diagrams read from the images, and the reading's figures."""
    from recode_dsl.perception.diagram import score
    from recode_dsl.perception.diagram.forms import diagram_record

    out: list[tuple[int, dict[str, Any]]] = []
    totals: dict[str, score.Counts] = {}
    read = 0
    for line, record in records:
        path = png_dir / f"{record.get('id')}.png"
        if not path.is_file():
            print(f"{path}: warning[E120]: {messages.diagram_nothing_read(0, 0)} (no such image)", file=sys.stderr)
            out.append((line, {**record, "diagram_logic_forms": [], "point_positions": {}, "line_instances": [],
                               "circle_instances": [], "point_instances": []}))
            continue
        new, rd = diagram_record(record, path)
        read += 1
        for k, v in score.evaluate(record, rd.diagram, rd.facts).items():
            totals[k] = totals.get(k, score.Counts(0, 0, 0)) + v
        out.append((line, new))
    return out, f"reading: {read} of {len(records)} images read\n" + score.report(totals)


def _progress(total: int, off: bool) -> Callable[[int], None]:
    """A tqdm bar on stderr (hidden when stderr is not a terminal, or with --no-progress)."""
    from tqdm import tqdm

    bar = tqdm(total=total, unit="problem", file=sys.stderr, disable=off or None, leave=False)

    def step(n: int) -> None:
        bar.update(n)
        if bar.n >= total:
            bar.close()

    return step
