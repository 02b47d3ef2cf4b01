"""The HTTP transport under the ``openai`` client: each attempt bounded by the command's budget.

``ChatClient`` hands ``openai.OpenAI`` an HTTP client whose transport is ``BoundedTransport``, a
small wrapper around the HTTP library's own ``HTTPTransport``. The ``openai`` client keeps its
retries (429, 5xx, timeouts, dropped connections; ``Retry-After``); the wrapper adds what it
cannot do, for every attempt it makes:

- counts the attempt against the request budget, and refuses it past the deadline;
- bounds every read by what is left before the deadline, and cuts a reply that is still arriving
  when the deadline passes (a server trickling bytes never times out a single read);
- caps the reply size while the body streams (a 50 MB reply is never held in memory);
- stops a retry the server asks for (``Retry-After``) when the wait ends past the deadline or is
  longer than ``max_wait``.

What it stops raises ``Cut``, which ``ChatClient`` turns into its E090 diagnostic. Imported only
when a model is asked (the CLI starts without the HTTP libraries).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

try:  # openai 3 speaks httpx2, openai 1 and 2 httpx; the same API
    import httpx2 as httpx
except ImportError:  # pragma: no cover - depends on the installed openai
    import httpx  # type: ignore[no-redef,import-not-found,unused-ignore]

from recode_dsl.agent.client import ChatClient, _error_detail, _retry_after, failure
from recode_dsl.agent.text import clean
from recode_dsl.errors import AgentError
from recode_dsl.messages import model_http_status, model_reply_too_large, model_unreachable, model_wait_past_deadline

__all__ = ["BoundedTransport", "Cut", "httpx"]

DEADLINE_HINT = "raise --deadline, or try again later"


class Cut(Exception):
    """An attempt stopped by the transport: the ``AgentError`` to report, and whether another
    attempt may still succeed (a reply too large may be a fluke; a spent budget is not)."""

    def __init__(self, error: AgentError, retry: bool = False) -> None:
        super().__init__(error.diagnostics[0].message)
        self.error = error
        self.retry = retry


class BoundedTransport(httpx.BaseTransport):  # type: ignore[misc,unused-ignore]
    """``HTTPTransport`` with the budget's deadline and request count, and a reply size cap.

    ``client`` is the ``ChatClient`` (its ``budget``, ``timeout``, ``max_reply_bytes``,
    ``max_retries`` and ``max_wait`` are read at each attempt).
    """

    def __init__(self, client: ChatClient, inner: Any = None) -> None:
        self.client = client
        self.inner = inner if inner is not None else httpx.HTTPTransport()

    def handle_request(self, request: Any) -> Any:
        budget = self.client.budget
        try:
            budget.take_request()
        except AgentError as err:
            raise Cut(err) from None
        wait = self._read_timeout()
        request.extensions["timeout"] = {"connect": wait, "read": wait, "write": wait, "pool": wait}
        try:
            response = self.inner.handle_request(request)
        except httpx.TransportError as err:
            self._check_deadline()
            if self._backoff_passes_deadline(request):
                why = model_unreachable(clean(f"{type(err).__name__}: {err}", 300))
                raise Cut(failure(why, hint=DEADLINE_HINT)) from None
            raise
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > self.client.max_reply_bytes:
            response.close()
            raise Cut(self._too_large(), retry=True)
        self._check_retry_after(request, response)
        return httpx.Response(status_code=response.status_code, headers=response.headers,
                              stream=_BoundedStream(self, response.stream), extensions=response.extensions)

    def close(self) -> None:
        self.inner.close()

    def _read_timeout(self) -> float:
        left = self.client.budget.remaining()
        if left is None:
            return self.client.timeout
        if left <= 0:
            raise Cut(self.client.budget.deadline_error())
        return max(0.01, min(self.client.timeout, left))

    def _check_deadline(self) -> None:
        """After a failed read: ``Cut`` when it failed because the deadline passed."""
        left = self.client.budget.remaining()
        if left is not None and left <= 0.02:
            raise Cut(self.client.budget.deadline_error()) from None

    def _too_large(self) -> AgentError:
        return failure(model_reply_too_large(self.client.max_reply_bytes))

    def _retries_taken(self, request: Any) -> int | None:
        """How many retries came before this attempt; None on the last one (no wait follows)."""
        taken = request.headers.get("x-stainless-retry-count", "0")
        if not taken.isdigit() or int(taken) >= self.client.max_retries:
            return None
        return int(taken)

    def _backoff_passes_deadline(self, request: Any) -> bool:
        """Whether the ``openai`` client's shortest backoff before its next attempt (0.5 s
        doubling to 8 s, less up to 25 % jitter) ends past the deadline: no use sleeping then."""
        taken = self._retries_taken(request)
        left = self.client.budget.remaining()
        return taken is not None and left is not None and 0.75 * min(0.5 * 2.0 ** min(taken, 10), 8.0) >= left

    def _check_retry_after(self, request: Any, response: Any) -> None:
        """Refuse, before the ``openai`` client sleeps, a retry whose wait ends past the deadline."""
        if response.status_code != 429 and response.status_code < 500:
            return
        if self._retries_taken(request) is None:
            return  # the last attempt: the openai client reports the status, it does not wait
        wait = _retry_after(response.headers.get("Retry-After"))
        if wait is None or wait <= 0:
            if self._backoff_passes_deadline(request):
                detail = _error_detail(_head(response))
                raise Cut(failure(model_http_status(response.status_code, detail), hint=DEADLINE_HINT))
            return
        left = self.client.budget.remaining()
        if wait > self.client.max_wait:
            hint = "try again later"
        elif left is not None and wait >= left:
            hint = DEADLINE_HINT
        else:
            return
        response.close()
        raise Cut(failure(model_wait_past_deadline(wait), hint=hint))


def _head(response: Any, limit: int = 65536) -> bytes:
    """The first ``limit`` bytes of a response's body (to quote an error); closes it."""
    data = b""
    try:
        for chunk in response.stream:
            data += chunk
            if len(data) >= limit:
                break
    except httpx.TransportError:
        pass
    finally:
        response.close()
    return data[:limit]


class _BoundedStream(httpx.SyncByteStream):  # type: ignore[misc,unused-ignore]
    """A response body that stops at the deadline and at the size cap while it streams."""

    def __init__(self, transport: BoundedTransport, stream: Any) -> None:
        self.transport = transport
        self.stream = stream

    def __iter__(self) -> Iterator[bytes]:
        client = self.transport.client
        total = 0
        try:
            for chunk in self.stream:
                total += len(chunk)
                if total > client.max_reply_bytes:
                    raise Cut(self.transport._too_large(), retry=True)
                if client.budget.expired():
                    raise Cut(client.budget.deadline_error())
                yield chunk
        except httpx.TransportError:
            self.transport._check_deadline()
            raise

    def close(self) -> None:
        self.stream.close()

