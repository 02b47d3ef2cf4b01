"""``recode-dsl import csv DATA.csv --kind KIND [-o PROG.rdsl]``: a CSV table as a chart program."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from recode_dsl import registry
from recode_dsl.commands.common import read_source, report
from recode_dsl.interop.chart_spec import ImportFailed, checked
from recode_dsl.interop.csv_table import csv_to_program

NAME = ("import", "csv")
HELP = "write a chart program from a CSV table: first column categories, other columns series"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("csv", help="CSV file with a header row, or - for standard input")
    p.add_argument("--kind", required=True, choices=tuple(registry.CHART_KINDS), help="chart kind")
    p.add_argument("--title", help="chart title")
    p.add_argument("-o", "--output", help="write the program here (default: standard output)")
    p.add_argument("--diagnostics", choices=("text", "json"), default="text", help="diagnostics format")


def run(args: argparse.Namespace) -> int:
    text = read_source(args.csv)
    name = "<stdin>" if args.csv == "-" else args.csv
    try:
        program = csv_to_program(text, args.kind, args.title)
    except ImportFailed as err:
        report(err.diagnostics, text, name, args.diagnostics)
        return 1
    try:
        checked(program)
    except ImportFailed as err:  # the data broke a rule of the language: show it in the program
        report(err.diagnostics, program, "<imported program>", args.diagnostics)
        return 1
    if args.output:
        Path(args.output).write_text(program, encoding="utf-8")
    else:
        sys.stdout.write(program)
    return 0
