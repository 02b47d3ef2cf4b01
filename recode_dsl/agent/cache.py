"""Model replies cached on disk, keyed by request, and replayed offline.

``CachedClient(inner, DIR)`` answers a request it has seen from ``DIR`` and asks ``inner`` (and
stores the replies) otherwise; with ``inner=None`` it replays only, offline: a request that is
not in the cache is an E090 error. The key is a SHA-256 of everything that decides the replies
(model, server kind, grammar, messages with their images, n, temperature), so a replay of the
same run with the same renderer makes the same requests and gets the same replies. Files are
written atomically (a temporary file renamed), so concurrent runs can share a cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recode_dsl.agent.client import Message, ModelClient, failure
from recode_dsl.messages import model_not_cached


def request_key(messages: list[Message], n: int, temperature: float, **context: Any) -> str:
    """The cache key of a request: the hash of its canonical JSON.

    >>> request_key([{"role": "user", "content": "hi"}], 1, 0.0, model="m") == \\
    ...     request_key([{"content": "hi", "role": "user"}], 1, 0.0, model="m")
    True
    """
    payload = {"messages": messages, "n": n, "temperature": temperature, **context}
    text = json.dumps(payload, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


@dataclass
class CachedClient:
    """A ``ModelClient`` in front of another one (or of nothing: replay only)."""

    inner: ModelClient | None
    directory: Path
    context: dict[str, Any]
    hits: int = 0
    misses: int = 0

    def path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def complete(self, messages: list[Message], n: int, temperature: float) -> list[str]:
        key = request_key(messages, n, temperature, **self.context)
        path = self.path(key)
        stored = _load(path)
        if stored is not None and len(stored) >= n:
            self.hits += 1
            return stored[:n]
        if self.inner is None:
            raise failure(model_not_cached(), hint="run once with a model and the same --cache DIR, or drop --replay")
        self.misses += 1
        replies = self.inner.complete(messages, n, temperature)
        _store(path, replies)
        return replies


def _load(path: Path) -> list[str] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    replies = data.get("replies") if isinstance(data, dict) else None
    if isinstance(replies, list) and all(isinstance(r, str) for r in replies):
        return replies
    return None


def _store(path: Path, replies: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"replies": replies}, f)
    os.replace(tmp, path)
