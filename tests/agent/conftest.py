"""The scripted OpenAI-compatible server (``scripted_server.py``) as a fixture, in its own process."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SERVER = Path(__file__).with_name("scripted_server.py")


class Scripted:
    """A handle on the server process: its URL, its script and its log of requests."""

    def __init__(self, port: int) -> None:
        self.root = f"http://127.0.0.1:{port}"
        self.url = f"{self.root}/v1"

    def script(self, *actions: dict[str, Any]) -> None:
        req = urllib.request.Request(f"{self.root}/_script", json.dumps(list(actions)).encode(), method="POST")
        urllib.request.urlopen(req, timeout=10).read()

    def log(self) -> list[dict[str, Any]]:
        data: list[dict[str, Any]] = json.loads(urllib.request.urlopen(f"{self.root}/_log", timeout=10).read())
        return data

    def bodies(self) -> list[dict[str, Any]]:
        return [entry["body"] for entry in self.log()]


@pytest.fixture(scope="session")
def scripted_process() -> Iterator[Scripted]:
    proc = subprocess.Popen([sys.executable, str(SERVER), "--lifetime", "1200"], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("PORT "), f"the scripted server did not start: {line!r}"
        yield Scripted(int(line.split()[1]))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture()
def server(scripted_process: Scripted) -> Scripted:
    """The server with an empty log; tests set its script."""
    scripted_process.script({"status": 500, "raw": '{"error": {"message": "no script"}}'})
    return scripted_process
