"""Send due webhook deliveries: synchronously (in-process fake, tests) or concurrently (under uvicorn).

A sender answers the receiver's HTTP status, or raises for a timeout or refused connection; either way
the outcome goes back to the outbox, which decides about retries. The first body of an attempt decides
the outcome; extra bodies (duplicate or replay modes) are sent for the receiver's sake only.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from mock_server.webhooks import Outgoing

HEADERS = {"content-type": "application/json", "user-agent": "akool-mock-webhooks"}
SyncSender = Callable[[str, bytes, dict[str, str]], int]
AsyncSender = Callable[[str, bytes, dict[str, str]], Awaitable[int]]
DEFAULT_TIMEOUT_S = 10.0


def encode(body: dict[str, Any]) -> bytes:
    return json.dumps(body, separators=(",", ":")).encode("utf-8")


def _error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def send_sync(backend: Any, sender: SyncSender) -> int:
    """Send every due delivery now, one after another, until none is due; returns the attempts made.

    A job's next delivery becomes due as soon as the previous one is acknowledged, so this loops; a failed
    attempt is rescheduled in the future, so the loop ends.
    """
    attempts = 0
    while outgoing := backend.outbox.take_due(backend.now(), backend.seal_for):
        attempts += _send_each(backend, sender, outgoing)
    backend.persist()
    return attempts


def _send_each(backend: Any, sender: SyncSender, outgoing: list[Outgoing]) -> int:
    for item in outgoing:
        status: int | None = None
        error: str | None = None
        for index, body in enumerate(item.bodies):
            try:
                code = sender(item.delivery.url, encode(body), dict(HEADERS))
            except Exception as exc:  # a receiver's failure is data for the log, never a crash of the fake
                if index == 0:
                    error = _error_text(exc)
                continue
            if index == 0:
                status = code
        backend.outbox.settle(item.delivery, status, error, backend.now(), len(item.bodies))
    return len(outgoing)


async def send_async(backend: Any, sender: AsyncSender) -> int:
    """Send every due delivery concurrently (one per job at a time, so order per job holds)."""
    outgoing: list[Outgoing] = backend.outbox.take_due(backend.now(), backend.seal_for)

    async def one(item: Outgoing) -> None:
        results = await asyncio.gather(
            *(sender(item.delivery.url, encode(body), dict(HEADERS)) for body in item.bodies),
            return_exceptions=True,
        )
        first = results[0]
        if isinstance(first, BaseException):
            backend.outbox.settle(item.delivery, None, _error_text(first), backend.now(), len(item.bodies))
        else:
            backend.outbox.settle(item.delivery, first, None, backend.now(), len(item.bodies))

    await asyncio.gather(*(one(item) for item in outgoing))
    backend.persist()
    return len(outgoing)


def httpx_sync_sender(client: httpx.Client) -> SyncSender:
    def send(url: str, body: bytes, headers: dict[str, str]) -> int:
        return client.post(url, content=body, headers=headers).status_code

    return send


def httpx_async_sender(client: httpx.AsyncClient) -> AsyncSender:
    async def send(url: str, body: bytes, headers: dict[str, str]) -> int:
        response = await client.post(url, content=body, headers=headers)
        return response.status_code

    return send
