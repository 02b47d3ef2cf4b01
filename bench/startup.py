"""Start-up and whole-command cost, each command side by side with its peer in one run.

Run: ``.venv/bin/python bench/startup.py [--runs N]``. Every round runs each command once, in
turn, as a fresh process; CPU time is the child's user + system time
(``resource.getrusage(RUSAGE_CHILDREN)``), reported beside wall time, which swings with the
machine's load. Medians over the rounds; one warm-up round first (page cache, matplotlib's font
cache, and the package's bytecode: the children run without PYTHONDONTWRITEBYTECODE, as an
installed package has its .pyc files). The goals (issue 9):

- ``recode-dsl --version``: under 80 ms of CPU (peer: ``python -c pass``, the interpreter alone);
- ``recode-dsl compile examples/bar_revenue.rdsl -o x.png``: at most 0.5x the CPU of a Python
  script that draws the same chart with matplotlib to PNG;
- parse and check of the 200-line programs of ``bench/compile_speed.py`` (in this process, no
  peer): at most 20 ms of CPU median, for both the figure and the chart program.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

# Children may cache bytecode (an installed package ships it; without it every start compiles
# the package's sources again: --version took 66 ms of CPU that way, 52 ms with it).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

VERSION_GOAL_MS = 80.0
COMPILE_GOAL_RATIO = 0.5
CHECK_GOAL_MS = 20.0

# The chart of examples/bar_revenue.rdsl, drawn by matplotlib: same canvas, plot box, data,
# colour, bar width, ranges, ticks, grid, title and value labels.
MATPLOTLIB_BAR = """\
import sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
fig = plt.figure(figsize=(6.4, 4.8), dpi=100)
ax = fig.add_axes((80 / 640, 1 - 427 / 480, (576 - 80) / 640, (427 - 58) / 480))
bars = ax.bar(["2019", "2020", "2021", "2022"], [12, 15.5, 9, 21.25], width=0.6, color="#1f77b4")
ax.set_title("Annual revenue")
ax.set_ylim(0, 25)
ax.set_yticks([0, 5, 10, 15, 20, 25])
ax.yaxis.grid(True)
ax.set_axisbelow(True)
ax.set_xlim(-0.5, 3.5)
ax.bar_label(bars)
fig.savefig(sys.argv[1])
"""


@dataclass
class Timing:
    cpu_ms: list[float]
    wall_ms: list[float]

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpu_ms)

    @property
    def wall(self) -> float:
        return statistics.median(self.wall_ms)


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "recode-dsl"
    return [str(script)] if script.exists() else [sys.executable, "-m", "recode_dsl"]


def run_once(argv: list[str]) -> tuple[float, float]:
    """CPU and wall milliseconds of one child process (which must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, env=ENV)
    wall = (time.perf_counter() - t0) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return cpu, wall


def side_by_side(commands: dict[str, list[str]], runs: int) -> dict[str, Timing]:
    """Each command once per round, in turn, so load swings hit all of them alike."""
    out = {name: Timing([], []) for name in commands}
    for round_ in range(runs + 1):
        for name, argv in commands.items():
            cpu, wall = run_once(argv)
            if round_:  # round 0 warms up
                out[name].cpu_ms.append(cpu)
                out[name].wall_ms.append(wall)
    return out


def parse_check_ms(runs: int) -> dict[str, Timing]:
    """CPU and wall milliseconds of parse + check (no solving) of compile_speed's programs."""
    from compile_speed import chart_program, figure_program, time_ms

    out = {}
    for name, make in (("figure", figure_program), ("chart", chart_program)):
        source = make(200)
        time_ms(source, 3)  # warm the cached parser
        wall, cpu = time_ms(source, runs)
        out[name] = Timing(cpu, wall)
    return out


def _verdict(ok: bool) -> str:
    return "meets the goal" if ok else "MISSES the goal"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=10, help="rounds of the process commands (default 10)")
    ap.add_argument("--check-runs", type=int, default=50, help="runs of parse + check (default 50)")
    args = ap.parse_args()
    cli = _cli()
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "matplotlib_bar.py"
        script.write_text(MATPLOTLIB_BAR, encoding="utf-8")
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "recode-dsl --version": [*cli, "--version"],
            "recode-dsl --help": [*cli, "--help"],
            "matplotlib script, bar chart to PNG": [sys.executable, str(script), os.path.join(tmp, "mpl.png")],
            "recode-dsl compile examples/bar_revenue.rdsl -o x.png":
                [*cli, "compile", "examples/bar_revenue.rdsl", "-o", os.path.join(tmp, "x.png")],
        }
        got = side_by_side(commands, args.runs)
    print(f"{args.runs} rounds, medians; CPU = user + system time of the process")
    print(f"{'command':58s} {'CPU ms':>8s} {'wall ms':>8s}")
    for name, t in got.items():
        print(f"{name:58s} {t.cpu:8.1f} {t.wall:8.1f}")
    version, python = got["recode-dsl --version"], got["python -c pass"]
    print(f"--version: {version.cpu:.1f} ms CPU (the interpreter alone {python.cpu:.1f} ms); goal under "
          f"{VERSION_GOAL_MS:.0f} ms: {_verdict(version.cpu < VERSION_GOAL_MS)}")
    ours = got["recode-dsl compile examples/bar_revenue.rdsl -o x.png"]
    peer = got["matplotlib script, bar chart to PNG"]
    ratio, wall_ratio = ours.cpu / peer.cpu, ours.wall / peer.wall
    print(f"compile vs matplotlib: {ratio:.2f}x CPU ({wall_ratio:.2f}x wall); goal at most "
          f"{COMPILE_GOAL_RATIO}x CPU: {_verdict(ratio <= COMPILE_GOAL_RATIO)}")
    for name, t in parse_check_ms(args.check_runs).items():
        print(f"parse + check, {name} program of 200 lines: median {t.cpu:.1f} ms CPU ({t.wall:.1f} ms wall); "
              f"goal at most {CHECK_GOAL_MS:.0f} ms: {_verdict(t.cpu <= CHECK_GOAL_MS)}")


if __name__ == "__main__":
    main()
