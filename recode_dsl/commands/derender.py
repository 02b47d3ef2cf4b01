"""``recode-dsl derender IMAGE.png``: ask a model for a program that reproduces the image."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from recode_dsl.agent import LoopConfig, OpenAIChat, derender
from recode_dsl.commands.common import report

NAME = ("derender",)
HELP = "derender a chart or figure image into a program with a model at an OpenAI-compatible endpoint"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("image", help="a PNG image of a chart or a geometry figure")
    p.add_argument("-o", "--output", help="write the best program here (default: print it)")
    p.add_argument("--model", default=os.environ.get("RECODE_MODEL", "gpt-4o"), help="model name (env RECODE_MODEL)")
    p.add_argument("--base-url", default=os.environ.get("OPENAI_BASE_URL"),
                   help="endpoint, e.g. http://localhost:8000/v1 for vLLM or http://localhost:11434/v1 for Ollama")
    p.add_argument("--api-key-env", default="OPENAI_API_KEY", help="environment variable holding the API key")
    p.add_argument("--candidates", type=int, default=3, help="candidates per round (default 3)")
    p.add_argument("--rounds", type=int, default=3, help="refinement rounds at most (default 3)")
    p.add_argument("--ask", action="append", default=[], help="a question to answer (repeatable)")
    p.add_argument("--hint", help="what the image shows, e.g. 'bar chart' or 'geometry figure'")


def run(args: argparse.Namespace) -> int:
    from recode_dsl.agent.loop import load_image
    from recode_dsl.reference import prompt_text

    png = Path(args.image).read_bytes()
    try:
        load_image(png)
    except Exception as err:  # noqa: BLE001 - imageio raises many kinds for a file that is not an image
        print(f"recode-dsl: error: {args.image}: not a readable image ({err})", file=sys.stderr)
        return 2
    client = OpenAIChat(args.model, args.base_url, os.environ.get(args.api_key_env))
    config = LoopConfig(candidates=max(1, args.candidates), rounds=max(1, args.rounds))
    outcome = derender(png, client, prompt_text(), config, args.ask, args.hint)
    if outcome.best is None:
        last = outcome.rounds[-1][0] if outcome.rounds and outcome.rounds[-1] else None
        print("recode-dsl: no candidate program compiled", file=sys.stderr)
        if last is not None:
            report(last.result.diagnostics, last.program, "candidate.rdsl", "text")
        return 1
    best = outcome.best
    if args.output:
        Path(args.output).write_text(best.program, encoding="utf-8")
    else:
        sys.stdout.write(best.program)
    score = best.fidelity.score if best.fidelity else 0.0
    print(f"fidelity={score:.4f} rounds={len(outcome.rounds)}", file=sys.stderr)
    for ans in best.result.answers:
        print(f"{ans.query} = {ans.text}", file=sys.stderr)
    return 0
