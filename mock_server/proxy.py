"""`akool-mock proxy`: the contract on the wire, in front of the real Akool API (or anything that serves it).

Every request is forwarded unchanged (method, path, query, headers, body) to the upstream of its host, and the
upstream's answer comes back unchanged (status, reason, headers, bytes; large bodies are streamed through).
Meanwhile each exchange is matched to its operation and checked by `drift.ExchangeValidator`; observers (the
console, the drift report, the HAR recorder) are told of every exchange once it is complete.

    client ──► proxy_wire.ClientSide ──► Proxy.forward ──► proxy_wire.UpstreamSide ──► upstream
                                             │  (one pinned keep-alive connection per client connection)
               answer ◄── Exchange ◄─────────┴──────────── head, body, end
                             └── Observed(request, answer, ExchangeResult) ──► observers

An answer up to `max_validated_bytes` is held whole: written back in one piece, then checked and told (with
`strict`: checked first, and replaced by HTTP 502 carrying the drift when it breaks the contract). A larger
one is streamed through as it comes and told unvalidated. When the upstream cannot be reached, times out or
drops the answer, the client gets HTTP 502/504 with an Akool-shaped `{code, msg}` body that says so (code =
the HTTP status: these are not Akool's business codes).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from http import HTTPStatus
from urllib.parse import unquote, urlsplit

import httpx

from akool_mock.mock_server.drift import DETECT_HOST, NOT_VALIDATED, Drift, ExchangeResult, ExchangeValidator
from akool_mock.mock_server.proxy_wire import (
    AnswerHead,
    ClientSide,
    RawHeaders,
    Request,
    UpstreamSide,
    connect,
)
from akool_mock.mock_server.webhook_check import WebhookFront
from akool_mock.mock_server.wire import dumps

DEFAULT_UPSTREAM = "https://openapi.akool.com"
DEFAULT_DETECT_UPSTREAM = "https://sg3.akool.com"
MAX_VALIDATED_BYTES = 8 * 1024 * 1024
# Hop-by-hop headers (RFC 9110 7.6.1) belong to one connection, never forwarded; Host and Content-Length are
# set again for the next hop.
HOP_BY_HOP = frozenset(
    {
        b"connection",
        b"keep-alive",
        b"proxy-authenticate",
        b"proxy-authorization",
        b"proxy-connection",
        b"te",
        b"trailer",
        b"trailers",
        b"transfer-encoding",
        b"upgrade",
    }
)
NOT_FORWARDED = HOP_BY_HOP | {b"host", b"content-length"}
LOG = logging.getLogger("akool_mock.proxy")
WITH_BODY = frozenset({"POST", "PUT", "PATCH"})  # sent with `Content-Length: 0` when empty, as httpx does


@dataclass(frozen=True, slots=True)
class Upstream:
    """An upstream base URL, parsed once: where each forwarded request goes and the Host it names."""

    text: str  # without a trailing slash
    host: str
    port: int
    tls: bool
    prefix: bytes  # the base's own path, before the request's
    netloc: bytes  # the Host header, as httpx writes it

    @staticmethod
    @cache
    def parse(base: str) -> Upstream:
        url = httpx.URL(base.rstrip("/"))
        prefix = url.raw_path.split(b"?", 1)[0].rstrip(b"/")
        tls = url.scheme == "https"
        port = url.port or (443 if tls else 80)
        return Upstream(base.rstrip("/"), url.host, port, tls, prefix, url.netloc)


@dataclass(frozen=True, slots=True)
class ProxySettings:
    upstream: str = DEFAULT_UPSTREAM
    detect_upstream: str = DEFAULT_DETECT_UPSTREAM
    strict: bool = False
    timeout_s: float = 60.0
    max_validated_bytes: int = MAX_VALIDATED_BYTES
    webhook: WebhookFront | None = None  # POSTed webhook deliveries go to this receiver, checked


@dataclass(slots=True)
class Observed:
    """One exchange as it crossed the proxy: what was sent upstream, what came back, what was found."""

    started: datetime
    method: str
    url: str  # the upstream URL, query string included
    request_headers: RawHeaders
    request_body: bytes
    status: int | None
    response_headers: RawHeaders
    response_body: bytes | None  # None: streamed through without being kept (too large, or no answer)
    elapsed_ms: float
    result: ExchangeResult
    answered: int | None = None  # what the client got, when the proxy answered instead (strict, no answer)
    error: str = ""

    @property
    def content_type(self) -> str:
        for name, value in self.response_headers:
            if name.lower() == b"content-type":
                return value.decode("latin-1")
        return ""


Observer = Callable[[Observed], None]


@dataclass(slots=True)
class Proxy:
    """The forwarding and the checking; `serving(host, port)` listens."""

    settings: ProxySettings
    validator: ExchangeValidator = field(default_factory=ExchangeValidator)
    observers: list[Observer] = field(default_factory=list)
    # For https upstreams; None: one built on first use (certifi's CAs), shared by every connection.
    tls: ssl.SSLContext | None = None
    clients: set[ClientSide] = field(default_factory=set, init=False, repr=False)
    upstream_sides: set[UpstreamSide] = field(default_factory=set, init=False, repr=False)
    _connecting: set[asyncio.Task[None]] = field(default_factory=set, init=False, repr=False)

    @contextlib.asynccontextmanager
    async def serving(self, host: str, port: int) -> AsyncIterator[asyncio.Server]:
        """Listen on `host:port` until the block ends; then every client connection (and its upstream
        connections) is closed."""
        loop = asyncio.get_running_loop()
        server = await loop.create_server(lambda: ClientSide(self), host, port)
        try:
            yield server
        finally:
            server.close()
            for task in self._connecting:
                task.cancel()
            await asyncio.gather(*self._connecting, return_exceptions=True)
            for side in list(self.upstream_sides):
                if side.transport is not None:
                    side.transport.abort()
            for client in list(self.clients):
                client.shut()
            await server.wait_closed()
            for _ in range(100):  # until every connection is told it is lost (its socket closes then)
                if not self.clients and not self.upstream_sides:
                    break
                await asyncio.sleep(0)

    def opened(self, client: ClientSide) -> None:
        self.clients.add(client)

    def closed(self, client: ClientSide) -> None:
        self.clients.discard(client)

    def upstream(self, method: str, path: str, body: bytes) -> Upstream:
        """Where a request goes: the detect host's upstream, the webhook receiver (a delivery-shaped POST on
        a path of no operation, when one is fronted), or the API upstream."""
        routed = self.validator.route(method, path)
        webhook = self.settings.webhook
        if routed is not None and routed[0].host == DETECT_HOST:
            base = self.settings.detect_upstream
        elif routed is None and webhook is not None and webhook.takes(method, body):
            base = webhook.receiver
        else:
            base = self.settings.upstream
        return Upstream.parse(base)

    def forward(self, client: ClientSide, request: Request) -> None:
        """Send `request` upstream on the client's pinned connection (opened first when there is none); the
        answer goes to an `Exchange`, which writes it back and tells the observers."""
        started, clock = datetime.now(UTC), time.perf_counter()
        method, body = request.method, request.body
        path = unquote(request.target.partition(b"?")[0].decode("latin-1"))
        upstream = self.upstream(method, path, body)
        headers: RawHeaders = [(b"Host", upstream.netloc)]
        if not body and method in WITH_BODY:
            headers.append((b"Content-Length", b"0"))
        headers += [(k, v) for k, v in request.headers if k.lower() not in NOT_FORWARDED]
        if body:
            headers.append((b"Content-Length", str(len(body)).encode()))
        target = upstream.prefix + request.target
        url = upstream.text + request.target.decode("latin-1")
        unchecked = _unchecked(method, path)
        observed = Observed(started, method, url, headers, body, None, [], None, 0.0, unchecked)
        exchange = Exchange(self, client, request, upstream, observed, clock)
        lines = [method.encode("latin-1"), b" ", target, b" HTTP/1.1\r\n"]
        for name, value in headers:
            lines += (name, b": ", value, b"\r\n")
        lines += (b"\r\n", body)
        data = b"".join(lines)
        side = client.upstreams.get(upstream)
        if side is not None and side.open:
            side.send(data, exchange, head_only=method == "HEAD", timeout=self.settings.timeout_s)
        else:
            task = asyncio.get_running_loop().create_task(self._connect_and_send(client, data, exchange))
            self._connecting.add(task)  # the loop keeps only a weak reference
            task.add_done_callback(self._connecting.discard)

    async def _connect_and_send(self, client: ClientSide, data: bytes, exchange: Exchange) -> None:
        upstream, timeout = exchange.upstream, self.settings.timeout_s
        tls = self._tls_context() if upstream.tls else None
        try:
            side = await connect(upstream.host, upstream.port, tls, timeout, self.upstream_sides)
        except (OSError, TimeoutError) as exc:
            exchange.failed(exc)
            return
        if client.transport is None or client.transport.is_closing():
            if side.transport is not None:
                side.transport.close()
            exchange.failed(ConnectionAbortedError("the client closed the connection before it was sent"))
            return
        client.upstreams[upstream] = side
        side.send(data, exchange, head_only=exchange.request.method == "HEAD", timeout=timeout)

    def _tls_context(self) -> ssl.SSLContext:
        # One for all connections: building one loads the CA bundle, about 100 ms of CPU each time.
        if self.tls is None:
            self.tls = httpx.create_ssl_context(trust_env=False)
        return self.tls

    def check(self, observed: Observed, answer: bytes | None) -> ExchangeResult:
        method, url, body, status = observed.method, observed.url, observed.request_body, observed.status
        webhook = self.settings.webhook
        if webhook is not None and webhook.owns(url):
            return webhook.result(method, urlsplit(url).path, body, status)
        return self.validator.check(method, url, status=status, response_body=answer, request_body=body)

    def tell(self, observed: Observed) -> None:
        for observer in self.observers:
            observer(observed)


@dataclass(slots=True)
class Exchange:
    """One request's answer on its way back: held (up to the limit) or streamed, then checked and told."""

    proxy: Proxy
    client: ClientSide
    request: Request
    upstream: Upstream
    observed: Observed
    clock: float
    head_: AnswerHead | None = None
    kept: list[bytes] = field(default_factory=list)
    size: int = 0
    streaming: bool = False
    chunked: bool = False  # streamed to the client in chunks (the upstream gave no length)
    answered: bool = False  # the answer (or the proxy's own) is written

    def head(self, head: AnswerHead) -> None:
        self.head_ = head
        self.observed.status = head.status
        self.observed.response_headers = [
            (name.lower(), value) for name, value in head.headers if name.lower() not in HOP_BY_HOP
        ]

    def body(self, data: bytes) -> None:
        if not data:  # an empty chunk would end a chunked answer
            return
        if self.streaming:
            self.client.write(b"%x\r\n%b\r\n" % (len(data), data) if self.chunked else data)
            return
        self.kept.append(data)
        self.size += len(data)
        if self.size > self.proxy.settings.max_validated_bytes:
            self._stream()

    def _stream(self) -> None:
        """Too large to hold: the head and what came so far go now, the rest as it comes."""
        head = self.head_
        assert head is not None
        self.streaming = True
        self.chunked = head.length is None and not self.request.http10
        framing = [(b"transfer-encoding", b"chunked")] if self.chunked else []
        self.client.streaming_from = self.client.upstreams.get(self.upstream)
        self.client.write(_head(head, self._forwarded(head) + framing))
        kept, self.kept = self.kept, []
        for data in kept:
            self.body(data)

    def complete(self) -> None:
        try:
            self._complete()
        except Exception as exc:  # a fault of the check or of an observer: logged; the client is answered
            LOG.exception("akool-mock proxy: checking %s %s failed", self.observed.method, self.observed.url)
            if not self.answered:
                self._answer(500, {"code": 500, "msg": f"akool-mock proxy: {type(exc).__name__}: {exc}"})

    def _complete(self) -> None:
        observed, proxy = self.observed, self.proxy
        observed.elapsed_ms = (time.perf_counter() - self.clock) * 1000
        head = self.head_
        assert head is not None
        if self.streaming:
            if self.chunked:
                self.client.write(b"0\r\n\r\n")
            observed.result = _request_only(proxy, observed)
            proxy.tell(observed)
            # Neither a length nor chunks (an HTTP/1.0 client): the answer ends when the connection does.
            self._done(self.chunked or head.length is not None)
            return
        content = b"".join(self.kept)
        observed.response_body = content
        if proxy.settings.strict:
            observed.result = proxy.check(observed, _decoded(observed.response_headers, content))
            if observed.result.response_violations:
                self._refused()
                return
        headers = self._forwarded(head)
        if head.length is None and not head.bodiless:
            headers.append((b"content-length", b"%d" % len(content)))
        self.client.write(_head(head, headers) + content)
        self._done(True)
        if not proxy.settings.strict:
            observed.result = proxy.check(observed, _decoded(observed.response_headers, content))
        proxy.tell(observed)

    def failed(self, error: Exception) -> None:
        observed, proxy = self.observed, self.proxy
        timed_out = isinstance(error, TimeoutError)
        what = "timed out" if timed_out else f"failed: {type(error).__name__}: {error}"
        observed.error = f"akool-mock proxy: the upstream answer to {observed.method} {observed.url} {what}"
        observed.elapsed_ms = (time.perf_counter() - self.clock) * 1000
        if self.streaming:  # the head is gone: the client learns of it by the connection closing
            observed.result = _request_only(proxy, observed)
            proxy.tell(observed)
            self.client.abort()
            return
        observed.status, observed.response_headers = None, []
        observed.result = proxy.check(observed, None)
        observed.answered = 504 if timed_out else 502
        self._answer(observed.answered, {"code": observed.answered, "msg": observed.error})
        proxy.tell(observed)

    def _refused(self) -> None:
        observed = self.observed
        drift = observed.result.response_violations
        first = "; ".join(f"{d.path or '(root)'}: {d.message}" for d in drift[:3])
        message = (
            f"akool-mock proxy --strict: the upstream answer to {observed.result.operation} leaves the "
            f"contract ({len(drift)} violation(s)): {first}"
        )
        observed.answered = 502
        self._answer(502, {"code": 502, "msg": message, "drift": [d.as_dict() for d in drift]})
        self.proxy.tell(observed)

    def _answer(self, status: int, body: dict[str, object]) -> None:
        """The proxy's own JSON answer, in place of the upstream's."""
        content = dumps(body)
        head = AnswerHead(status, HTTPStatus(status).phrase.encode(), [], None, False)
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(content))]
        self.client.write(_head(head, headers) + content)
        self._done(True)

    def _forwarded(self, head: AnswerHead) -> RawHeaders:
        return [(name, value) for name, value in head.headers if name.lower() not in HOP_BY_HOP]

    def _done(self, framed: bool) -> None:
        self.answered = True
        self.client.answered(self.request.keep_alive and framed)


