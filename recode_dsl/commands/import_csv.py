"""``recode-dsl import csv DATA.csv --kind KIND [-o PROG.rdsl]``: a CSV table as a chart program."""

from __future__ import annotations

import argparse

from recode_dsl import registry
from recode_dsl.commands.common import read_source, write_imported
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
    return write_imported(text, args.csv, args.diagnostics, args.output,
                          lambda: csv_to_program(text, args.kind, args.title))
