"""Send due webhook deliveries: synchronously (in-process fake, tests) or concurrently (under uvicorn).

A sender answers the receiver's HTTP status, or raises for a timeout or refused connection; either way
the outcome goes back to the outbox, which decides about retries. The first body of an attempt decides
the outcome; extra bodies (duplicate or replay modes) are sent for the receiver's sake only.
"""

from __future__ import annotations

import asyncio
import json
import select
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any
from urllib.request import getproxies

import h11
import httpx

from akool_mock.mock_server.webhooks import Outgoing

HEADERS = {"content-type": "application/json", "user-agent": "akool-mock-webhooks"}
SyncSender = Callable[[str, bytes, dict[str, str]], int]
AsyncSender = Callable[[str, bytes, dict[str, str]], Awaitable[int]]
DEFAULT_TIMEOUT_S = 10.0
WEBHOOK_IN_FLIGHT = 256  # webhook POSTs in flight at once under uvicorn: a slow receiver holds one place
READ_NUM_BYTES = 64 * 1024  # as httpcore reads
MAX_INCOMPLETE_EVENT_SIZE = 100 * 1024  # as httpcore's h11 connections


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
                code = sender(item.url or item.delivery.url, encode(body), dict(HEADERS))
            except Exception as exc:  # a receiver's failure is data for the log, never a crash of the fake
                if index == 0:
                    error = _error_text(exc)
                continue
            if index == 0:
                status = code
        backend.outbox.settle(item.delivery, status, error, backend.now(), len(item.bodies), url=item.url)
    return len(outgoing)


async def send_async(backend: Any, sender: AsyncSender) -> int:
    """Send every due delivery concurrently (one per job at a time, so order per job holds)."""
    outgoing: list[Outgoing] = backend.outbox.take_due(backend.now(), backend.seal_for)

    async def one(item: Outgoing) -> None:
        results = await asyncio.gather(
            *(sender(item.url or item.delivery.url, encode(body), dict(HEADERS)) for body in item.bodies),
            return_exceptions=True,
        )
        first = results[0]
        if isinstance(first, BaseException):
            error = _error_text(first)
            backend.outbox.settle(item.delivery, None, error, backend.now(), len(item.bodies), url=item.url)
        else:
            backend.outbox.settle(item.delivery, first, None, backend.now(), len(item.bodies), url=item.url)

    await asyncio.gather(*(one(item) for item in outgoing))
    backend.persist()
    return len(outgoing)


def httpx_sync_sender(client: httpx.Client) -> SyncSender:
    def send(url: str, body: bytes, headers: dict[str, str]) -> int:
        return client.post(url, content=body, headers=headers).status_code

    return send


def httpx_async_sender(
    clients: httpx.AsyncClient | Sequence[httpx.AsyncClient], per_client: int = 1
) -> AsyncSender:
    """POSTs through `clients`, at most `per_client` in flight on each; the others wait here for a place.

    A slow or silent receiver holds one place until its timeout; the other places keep sending.
    """
    pool = [clients] if isinstance(clients, httpx.AsyncClient) else list(clients)
    places: asyncio.Queue[httpx.AsyncClient] = asyncio.Queue()
    for client in pool:
        for _ in range(per_client):
            places.put_nowait(client)

    async def send(url: str, body: bytes, headers: dict[str, str]) -> int:
        client = await places.get()
        try:
            response = await client.post(url, content=body, headers=headers)
        finally:
            places.put_nowait(client)
        return response.status_code

    return send


def webhook_client(timeout: float = DEFAULT_TIMEOUT_S) -> httpx.AsyncClient:
    """The client that sends webhooks under uvicorn.

    httpx's own connection pool (httpcore) looks at each of its connections and waiting requests on every
    event: handed a thousand due deliveries at once it spent seconds of CPU on bookkeeping with the event loop
    blocked, and even at 32 in flight it costs ~3x the CPU of the request itself. So plain-http deliveries go
    through `PlainHTTPTransport` (the same h11 exchange httpcore has, without the pool's bookkeeping); https
    goes through httpx's own transport. When the environment names a proxy, httpx is used as it is, since
    a client with its own transport would not apply the proxy.
    """
    if any(getproxies().get(scheme) for scheme in ("http", "https", "all")):
        return httpx.AsyncClient(timeout=timeout)
    return httpx.AsyncClient(timeout=timeout, transport=PlainHTTPTransport(httpx.AsyncHTTPTransport()))


class _Connection:
    """One keep-alive HTTP/1.1 connection: asyncio streams and an h11 state machine."""

    __slots__ = ("expires_at", "h11", "reader", "writer")

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.h11 = h11.Connection(our_role=h11.CLIENT, max_incomplete_event_size=MAX_INCOMPLETE_EVENT_SIZE)
        self.expires_at = 0.0

    def reusable(self, now: float) -> bool:
        """Idle, not past its keep-alive expiry, and not readable (readable while idle: the server closed)."""
        if now > self.expires_at or self.writer.is_closing():
            return False
        sock = self.writer.get_extra_info("socket")
        fd = sock.fileno() if sock is not None else -1
        if fd < 0:
            return False
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        return not poller.poll(0)

    def close(self) -> None:
        self.writer.close()


