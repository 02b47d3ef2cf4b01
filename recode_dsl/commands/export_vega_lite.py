"""``recode-dsl export vega-lite PROG [-o OUT.json]``: a chart program as a Vega-Lite spec."""

from __future__ import annotations

import argparse

from recode_dsl.commands.common import load_chart, write_text
from recode_dsl.interop.vega_lite import vega_lite_json

NAME = ("export", "vega-lite")
HELP = "write a Vega-Lite spec with the chart's data, marks, axes, colours and title"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="chart program, or - for standard input")
    p.add_argument("-o", "--output", help="write the spec here (default: standard output)")
    p.add_argument("--diagnostics", choices=("text", "json"), default="text", help="diagnostics format")


def run(args: argparse.Namespace) -> int:
    chart = load_chart(args.file, args.diagnostics, "Vega-Lite draws charts only")
    if chart is None:
        return 1
    write_text(vega_lite_json(chart) + "\n", args.output)
    return 0
