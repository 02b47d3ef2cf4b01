"""OpenAIChat against a local OpenAI-compatible endpoint (a tiny HTTP server in a thread)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from recode_dsl.agent import OpenAIChat
from recode_dsl.errors import AgentError


class _Endpoint(BaseHTTPRequestHandler):
    requests: list[dict[str, Any]] = []
    honour_n = True
    fail = False

    def do_POST(self) -> None:  # noqa: N802 - the http.server protocol
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append({"path": self.path, "body": body})
        if self.fail:
            self._send(500, {"error": {"message": "boom", "type": "server_error"}})
            return
        n = body.get("n", 1) if self.honour_n else 1
        k = len(type(self).requests)
        choices = [{"index": i, "finish_reason": "stop",
                    "message": {"role": "assistant", "content": f"reply {k}.{i}"}} for i in range(n)]
        self._send(200, {"id": "x", "object": "chat.completion", "created": 0, "model": body["model"],
                         "choices": choices})

    def _send(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture()
def endpoint() -> Iterator[tuple[str, type[_Endpoint]]]:
    handler = type("Handler", (_Endpoint,), {"requests": [], "honour_n": True, "fail": False})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", handler
    finally:
        server.shutdown()
        server.server_close()


MESSAGES = [{"role": "user", "content": "draw"}]


def test_asks_for_n_candidates_in_one_request(endpoint: tuple[str, type[_Endpoint]]) -> None:
    url, handler = endpoint
    replies = OpenAIChat("m", url, max_retries=0).complete(MESSAGES, n=3, temperature=0.5)
    assert replies == ["reply 1.0", "reply 1.1", "reply 1.2"]
    assert len(handler.requests) == 1
    req = handler.requests[0]
    assert req["path"] == "/v1/chat/completions"
    assert req["body"]["n"] == 3 and req["body"]["temperature"] == 0.5 and req["body"]["model"] == "m"


def test_servers_that_ignore_n_are_asked_again(endpoint: tuple[str, type[_Endpoint]]) -> None:
    url, handler = endpoint
    handler.honour_n = False
    replies = OpenAIChat("m", url, max_retries=0).complete(MESSAGES, n=3, temperature=0.0)
    assert replies == ["reply 1.0", "reply 2.0", "reply 3.0"]
    assert len(handler.requests) == 3


def test_endpoint_failure_is_an_agent_error(endpoint: tuple[str, type[_Endpoint]]) -> None:
    url, handler = endpoint
    handler.fail = True
    with pytest.raises(AgentError) as info:
        OpenAIChat("m", url, max_retries=0, timeout=5).complete(MESSAGES, n=1, temperature=0.0)
    assert info.value.diagnostics[0].code == "E090"
    assert "base-url" in (info.value.diagnostics[0].hint or "")


def test_unreachable_endpoint_is_an_agent_error() -> None:
    with pytest.raises(AgentError):
        OpenAIChat("m", "http://127.0.0.1:9/v1", max_retries=0, timeout=2).complete(MESSAGES, 1, 0.0)
