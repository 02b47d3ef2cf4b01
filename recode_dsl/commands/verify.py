"""``recode-dsl verify PROG IMAGE``: check every value, category, series and kind of a chart
program, or every point, line, circle and label of a figure program, against its image; exit 0
when verified, 1 with located diagnostics when not."""

from __future__ import annotations

import argparse
import json
import sys

from recode_dsl.commands.common import read_image, read_source, report

NAME = ("verify",)
HELP = ("check a chart program (every value, category, series and kind) or a figure program (every point, "
        "line, circle and label) against its image; exit 0 when verified, 1 with a located diagnostic for "
        "each disagreement")


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("program", help="a chart or figure program (.rdsl), or - for standard input")
    p.add_argument("image", help="the image (PNG) the program should reproduce")
    p.add_argument("--json", action="store_true",
                   help="print the verdict as JSON: per-mark residuals in pixels and data units (a chart), "
                        "per-item residuals in pixels (a figure), diagnostics")
    p.add_argument("--tolerance", type=float, default=None, metavar="PX",
                   help="how far in pixels a mark may sit from where the program puts it (default 1.5; "
                        "the end of a bar that is not stacked, on a range the program states, 0.75 of it; "
                        "a figure's strokes 2.5 beyond half the stroke width)")
    p.add_argument("--diagnostics", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    from recode_dsl.fit.verify import TOLERANCE_PX, verify_source

    source = read_source(args.program)
    name = "<stdin>" if args.program == "-" else args.program
    tol = TOLERANCE_PX if args.tolerance is None else args.tolerance
    if not tol >= 0 or tol > 1e6:
        print(f"recode-dsl: error: --tolerance must be a number of pixels from 0, not {args.tolerance}",
              file=sys.stderr)
        return 2
    image = read_image(args.image, "json" if args.json else args.diagnostics)  # a missing file is the CLI's usage error
    if image is None:  # not an image: E113 at the file's start
        return 1
    from recode_dsl import scene as s
    from recode_dsl.fit.verify import compile_chart

    _, scene, _ = compile_chart(source)
    if isinstance(scene, s.Figure):
        return _verify_figure(args, source, name, image)
    verdict = verify_source(source, image, tol)
    if args.json:
        print(json.dumps(verdict.to_json(), indent=1))
    else:
        report(verdict.diagnostics, source, name, args.diagnostics)
        if args.diagnostics == "text":
            m = verdict.measurement
            seen = f"{m.found}/{len(m.readings)} marks measured, " if m is not None else ""
            state = "verified" if verdict.verified else "not verified"
            print(f"verify: {state} ({seen}worst {m.worst_px() if m else 0:.1f} px, tolerance {tol:g} px)",
                  file=sys.stderr)
    return 0 if verdict.verified else 1


def _verify_figure(args: argparse.Namespace, source: str, name: str, image: object) -> int:
    """A figure program: every point, line, circle and label against the image (``fit.figure``)."""
    import numpy as np

    from recode_dsl.fit.figure import INK_PX, verify_figure_source

    tol = INK_PX if args.tolerance is None else args.tolerance
    verdict = verify_figure_source(source, np.asarray(image), tol)
    if args.json:
        print(json.dumps(verdict.to_json(), indent=1))
    else:
        report(verdict.diagnostics, source, name, args.diagnostics)
        if args.diagnostics == "text":
            state = "verified" if verdict.verified else "not verified"
            bad = sum(not i.ok for i in verdict.items)
            print(f"verify: {state} ({len(verdict.items) - bad}/{len(verdict.items)} points, strokes and labels "
                  f"agree, tolerance {tol:g} px)", file=sys.stderr)
    return 0 if verdict.verified else 1
