"""``recode-dsl import geometry3k FILE.jsonl --out DIR``: one .rdsl program per Geometry3K problem."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from recode_dsl import messages
from recode_dsl.errors import Diagnostic
from recode_dsl.interop.geometry3k import import_problem, read_problems

NAME = ("import", "geometry3k")
HELP = "import Geometry3K problems (JSON lines with logic forms) as one program each"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a Geometry3K JSON-lines file, e.g. val.jsonl")
    p.add_argument("--out", required=True, help="directory for the programs (created if needed)")
    p.add_argument("--quiet", action="store_true", help="print only the summary, not each warning")


def run(args: argparse.Namespace) -> int:
    records, bad = read_problems(args.file)
    for d in bad[:_CAP]:
        _print(args.file, d)
    if len(bad) > _CAP:
        print(f"{args.file}: ... and {len(bad) - _CAP} more bad lines", file=sys.stderr)
    if not records:
        if not bad:
            print(f"{args.file}: error[E086]: {messages.g3k_no_problems(args.file)}", file=sys.stderr)
        return 1
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    warned = 0
    for line, record in records:
        imported = import_problem(record, line)
        (out / f"{_file_name(imported.problem.id)}.rdsl").write_text(imported.source, encoding="utf-8")
        warned += bool(imported.diagnostics)
        if not args.quiet:
            for d in imported.diagnostics:
                _print(args.file, d)
    print(f"imported {len(records)} problem{'s' * (len(records) != 1)} into {out} "
          f"({warned} with warnings, {len(bad)} bad line{'s' * (len(bad) != 1)})", file=sys.stderr)
    return 1 if bad else 0


_CAP = 20  # bad lines printed; a file that is not JSON lines at all would print every line


def _file_name(problem_id: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in problem_id)
    return safe.zfill(4) if safe.isdigit() else safe or "problem"


def _print(path: str, d: Diagnostic) -> None:
    print(f"{path}:{d.span.line}:{d.span.col}: {d.severity}[{d.code}]: {d.message}", file=sys.stderr)
