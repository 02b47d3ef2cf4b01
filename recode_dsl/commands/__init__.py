"""The CLI's commands, registered by name: a command's module is imported only when it runs.

``COMMANDS`` lists each command's words, the ``module:function`` that runs it and its help
text, so ``recode-dsl --help`` and ``--version`` import no command module (and with them no
SymPy, SciPy, scikit-image, Shapely, Cairo or openai). Each module defines
``configure(parser)`` and the run function ``run(args) -> exit code`` (and repeats its NAME and
HELP; a test holds them to this table). A new command is a module and one line here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any


@dataclass(frozen=True, slots=True)
class Command:
    """One command: its words (``("import", "csv")``), ``"module:function"`` and help text."""

    name: tuple[str, ...]
    target: str
    help: str

    @property
    def module(self) -> str:
        return self.target.partition(":")[0]

    def load(self) -> tuple[Callable[[Any], None], Callable[[Any], int]]:
        """Import the command's module: its ``configure`` and its run function."""
        mod: ModuleType = importlib.import_module(self.module)
        return mod.configure, getattr(mod, self.target.partition(":")[2])


_PKG = __name__

COMMANDS: tuple[Command, ...] = (
    Command(("compile",), f"{_PKG}.compile:run",
            "parse, check and solve a program; write its image and print its answers"),
    Command(("fmt",), f"{_PKG}.fmt:run", "format programs canonically (in place, or check with --check)"),
    Command(("reference",), f"{_PKG}.reference:run",
            "print the language reference (Markdown), or the compact prompt text for models with --prompt"),
    Command(("fit",), f"{_PKG}.fit:run",
            "fit a chart program's values and plot box to its image (offline); prints or writes the fitted "
            "program, keeping its comments and asks"),
    Command(("verify",), f"{_PKG}.verify:run",
            "check a chart program (every value, category, series and kind) or a figure program (every point, "
            "line, circle and label) against its image; exit 0 when verified, 1 with a located diagnostic for "
            "each disagreement"),
    Command(("derender",), f"{_PKG}.derender:run",
            "derender a chart or figure image into a program (a model at an OpenAI-compatible endpoint, or "
            "offline)"),
    Command(("table",), f"{_PKG}.table:run",
            "print the data table of a chart program (the bench chart table format) as JSON or CSV"),
    Command(("import", "geometry3k"), f"{_PKG}.import_geometry3k:run",
            "import Geometry3K problems (JSON lines with logic forms) as one program each"),
    Command(("import", "chart-spec"), f"{_PKG}.import_chart_spec:run",
            "write the program of a chart spec JSON (canvas, plot box, ranges, data, colours)"),
    Command(("import", "csv"), f"{_PKG}.import_csv:run",
            "write a chart program from a CSV table: first column categories, other columns series"),
    Command(("export", "vega-lite"), f"{_PKG}.export_vega_lite:run",
            "write a Vega-Lite spec with the chart's data, marks, axes, colours and title"),
    Command(("bench", "geometry3k"), f"{_PKG}.bench_geometry3k:run",
            "import, solve and score Geometry3K problems; accuracy per problem type and the time per problem"),
    Command(("bench", "charts"), f"{_PKG}.bench_charts:run",
            "score derendered chart tables against chart-spec truth files: per kind and style, median relative "
            "error, within 1%/5%, RNSS, labels and kind read right"),
)

GROUPS: dict[str, str] = {
    "import": "write programs from other formats",
    "export": "write a chart program in another format",
    "bench": "run a benchmark",
}
