"""``recode-dsl export vega-lite PROG [-o OUT.json]``: a chart program as a Vega-Lite spec."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from recode_dsl import scene
from recode_dsl.commands.common import read_source, report
from recode_dsl.errors import NO_SPAN, Diagnostic
from recode_dsl.interop.vega_lite import vega_lite_json
from recode_dsl.messages import not_exportable
from recode_dsl.pipeline import compile  # noqa: A004

NAME = ("export", "vega-lite")
HELP = "write a Vega-Lite spec with the chart's data, marks, axes, colours and title"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="chart program, or - for standard input")
    p.add_argument("-o", "--output", help="write the spec here (default: standard output)")
    p.add_argument("--diagnostics", choices=("text", "json"), default="text", help="diagnostics format")


def run(args: argparse.Namespace) -> int:
    source = read_source(args.file)
    name = "<stdin>" if args.file == "-" else args.file
    result = compile(source, name, solve=False)
    if not result.ok or result.scene is None:
        report(result.diagnostics, source, name, args.diagnostics)
        return 1
    if not isinstance(result.scene, scene.Chart):
        span = result.program.header.span if result.program else NO_SPAN
        report([Diagnostic("E088", not_exportable("a figure", "Vega-Lite draws charts only"), span)],
               source, name, args.diagnostics)
        return 1
    text = vega_lite_json(result.scene) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
