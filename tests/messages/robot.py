"""A group robot on 127.0.0.1 for the webhook tests: records each POST, answers as told."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Robot:
    url: str
    posts: list[dict[str, Any]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    answers: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    """Answers to give, first to last (then 200 errcode 0); (status, JSON)."""
    stall: set[int] = field(default_factory=set)
    """Numbers (0-based) of requests to read and never answer."""


@contextmanager
def robot() -> Iterator[Robot]:
    state = Robot("")
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            data = self.rfile.read(length)
            with lock:
                number = len(state.posts)
                state.posts.append(json.loads(data.decode("utf-8")))
                state.paths.append(self.path)
                status, answer = (
                    state.answers.pop(0) if state.answers else (200, {"errcode": 0, "errmsg": "ok"})
                )
            if number in state.stall:
                threading.Event().wait(3)
                return
            payload = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: Any) -> None:  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/cgi-bin/webhook/send?key=secret-key"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
