"""An ASGI app served by uvicorn, or the proxy, in a thread of the test process, on a free loopback port."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import uvicorn

from akool_mock.contract_tests.serve import free_port

if TYPE_CHECKING:
    from akool_mock.mock_server.proxy import Proxy


@contextmanager
def threaded(app: Any, **options: Any) -> Iterator[str]:
    """Serve `app` on 127.0.0.1 until the block ends; yields its base URL. `options` go to uvicorn's Config
    (`ssl_certfile` and `ssl_keyfile`: served over https)."""
    port = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        ws="none",
        server_header=False,
        date_header=False,
        **options,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the threaded server did not start")
        time.sleep(0.01)
    try:
        yield f"{'https' if 'ssl_certfile' in options else 'http'}://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@contextmanager
def threaded_proxy(proxy: Proxy) -> Iterator[str]:
    """Serve `proxy` on 127.0.0.1 (an event loop of its own, in a thread) until the block ends; yields its
    base URL."""
    port, listening = free_port(), threading.Event()
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()

    async def serve() -> None:
        async with proxy.serving("127.0.0.1", port):
            listening.set()
            await stop.wait()

    thread = threading.Thread(target=loop.run_until_complete, args=(serve(),), daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not listening.wait(0.01):
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the threaded proxy did not start")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(10)
        loop.close()
