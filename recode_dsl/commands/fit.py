"""``recode-dsl fit PROG.rdsl IMAGE.png``: fit a chart program's numbers to the image it describes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from recode_dsl import messages, pipeline
from recode_dsl.commands.common import read_image, read_source, report
from recode_dsl.errors import Diagnostic, Span

NAME = ("fit",)
HELP = ("fit a chart program's values and plot box to its image (offline); prints or writes the fitted "
        "program, keeping its comments and asks")


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("program", help="a chart program (.rdsl), or - for standard input")
    p.add_argument("image", help="the PNG image the program should reproduce")
    p.add_argument("-o", "--output", help="write the fitted program here (default: print it)")
    p.add_argument("--diagnostics", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    from recode_dsl.fit.program import fit_source

    source = read_source(args.program)
    checked = pipeline.compile(source, args.program, solve=False)
    if not checked.ok:
        report(checked.diagnostics, source, args.program, args.diagnostics)
        return 1
    image = read_image(args.image, args.diagnostics)  # a missing file is the CLI's usage error
    if image is None:  # not an image: E113 at the file's start
        return 1
    text, fit = fit_source(source, image, args.program)
    if fit is None:
        diag = Diagnostic("E074", messages.fit_needs_chart(), Span(1, 1, 1, 2),
                          hint="a figure's numbers come from its constraints; use 'compile'")
        report([diag], source, args.program, args.diagnostics)
        return 1
    report(list(fit.diagnostics), source, args.program, args.diagnostics)
    if fit.refused:
        return 1  # the image contradicts the program: nothing written
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    print(f"fit: score {fit.score_before:.4f} -> {fit.score_after:.4f}, {fit.measured}/{fit.marks} marks measured"
          f"{'' if fit.changed else ', program unchanged'}", file=sys.stderr)
    return 0