class PlainHTTPTransport(httpx.AsyncBaseTransport):
    """HTTP/1.1 over plain TCP, exactly as httpcore speaks it (h11, same events, same errors), with a simple
    keep-alive pool per origin; https and anything else go to `fallback`.

    The request bytes are httpx's (the client builds the request), the h11 exchange is httpcore's
    (`_async/http11.py`: headers, body, interim responses skipped, "Server disconnected without sending a
    response." on an early close), and failures raise the httpx exceptions httpcore's would become: a
    connection that cannot be opened is handed to `fallback`, which fails the same way it always did.
    """

    def __init__(
        self, fallback: httpx.AsyncBaseTransport, keepalive_s: float = 5.0, max_idle: int = 64
    ) -> None:
        self.fallback = fallback
        self.keepalive_s = keepalive_s
        self.max_idle = max_idle
        self.idle: dict[tuple[str, int], list[_Connection]] = {}
        self.idle_count = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        if url.scheme != "http":
            return await self.fallback.handle_async_request(request)
        timeouts: dict[str, float | None] = request.extensions.get("timeout", {})
        origin = (url.raw_host.decode("ascii"), url.port or 80)
        connection = self._idle_connection(origin)
        if connection is None:
            try:
                async with asyncio.timeout(timeouts.get("connect")):
                    reader, writer = await asyncio.open_connection(*origin, limit=READ_NUM_BYTES)
            except TimeoutError:
                raise httpx.ConnectTimeout("") from None
            except Exception:
                # Let httpx's own transport try (and fail) as it always did: same exception, same message.
                return await self.fallback.handle_async_request(request)
            connection = _Connection(reader, writer)
        try:
            response = await self._exchange(connection, request, timeouts)
        except BaseException:
            connection.close()
            raise
        self._release(origin, connection)
        return response

    async def _exchange(
        self, connection: _Connection, request: httpx.Request, timeouts: dict[str, float | None]
    ) -> httpx.Response:
        state = connection.h11
        try:
            try:
                event = h11.Request(
                    method=request.method, target=request.url.raw_path, headers=request.headers.raw
                )
            except h11.LocalProtocolError as exc:
                raise httpx.LocalProtocolError(str(exc)) from exc
            await self._send(connection, state.send(event), timeouts.get("write"))
            async for chunk in request.stream:  # type: ignore[union-attr]
                await self._send(connection, state.send(h11.Data(data=chunk)), timeouts.get("write"))
            await self._send(connection, state.send(h11.EndOfMessage()), timeouts.get("write"))
        except httpx.WriteError:
            pass  # as httpcore: a server may close early and still answer; read what it says
        read_timeout = timeouts.get("read")
        while True:
            answer = await self._receive(connection, read_timeout)
            if isinstance(answer, h11.Response):
                break
            if isinstance(answer, h11.InformationalResponse) and answer.status_code == 101:
                break
        chunks: list[bytes] = []
        while True:
            part = await self._receive(connection, read_timeout)
            if isinstance(part, h11.Data):
                chunks.append(bytes(part.data))
            elif isinstance(part, h11.EndOfMessage) or part is h11.PAUSED:
                break
        return httpx.Response(
            status_code=answer.status_code,
            headers=answer.headers.raw_items(),
            stream=httpx.ByteStream(b"".join(chunks)),
            extensions={"http_version": b"HTTP/" + answer.http_version, "reason_phrase": answer.reason},
        )

    @staticmethod
    async def _send(connection: _Connection, data: bytes | None, timeout: float | None) -> None:
        if not data:
            return
        try:
            async with asyncio.timeout(timeout):
                connection.writer.write(data)
                await connection.writer.drain()
        except TimeoutError:
            raise httpx.WriteTimeout("") from None
        except OSError:
            raise httpx.WriteError("") from None

    @staticmethod
    async def _receive(connection: _Connection, timeout: float | None) -> Any:
        state = connection.h11
        while True:
            try:
                event = state.next_event()
            except h11.RemoteProtocolError as exc:
                raise httpx.RemoteProtocolError(str(exc)) from exc
            if event is not h11.NEED_DATA:
                return event
            try:
                async with asyncio.timeout(timeout):
                    data = await connection.reader.read(READ_NUM_BYTES)
            except TimeoutError:
                raise httpx.ReadTimeout("") from None
            except OSError:
                raise httpx.ReadError("") from None
            if data == b"" and state.their_state == h11.SEND_RESPONSE:
                raise httpx.RemoteProtocolError("Server disconnected without sending a response.")
            state.receive_data(data)

    def _idle_connection(self, origin: tuple[str, int]) -> _Connection | None:
        idle = self.idle.get(origin)
        now = time.monotonic()
        while idle:
            connection = idle.pop()
            self.idle_count -= 1
            if connection.reusable(now):
                return connection
            connection.close()
        return None

    def _release(self, origin: tuple[str, int], connection: _Connection) -> None:
        state = connection.h11
        if state.our_state is h11.DONE and state.their_state is h11.DONE and self.idle_count < self.max_idle:
            state.start_next_cycle()
            connection.expires_at = time.monotonic() + self.keepalive_s
            self.idle.setdefault(origin, []).append(connection)
            self.idle_count += 1
        else:
            connection.close()

    async def aclose(self) -> None:
        for connections in self.idle.values():
            for connection in connections:
                connection.close()
        self.idle.clear()
        self.idle_count = 0
        await self.fallback.aclose()
