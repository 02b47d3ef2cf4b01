"""A scripted OpenAI-compatible chat-completions server, run as its own process by the tests.

    python scripted_server.py            # prints "PORT <n>" and serves on 127.0.0.1:<n>

Control (JSON over HTTP):
- ``POST /_script`` with a list of actions sets what the next requests get, one action each
  (the last action repeats when the list runs out);
- ``GET /_log`` returns every chat request received since the last ``/_script``.

An action is an object; its keys (all optional) say what the server does:
- ``replies``: texts of the choices (choice i gets ``replies[i % len]``); ``honour_n`` false
  answers one choice whatever ``n`` asked;
- ``status`` (default 200) with ``retry_after`` (a Retry-After header);
- ``stall``: seconds to wait before answering; ``trickle``: seconds to send a body one byte
  every 0.1 s (then stop); ``raw``: this body instead of a chat reply; ``size``: a reply with a
  content of this many bytes.

The server stops by itself when its parent process is gone or after ``--lifetime`` seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class State:
    lock = threading.Lock()
    script: list[dict[str, Any]] = [{"status": 500, "raw": '{"error": {"message": "no script"}}'}]
    log: list[dict[str, Any]] = []


def _next_action() -> dict[str, Any]:
    with State.lock:
        if len(State.script) > 1:
            return State.script.pop(0)
        return State.script[0]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:
        pass

    def _read(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server protocol
        if self.path == "/_log":
            with State.lock:
                self._send(200, json.dumps(State.log).encode())
        else:
            self._send(404, b"{}")

    def do_POST(self) -> None:  # noqa: N802 - http.server protocol
        raw = self._read()
        if self.path == "/_script":
            with State.lock:
                State.script = json.loads(raw) or [{}]
                State.log = []
            self._send(200, b"{}")
            return
        body = json.loads(raw)
        with State.lock:
            State.log.append({"path": self.path, "body": body, "time": time.time(),
                              "authorization": self.headers.get("Authorization")})
        action = _next_action()
        if action.get("stall"):
            time.sleep(float(action["stall"]))
        status = int(action.get("status", 200))
        headers = {"Retry-After": str(action["retry_after"])} if "retry_after" in action else {}
        if action.get("trickle"):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            end = time.time() + float(action["trickle"])
            try:
                while time.time() < end:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
            self.close_connection = True
            return
        if "raw" in action:
            self._send(status, str(action["raw"]).encode(), headers)
            return
        if action.get("size"):
            self._send_huge(int(action["size"]))
            return
        if status != 200:
            self._send(status, json.dumps({"error": {"message": f"scripted {status}"}}).encode(), headers)
            return
        replies = action.get("replies") or ["```rdsl\nfigure\n```"]
        n = int(body.get("n", 1)) if action.get("honour_n", True) else 1
        choices = [{"index": i, "finish_reason": "stop",
                    "message": {"role": "assistant", "content": replies[i % len(replies)]}} for i in range(n)]
        reply = {"id": "x", "object": "chat.completion", "created": 0, "model": body.get("model", "m"),
                 "choices": choices, "usage": {"total_tokens": 10 * n}}
        self._send(200, json.dumps(reply).encode(), headers)

    def _send_huge(self, size: int) -> None:
        head = b'{"choices": [{"index": 0, "message": {"role": "assistant", "content": "'
        tail = b'"}}]}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            for part in (head, *(b"x" * min(65536, size - i) for i in range(0, size, 65536)), tail):
                self.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        except OSError:
            pass
        self.close_connection = True


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lifetime", type=float, default=900.0)
    args = ap.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    parent = os.getppid()
    start = time.time()

    def watchdog() -> None:
        while os.getppid() == parent and time.time() - start < args.lifetime:
            time.sleep(0.5)
        server.shutdown()

    threading.Thread(target=watchdog, daemon=True).start()
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()
    sys.exit(0)


if __name__ == "__main__":
    main()
