"""`akool-mock serve` as a service: check the port, announce once listening, stop cleanly on SIGTERM.

The port is tried before anything else, so a busy port is one clear error line (exit 2), and the banner is
printed by uvicorn's startup, once it listens: never a banner followed by a traceback. uvicorn then binds
the port itself (handed a socket bound here, it served half as many requests per second). uvicorn answers
SIGTERM and SIGINT by finishing the requests in flight; it would then raise the signal again (exit 143 under
a supervisor that sent SIGTERM): here a requested stop is a clean exit 0, which is what container runtimes
and systemd expect of a service that stopped as asked.
"""

from __future__ import annotations

import contextlib
import signal
import socket
import sys
import threading
from collections.abc import Callable, Generator
from types import FrameType

import uvicorn
from starlette.types import ASGIApp

from akool_mock.mock_server.logs import configure_logging
from akool_mock.mock_server.settings import Settings

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class PortUnavailable(OSError):
    """The address cannot be bound (in use, not local, not permitted); the message says which."""


def bind(host: str, port: int) -> socket.socket:
    """A socket bound to host:port (IPv6 when the host is an IPv6 address), as uvicorn will bind it."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise PortUnavailable(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


class Service(uvicorn.Server):
    """uvicorn's server that calls `on_ready` once listening and exits 0 when asked to stop."""

    def __init__(self, config: uvicorn.Config, on_ready: Callable[[], None] | None = None) -> None:
        super().__init__(config)
        self.on_ready = on_ready

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started and self.on_ready is not None:
            self.on_ready()

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        # As uvicorn's, without raising the signal again after the graceful shutdown.
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {sig: signal.signal(sig, self._stop) for sig in STOP_SIGNALS}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _stop(self, sig: int, _frame: FrameType | None) -> None:
        if self.should_exit and sig == signal.SIGINT:
            self.force_exit = True  # a second Ctrl+C stops without waiting
        self.should_exit = True


def run_service(
    app: ASGIApp, settings: Settings, on_ready: Callable[[], None] | None = None, *, name: str = "serve"
) -> int:
    """Serve `app` until stopped; 0 after a requested stop, 2 when the port cannot be bound."""
    configure_logging(settings.log_level, settings.log_format)
    try:
        bind(settings.host, settings.port).close()
    except PortUnavailable as exc:
        print(f"akool-mock {name}: {exc}", file=sys.stderr)
        return 2
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_level="warning",
        access_log=False,  # the fake writes its own line per request (logs.py)
        lifespan="on",
        timeout_graceful_shutdown=5,
    )
    server = Service(config, on_ready)
    server.run()
    return 0 if server.started else 1
