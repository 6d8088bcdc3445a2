"""`akool-mock proxy`: the contract on the wire, in front of the real Akool API (or anything that serves it).

Every request is forwarded unchanged (method, path, query, headers, body) to the upstream of its host, and the
upstream's answer comes back unchanged (status, headers, bytes; large bodies are streamed through).
Meanwhile each exchange is matched to its operation and checked by `drift.ExchangeValidator`; observers (the
console, the drift report, the HAR recorder) are told of every exchange once it is complete.

    client ──► Starlette router ──► httpcore pool (streamed) ──► upstream (openapi / sg3 detect host)
                       │                                                   │
                       └──── Observed(request, answer, ExchangeResult) ◄───┘ ──► observers

When the upstream cannot be reached, times out or drops the answer, the client gets HTTP 502/504 with an
Akool-shaped `{code, msg}` body that says so (code = the HTTP status: these are not Akool's business codes).
With `strict`, an answer that breaks the contract is replaced by HTTP 502 carrying the drift.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from urllib.parse import urlsplit

import httpcore
import httpx
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Router
from starlette.types import Receive, Scope, Send

from akool_mock.mock_server.drift import DETECT_HOST, NOT_VALIDATED, Drift, ExchangeResult, ExchangeValidator
from akool_mock.mock_server.upstream_pool import UPSTREAM_ERRORS, PinnedPools
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
RawHeaders = list[tuple[bytes, bytes]]
WITH_BODY = frozenset({"POST", "PUT", "PATCH"})  # httpx sends `Content-Length: 0` for these when empty


@dataclass(frozen=True, slots=True)
class Upstream:
    """An upstream base URL, parsed once: what each forwarded request's httpcore URL and Host are made of."""

    text: str  # without a trailing slash
    scheme: bytes
    host: bytes
    port: int | None
    prefix: bytes  # the base's own path, before the request's
    netloc: bytes  # the Host header, as httpx writes it

    @staticmethod
    @cache
    def parse(base: str) -> Upstream:
        url = httpx.URL(base.rstrip("/"))
        prefix = url.raw_path.split(b"?", 1)[0].rstrip(b"/")
        return Upstream(base.rstrip("/"), url.raw_scheme, url.raw_host, url.port, prefix, url.netloc)


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
    """The forwarding and the checking; `app()` is the Starlette edge."""

    settings: ProxySettings
    validator: ExchangeValidator = field(default_factory=ExchangeValidator)
    observers: list[Observer] = field(default_factory=list)
    pools: PinnedPools | None = None  # a test seam; None: pools of the proxy's own

    def app(self) -> Router:
        """The ASGI app: a bare Starlette router (no middleware: an error becomes uvicorn's plain 500)."""
        state: dict[str, PinnedPools] = {}

        @contextlib.asynccontextmanager
        async def lifespan(_app: object) -> AsyncIterator[None]:
            # httpcore's pools, not an httpx client: a proxy must not keep cookies across users, follow
            # redirects or add default headers, and the client's per-request machinery halves throughput.
            async with self.pools or PinnedPools() as pools:
                state["pools"] = pools
                yield

        async def endpoint(scope: Scope, receive: Receive, send: Send) -> None:
            response = await self.forward(state["pools"], Request(scope, receive))
            await response(scope, receive, send)

        return Router(default=endpoint, lifespan=lifespan)

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

    async def forward(self, pools: PinnedPools, request: Request) -> Response:
        started, clock = datetime.now(UTC), time.perf_counter()
        scope, body = request.scope, await request.body()
        method, path = request.method, scope["path"]
        url, outgoing = self._outgoing(scope, method, path, body)
        observed = Observed(
            started, method, url, outgoing.headers, body, None, [], None, 0.0, _unchecked(method, path)
        )
        client = scope.get("client")
        try:
            answer = await pools.send(tuple(client) if client else None, outgoing)
        except UPSTREAM_ERRORS as exc:
            return self._failed(observed, exc, clock)
        kept: list[bytes] = []
        chunks = answer.aiter_stream()
        try:
            complete = await _buffer(chunks, kept, self.settings.max_validated_bytes)
        except UPSTREAM_ERRORS as exc:
            await answer.aclose()
            return self._failed(observed, exc, clock)
        observed.status = answer.status
        observed.response_headers = [(k.lower(), v) for k, v in answer.headers if k.lower() not in HOP_BY_HOP]
        if not complete:
            return self._streamed(answer, chunks, kept, observed, clock)
        await answer.aclose()
        return self._answered(observed, b"".join(kept), clock)

    def _outgoing(self, scope: Scope, method: str, path: str, body: bytes) -> tuple[str, httpcore.Request]:
        """The request for the upstream, and its URL: the same method, raw path, query, headers and body.
        Host and Content-Length are set for the next hop as httpx sets them (Host first)."""
        upstream = self.upstream(method, path, body)
        raw_path, query = scope.get("raw_path") or path.encode(), scope["query_string"]
        tail = raw_path + b"?" + query if query else raw_path
        target, url = upstream.prefix + tail, upstream.text + tail.decode("latin-1")
        headers: RawHeaders = [(b"Host", upstream.netloc)]
        if not body and method in WITH_BODY:
            headers.append((b"Content-Length", b"0"))
        headers += [
            (k, v)
            for k, v in scope["headers"]
            if k not in HOP_BY_HOP and k not in (b"host", b"content-length")
        ]
        if body:
            headers.append((b"Content-Length", str(len(body)).encode()))
        t = self.settings.timeout_s
        return url, httpcore.Request(
            method,
            httpcore.URL(scheme=upstream.scheme, host=upstream.host, port=upstream.port, target=target),
            headers=headers,
            content=body,
            extensions={"timeout": {"connect": t, "read": t, "write": t, "pool": t}},
        )

    def _answered(self, observed: Observed, content: bytes, clock: float) -> Response:
        """A whole answer: checked, told, and passed back as it came (or refused, with `strict`)."""
        observed.response_body = content
        decoded = _decoded(observed.response_headers, content)
        observed.result = self._check(
            observed.method, observed.url, observed.request_body, observed.status, decoded
        )
        observed.elapsed_ms = (time.perf_counter() - clock) * 1000
        if self.settings.strict and observed.result.response_violations:
            return self._refused(observed)
        self._tell(observed)
        response = Response(content, observed.status or 200)
        response.raw_headers = _with_length(observed.response_headers, len(content))
        return response

    def _check(
        self, method: str, url: str, body: bytes, status: int | None, answer: bytes | None
    ) -> ExchangeResult:
        webhook = self.settings.webhook
        if webhook is not None and webhook.owns(url):
            return webhook.result(method, urlsplit(url).path, body, status)
        return self.validator.check(method, url, status=status, response_body=answer, request_body=body)

    def _streamed(
        self,
        answer: httpcore.Response,
        chunks: AsyncIterator[bytes],
        kept: list[bytes],
        observed: Observed,
        clock: float,
    ) -> Response:
        """Too large to keep: pass the rest through as it comes; the exchange is told when it is over."""

        async def rest() -> AsyncIterator[bytes]:
            try:
                for chunk in kept:
                    yield chunk
                async for chunk in chunks:
                    yield chunk
            finally:
                await answer.aclose()
                observed.elapsed_ms = (time.perf_counter() - clock) * 1000
                observed.result = _request_only(self, observed)
                self._tell(observed)

        response = StreamingResponse(rest(), observed.status or 200)
        response.raw_headers = list(observed.response_headers)
        return response

    def _failed(self, observed: Observed, exc: Exception, clock: float) -> Response:
        timed_out = isinstance(exc, httpcore.TimeoutException)
        status = 504 if timed_out else 502
        what = "timed out" if timed_out else f"failed: {type(exc).__name__}: {exc}"
        observed.error = f"akool-mock proxy: the upstream answer to {observed.method} {observed.url} {what}"
        observed.elapsed_ms = (time.perf_counter() - clock) * 1000
        observed.result = self._check(observed.method, observed.url, observed.request_body, None, None)
        observed.answered = status
        self._tell(observed)
        return _json_error(status, {"code": status, "msg": observed.error})

    def _refused(self, observed: Observed) -> Response:
        drift = observed.result.response_violations
        first = "; ".join(f"{d.path or '(root)'}: {d.message}" for d in drift[:3])
        message = (
            f"akool-mock proxy --strict: the upstream answer to {observed.result.operation} leaves the "
            f"contract ({len(drift)} violation(s)): {first}"
        )
        observed.answered = 502
        self._tell(observed)
        return _json_error(502, {"code": 502, "msg": message, "drift": [d.as_dict() for d in drift]})

    def _tell(self, observed: Observed) -> None:
        for observer in self.observers:
            observer(observed)


def _json_error(status: int, body: dict[str, object]) -> Response:
    return Response(dumps(body), status, media_type="application/json")


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


async def _buffer(chunks: AsyncIterator[bytes], kept: list[bytes], limit: int) -> bool:
    """Read the raw answer into `kept` until it ends (True) or passes `limit` bytes (False)."""
    size = 0
    async for chunk in chunks:
        kept.append(chunk)
        size += len(chunk)
        if size > limit:
            return False
    return True


def _decoded(headers: RawHeaders, raw: bytes) -> bytes:
    """The body as the client will read it (gzip, deflate, br undone), for validation only."""
    encoding = [value for name, value in headers if name == b"content-encoding"]
    if not encoding:
        return raw
    try:
        return httpx.Response(200, headers=[(b"content-encoding", b", ".join(encoding))], content=raw).content
    except httpx.DecodingError:
        return raw


def _with_length(headers: RawHeaders, length: int) -> RawHeaders:
    if any(name == b"content-length" for name, _ in headers):
        return list(headers)
    return [*headers, (b"content-length", str(length).encode())]


__all__ = ["DEFAULT_DETECT_UPSTREAM", "DEFAULT_UPSTREAM", "Observed", "Proxy", "ProxySettings", "Upstream"]
