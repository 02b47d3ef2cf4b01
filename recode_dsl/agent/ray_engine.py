"""``--engine ray``: each image one Ray task; results stream back to the output folder.

Ray is an optional extra (``pip install recode-dsl[ray]``). Without ``--address`` a local Ray
instance is started for the run; with one (``ray://HOST:10001`` or ``auto``) the tasks run on that
cluster, whose workers need recode-dsl installed. Each task reads nothing from the driver's disk:
it gets the image bytes and the settings, and returns its result files, which the driver writes
as tasks finish (so a cluster needs no shared file system). Model calls happen in the tasks.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from recode_dsl.agent.batch import Settings, _bar, run_one, write_files

# A task spends much of its time waiting for the model: two share a CPU, as the local engine
# keeps two model calls in flight per evaluation process.
TASK_CPUS = 0.5


def run_ray(todo: list[Path], out: Path, settings: Settings, address: str | None, progress: bool,
            num_cpus: int | None = None) -> list[dict[str, Any]]:
    try:
        import ray
    except ImportError:
        print("recode-dsl: error: --engine ray needs Ray: pip install 'recode-dsl[ray]'", file=sys.stderr)
        raise SystemExit(2) from None
    started = not ray.is_initialized()
    if started:
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False)
    task = ray.remote(num_cpus=TASK_CPUS)(run_one)
    try:
        pending = [task.remote(path.read_bytes(), path.stem, settings) for path in todo]
        records: list[dict[str, Any]] = []
        bar = _bar(len(pending), progress)
        while pending:
            ready, pending = ray.wait(pending, num_returns=1)
            for ref in ready:
                records.append(write_files(out, ray.get(ref)))
                bar.update(1)
        bar.close()
        return records
    finally:
        if started:
            ray.shutdown()
