"""The proxy's two HTTP/1.1 ends, at the asyncio Protocol level, parsed by httptools (llhttp, in C).

    client ──► ClientSide ──(a whole Request)──► Proxy.forward ──► UpstreamSide ──► upstream
                  ▲                                                    │
                  └──── answer bytes ◄── AnswerSink (the exchange) ◄───┘ head, body pieces, end (or failure)

`ClientSide` is one client connection: it parses each request, hands it whole to the proxy and takes the next
only when the answer is written (pipelined requests wait, reading paused). `UpstreamSide` is one keep-alive
connection to an upstream, pinned to one client connection (a client sends one request at a time, so nothing
is shared or looked up per request); it parses the answer to find its end (Content-Length, chunked, or the
connection closing) and hands its pieces to the exchange's `AnswerSink` as they arrive.

Why not uvicorn, Starlette and httpcore: forwarding through two pure-Python HTTP/1.1 ends (h11 on both sides),
the ASGI layers and three sends cost 0.76 ms of CPU per exchange, twice what the served fake spends on the
whole request, so the proxy could not keep half the direct throughput (issue 16, BENCHMARKS.md). Here an
exchange is two C parses and two writes.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import ssl
from dataclasses import dataclass
from typing import Protocol

import httptools

LOG = logging.getLogger("akool_mock.proxy")
RawHeaders = list[tuple[bytes, bytes]]
CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"


def _plain(status: int, phrase: bytes) -> bytes:
    """A whole text/plain answer that says its status."""
    head = b"HTTP/1.1 %d %b\r\ncontent-type: text/plain\r\ncontent-length: %d\r\n\r\n"
    return head % (status, phrase, len(phrase)) + phrase


BAD_REQUEST = _plain(400, b"Bad Request")
FAULT = _plain(500, b"Internal Server Error")


class UpstreamClosed(ConnectionError):
    """The upstream closed the connection before its answer was complete."""


@dataclass(slots=True)
class Request:
    """One request as the client sent it: the raw target (path and query), headers as sent, the whole body."""

    method: str
    target: bytes
    headers: RawHeaders
    body: bytes
    keep_alive: bool  # the client keeps the connection open after the answer
    http10: bool  # an HTTP/1.0 client: no chunked answers


@dataclass(slots=True)
class AnswerHead:
    status: int
    reason: bytes
    headers: RawHeaders  # as the upstream sent them, hop-by-hop headers included
    length: int | None  # Content-Length, when the upstream framed the body so
    bodiless: bool  # HEAD, 204, 304: no body follows, whatever the headers say


class AnswerSink(Protocol):
    """What an upstream answer is handed to, piece by piece."""

    def head(self, head: AnswerHead) -> None: ...

    def body(self, data: bytes) -> None: ...

    def complete(self) -> None: ...

    def failed(self, error: Exception) -> None: ...


class Forwarder(Protocol):
    """The proxy, as the client side sees it."""

    def forward(self, client: ClientSide, request: Request) -> None: ...

    def opened(self, client: ClientSide) -> None: ...

    def closed(self, client: ClientSide) -> None: ...


class UpstreamSide(asyncio.Protocol):
    """One keep-alive connection to an upstream: a request is sent, its answer parsed and handed on."""

    def __init__(self, sides: set[UpstreamSide]) -> None:
        self.sides = sides  # every open upstream connection of the proxy: dropped all at once when it stops
        self.transport: asyncio.Transport | None = None
        self.open = False
        self.close_after = False  # its client has gone: close once the answer in flight is complete
        self._loop = asyncio.get_running_loop()
        self._parser = httptools.HttpResponseParser(self)
        self._sink: AnswerSink | None = None
        self._head_only = False
        self._headed = False
        self._until_close = False
        self._reason = b""
        self._headers: RawHeaders = []
        self._timeout = 0.0
        self._timer: asyncio.TimerHandle | None = None
        self._heard = 0.0  # loop time of the last request sent or answer bytes received

    def send(self, data: bytes, sink: AnswerSink, *, head_only: bool, timeout: float) -> None:
        assert self.transport is not None
        assert self._sink is None
        self._sink, self._head_only, self._timeout = sink, head_only, timeout
        self._headed = self._until_close = False
        self.transport.write(data)
        self._heard = self._loop.time()
        if self._timer is None:
            self._timer = self._loop.call_at(self._heard + timeout, self._timed_out)

    def _timed_out(self) -> None:
        """The read timeout: no answer bytes for `timeout` seconds. One timer per connection, moved on when
        it finds something heard since (cheaper than a timer set and cancelled per exchange and read)."""
        self._timer = None
        if self._sink is None:
            return
        due = self._heard + self._timeout
        if self._loop.time() < due:
            self._timer = self._loop.call_at(due, self._timed_out)
            return
        self._fail(TimeoutError("the upstream did not answer in time"))

    @property
    def busy(self) -> bool:
        return self._sink is not None

    def _fail(self, error: Exception) -> None:
        """End the exchange with `error` and give up this connection (its state is unknown)."""
        sink, self._sink = self._sink, None
        self.open = False
        if self.transport is not None:
            self.transport.close()
        if sink is not None:
            sink.failed(error)

    # asyncio.Protocol
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport, self.open = transport, True
        self.sides.add(self)

    def data_received(self, data: bytes) -> None:
        if self._sink is None:  # nothing asked: an upstream that talks out of turn is not reused
            self._fail(UpstreamClosed("the upstream sent bytes nobody asked for"))
            return
        self._heard = self._loop.time()
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self._fail(exc)

    def connection_lost(self, exc: Exception | None) -> None:
        self.open = False
        self.sides.discard(self)
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._sink is None:
            return
        if exc is None and self._headed and self._until_close:
            self._finish()  # a body delimited by the connection closing has ended
        else:
            self._fail(
                exc or UpstreamClosed("the upstream closed the connection before the answer was complete")
            )

    # httptools callbacks
    def on_message_begin(self) -> None:
        self._reason, self._headers = b"", []

    def on_status(self, reason: bytes) -> None:
        self._reason += reason

    def on_header(self, name: bytes, value: bytes) -> None:
        self._headers.append((name, value))

    def on_headers_complete(self) -> None:
        status = self._parser.get_status_code()
        if status < 200:  # an interim answer (100 Continue, 103 Early Hints): the real one follows
            return
        length: int | None = None
        chunked = False
        for name, value in self._headers:
            lowered = name.lower()
            if lowered == b"content-length":
                length = int(value)
            elif lowered == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
        bodiless = self._head_only or status in (204, 304)
        self._headed = True
        self._until_close = not bodiless and not chunked and length is None
        assert self._sink is not None
        self._sink.head(AnswerHead(status, self._reason, self._headers, length, bodiless))
        if self._head_only:  # llhttp would wait for the body the headers announce: a fresh parser instead
            self._parser = httptools.HttpResponseParser(self)
            self._finish()

    def on_body(self, body: bytes) -> None:
        if self._sink is not None:
            self._sink.body(body)

    def on_message_complete(self) -> None:
        if self._headed:
            if not self._parser.should_keep_alive() and self.transport is not None:
                self.open = False
                self.transport.close()
            self._finish()

    def _finish(self) -> None:
        sink, self._sink = self._sink, None
        self._headed = False
        if self.close_after and self.transport is not None:
            self.open = False
            self.transport.close()
        if sink is not None:
            sink.complete()


async def connect(
    host: str, port: int, tls: ssl.SSLContext | None, timeout: float, sides: set[UpstreamSide]
) -> UpstreamSide:
    """A new connection to the upstream (TLS when `tls` is given), counted in `sides` while it is open;
    OSError or TimeoutError when it fails."""
    loop = asyncio.get_running_loop()
    opening = loop.create_connection(
        lambda: UpstreamSide(sides), host, port, ssl=tls, server_hostname=host if tls is not None else None
    )
    _transport, side = await asyncio.wait_for(opening, timeout)
    return side


class ClientSide(asyncio.Protocol):
    """One client connection: requests parsed one by one and forwarded; answers written back in order."""

    def __init__(self, proxy: Forwarder) -> None:
        self.proxy = proxy
        self.transport: asyncio.Transport | None = None
        self.upstreams: dict[object, UpstreamSide] = {}  # pinned: one connection per upstream base
        self.streaming_from: UpstreamSide | None = None  # paused when the client reads slower than it comes
        self._parser = httptools.HttpRequestParser(self)
        self._waiting: collections.deque[Request] = collections.deque()
        self._busy = False
        self._url = b""
        self._headers: RawHeaders = []
        self._body: list[bytes] = []

    def write(self, data: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(data)

    def abort(self) -> None:
        if self.transport is not None:
            self.transport.close()

    def shut(self) -> None:
        """The proxy is stopping: drop this connection now, unflushed."""
        if self.transport is not None:
            self.transport.abort()

    def answered(self, keep_alive: bool) -> None:
        """The answer to the current request is written: go on with the next one (or close)."""
        self.streaming_from = None
        if self.transport is None or self.transport.is_closing():
            return
        if not keep_alive:
            self.abort()
            return
        if self._waiting:
            self.proxy.forward(self, self._waiting.popleft())
            return
        self._busy = False
        self.transport.resume_reading()

    # asyncio.Protocol
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.proxy.opened(self)

    def data_received(self, data: bytes) -> None:
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserCallbackError as exc:  # a fault of the proxy's own, while forwarding
            LOG.error("akool-mock proxy: forwarding failed", exc_info=exc.__context__ or exc)
            self.write(FAULT)
            self.abort()
        except (httptools.HttpParserError, httptools.HttpParserUpgrade):  # not HTTP, or a protocol switch
            self.write(BAD_REQUEST)
            self.abort()

    def connection_lost(self, exc: Exception | None) -> None:
        # An exchange in flight is completed and told, as if the client had waited; idle connections close.
        for upstream in self.upstreams.values():
            if upstream.busy:
                upstream.close_after = True
            elif upstream.transport is not None:
                upstream.transport.close()
        self.proxy.closed(self)

    def pause_writing(self) -> None:
        if self.streaming_from is not None and self.streaming_from.transport is not None:
            self.streaming_from.transport.pause_reading()

    def resume_writing(self) -> None:
        if self.streaming_from is not None and self.streaming_from.transport is not None:
            self.streaming_from.transport.resume_reading()

    # httptools callbacks
    def on_message_begin(self) -> None:
        self._url, self._headers, self._body = b"", [], []

    def on_url(self, url: bytes) -> None:
        self._url += url

    def on_header(self, name: bytes, value: bytes) -> None:
        self._headers.append((name, value))

    def on_headers_complete(self) -> None:
        for name, value in self._headers:
            if name.lower() == b"expect" and value.lower() == b"100-continue":
                self.write(CONTINUE)  # the body is read here, whole, before anything goes upstream

    def on_body(self, body: bytes) -> None:
        self._body.append(body)

    def on_message_complete(self) -> None:
        parser = self._parser
        request = Request(
            parser.get_method().decode("latin-1"),
            self._url,
            self._headers,
            b"".join(self._body),
            parser.should_keep_alive(),
            parser.get_http_version() == "1.0",
        )
        if self._busy:
            self._waiting.append(request)
            if self.transport is not None:
                self.transport.pause_reading()
            return
        self._busy = True
        self.proxy.forward(self, request)


__all__ = [
    "AnswerHead",
    "AnswerSink",
    "ClientSide",
    "Forwarder",
    "RawHeaders",
    "Request",
    "UpstreamClosed",
    "UpstreamSide",
    "connect",
]
