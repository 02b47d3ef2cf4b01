"""``recode-dsl reference [--prompt | --grammar lark|gbnf|ebnf] [-o FILE]``: print or write the language reference."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from recode_dsl.reference import markdown, prompt_text

NAME = ("reference",)
HELP = "print the language reference (Markdown), or the compact prompt text for models with --prompt"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--prompt", action="store_true", help="the compact prompt text given to models")
    p.add_argument("--grammar", choices=("lark", "gbnf", "ebnf"),
                   help="the grammar instead: as the package has it (lark), or generated as GBNF or W3C EBNF")
    p.add_argument("-o", "--output", help="write to FILE instead of standard output")


def run(args: argparse.Namespace) -> int:
    if getattr(args, "grammar", None):
        from recode_dsl.grammar.export import FORMATS

        text = FORMATS[args.grammar]()
    else:
        text = prompt_text() if args.prompt else markdown()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
