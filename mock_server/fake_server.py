"""`akool.serve()`: the in-process fake on a real loopback port, for what cannot be intercepted.

A subprocess, a Node script or a browser cannot be reached by respx, `responses` or aioresponses; they can
call `http://127.0.0.1:<port>`. The port is served by uvicorn in a daemon thread, through the same Starlette
edge as `akool-mock serve`, onto the same Backend and clock as the in-process routes: a job created over the
port can be completed with `akool.jobs.complete`, and the other way round. Requests from both sides go
through `FakeAkool.handle` under one lock, so the Backend never sees two at once, and webhooks follow the
fake's own rule (the receiver, or recorded). uvicorn's lifespan (the served fake's ticker and network
webhook sender) is off: jobs move and webhooks go out when a request or a control call settles the fake.
"""

from __future__ import annotations

import socket
import threading
import time
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from akool_mock.mock_server.inprocess import FakeAkool
    from akool_mock.mock_server.wire import WireRequest, WireResponse

START_TIMEOUT_S = 10.0


class _Handling:
    """What the Starlette edge needs of a pipeline: `handle`, and the Backend (read by create_app).

    Result media URLs name the fake's in-process host (https://openapi.akool.com/_mock/media/...), which only
    the in-process routes answer; in what the port answers they name the port, so that a subprocess or a
    browser can fetch the media from where it reached the fake.
    """

    def __init__(self, fake: FakeAkool, served_url: str) -> None:
        self._fake = fake
        self.backend = fake.backend
        self._media = f"{fake.settings.base_url}/_mock/media/".encode()
        self._served_media = f"{served_url}/_mock/media/".encode()

    def handle(self, request: WireRequest) -> WireResponse:
        answer = self._fake.handle(request)
        if self._media in answer.body:
            answer.body = answer.body.replace(self._media, self._served_media)
        return answer


class FakeServer:
    """A uvicorn server in a thread on 127.0.0.1, answering from one FakeAkool."""

    def __init__(self, fake: FakeAkool, port: int = 0) -> None:
        import uvicorn

        from akool_mock.mock_server.app import create_app
        from akool_mock.mock_server.pipeline import Pipeline

        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", port))
        self.port: int = self._socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        app = create_app(fake.settings, cast(Pipeline, _Handling(fake, self.url)))
        config = uvicorn.Config(app, lifespan="off", log_level="warning", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, name="akool-mock-serve", daemon=True
        )

    def start(self) -> FakeServer:
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"akool-mock: the in-process server on {self.url} did not start")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=START_TIMEOUT_S)
        self._socket.close()

    def __repr__(self) -> str:
        return f"<FakeServer {self.url}>"

    def as_dict(self) -> dict[str, Any]:
        return {"url": self.url, "port": self.port}
