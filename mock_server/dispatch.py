"""Send due webhook deliveries: synchronously (in-process fake, tests) or concurrently (under uvicorn).

A sender answers the receiver's HTTP status, or raises for a timeout or refused connection; either way
the outcome goes back to the outbox, which decides about retries. The first body of an attempt decides
the outcome; extra bodies (duplicate or replay modes) are sent for the receiver's sake only.
"""

from __future__ import annotations

import asyncio
import functools
import json
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.request import getproxies

import httpx

from akool_mock.mock_server.destinations import Destinations, Refused, Target
from akool_mock.mock_server.webhooks import Outgoing

HEADERS = {"content-type": "application/json", "user-agent": "akool-mock-webhooks"}
SyncSender = Callable[[str, bytes, dict[str, str]], int]
AsyncSender = Callable[[str, bytes, dict[str, str]], Awaitable[int]]  # WebhookClients is one
DEFAULT_TIMEOUT_S = 10.0
# Due deliveries sealed at once by the sync sender: their bodies (~600 B each) live until sent, so a clock
# jump that makes 50,000 due holds 512 bodies at a time, not all of them (the peak stayed in the RSS).
SYNC_BATCH = 512
WEBHOOK_IN_FLIGHT = 128  # webhook POSTs in flight at once under uvicorn: a slow receiver holds one place
ASYNC_BATCH = 2 * WEBHOOK_IN_FLIGHT  # deliveries one uvicorn sender seals and sends at a time (`send_async`)


def encode(body: dict[str, Any]) -> bytes:
    return json.dumps(body, separators=(",", ":")).encode("utf-8")


def _error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def send_sync(backend: Any, sender: SyncSender) -> int:
    """Send every due delivery now, one after another, until none is due; returns the attempts made.

    In the `ordered` mode a job's next delivery becomes due as soon as the previous one is acknowledged, so
    this loops; a failed attempt is rescheduled in the future, so the loop ends.
    """
    attempts = 0
    while outgoing := backend.outbox.take_due(backend.now(), backend.seal_for, SYNC_BATCH):
        attempts += _send_each(backend, sender, outgoing)
    backend.persist()
    return attempts


def _send_each(backend: Any, sender: SyncSender, outgoing: list[Outgoing]) -> int:
    for item in outgoing:
        post: Callable[[bytes], int]
        if isinstance(sender, HttpxSender):
            try:
                target = backend.outbox.destinations.pin(item.url or item.delivery.url)
            except Refused as exc:
                backend.outbox.refuse(item.delivery, str(exc), backend.now())
                continue
            post = functools.partial(sender.post, target)
        else:
            post = functools.partial(_plain, sender, item.url or item.delivery.url)
        status: int | None = None
        error: str | None = None
        for index, body in enumerate(item.bodies):
            try:
                code = post(encode(body))
            except Exception as exc:  # a receiver's failure is data for the log, never a crash of the fake
                if index == 0:
                    error = _error_text(exc)
                continue
            if index == 0:
                status = code
        backend.outbox.settle(item.delivery, status, error, backend.now(), len(item.bodies), url=item.url)
    return len(outgoing)


async def send_async(backend: Any, sender: AsyncSender, batch: int = ASYNC_BATCH) -> int:
    """Send every due delivery (in the `ordered` mode, one per job at a time), about `batch` at a time: a
    batch is taken and sealed (CPU work with the event loop held), sent concurrently, and the next is taken
    once it is done. A burst of due deliveries (a clock jump over every job) thus holds the loop for one
    batch's sealing at a time and keeps one batch's bodies, not all of them; other ticks' senders take the
    due deliveries this one has not reached, so a slow receiver in one batch does not stop the rest."""
    sent = 0
    while outgoing := backend.outbox.take_due(backend.now(), backend.seal_for, batch):
        await asyncio.gather(*(_send_one_async(backend, sender, item) for item in outgoing))
        sent += len(outgoing)
    backend.persist(observed=False)
    return sent


