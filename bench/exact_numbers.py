"""Could ``fractions.Fraction`` replace SymPy for the exact numbers of the AST and the scene?

Run: ``.venv/bin/python bench/exact_numbers.py``. Measures, side by side and in CPU time:

- the import: a fresh interpreter with ``import fractions`` against ``import sympy`` (the
  interpreter alone subtracted);
- reading decimal literals as exact numbers (``Fraction(text)`` against ``sympy.Rational(text)``),
  fresh texts each time, since SymPy caches what it has seen;
- the chart queries' arithmetic over the 480 values of ``bench/compile_speed.py``'s chart program:
  a sum, a mean, a maximum, a percent change and a count, with both number types;

and checks that both give the same exact values.
"""

from __future__ import annotations

import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import sympy


def child_cpu_ms(code: str, runs: int = 7) -> float:
    """Median CPU milliseconds (user + system) of ``python -c code``."""
    out = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-c", code], check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        out.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return statistics.median(out)


def cpu_us(fn: Callable[[], Any], runs: int = 21) -> float:
    times = []
    for _ in range(runs):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times) * 1e6


def queries(values: list[Any], total: Any) -> tuple[Any, ...]:
    """What the chart queries compute: sum, mean, max, percent change, count above a threshold."""
    mean = total / len(values)
    return total, mean, max(values), (values[-1] - values[5]) / values[5] * 100, sum(1 for v in values if v > 20)


def main() -> None:
    python = child_cpu_ms("pass")
    print(f"import, CPU beyond the interpreter ({python:.0f} ms): fractions "
          f"{child_cpu_ms('import fractions') - python:.0f} ms, sympy {child_cpu_ms('import sympy') - python:.0f} ms")

    rng = random.Random(1)
    fresh = [[f"{rng.randint(0, 10**6)}.{rng.randint(0, 999):03d}" for _ in range(2000)] for _ in range(2)]
    t0 = time.process_time()
    fractions_ = [Fraction(x) for x in fresh[0]]
    per_fraction = (time.process_time() - t0) / len(fresh[0]) * 1e6
    t0 = time.process_time()
    rationals = [sympy.Rational(x) for x in fresh[1]]
    per_rational = (time.process_time() - t0) / len(fresh[1]) * 1e6
    assert all(sympy.Rational(f.numerator, f.denominator) == sympy.Rational(x) for f, x in zip(fractions_, fresh[0]))
    assert len(rationals) == len(fresh[1])
    print(f"a new decimal literal as an exact number: Fraction {per_fraction:.1f} us, "
          f"sympy.Rational {per_rational:.1f} us")

    texts = [f"{(k * 7 + j * 3) % 50 + j / 4}" for k in range(40) for j in range(12)]
    frac = [Fraction(t) for t in texts]
    sym = [sympy.Rational(t) for t in texts]
    got_f = queries(frac, sum(frac, Fraction(0)))
    got_s = queries(sym, sympy.Add(*sym))
    exact = [sympy.Rational(x.numerator, x.denominator) if isinstance(x, Fraction) else x for x in got_f]
    assert exact == list(got_s), (exact, got_s)
    f_us = cpu_us(lambda: queries(frac, sum(frac, Fraction(0))))
    s_us = cpu_us(lambda: queries(sym, sympy.Add(*sym)))
    print(f"sum, mean, max, percent change and count over {len(texts)} chart values: Fraction {f_us:.0f} us, "
          f"SymPy {s_us:.0f} us ({s_us / f_us:.1f}x); the same exact values")


if __name__ == "__main__":
    main()
