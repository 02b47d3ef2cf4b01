"""``recode-dsl import chart-spec SPEC.json [-o PROG.rdsl]``: a bench chart spec as a formatted program."""

from __future__ import annotations

import argparse

from recode_dsl.commands.common import read_source, write_imported
from recode_dsl.interop.chart_spec import load_spec, spec_to_program

NAME = ("import", "chart-spec")
HELP = "write the program of a chart spec JSON (canvas, plot box, ranges, data, colours)"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("spec", help="chart spec JSON file (bench/charts format), or - for standard input")
    p.add_argument("-o", "--output", help="write the program here (default: standard output)")
    p.add_argument("--diagnostics", choices=("text", "json"), default="text", help="diagnostics format")


def run(args: argparse.Namespace) -> int:
    text = read_source(args.spec)
    return write_imported(text, args.spec, args.diagnostics, args.output,
                          lambda: spec_to_program(load_spec(text), text))