async def _send_one_async(backend: Any, sender: AsyncSender, item: Outgoing) -> None:
    post: Callable[[bytes], Awaitable[int]]
    if isinstance(sender, WebhookClients):
        try:
            target = await _pin(backend.outbox.destinations, item.url or item.delivery.url)
        except Refused as exc:
            backend.outbox.refuse(item.delivery, str(exc), backend.now())
            return
        post = functools.partial(sender.post, target)
    else:
        post = functools.partial(_plain_async, sender, item.url or item.delivery.url)
    results = await asyncio.gather(*(post(encode(body)) for body in item.bodies), return_exceptions=True)
    first = results[0]
    if isinstance(first, BaseException):
        error = _error_text(first)
        backend.outbox.settle(item.delivery, None, error, backend.now(), len(item.bodies), url=item.url)
    else:
        backend.outbox.settle(item.delivery, first, None, backend.now(), len(item.bodies), url=item.url)


def _plain(sender: SyncSender, url: str, body: bytes) -> int:
    return sender(url, body, dict(HEADERS))


def _plain_async(sender: AsyncSender, url: str, body: bytes) -> Awaitable[int]:
    return sender(url, body, dict(HEADERS))


async def _pin(destinations: Destinations, url: str) -> Target:
    """`destinations.pin`, resolving a host name in a thread so the event loop never waits for DNS."""
    if destinations.needs_resolving(url):
        return await asyncio.to_thread(destinations.pin, url)
    return destinations.pin(url)


class HttpxSender:
    """POSTs webhooks through an httpx client, to the address the destination policy checked."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def __call__(self, url: str, body: bytes, headers: dict[str, str]) -> int:
        return self.post(Target(url), body, headers)

    def post(self, target: Target, body: bytes, headers: dict[str, str] | None = None) -> int:
        headers = {**(headers or HEADERS), **target.headers}
        answer = self.client.post(target.url, content=body, headers=headers, extensions=target.extensions)
        return answer.status_code


def httpx_sync_sender(client: httpx.Client) -> SyncSender:
    return HttpxSender(client)


class WebhookClients:
    """POSTs webhooks through `size` httpx transports of one keep-alive connection each, one POST per
    transport at a time; a POST waits here for a free one.

    httpx's connection pool (httpcore) looks at each of its connections and waiting requests on every event:
    one client with a large pool, handed a thousand due deliveries, spent seconds of CPU on that bookkeeping
    with the event loop blocked. A pool of one connection has nothing to look through. The requests go to
    the transports directly: a webhook needs none of the client's auth, cookies or redirects (a redirect is
    never followed: it is an answer other than 200, retried later), and the client's layers cost ~40% more
    CPU per POST. When the environment names a proxy, each place is an `httpx.AsyncClient` instead, which
    applies it as httpx always does. All share one TLS context (one each would cost ~0.1 s at start).
    A slow or silent receiver holds one place until its timeout; the others keep sending.
    """

    def __init__(self, size: int = WEBHOOK_IN_FLIGHT, timeout: float = DEFAULT_TIMEOUT_S) -> None:
        verify = httpx.create_ssl_context()
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        self.timeout = httpx.Timeout(timeout).as_dict()
        self.places: list[httpx.AsyncClient | httpx.AsyncHTTPTransport] = [
            httpx.AsyncClient(timeout=timeout, limits=limits, verify=verify)
            if proxied()
            else httpx.AsyncHTTPTransport(limits=limits, verify=verify)
            for _ in range(size)
        ]
        self.free: asyncio.Queue[httpx.AsyncClient | httpx.AsyncHTTPTransport] = asyncio.Queue()
        for place in self.places:
            self.free.put_nowait(place)

    async def __call__(self, url: str, body: bytes, headers: dict[str, str]) -> int:
        return await self.post(Target(url), body, headers)

    async def post(self, target: Target, body: bytes, headers: dict[str, str] | None = None) -> int:
        request = httpx.Request(
            "POST",
            target.url,
            content=body,
            headers={**(headers or HEADERS), **target.headers},
            extensions={"timeout": self.timeout, **target.extensions},
        )
        place = await self.free.get()
        try:
            if isinstance(place, httpx.AsyncClient):
                response = await place.send(request)
            else:
                response = await place.handle_async_request(request)
                await response.aread()
                await response.aclose()
        finally:
            self.free.put_nowait(place)
        return response.status_code

    async def aclose(self) -> None:
        await asyncio.gather(*(place.aclose() for place in self.places))

    async def __aenter__(self) -> WebhookClients:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


def proxied() -> bool:
    """Whether the environment names a proxy httpx would use for http or https."""
    return any(getproxies().get(scheme) for scheme in ("http", "https", "all"))
