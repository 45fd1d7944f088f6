"""The many-clients load process: its hand-written HTTP/1.1 keep-alive client and its tally."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from bench.client import ProtocolError, Tally, drive, parse_head, request_bytes


def test_a_request_is_a_keep_alive_get_with_its_headers() -> None:
    raw = request_bytes("127.0.0.1:8000", "/api/v1/me", {"Authorization": "Bearer t"})
    assert raw.startswith(b"GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n")
    assert b"\r\nAuthorization: Bearer t\r\n" in raw
    assert raw.endswith(b"\r\n\r\n")
    assert b"Connection: close" not in raw


def test_an_answer_head_gives_its_status_and_length() -> None:
    head = b"HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\nContent-Length: 27\r\n\r\n"
    assert parse_head(head) == (404, 27)


@pytest.mark.parametrize(
    "head",
    [
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
        b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n\r\n",
    ],
)
def test_an_answer_it_cannot_frame_is_refused(head: bytes) -> None:
    with pytest.raises(ProtocolError):
        parse_head(head)


def test_only_requests_inside_the_window_are_counted() -> None:
    tally = Tally(opens=10.0, closes=20.0)
    tally.note("me", 9.9, 10.1, 200)  # sent during the warm-up
    tally.note("me", 19.9, 20.1, 200)  # answered after the window
    tally.note("me", 11.0, 11.002, 200)
    tally.note("caseload", 12.0, 12.01, 503)
    assert tally.latencies == {"me": [pytest.approx(2.0)], "caseload": [pytest.approx(10.0)]}
    assert tally.errors == {"503": 1}


class _Answer(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the API's server answers

    def do_GET(self) -> None:
        body = b'{"path": "%s"}' % self.path.encode()
        self.send_response(200 if self.path != "/missing" else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[int]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield int(httpd.server_address[1])
    httpd.shutdown()
    httpd.server_close()


def test_the_clients_cycle_their_sequences_on_kept_connections(
    server: int, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = {
        "host": "127.0.0.1",
        "port": server,
        "clients": 3,
        "warmup_s": 0.1,
        "seconds": 0.4,
        "sequences": [[["a", "/a", {}], ["missing", "/missing", {"X-Test": "1"}]]],
    }
    result = asyncio.run(drive(plan))
    assert capsys.readouterr().out.split() == ["measuring", "done"]
    assert set(result["latencies"]) == {"a", "missing"}
    assert result["errors"] == {"404": len(result["latencies"]["missing"])}
    assert result["seconds"] == pytest.approx(0.4)
    assert result["client_cpu_s"] >= 0
