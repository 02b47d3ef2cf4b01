"""The import graph of the package holds the layering of the README's architecture section.

    core (+ the geometry kernel) ◀── stages (solver, renderer, perception, fit, interop)
        ◀── pipeline ◀── agent ◀── cli, commands

The graph is read from the source with ``ast`` (nothing is imported), every import counted,
at the top of a module or inside a function: an import inside a function is still a
dependency, and hiding a cycle there is what this test is for.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "recode_dsl"

CORE = {"grammar", "syntax", "astnodes", "parse_errors", "check", "scene", "errors", "messages", "registry",
        "limits", "fmt", "quantity", "colours", "reference", "budget", "inputs"}
KERNEL = {"geometry"}
STAGES = {"solver", "renderer", "perception", "fit", "interop"}
PIPELINE = {"pipeline"}
AGENT = {"agent", "derender"}  # image -> program: with a model (agent/), or offline from perception (derender.py)
TOP = {"cli", "commands", "demo", "__main__", "__init__"}
LAYERS = (CORE | KERNEL, STAGES, PIPELINE, AGENT, TOP)


def modules(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every module under ``root`` (a package directory)."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imports(name: str, path: Path, known: Iterable[str]) -> set[str]:
    """The package's modules that module ``name`` imports, anywhere in its body (a parent
    package's ``__init__``, run by every import of a submodule, is no edge of its own)."""
    known = set(known)
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")[: len(name.split(".")) - node.level + is_package]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            for alias in node.names:  # ``from pkg import module`` imports the module, else a name of pkg
                found.add(f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}" in known else prefix)
    return {m for m in found if m in known and m != name}


def graph(root: Path) -> dict[str, set[str]]:
    mods = modules(root)
    return {name: imports(name, path, mods) for name, path in mods.items()}


def unit(module: str) -> str:
    """The part of the package a module belongs to: its subpackage, or the top-level module itself."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def layer(u: str) -> int:
    return next(i for i, members in enumerate(LAYERS) if u in members)


def edges(g: dict[str, set[str]]) -> set[tuple[str, str, str, str]]:
    """(unit, unit imported, module, module imported) for every import between two units."""
    return {(unit(a), unit(b), a, b) for a, deps in g.items() for b in deps if unit(a) != unit(b)}


def violations(g: dict[str, set[str]]) -> list[str]:
    """Every import that breaks a rule of the layering, as readable lines."""
    rules = [
        ("a lower layer imports a higher one", lambda u, v: layer(v) > layer(u)),
        ("the kernel imports a stage or the pipeline", lambda u, v: u in KERNEL and v not in CORE | KERNEL),
        ("the core imports the kernel", lambda u, v: u in CORE and v in KERNEL),
        ("the renderer imports the solver or interop", lambda u, v: u == "renderer" and v in {"solver", "interop"}),
        ("interop imports the solver or the renderer", lambda u, v: u == "interop" and v in {"solver", "renderer"}),
        ("the solver imports the renderer, interop or fit",
         lambda u, v: u == "solver" and v in {"renderer", "interop", "fit", "perception"}),
        ("perception imports more than the core and the kernel",
         lambda u, v: u == "perception" and v not in CORE | KERNEL),
        ("fit imports the solver or interop", lambda u, v: u == "fit" and v in {"solver", "interop"}),
        ("a stage imports another stage it may not",
         lambda u, v: u in STAGES and v in STAGES and (u, v) not in {("fit", "renderer"), ("fit", "perception")}),
    ]
    out = []
    for u, v, a, b in sorted(edges(g)):
        out += [f"{a} imports {b}: {why}" for why, broken in rules if broken(u, v)]
    return out


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Cycles in the graph of units (strongly connected components of more than one unit)."""
    units: dict[str, set[str]] = {}
    for u, v, _, _ in edges(g):
        units.setdefault(u, set()).add(v)
        units.setdefault(v, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(u: str) -> None:  # Tarjan
        index[u] = low[u] = len(index)
        stack.append(u)
        for v in units[u]:
            if v not in index:
                visit(v)
                low[u] = min(low[u], low[v])
            elif v in stack:
                low[u] = min(low[u], index[v])
        if low[u] == index[u]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == u:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for u in sorted(units):
        if u not in index:
            visit(u)
    return out


@pytest.fixture(scope="module")
def package_graph() -> dict[str, set[str]]:
    return graph(PACKAGE)


def test_every_unit_of_the_package_has_a_layer(package_graph: dict[str, set[str]]) -> None:
    unknown = sorted({unit(m) for m in package_graph} - set().union(*LAYERS))
    assert not unknown, f"give these a layer in tests/test_layering.py and the README: {unknown}"


def test_the_package_keeps_its_layers(package_graph: dict[str, set[str]]) -> None:
    assert violations(package_graph) == []


def test_no_cycles_between_units(package_graph: dict[str, set[str]]) -> None:
    assert cycles(package_graph) == []


def test_the_pipeline_imports_its_stages_at_the_top() -> None:
    tree = ast.parse((PACKAGE / "pipeline.py").read_text(encoding="utf-8"))
    inner = [n.lineno for f in ast.walk(tree) if isinstance(f, ast.FunctionDef)
             for n in ast.walk(f) if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert inner == [], f"pipeline.py imports inside functions at lines {inner}"


def test_the_graph_is_read_from_the_source(package_graph: dict[str, set[str]]) -> None:
    """Known edges are found, in each form of import: plain, from-module, from-package."""
    assert "recode_dsl.solver" in package_graph["recode_dsl.pipeline"]
    assert "recode_dsl.geometry.numeric" in package_graph["recode_dsl.renderer.geo_space"]
    assert "recode_dsl.geometry.layout" in package_graph["recode_dsl.renderer.geo_space"]  # inside a function


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / "recode_dsl" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "recode_dsl"


def test_a_stage_importing_the_pipeline_inside_a_function_is_caught(tmp_path: Path) -> None:
    root = _write(tmp_path, {
        "__init__.py": "",
        "pipeline.py": "from recode_dsl import solver\n",
        "solver/__init__.py": "def f():\n    from recode_dsl.pipeline import compile\n",
        "renderer/__init__.py": "from ..solver import f\n",  # relative import of a stage
        "geometry/__init__.py": "from recode_dsl import renderer\n",
    })
    found = violations(graph(root))
    assert any(v.startswith("recode_dsl.solver imports recode_dsl.pipeline: a lower layer") for v in found)
    assert any(v.startswith("recode_dsl.renderer imports recode_dsl.solver: the renderer") for v in found)
    assert any(v.startswith("recode_dsl.geometry imports recode_dsl.renderer: the kernel") for v in found)
    assert cycles(graph(root)) == [["pipeline", "solver"]]
