"""A partner's OOAPI endpoint on loopback: a stdlib `http.server` in a thread serving what a test
puts in `routes` (path -> a list of objects, paged two a page as OOAPI pages are; or an
`Answer` with a raw body and a delay), 404 for anything else."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

EXAMPLES = json.loads((Path(__file__).parent / "data" / "spec_examples.json").read_text())
PAGE = 2


@dataclass
class Answer:
    body: bytes
    delay: float = 0.0  # before the answer
    status: int = 200
    stall: float = 0.0  # after the headers, before the body


class Handler(BaseHTTPRequestHandler):
    server: Partner

    def log_message(self, *args: Any) -> None:  # quiet in the test output
        pass

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        self.server.requests.append(self.path)
        self.server.headers.append(dict(self.headers))
        route = self.server.routes.get(url.path)
        if isinstance(route, Answer):
            time.sleep(route.delay)
            self._send(route.status, route.body, stall=route.stall)
        elif isinstance(route, list):
            number = int(parse_qs(url.query).get("pageNumber", ["1"])[0])
            items = route[(number - 1) * PAGE : number * PAGE]
            page = {
                "pageSize": PAGE,
                "pageNumber": number,
                "hasPreviousPage": number > 1,
                "hasNextPage": number * PAGE < len(route),
                "items": items,
            }
            self._send(200, json.dumps(page).encode())
        else:
            self._send(404, b'{"status": 404}')

    def _send(self, status: int, body: bytes, stall: float = 0.0) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.flush()
        time.sleep(stall)
        with contextlib.suppress(OSError):  # the consumer gave up (timeout)
            self.wfile.write(body)


class Partner(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[str, Any] = {}
        self.requests: list[str] = []
        self.headers: list[dict[str, str]] = []
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> Partner:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.shutdown()
        self.server_close()


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
