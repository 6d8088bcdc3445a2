"""The Starlette edge: turn each HTTP request into a `WireRequest` for the pipeline, and back.

All state lives in the `Backend`; this module only adapts HTTP, and ticks the job engine and the webhook
outbox in the background so that jobs move and webhooks go out even when nobody polls.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import re
from collections.abc import AsyncIterator
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.datastructures import URL
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route, request_response
from starlette.types import Receive, Scope, Send

from akool_mock.mock_server.clock import Clock, ManualClock, SystemClock
from akool_mock.mock_server.control import Control
from akool_mock.mock_server.dispatch import AsyncSender, WebhookClients, send_async
from akool_mock.mock_server.json_reader import JsonLimits
from akool_mock.mock_server.json_stream import STEPWISE_ABOVE, read_json_async
from akool_mock.mock_server.logs import observe
from akool_mock.mock_server.memory import LARGE_BLOCK, return_large_blocks, trim
from akool_mock.mock_server.pipeline import Pipeline
from akool_mock.mock_server.settings import Settings
from akool_mock.mock_server.state import Backend
from akool_mock.mock_server.wire import WireRequest, parse_query
from akool_mock.schemas import load_catalog

TICK_SECONDS = 0.05
WEBHOOK_TIMEOUT_S = 10.0


def make_clock(settings: Settings) -> Clock:
    return ManualClock() if settings.clock == "manual" else SystemClock(settings.speed)


def build_pipeline(settings: Settings, clock: Clock | None = None) -> Pipeline:
    """A Backend and its pipeline (with the control API), shared by both transports."""
    backend = Backend(settings, clock or make_clock(settings), load_catalog())
    return Pipeline(backend, Control(backend, settings.control_token))


def create_app(settings: Settings | None = None, pipeline: Pipeline | None = None) -> Starlette:
    settings = settings or Settings()
    pipeline = pipeline or build_pipeline(settings)

    async def endpoint(request: Request) -> Response:
        settings = pipeline.backend.settings
        body = await _read_body(request, settings.max_body_bytes)
        # A large body is read here, in steps that let other clients be answered between them; the
        # pipeline then uses what was read (or raises what was wrong) where it would have read the body.
        already = (
            await read_json_async(body, JsonLimits(max_depth=settings.max_json_depth))
            if STEPWISE_ABOVE < len(body) <= settings.max_body_bytes
            else None
        )
        scope = request.scope
        raw_headers: list[tuple[bytes, bytes]] = scope["headers"]
        path, host = _path_and_host(request)
        query_string: bytes = scope.get("query_string", b"")
        wire = WireRequest(
            method=request.method,
            path=path,
            # What request.query_params.multi_items() and request.headers.raw give, without building them.
            query=parse_query(parse_qsl(query_string.decode("latin-1"), keep_blank_values=True))
            if query_string
            else {},
            headers={k.decode("latin-1").lower(): v.decode("latin-1") for k, v in raw_headers},
            body=body,
            host=host,
            parsed=already,
        )
        answer = pipeline.handle(wire)
        if len(body) > LARGE_BLOCK:
            del wire, body, already
            # glibc's trim takes a few milliseconds: in a thread (ctypes lets go of the GIL meanwhile)
            await asyncio.get_running_loop().run_in_executor(None, trim)
        if answer.delay_s:
            await asyncio.sleep(answer.delay_s)
        if answer.drop:
            return DroppedResponse()
        return Response(answer.body, answer.status, headers=answer.headers, media_type=answer.content_type)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        return_large_blocks()  # a 20 MB body's memory goes back to the system once answered
        # What start-up made (schemas, catalog, compiled validators) lives as long as the server: kept out of
        # the garbage collector's full passes, which would otherwise walk it all (milliseconds) every time.
        gc.collect()
        gc.freeze()
        async with WebhookClients(timeout=WEBHOOK_TIMEOUT_S) as clients:
            ticker = asyncio.create_task(_tick_forever(pipeline, clients))
            try:
                yield
            finally:
                ticker.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await ticker

    async def home(_request: Request) -> Response:
        return RedirectResponse("/_mock/ui", status_code=307)

    # Every other path and method goes to the pipeline (the router's default), so even a path Starlette's
    # route patterns cannot match (a newline in a path parameter) or a method like TRACE gets Akool's 404.
    app = Starlette(lifespan=lifespan, routes=[Route("/", home, methods=["GET", "HEAD"])])
    app.router.default = request_response(endpoint)
    app.state.pipeline = pipeline
    observe(pipeline.backend)
    if settings.cors_origins:
        # Preflights are answered here, before the pipeline: a browser app on another origin can call it.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["*"],
            allow_headers=["*"],
            max_age=600,
        )
    return app


# Starlette's request.url builds and re-parses a whole URL on every request. The path it gives is the ASGI
# path itself unless that path holds a character the URL escapes or drops, or starts with `//`; then (rarely)
# the URL is built as before. The host name depends on nothing but the scheme, server and Host header: cached.
_URL_SPECIAL = re.compile(r"[?#\\\t\r\n]")


async def _read_body(request: Request, max_bytes: int) -> bytes | bytearray:
    """What `await request.body()` gives (same messages read, same ClientDisconnect), with no generator.

    Reading stops once the body is over `max_bytes` (what was read is kept, so the pipeline answers that
    the body is over the limit): a body larger than the limit never takes more memory than the limit. The
    chunks are appended to one buffer as they come: a large buffer grows by remapping its pages, where
    joining the chunks at the end would copy 20 MiB in one call while every other client waits.
    """
    receive = request.receive
    buffer = bytearray()
    while True:
        message = await receive()
        if message["type"] == "http.request":
            buffer += message.get("body", b"")
            if not message.get("more_body", False) or len(buffer) > max_bytes:
                return bytes(buffer) if len(buffer) <= STEPWISE_ABOVE else buffer
        elif message["type"] == "http.disconnect":
            raise ClientDisconnect()


def _path_and_host(request: Request) -> tuple[str, str]:
    """`request.url.path` and `request.url.hostname or ""`, without building the URL when it cannot differ."""
    scope = request.scope
    path: str = scope["path"]
    if path.startswith("//") or _URL_SPECIAL.search(path):
        url = request.url
        return url.path, url.hostname or ""
    return path, _hostname(scope.get("scheme", "http"), _server(scope), _host_header(scope["headers"]))


def _host_header(headers: list[tuple[bytes, bytes]]) -> bytes | None:
    for key, value in headers:
        if key == b"host":
            return value
    return None


def _server(scope: Scope) -> tuple[str, int | None] | None:
    server = scope.get("server")
    return (server[0], server[1]) if server is not None else None


@functools.lru_cache(maxsize=256)
def _hostname(scheme: str, server: tuple[str, int | None] | None, host: bytes | None) -> str:
    headers = [(b"host", host)] if host is not None else []
    scope = {"type": "http", "scheme": scheme, "server": server, "path": "/", "query_string": b""}
    return URL(scope={**scope, "headers": headers}).hostname or ""


class DroppedResponse(Response):
    """Promise a body, send part of it, and stop: the client sees the connection drop mid-answer."""

    def __init__(self) -> None:
        super().__init__(b"", 200)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = [(b"content-type", b"application/json"), (b"content-length", b"1024")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b'{"code":', "more_body": False})


async def _tick_forever(pipeline: Pipeline, sender: AsyncSender) -> None:
    """Move jobs that are due and start due webhook deliveries, without waiting for slow receivers."""
    in_flight: set[asyncio.Task[int]] = set()
    while True:
        await asyncio.sleep(TICK_SECONDS)
        pipeline.backend.tick()
        pipeline.backend.persist(observed=False)  # idle is idle: no write unless something changed
        task = asyncio.create_task(send_async(pipeline.backend, sender))
        in_flight.add(task)
        task.add_done_callback(in_flight.discard)
