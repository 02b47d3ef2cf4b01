"""Model-written text is parsed, never executed: the package has no eval, exec, builtin
compile(, __import__, pickle, subprocess or os.system (found with ``ast``, so docstrings and
the public ``recode_dsl.compile`` do not count, but a call of the builtin ``compile`` does);
and no SymPy call that evaluates text: ``sympify`` and ``parse_expr`` at all, ``S(...)`` with a
string (numbers are built with constructors, ``quantity.exact_expr``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "recode_dsl"
BUILTINS = {"eval", "exec", "compile", "__import__"}
MODULES = {"pickle", "subprocess", "cPickle", "_pickle"}
TEXT_EVALUATORS = {"sympify", "parse_expr"}  # SymPy functions that evaluate strings
ATTRIBUTES = {("os", "system"), ("os", "popen"), ("builtins", "eval"), ("builtins", "exec"),
              ("builtins", "compile"), ("builtins", "__import__")}


def _module_bindings(tree: ast.Module) -> set[str]:
    """Names the module itself binds (defs, imports, assignments) that shadow builtins."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def forbidden(source: str) -> list[str]:
    """Every forbidden call or import in ``source``, as 'line: what'.

    >>> forbidden("x = compile('1', 'f', 'eval')")
    ["1: call of builtin 'compile'"]
    """
    tree = ast.parse(source)
    bound = _module_bindings(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"{node.lineno}: import {a.name}" for a in node.names if a.name.split(".")[0] in MODULES]
        elif isinstance(node, ast.ImportFrom):
            mod = (node.module or "").split(".")[0]
            if mod in MODULES or any((mod, a.name) in ATTRIBUTES for a in node.names):
                found.append(f"{node.lineno}: from {node.module} import ...")
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if called in TEXT_EVALUATORS:
                found.append(f"{node.lineno}: call of {called}, which evaluates strings")
            elif called == "S" and any(_is_text(a) for a in node.args):
                found.append(f"{node.lineno}: S() of a string, which evaluates it")
            if isinstance(func, ast.Name) and func.id in BUILTINS and func.id not in bound:
                found.append(f"{node.lineno}: call of builtin '{func.id}'")
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                if (func.value.id, func.attr) in ATTRIBUTES or func.value.id in MODULES:
                    found.append(f"{node.lineno}: call of {func.value.id}.{func.attr}")
    return found


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_package_module_has_no_forbidden_call(path: Path) -> None:
    assert forbidden(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("source", [
    "eval('1 + 1')",
    "exec('x = 1')",
    "code = compile('1', '<s>', 'eval')",
    "m = __import__('os')",
    "import pickle",
    "import subprocess as sp",
    "from subprocess import run",
    "import os\nos.system('ls')",
    "from os import system",
    "import builtins\nbuiltins.eval('1')",
    "def f():\n    return compile('1', '<s>', 'eval')",
    "import sympy\nsympy.sympify(x)",
    "from sympy import sympify\nsympify('1/3')",
    "from sympy.parsing.sympy_parser import parse_expr\nparse_expr(text)",
    "import sympy\nsympy.S('x + 1')",
    "from sympy import S\nS(f'{a}/3')",
])
def test_detector_finds_forbidden_code(source: str) -> None:
    assert forbidden(source)


@pytest.mark.parametrize("source", [
    '"""compile(source) turns text into a scene; never eval or exec."""',
    "from recode_dsl.pipeline import compile\nresult = compile('figure')",
    "def compile(source):\n    return source\n\ncompile('x')",
    "# eval( in a comment\nx = 'exec(1)'",
    "import re\npattern = re.compile('a+')",
    "import os\nos.environ.get('HOME')",
    "import sympy\nsympy.Rational(1, 3)",
    "import sympy\nsympy.S(3)",
    "import sympy\nsympy.Integer(n)",
])
def test_detector_allows_legitimate_code(source: str) -> None:
    assert forbidden(source) == []
