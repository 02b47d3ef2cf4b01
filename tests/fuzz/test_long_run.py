"""The long fuzz run's command line: ``--targets`` runs only the targets named, and a name that is
no target is a usage error before anything runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

LONG_RUN = Path(__file__).with_name("long_run.py")


def _run(*args: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(LONG_RUN), "--jobs", "1", "--seed", "5", *args],
                          capture_output=True, text=True, timeout=300, cwd=tmp)


def test_targets_limit_the_run_to_the_targets_named(tmp_path: Path) -> None:
    out = tmp_path / "summary.json"
    done = _run("--minutes", "0.02", "--targets", "spec,csv", "--json", str(out), tmp=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(out.read_text())
    counts = summary["per_target"]
    assert counts["spec"] + counts["csv"] == summary["inputs"] > 0
    assert counts["source"] == counts["reply"] == counts["g3k"] == 0 and summary["escapes"] == 0


def test_a_target_that_is_none_is_a_usage_error(tmp_path: Path) -> None:
    done = _run("--minutes", "0.02", "--targets", "spec,images", tmp=tmp_path)
    assert done.returncode == 2 and "--targets" in done.stderr and "'spec,images'" in done.stderr
    assert "Traceback" not in done.stderr
