"""``recode-dsl fmt FILE... [--check]``: rewrite programs in canonical form."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from recode_dsl.commands.common import read_source, report
from recode_dsl.errors import ParseError
from recode_dsl.fmt import format_program
from recode_dsl.syntax import parse

NAME = ("fmt",)
HELP = "format programs canonically (in place, or check with --check)"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", help="program files; - reads standard input and writes standard output")
    p.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file is not formatted")
    p.add_argument("--diagnostics", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    status = 0
    for path in args.files:
        source = read_source(path)
        try:
            text = format_program(parse(source))
        except ParseError as err:
            report(err.diagnostics, source, path, args.diagnostics)
            status = 1
            continue
        if path == "-":
            sys.stdout.write(text)
        elif args.check and text != source:
            print(f"{path}: would reformat", file=sys.stderr)
            status = 1
        elif not args.check and text != source:
            Path(path).write_text(text, encoding="utf-8")
    return status
