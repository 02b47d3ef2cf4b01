"""The command line: a thin layer over the pipeline; every command is a module in
``recode_dsl/commands`` (discovered, so a new command is one new file).

Exit codes: 0 fine, 1 the input has errors, 2 usage.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence
from types import ModuleType

from recode_dsl import commands
from recode_dsl.errors import RecodeError

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _command_modules() -> list[ModuleType]:
    mods = [importlib.import_module(f"{commands.__name__}.{m.name}") for m in pkgutil.iter_modules(commands.__path__)]
    return sorted((m for m in mods if hasattr(m, "NAME")), key=lambda m: m.NAME)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="recode-dsl", description="Compile, check, draw and answer recode-dsl "
                                     "programs of charts and geometry figures.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    top = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    groups: dict[str, argparse._SubParsersAction[argparse.ArgumentParser]] = {}
    for mod in _command_modules():
        name: tuple[str, ...] = mod.NAME
        if len(name) == 1:
            sub = top.add_parser(name[0], help=mod.HELP, description=mod.HELP)
        else:
            if name[0] not in groups:
                group = top.add_parser(name[0], help=f"{name[0]} commands")
                groups[name[0]] = group.add_subparsers(dest="subcommand", metavar="KIND", required=True)
            sub = groups[name[0]].add_parser(name[1], help=mod.HELP, description=mod.HELP)
        mod.configure(sub)
        sub.set_defaults(run=mod.run)
    return parser


def _version() -> str:
    from recode_dsl import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except RecodeError as err:
        for d in err.diagnostics:
            print(f"{d.severity}[{d.code}]: {d.message}", file=sys.stderr)
            if d.hint:
                print(f"     = hint: {d.hint}", file=sys.stderr)
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


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
