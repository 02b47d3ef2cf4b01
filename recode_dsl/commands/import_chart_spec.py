"""``recode-dsl import chart-spec SPEC.json [-o PROG.rdsl]``: a bench chart spec as a formatted program."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from recode_dsl.commands.common import read_source, report
from recode_dsl.interop.chart_spec import ImportFailed, checked, load_spec, spec_to_program

NAME = ("import", "chart-spec")
HELP = "write the program of a chart spec JSON (canvas, plot box, ranges, data, colours)"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("spec", help="chart spec JSON file (bench/charts format), or - for standard input")
    p.add_argument("-o", "--output", help="write the program here (default: standard output)")
    p.add_argument("--diagnostics", choices=("text", "json"), default="text", help="diagnostics format")


def run(args: argparse.Namespace) -> int:
    text = read_source(args.spec)
    name = "<stdin>" if args.spec == "-" else args.spec
    try:
        program = spec_to_program(load_spec(text), text)
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
