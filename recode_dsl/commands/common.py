"""Helpers shared by commands: reading files, printing diagnostics, loading charts, writing output."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from recode_dsl.errors import NO_SPAN, Diagnostic, format_json, format_text
from recode_dsl.scene import Chart


def read_source(path: str) -> str:
    """The text of a program file, or '-' for standard input."""
    from recode_dsl.inputs import decode

    if path == "-":
        return decode(sys.stdin.buffer.read(), "<stdin>")
    return decode(Path(path).read_bytes(), path)  # not UTF-8: a located E001, exit 1


def report(diags: list[Diagnostic], source: str, filename: str, form: str) -> None:
    """Print diagnostics to stderr (text) or stdout (json)."""
    if form == "json":
        print(format_json(diags, filename))
    elif diags:
        print(format_text(diags, source, filename), file=sys.stderr)


def read_image(path: str, form: str) -> Any:
    """The pixels of an image file; see :func:`image_of`. A missing file is the CLI's usage error."""
    return image_of(Path(path).read_bytes(), path, form)  # OSError: the CLI's usage error (exit 2)


def image_of(data: bytes, path: str, form: str) -> Any:
    """The pixels of a file's bytes (``agent.images.load_image``), or None when they are not a
    readable image: that is reported as E113 located at the file's start, in ``form``."""
    from recode_dsl.agent.images import load_image, unreadable_image

    try:
        return load_image(data)
    except Exception as err:  # noqa: BLE001 - load_image says why in a ValueError; the decoders may raise others
        report([unreadable_image(err)], "", path, form)
        return None


def write_text(text: str, output: str | None) -> None:
    """Write to ``output``, or to standard output when it is None."""
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def load_chart(path: str, form: str, why: str) -> Chart | None:
    """The checked chart of a program file; diagnostics are reported (and None returned) when the
    program has errors or is a figure, ``why`` saying what a figure cannot do."""
    from recode_dsl import pipeline
    from recode_dsl.messages import not_exportable

    source = read_source(path)
    name = "<stdin>" if path == "-" else path
    result = pipeline.compile(source, name, solve=False)
    if not result.ok or result.scene is None:
        report(result.diagnostics, source, name, form)
        return None
    if not isinstance(result.scene, Chart):
        span = result.program.header.span if result.program else NO_SPAN
        report([Diagnostic("E094", not_exportable("a figure", why), span)], source, name, form)
        return None
    return result.scene


def write_imported(source: str, path: str, form: str, output: str | None, build: Callable[[], str]) -> int:
    """Run an importer: report what it refuses in the input, and what the language refuses in the
    program it wrote (shown in that program); write the program when it is sound."""
    from recode_dsl.interop.chart_spec import ImportFailed, checked

    name = "<stdin>" if path == "-" else path
    try:
        program = build()
    except ImportFailed as err:
        report(err.diagnostics, source, name, form)
        return 1
    try:
        checked(program)
    except ImportFailed as err:  # the data broke a rule of the language: show it in the program
        report(err.diagnostics, program, "<imported program>", form)
        return 1
    write_text(program, output)
    return 0
