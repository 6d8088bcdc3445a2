"""`akool-mock proxy`: the contract on the wire, in front of the real Akool API (or anything that serves it).

Every request is forwarded unchanged (method, path, query, headers, body) to the upstream of its host, and the
upstream's answer comes back unchanged (status, headers, bytes; large bodies are streamed through).
Meanwhile each exchange is matched to its operation and checked by `drift.ExchangeValidator`; observers (the
console, the drift report, the HAR recorder) are told of every exchange once it is complete.

    client ──► Starlette catch-all ──► httpx transport (streamed) ──► upstream (openapi / sg3 detect host)
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
from urllib.parse import urlsplit

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import request_response

from akool_mock.mock_server.drift import DETECT_HOST, NOT_VALIDATED, Drift, ExchangeResult, ExchangeValidator
from akool_mock.mock_server.upstream_pool import CLIENT, PinnedTransports
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
    transport: httpx.AsyncBaseTransport | None = None  # a test seam; None: the network

    def app(self) -> Starlette:
        state: dict[str, httpx.AsyncBaseTransport] = {}

        @contextlib.asynccontextmanager
        async def lifespan(_app: Starlette) -> AsyncIterator[None]:
            # httpx's transports, not an AsyncClient: a proxy must not keep cookies across users, follow
            # redirects or add default headers, and the client's per-request machinery halves throughput.
            transport = self.transport or PinnedTransports()
            async with transport:
                state["transport"] = transport
                yield

        async def endpoint(request: Request) -> Response:
            return await self.forward(state["transport"], request)

        app = Starlette(lifespan=lifespan)
        app.router.default = request_response(endpoint)
        return app

    @property
    def _timeout(self) -> dict[str, float]:
        return httpx.Timeout(self.settings.timeout_s).as_dict()  # type: ignore[return-value]

    def upstream_url(self, method: str, path: str, body: bytes, raw_path: bytes, query: bytes) -> str:
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
        url = base.rstrip("/") + raw_path.decode("latin-1")
        return f"{url}?{query.decode('latin-1')}" if query else url

    async def forward(self, transport: httpx.AsyncBaseTransport, request: Request) -> Response:
        started, clock = datetime.now(UTC), time.perf_counter()
        outgoing = self._outgoing(request, await request.body())
        method, path, body = request.method, request.scope["path"], outgoing.content
        headers = list(outgoing.headers.raw)
        observed = Observed(
            started, method, str(outgoing.url), headers, body, None, [], None, 0.0, _unchecked(method, path)
        )
        try:
            answer = await transport.handle_async_request(outgoing)
            answer.request = outgoing
        except httpx.HTTPError as exc:
            return self._failed(observed, exc, clock)
        kept: list[bytes] = []
        # A transport that hands back an answer already read (a mock in tests) is passed on as read.
        chunks = _once(answer.content) if answer.is_stream_consumed else answer.aiter_raw()
        try:
            complete = await _buffer(chunks, kept, self.settings.max_validated_bytes)
        except httpx.HTTPError as exc:
            await answer.aclose()
            return self._failed(observed, exc, clock)
        observed.status = answer.status_code
        observed.response_headers = [
            (k.lower(), v) for k, v in answer.headers.raw if k.lower() not in HOP_BY_HOP
        ]
        if not complete:
            return self._streamed(answer, chunks, kept, observed, clock)
        await answer.aclose()
        return self._answered(observed, answer, b"".join(kept), clock)

    def _outgoing(self, request: Request, body: bytes) -> httpx.Request:
        """The request for the upstream: the same method, raw path, query, headers and body."""
        scope = request.scope
        method, path = request.method, scope["path"]
        url = self.upstream_url(
            method, path, body, scope.get("raw_path") or path.encode(), scope["query_string"]
        )
        headers = [
            (k, v)
            for k, v in scope["headers"]
            if k not in HOP_BY_HOP and k not in (b"host", b"content-length")
        ]
        client = scope.get("client")
        extensions = {"timeout": self._timeout, CLIENT: tuple(client) if client else None}
        return httpx.Request(method, url, headers=headers, content=body, extensions=extensions)

    def _answered(self, observed: Observed, answer: httpx.Response, content: bytes, clock: float) -> Response:
        """A whole answer: checked, told, and passed back as it came (or refused, with `strict`)."""
        observed.response_body = content
        decoded = _decoded(answer, content)
        observed.result = self._check(
            observed.method, observed.url, observed.request_body, answer.status_code, decoded
        )
        observed.elapsed_ms = (time.perf_counter() - clock) * 1000
        if self.settings.strict and observed.result.response_violations:
            return self._refused(observed)
        self._tell(observed)
        response = Response(content, answer.status_code)
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
        answer: httpx.Response,
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

    def _failed(self, observed: Observed, exc: httpx.HTTPError, clock: float) -> Response:
        timed_out = isinstance(exc, httpx.TimeoutException)
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


async def _once(content: bytes) -> AsyncIterator[bytes]:
    yield content


async def _buffer(chunks: AsyncIterator[bytes], kept: list[bytes], limit: int) -> bool:
    """Read the raw answer into `kept` until it ends (True) or passes `limit` bytes (False)."""
    size = 0
    async for chunk in chunks:
        kept.append(chunk)
        size += len(chunk)
        if size > limit:
            return False
    return True


def _decoded(answer: httpx.Response, raw: bytes) -> bytes:
    """The body as the client will read it (gzip, deflate, br undone), for validation only."""
    if "content-encoding" not in answer.headers:
        return raw
    try:
        return httpx.Response(
            200, headers={"content-encoding": answer.headers["content-encoding"]}, content=raw
        ).content
    except httpx.DecodingError:
        return raw


def _with_length(headers: RawHeaders, length: int) -> RawHeaders:
    if any(name == b"content-length" for name, _ in headers):
        return list(headers)
    return [*headers, (b"content-length", str(length).encode())]


__all__ = ["DEFAULT_DETECT_UPSTREAM", "DEFAULT_UPSTREAM", "Observed", "Proxy", "ProxySettings"]
