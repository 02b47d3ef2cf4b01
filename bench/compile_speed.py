"""Time parse + check of a realistic 200-line program: median and p95 in milliseconds.

Run: ``.venv/bin/python bench/compile_speed.py [--runs N] [--lines N]``. The goal is a median of
at most 20 ms of CPU for 200 lines (parse and check only: ``compile(..., solve=False)``).
"""

from __future__ import annotations

import argparse
import statistics
import time

from recode_dsl import compile as compile_program

GOAL_MS = 20.0


def figure_program(lines: int) -> str:
    """A figure of chained triangles, circles, relations, equations and queries, ``lines`` long."""
    out = ['figure "benchmark"']
    i = 0
    while len(out) < lines:
        a, b, c, d = (f"P{i}", f"Q{i}", f"R{i}", f"S{i}")
        block = [
            f"point {a} = ({i}, 0), {b} = ({i + 4}, 0), {c} = ({i}, 3), {d}",
            f"triangle({a}, {b}, {c})",
            f"right_angle(angle({b}, {a}, {c}))",
            f"on({d}, segment({b}, {c}))",
            f"perpendicular(segment({a}, {d}), segment({b}, {c}))",
            f"let w{i} = circle({a}, 3)",
            f"on({c}, w{i})",
            f"length({a}, {b}) = 2x{i} + 2",
            f"angle({a}, {b}, {c}) = 3y{i} - 1",
            f"ask length({a}, {d})",
            f"ask area(triangle({a}, {b}, {c})) / perimeter(triangle({a}, {b}, {c}))",
        ]
        out.extend(block)
        i += 1
    return "\n".join(out[:lines]) + "\n"


def chart_program(lines: int) -> str:
    """A line chart with many series and queries, ``lines`` long."""
    cats = [f"m{j}" for j in range(12)]
    out = ['chart line "benchmark"', "canvas(800, 600)", "plot_box(80, 50, 760, 540)",
           "categories(" + ", ".join(f'"{c}"' for c in cats) + ")", "legend(true, \"upper left\")"]
    k = 0
    while k < 40 and len(out) < lines // 2:
        values = ", ".join(str((k * 7 + j * 3) % 50 + j / 4) for j in range(12))
        out.append(f'series("s{k}", [{values}], marker="o")')
        k += 1
    while len(out) < lines:
        j = len(out) % k
        out.append(QUERIES[len(out) % len(QUERIES)].format(s=f"s{j}", t=f"s{(j + 1) % k}"))
    return "\n".join(out) + "\n"


QUERIES = (
    'ask percent_change(value("{s}", "m0"), value("{s}", "m11"))',
    'ask max("{s}") - min("{t}")',
    'ask count("{s}" > 20)',
    'ask argmax(category("m3"))',
    'ask rank("{s}", "m5", "asc")',
    'ask mean("{s}") / median("{t}")',
)


def time_ms(source: str, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each run (CPU time is steadier on a shared machine)."""
    wall, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        result = compile_program(source, solve=False)
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        if any(d.severity == "error" for d in result.diagnostics):
            raise SystemExit(f"benchmark program does not check: {result.diagnostics[0]}")
    return wall, cpu


def _summary(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--lines", type=int, default=200)
    args = ap.parse_args()
    for name, make in (("figure", figure_program), ("chart", chart_program)):
        source = make(args.lines)
        time_ms(source, 3)  # warm up the cached parser
        wall, cpu = time_ms(source, args.runs)
        (median, p95), (cpu_median, cpu_p95) = _summary(wall), _summary(cpu)
        # the goal is CPU time (issue 9): wall time swings with the machine's load
        verdict = "ok" if cpu_median <= GOAL_MS else f"SLOWER than the {GOAL_MS:.0f} ms CPU goal"
        print(f"{name:7s} {source.count(chr(10))} lines: median {median:.1f} ms, p95 {p95:.1f} ms ({verdict}); "
              f"CPU median {cpu_median:.1f} ms, p95 {cpu_p95:.1f} ms")


if __name__ == "__main__":
    main()
