"""``recode-dsl table PROG [--json|--csv] [-o OUT]``: the data table of a chart program, numbers exact."""

from __future__ import annotations

import argparse

from recode_dsl.commands.common import load_chart, write_text
from recode_dsl.interop.chart_spec import chart_table, dump_json
from recode_dsl.interop.csv_table import chart_csv

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
    chart = load_chart(args.file, args.diagnostics, "only charts have a data table")
    if chart is None:
        return 1
    write_text(chart_csv(chart) if args.form == "csv" else dump_json(chart_table(chart)) + "\n", args.output)
    return 0
