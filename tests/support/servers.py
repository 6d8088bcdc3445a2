"""Real processes for tests: `akool-mock serve` on a free port, and a local webhook receiver."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from akool_mock.contract_tests.serve import free_port, stop, wait_ready


@dataclass
class Served:
    base_url: str
    process: subprocess.Popen[bytes]
    banner: str
    log: Callable[[], str] = lambda: ""  # what the server wrote to stderr so far (its log lines)


@contextmanager
def serve(*args: str) -> Iterator[Served]:
    """`akool-mock serve` as a real process; stopped (and reaped) on exit."""
    port = free_port()
    command = [sys.executable, "-m", "akool_mock", "serve", "--port", str(port), *args]
    # The log (a line per request) goes to a file: a pipe nobody reads would fill and block the server.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log)
        base_url = f"http://127.0.0.1:{port}"

        def output() -> str:
            log.seek(0)
            return log.read().decode(errors="replace")

        try:
            wait_ready(base_url, process, output)
            assert process.stdout is not None
            banner = process.stdout.readline().decode() + process.stdout.readline().decode()
            yield Served(base_url, process, banner, output)
        finally:
            stop(process)
            if process.stdout is not None:
                process.stdout.close()


@dataclass
class Receiver:
    """A local webhook receiver: records every POST body and answers with `respond(n)` (n = 1-based)."""

    url: str
    bodies: list[dict[str, Any]] = field(default_factory=list)
    respond: Callable[[int], int] = lambda _n: 200

    def wait_for(self, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while len(self.bodies) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return list(self.bodies)


class Backlogged(ThreadingHTTPServer):
    """A receiver that accepts bursts: the default backlog of 5 drops connections, and TCP retries them a
    second later, which would make the fake's deliveries look slow."""

    request_queue_size = 256
    daemon_threads = True


@contextmanager
def receiver(respond: Callable[[int], int] | None = None) -> Iterator[Receiver]:
    state = Receiver(url="")
    if respond is not None:
        state.respond = respond
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            body = json.loads(self.rfile.read(length) or b"null")
            with lock:
                state.bodies.append(body)
                status = state.respond(len(state.bodies))
            self.send_response(status)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *_args: Any) -> None:
            return

    server = Backlogged(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/akool"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
