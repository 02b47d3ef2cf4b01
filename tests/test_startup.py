"""Fast start: commands are registered by name and imported only when they run, so
``recode-dsl --version`` and ``--help`` load no heavy library (a behaviour test on the modules
a fresh interpreter has loaded; the timings are in bench/startup.py)."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

from recode_dsl import cli, commands

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
HEAVY = ("sympy", "scipy", "skimage", "shapely", "cairo", "openai", "numpy", "lark", "mpmath", "PIL")

# Run the CLI's main in a fresh interpreter and print which modules it loaded.
PROBE = """\
import json, sys
from recode_dsl.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit_:
    code = exit_.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def _loaded(*argv: str) -> tuple[int, set[str], str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=120,
                          check=False)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report["code"], set(report["modules"]), done.stdout


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_import_no_heavy_library_and_no_command(flag: str) -> None:
    code, modules, out = _loaded(flag)
    assert code == 0 and "recode-dsl" in out
    assert _heavy(modules) == []
    assert not any(m.startswith("recode_dsl.commands.") for m in modules)
    assert "recode_dsl.pipeline" not in modules


def test_a_command_imports_only_its_own_module() -> None:
    code, modules, out = _loaded("reference", "--prompt")
    assert code == 0 and "Chart kinds:" in out
    assert [m for m in modules if m.startswith("recode_dsl.commands.")] == ["recode_dsl.commands.reference"]
    assert _heavy(modules) == []


@pytest.mark.parametrize("example", ["bar_revenue", "stacked_bar_totals", "pie_budget", "scatter_log",
                                     "grouped_bar_sales"])
def test_compiling_a_chart_to_png_loads_no_sympy_figure_or_image_library(tmp_path: Path, example: str) -> None:
    """The chart path (parse, check, scene, queries with their aggregates, drawing) needs no SymPy
    (its exact numbers are ints and Fractions), SciPy, Shapely, scikit-image, openai or numpy
    (numpy only for an array image): only Cairo to draw and Lark's parse table."""
    out = tmp_path / "x.png"
    code, modules, text = _loaded("compile", str(EXAMPLES / f"{example}.rdsl"), "-o", str(out))
    assert code == 0 and " = " in text and out.read_bytes()[:4] == b"\x89PNG"
    assert [m for m in _heavy(modules) if m.split(".")[0] not in ("cairo", "lark")] == []
    assert "fractions" in modules


def test_a_chart_query_that_leaves_the_rationals_loads_sympy(tmp_path: Path) -> None:
    """SymPy is imported when a value is no rational (here a square root), and only then."""
    src = tmp_path / "root.rdsl"
    src.write_text('chart bar\ncategories("a", "b")\nseries("S", [2, 8])\nask sqrt(value("S", "a"))\n'
                   'ask mean("S")\n', encoding="utf-8")
    code, modules, text = _loaded("compile", str(src), "--emit", "answers")
    assert code == 0 and "1.41421 (sqrt(2))" in text and "mean(\"S\") = 5" in text
    assert "sympy" in modules



def test_group_help_lists_its_kinds_without_importing_them() -> None:
    code, modules, out = _loaded("import", "--help")
    assert code == 0
    for kind in ("geometry3k", "chart-spec", "csv"):
        assert kind in out
    assert not any(m.startswith("recode_dsl.commands.") for m in modules)


def test_the_table_names_every_command_module_with_its_help() -> None:
    modules = {importlib.import_module(f"{commands.__name__}.{m.name}")
               for m in pkgutil.iter_modules(commands.__path__)}
    with_name = {m.__name__: m for m in modules if hasattr(m, "NAME")}
    table = {c.module: c for c in commands.COMMANDS}
    assert set(with_name) == set(table)
    for name, mod in with_name.items():
        cmd = table[name]
        assert (cmd.name, cmd.help) == (mod.NAME, mod.HELP), name
        configure, run = cmd.load()
        assert configure is mod.configure and callable(run)
    assert len({c.name for c in commands.COMMANDS}) == len(commands.COMMANDS)


def test_chosen_finds_the_command_among_options() -> None:
    assert cli.chosen(["--diagnostics", "json"]) is None
    found = cli.chosen(["compile", "-o", "x.png", "a.rdsl"])
    assert found is not None and found.name == ("compile",)
    found = cli.chosen(["export", "vega-lite", "p.rdsl"])
    assert found is not None and found.name == ("export", "vega-lite")
    assert cli.chosen(["import"]) is None


def test_a_lazily_configured_command_still_parses_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["fmt", "--help"])
    assert exit_.value.code == 0 and "--check" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        cli.main(["compile", "--no-such-option", "x.rdsl"])
    assert exit_.value.code == 2 and "--no-such-option" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        cli.main(["no-such-command"])
    assert exit_.value.code == 2


def test_the_full_parser_configures_every_command() -> None:
    parser = cli.build_parser()
    for cmd in commands.COMMANDS:
        args = parser.parse_args([*cmd.name, "--help"][:len(cmd.name)] + _minimal_args(cmd.name))
        assert callable(args.run)


def _minimal_args(name: tuple[str, ...]) -> list[str]:
    """Enough positional arguments for each command to parse."""
    needs = {("fit",): ["p.rdsl", "i.png"], ("verify",): ["p.rdsl", "i.png"], ("derender",): ["i.png"],
             ("reference",): [],
             ("import", "geometry3k"): ["f.jsonl", "--out", "d"], ("import", "csv"): ["d.csv", "--kind", "bar"],
             ("bench", "geometry3k"): ["f.jsonl"]}
    return needs.get(name, ["f"])