def _head(head: AnswerHead, headers: RawHeaders) -> bytes:
    lines = [b"HTTP/1.1 %d %b\r\n" % (head.status, head.reason)]
    for name, value in headers:
        lines += (name, b": ", value, b"\r\n")
    lines.append(b"\r\n")
    return b"".join(lines)


def _unchecked(method: str, path: str) -> ExchangeResult:
    return ExchangeResult(method, path, None, None, ())


def _request_only(proxy: Proxy, observed: Observed) -> ExchangeResult:
    """A streamed answer is not validated (too large to hold); its request still is."""
    full = proxy.validator.check(
        observed.method, observed.url, status=200, response_body={}, request_body=observed.request_body
    )
    kept = tuple(d for d in full.drift if d.direction == "request")
    note = Drift(
        full.operation or "(none)",
        "response",
        "(body)",
        "a body to validate",
        "streamed, too large to validate",
        "not validated",
        NOT_VALIDATED,
    )
    return ExchangeResult(full.method, full.path, full.operation, observed.status, (*kept, note))


def _decoded(headers: RawHeaders, raw: bytes) -> bytes:
    """The body as the client will read it (gzip, deflate, br undone), for validation only."""
    encoding = [value for name, value in headers if name == b"content-encoding"]
    if not encoding:
        return raw
    try:
        return httpx.Response(200, headers=[(b"content-encoding", b", ".join(encoding))], content=raw).content
    except httpx.DecodingError:
        return raw


__all__ = ["DEFAULT_DETECT_UPSTREAM", "DEFAULT_UPSTREAM", "Observed", "Proxy", "ProxySettings", "Upstream"]
