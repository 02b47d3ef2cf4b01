"""``recode-dsl table PROG [--json|--csv] [-o OUT]``: the data table of a chart program, numbers exact."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from recode_dsl import scene
from recode_dsl.commands.common import read_source, report
from recode_dsl.errors import NO_SPAN, Diagnostic
from recode_dsl.interop.chart_spec import chart_table, dump_json
from recode_dsl.interop.csv_table import chart_csv
from recode_dsl.messages import not_exportable
from recode_dsl.pipeline import compile  # noqa: A004

NAME = ("table",)
HELP = "print the data table of a chart program (the bench chart table format) as JSON or CSV"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="chart program, or - for standard input")
    form = p.add_mutually_exclusive_group()
    form.add_argument("--json", dest="form", action="store_const", const="json", help="JSON table (default)")
    form.add_argument("--csv", dest="form", action="store_const", const="csv", help="CSV table")
    p.add_argument("-o", "--output", help="write the table here (default: standard output)")
    p.add_argument("--diagnostics", choices=("text", "json"), default="text", help="diagnostics format")


def run(args: argparse.Namespace) -> int:
    source = read_source(args.file)
    name = "<stdin>" if args.file == "-" else args.file
    result = compile(source, name, solve=False)
    if not result.ok or result.scene is None:
        report(result.diagnostics, source, name, args.diagnostics)
        return 1
    if not isinstance(result.scene, scene.Chart):
        report([Diagnostic("E088", not_exportable("a figure", "only charts have a data table"),
                           result.program.header.span if result.program else NO_SPAN)],
               source, name, args.diagnostics)
        return 1
    text = chart_csv(result.scene) if args.form == "csv" else dump_json(chart_table(result.scene)) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
