"""The command line: a thin layer over the pipeline. Commands are registered by name in
``recode_dsl.commands.COMMANDS``; only the command that runs is imported, so ``--help`` and
``--version`` start without the heavy libraries.

Exit codes: 0 fine, 1 the input has errors, 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from recode_dsl.commands import COMMANDS, GROUPS, Command
from recode_dsl.errors import RecodeError

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def chosen(argv: Sequence[str]) -> Command | None:
    """The command ``argv`` names (its first words that are not options), or None.

    >>> chosen(["import", "csv", "x.csv"]).target, chosen(["--help"])
    ('recode_dsl.commands.import_csv:run', None)
    """
    words = [a for a in argv if not a.startswith("-")]
    for cmd in COMMANDS:
        if tuple(words[:len(cmd.name)]) == cmd.name:
            return cmd
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command. Only the command ``argv`` names is imported and configured
    (every command when ``argv`` is None); the others are listed with their help."""
    parser = argparse.ArgumentParser(prog="recode-dsl", description="Compile, check, draw and answer recode-dsl "
                                     "programs of charts and geometry figures.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    top = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    groups: dict[str, argparse._SubParsersAction[argparse.ArgumentParser]] = {}
    pick = chosen(argv) if argv is not None else None
    for cmd in COMMANDS:
        if len(cmd.name) == 1:
            sub = top.add_parser(cmd.name[0], help=cmd.help, description=cmd.help)
        else:
            if cmd.name[0] not in groups:
                group = top.add_parser(cmd.name[0], help=GROUPS.get(cmd.name[0], f"{cmd.name[0]} commands"))
                groups[cmd.name[0]] = group.add_subparsers(dest="subcommand", metavar="KIND", required=True)
            sub = groups[cmd.name[0]].add_parser(cmd.name[1], help=cmd.help, description=cmd.help)
        if argv is None or cmd is pick:
            configure, run = cmd.load()
            configure(sub)
            sub.set_defaults(run=run)
    return parser


def _version() -> str:
    from recode_dsl import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(argv).parse_args(argv)
    try:
        return int(args.run(args))
    except RecodeError as err:
        from recode_dsl.errors import format_text

        print(format_text(err.diagnostics, "", getattr(err, "filename", None) or _input_name(args)), file=sys.stderr)
        return EXIT_INPUT
    except (OSError, UnicodeDecodeError) as err:
        print(f"recode-dsl: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # noqa: BLE001 - the user never sees a traceback
        if os.environ.get("RECODE_DEBUG"):
            raise
        print(f"recode-dsl: internal error: {type(err).__name__}: {err} (set RECODE_DEBUG=1 for details)",
              file=sys.stderr)
        return EXIT_INTERNAL


def _input_name(args: argparse.Namespace) -> str:
    """The file a command reads, for the location of a diagnostic raised outside its own reporting."""
    for key in ("file", "spec", "csv", "program", "image"):
        value = getattr(args, key, None)
        if isinstance(value, str):
            return "<stdin>" if value == "-" else value
    return "<input>"


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
