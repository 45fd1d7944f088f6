"""A real HTTP receiver for webhooks, on 127.0.0.1 in a thread, recording what arrives."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# (path, headers, body) -> (status, extra headers)
Responder = Callable[[str, dict[str, str], bytes], tuple[int, dict[str, str]]]


@dataclass
class Received:
    """One request as it arrived."""

    path: str
    headers: dict[str, str]
    body: bytes
    status: int


@dataclass
class Receiver:
    """The receiver's address and everything it was sent."""

    url: str
    requests: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _ok(_path: str, _headers: dict[str, str], _body: bytes) -> tuple[int, dict[str, str]]:
    return 204, {}


@contextmanager
def receiving(responder: Responder = _ok, path: str = "/hooks") -> Iterator[Receiver]:
    """Listen on a free port of 127.0.0.1 until the block ends."""
    receiver = Receiver("")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, extra = responder(self.path, headers, body)
            with receiver.lock:
                receiver.requests.append(Received(self.path, headers, body, status))
            self.send_response(status)
            for name, value in extra.items():
                self.send_header(name, value)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *_args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}{path}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
