"""The Starlette edge: turn each HTTP request into a `WireRequest` for the pipeline, and back.

All state lives in the `Backend`; this module only adapts HTTP, and ticks the job engine and the webhook
outbox in the background so that jobs move and webhooks go out even when nobody polls.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from mock_server.clock import Clock, ManualClock, SystemClock
from mock_server.control import Control
from mock_server.dispatch import AsyncSender, httpx_async_sender, send_async
from mock_server.pipeline import Pipeline
from mock_server.settings import Settings
from mock_server.state import Backend
from mock_server.wire import WireRequest, parse_query
from schemas import load_catalog

METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
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
        body = await request.body()
        wire = WireRequest(
            method=request.method,
            path=request.url.path,
            query=parse_query(request.query_params.multi_items()),
            headers={k.decode("latin-1").lower(): v.decode("latin-1") for k, v in request.headers.raw},
            body=body,
            host=request.url.hostname or "",
        )
        answer = pipeline.handle(wire)
        if answer.delay_s:
            await asyncio.sleep(answer.delay_s)
        if answer.drop:
            return DroppedResponse()
        return Response(answer.body, answer.status, headers=answer.headers, media_type=answer.content_type)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        async with httpx.AsyncClient(timeout=WEBHOOK_TIMEOUT_S) as client:
            ticker = asyncio.create_task(_tick_forever(pipeline, httpx_async_sender(client)))
            try:
                yield
            finally:
                ticker.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await ticker

    app = Starlette(routes=[Route("/{path:path}", endpoint, methods=METHODS)], lifespan=lifespan)
    app.state.pipeline = pipeline
    return app


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
        pipeline.backend.persist()
        task = asyncio.create_task(send_async(pipeline.backend, sender))
        in_flight.add(task)
        task.add_done_callback(in_flight.discard)
