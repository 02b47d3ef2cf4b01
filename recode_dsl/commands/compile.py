"""``recode-dsl compile FILE [-o OUT] [--emit ...] [--diagnostics json]``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from recode_dsl import astnodes, budget, messages, scene
from recode_dsl.commands.common import read_source, report
from recode_dsl.errors import WHOLE_INPUT, Diagnostic, RecodeError, format_json
from recode_dsl.pipeline import CompileResult, compile, render  # noqa: A004
from recode_dsl.solver import DEFAULT_POLICY, POLICY_NAMES

NAME = ("compile",)
HELP = "parse, check and solve a program; write its image and print its answers"
EMITS = ("ast", "scene", "answers", "none")


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="program file, or - for standard input")
    p.add_argument("-o", "--output", help="write the image: OUT.png, OUT.svg or OUT.pdf")
    p.add_argument("--emit", choices=EMITS, default="answers", help="what to print (default: answers)")
    p.add_argument("--diagnostics", choices=("text", "json"), default="text", help="diagnostics format")
    p.add_argument("--timeout", type=float, default=10.0,
                   help="time limit of the whole compile: parse, check, solve, draw "
                   "(CPU seconds, default 10)")
    p.add_argument("--policy", choices=POLICY_NAMES, default=DEFAULT_POLICY,
                   help="what a figure's answers may owe to its drawing: 'strict' only what the statements "
                        "fix; 'drawing' (default) also the drawing, with a warning")


def run(args: argparse.Namespace) -> int:
    source = read_source(args.file)
    name = "<stdin>" if args.file == "-" else args.file
    with budget.budget(args.timeout):  # one deadline for parse, check, solve and draw (budget.py)
        result = compile(source, name, solve=args.emit == "answers", timeout=args.timeout, policy=args.policy)
        diags = list(result.diagnostics)
        if result.scene is not None and args.output:
            diags += _write_image(result.scene, Path(args.output))
    failed = not result.ok or any(d.severity == "error" for d in diags)
    if args.diagnostics == "json":
        _emit_json(args.emit, result, diags, name)
    else:
        report(diags, source, name, "text")
        # answers to the other queries are printed even when one query fails: nothing asked is lost
        if not failed or args.emit == "answers":
            _emit(args.emit, result)
    return 1 if failed else 0


def _write_image(sc: scene.Scene, out: Path) -> list[Diagnostic]:
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg", "pdf"):
        raise OSError(f"cannot write '{out}': the image must end in .png, .svg or .pdf")
    budget.at(WHOLE_INPUT, "drawing the image")
    try:
        budget.check()
        data = render(sc, fmt)
    except RecodeError as err:
        return list(err.diagnostics)
    except budget.BudgetExceeded as err:
        return [Diagnostic("E040", messages.compile_timeout(err.seconds, err.stage), WHOLE_INPUT,
                           "give more time (--timeout)")]
    out.write_bytes(data)
    return []


def _emit(what: str, result: CompileResult) -> None:
    if what == "ast" and result.program is not None:
        print(json.dumps(astnodes.strip_spans(result.program), indent=1, default=str))
    elif what == "scene" and result.scene is not None:
        print(scene.to_json(result.scene))
    elif what == "answers":
        for ans in result.answers:
            print(f"{ans.query} = {ans.text}")


def _emit_json(what: str, result: CompileResult, diags: list[Diagnostic], name: str) -> None:
    """One JSON document on standard output: the diagnostics, with the answers when solving."""
    doc = json.loads(format_json(diags, name))
    if what == "answers":
        doc["answers"] = [a.to_json() for a in result.answers]
        print(json.dumps(doc, indent=1))
        return
    print(json.dumps(doc, indent=1), file=sys.stderr)
    if not any(d.severity == "error" for d in diags):
        _emit(what, result)
