"""The proxy's connections to the upstream: httpcore connection pools, one small pool per client connection.

The proxy speaks to the upstream through httpcore (the transport httpx itself is built on) rather than
through httpx's `AsyncHTTPTransport`: per forwarded request httpx parses the URL again, builds its own
request, response and stream objects around httpcore's and maps every exception, which cost about a tenth of
the proxy's CPU (issue 16, BENCHMARKS.md). The pools, the connections and HTTP/1.1 are httpcore's.

httpcore's pool checks every pooled connection (a `poll` and a `getpeername` each) whenever it assigns a
request, so one shared pool costs O(connections) system calls per request: with 16 clients, about 64 per
request and most of the proxy's CPU. A client on a keep-alive connection sends one request at a time, so the
proxy pins an upstream pool of its own to each client connection (keyed by the client's address and port)
and each request checks one connection. Pools are kept for the `size` most recent clients; the oldest is
closed beyond that. Requests with no client address share one pool.
"""

from __future__ import annotations

import ssl
from collections import OrderedDict
from collections.abc import Hashable
from types import TracebackType

import httpcore
import httpx

PINNED_MAX_CONNECTIONS, PINNED_KEEPALIVE = 4, 1
SHARED_MAX_CONNECTIONS, SHARED_KEEPALIVE = 200, 100
# What httpcore raises when the upstream cannot be reached, times out, or breaks HTTP (httpx maps the same).
UPSTREAM_ERRORS: tuple[type[Exception], ...] = (
    httpcore.TimeoutException,
    httpcore.NetworkError,
    httpcore.ProtocolError,
    httpcore.UnsupportedProtocol,
    httpcore.ProxyError,
)


class PinnedPools:
    """httpcore pools by client connection (the `size` most recent), and one shared pool for the rest."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._pools: OrderedDict[Hashable, httpcore.AsyncConnectionPool] = OrderedDict()
        # One TLS context for all: building one loads the CA bundle, about 100 ms of CPU each time.
        self._tls: ssl.SSLContext = httpx.create_ssl_context(trust_env=False)
        self._shared = self._pool_of(SHARED_MAX_CONNECTIONS, SHARED_KEEPALIVE)

    def _pool_of(self, connections: int, keepalive: int) -> httpcore.AsyncConnectionPool:
        return httpcore.AsyncConnectionPool(
            ssl_context=self._tls,
            max_connections=connections,
            max_keepalive_connections=keepalive,
            retries=0,
        )

    async def send(self, client: Hashable | None, request: httpcore.Request) -> httpcore.Response:
        """Send `request` on the pool of `client` (None: the shared pool); the answer's body is streamed."""
        return await (await self._pool(client)).handle_async_request(request)

    async def _pool(self, key: Hashable | None) -> httpcore.AsyncConnectionPool:
        if key is None:
            return self._shared
        pool = self._pools.get(key)
        if pool is not None:
            self._pools.move_to_end(key)
            return pool
        pool = self._pools[key] = self._pool_of(PINNED_MAX_CONNECTIONS, PINNED_KEEPALIVE)
        if len(self._pools) > self.size:
            _, oldest = self._pools.popitem(last=False)
            await oldest.aclose()
        return pool

    async def aclose(self) -> None:
        for pool in [*self._pools.values(), self._shared]:
            await pool.aclose()
        self._pools.clear()

    async def __aenter__(self) -> PinnedPools:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        await self.aclose()
