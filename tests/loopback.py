"""A real HTTP server on 127.0.0.1 for the tests, with scriptable routes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    chunked: bool = False  # stream without Content-Length


Route = Callable[["Handler"], Reply]


class Handler(BaseHTTPRequestHandler):
    server: LoopbackServer

    def do_GET(self):  # noqa: N802 (http.server's naming)
        path = self.path.split("?")[0]
        self.server.hits.append((path, dict(self.headers)))
        route = self.server.routes.get(path)
        reply = route(self) if route else Reply(404, b"not found")
        if reply.delay:
            self.server.waiting.set()
            time.sleep(reply.delay)
        self.send_response(reply.status)
        for k, v in reply.headers.items():
            self.send_header(k, v)
        if reply.chunked:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self._send_chunks(reply.body)
            return
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        try:
            self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send_chunks(self, body: bytes, size: int = 65536):
        try:
            for i in range(0, len(body), size):
                chunk = body[i : i + size]
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


class LoopbackServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[str, Route] = {}
        self.hits: list[tuple[str, dict]] = []
        self.waiting = threading.Event()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, body: bytes, status: int = 200, **headers):
        self.routes[path] = lambda h: Reply(
            status, body, {k.replace("_", "-"): v for k, v in headers.items()}
        )

    def count(self, path: str) -> int:
        return sum(1 for p, _ in self.hits if p == path)
