"""``recode-dsl derender IMAGE|DIR``: a program that reproduces an image, checked against it.

With a model (``--model`` or RECODE_MODEL) the model loop asks an OpenAI-compatible endpoint
for candidates, repairs and refines them until one verifies; without one the offline derenderer
reads the image itself (when it is installed). A directory of images with ``--out DIR`` is a
batch (``--jobs N``, ``--engine local|ray``), resumable.

Exit codes: 0 a program was written and nothing failed; 1 no program compiled, or the model
endpoint failed (the best program so far is still written, with its verdict); 2 usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

NAME = ("derender",)
HELP = "derender a chart or figure image into a program (a model at an OpenAI-compatible endpoint, or offline)"


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("image", help="an image of a chart or a geometry figure, or a directory of them (with --out)")
    p.add_argument("-o", "--output", help="write the best program here (and its verdict beside it as .json)")
    p.add_argument("--out", help="batch: write NAME.rdsl and NAME.json for every image of the directory here")
    m = p.add_argument_group("model")
    m.add_argument("--model", default=os.environ.get("RECODE_MODEL"),
                   help="model name (env RECODE_MODEL); without one the image is read offline")
    m.add_argument("--base-url", default=os.environ.get("OPENAI_BASE_URL"),
                   help="endpoint, e.g. http://localhost:8000/v1 (vLLM) or http://localhost:8080/v1 (llama.cpp)")
    m.add_argument("--api-key-env", default="OPENAI_API_KEY", help="environment variable holding the API key")
    m.add_argument("--server", choices=("openai", "vllm", "llamacpp"), default="openai",
                   help="kind of server: decides the request fields of --constrain grammar (default openai)")
    m.add_argument("--constrain", choices=("none", "grammar"), default="none",
                   help="grammar: send the language's grammar so every sample parses (vllm, llamacpp)")
    m.add_argument("--candidates", type=int, default=3, help="candidates per round (default 3)")
    m.add_argument("--rounds", type=int, default=3, help="model rounds at most (default 3)")
    m.add_argument("--temperature", type=float, default=0.7)
    m.add_argument("--ask", action="append", default=[], help="a question to answer (repeatable)")
    m.add_argument("--hint", help="what the image shows, e.g. 'bar chart' or 'geometry figure'")
    m.add_argument("--no-offline", action="store_true",
                   help="with a model: do not judge the offline reader's program first")
    b = p.add_argument_group("faults and budgets")
    b.add_argument("--deadline", type=float, help="seconds for the whole command (every request and retry)")
    b.add_argument("--timeout", type=float, default=120.0, help="seconds for one request (default 120)")
    b.add_argument("--retries", type=int, default=3, help="retries of a failed request (default 3)")
    b.add_argument("--max-requests", type=int, help="model requests at most")
    b.add_argument("--max-tokens", type=int, help="model tokens at most (the servers' own count)")
    b.add_argument("--max-reply-bytes", type=int, default=4_000_000, help="largest reply accepted (default 4 MB)")
    o = p.add_argument_group("output, cache and batches")
    o.add_argument("--report", metavar="DIR", help="write DIR/index.html with the input, every candidate and the "
                   "chosen program (a batch writes OUT/NAME/index.html for each image)")
    o.add_argument("--cache", help="cache model replies in DIR (keyed by request)")
    o.add_argument("--replay", action="store_true", help="answer from --cache only, offline")
    o.add_argument("--jobs", type=int, default=1, help="batch: evaluation processes (default 1)")
    o.add_argument("--engine", choices=("local", "ray"), default="local", help="batch engine (default local)")
    o.add_argument("--address", help="--engine ray: the cluster address (default: start a local Ray)")
    o.add_argument("--no-progress", action="store_true", help="batch: no progress bar")


def _usage(text: str) -> int:
    print(f"recode-dsl: error: {text}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    from recode_dsl.agent.batch import Settings

    for name in ("candidates", "rounds", "jobs", "max_requests", "max_tokens", "max_reply_bytes", "retries"):
        value = getattr(args, name)
        if value is not None and value < (0 if name == "retries" else 1):
            return _usage(f"--{name.replace('_', '-')} must be at least {0 if name == 'retries' else 1}")
    for name in ("deadline", "timeout"):
        value = getattr(args, name)
        if value is not None and not value > 0:
            return _usage(f"--{name} must be a positive number of seconds")
    if args.replay and not args.cache:
        return _usage("--replay needs --cache DIR")
    if (args.model is None) and (args.replay or args.constrain != "none"):
        return _usage("--replay and --constrain need a model (--model or RECODE_MODEL)")
    settings = Settings.from_args(args)
    source = Path(args.image)
    if source.is_dir():
        if not args.out:
            return _usage(f"{args.image} is a directory: give --out DIR for a batch")
        from recode_dsl.agent.batch import run_batch

        return run_batch(source, Path(args.out), settings, jobs=args.jobs, engine=args.engine,
                         address=args.address, progress=not args.no_progress)
    if args.out:
        return _usage("--out is for a directory of images; use -o for one image")
    return _single(source, args, settings)


def _single(source: Path, args: argparse.Namespace, settings: Any) -> int:
    from recode_dsl.agent.batch import derender_file
    from recode_dsl.agent.text import clean, strip_controls
    from recode_dsl.commands.common import image_of
    from recode_dsl.errors import format_text

    png = source.read_bytes()
    if image_of(png, str(source), "text") is None:  # E113 at the image, exit 1: bad input, not bad usage
        return 1
    outcome = derender_file(png, settings)
    if outcome is None:
        return _usage("no model is configured (--model or RECODE_MODEL) and the offline derenderer is not "
                      "available")
    if args.report:
        from recode_dsl.agent.report import write_report

        page = write_report(outcome, args.report)
        print(f"report: {page}", file=sys.stderr)
    where = clean(args.image, 200)  # a model's diagnostics are about this image's run: located at the image
    for d in outcome.warnings:
        print(f"{where}: warning[{d.code}]: {clean(d.message, 500)}", file=sys.stderr)
    best = outcome.best
    asked: list[Any] = []  # without a model, the questions that are no query of the program (each an error)
    if best is not None and settings.model is None:
        from recode_dsl.agent.batch import unasked

        asked = unasked(best.program, args.ask)
    if best is None:
        last = next((c for r in reversed(outcome.rounds) for c in r if c.same_as is None), None)
        if not outcome.error:
            print(f"{where}: error[E090]: no candidate program compiled", file=sys.stderr)
        if last is not None:
            print(clean(format_text(last.diagnostics, last.written or last.program, "candidate.rdsl"), 4000),
                  file=sys.stderr)
    else:
        if args.output:
            from recode_dsl.agent.batch import question_errors

            record = outcome.to_json()
            record["error"] += question_errors(asked)  # the questions reported below, in the JSON too
            Path(args.output).write_text(best.program, encoding="utf-8")
            Path(args.output).with_suffix(".json").write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        else:
            sys.stdout.write(strip_controls(best.program))
        verdict = best.verdict.summary() if best.verdict else "not judged"
        print(f"{best.label}: {verdict}; rounds={len(outcome.rounds)} model_calls={outcome.requests}",
              file=sys.stderr)
        for ans in best.result.answers:
            print(clean(f"{ans.query} = {ans.text}", 500), file=sys.stderr)
        for n, q, diags in asked:  # no model to answer a question in words: each one not asked is an error
            print(clean(format_text(diags, q, f"--ask {n}"), 4000), file=sys.stderr)
    for d in outcome.error:
        call = f"model call {outcome.requests + 1}: " if d.code == "E090" else ""
        print(f"{where}: error[{d.code}]: {call}{clean(d.message, 500)}", file=sys.stderr)
        if d.hint:
            print(f"     = hint: {clean(d.hint, 300)}", file=sys.stderr)
    # 0 only for a program verified against the image; one that is not is still written, and exit 1 says so
    return 0 if best is not None and outcome.verified and not outcome.error and not asked else 1
