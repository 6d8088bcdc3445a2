"""The proxy's connections to the upstream: one small pool per client connection.

httpcore's pool checks every pooled connection (a `poll` and a `getpeername` each) whenever it assigns a
request, so one shared pool costs O(connections) system calls per request: with 16 clients, about 64 per
request and most of the proxy's CPU. A client on a keep-alive connection sends one request at a time, so the
proxy pins an upstream pool of its own to each client connection (keyed by the client's address and port)
and each request checks one connection. Pools are kept for the `size` most recent clients; the oldest is
closed beyond that. Requests with no client address share one pool.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable

import httpx

CLIENT = "akool_mock.client"  # the request extension naming the client connection
PINNED_LIMITS = httpx.Limits(max_connections=4, max_keepalive_connections=1)
SHARED_LIMITS = httpx.Limits(max_connections=200, max_keepalive_connections=100)


class PinnedTransports(httpx.AsyncBaseTransport):
    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._pools: OrderedDict[Hashable, httpx.AsyncHTTPTransport] = OrderedDict()
        # One TLS context for all: building one loads the CA bundle, about 100 ms of CPU each time.
        self._tls = httpx.create_ssl_context(trust_env=False)
        self._shared = self._transport(SHARED_LIMITS)

    def _transport(self, limits: httpx.Limits) -> httpx.AsyncHTTPTransport:
        return httpx.AsyncHTTPTransport(verify=self._tls, limits=limits, retries=0, trust_env=False)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        key = request.extensions.get(CLIENT)
        return await (await self._pool(key)).handle_async_request(request)

    async def _pool(self, key: Hashable | None) -> httpx.AsyncHTTPTransport:
        if key is None:
            return self._shared
        pool = self._pools.get(key)
        if pool is not None:
            self._pools.move_to_end(key)
            return pool
        pool = self._pools[key] = self._transport(PINNED_LIMITS)
        if len(self._pools) > self.size:
            _, oldest = self._pools.popitem(last=False)
            await oldest.aclose()
        return pool

    async def aclose(self) -> None:
        for pool in [*self._pools.values(), self._shared]:
            await pool.aclose()
        self._pools.clear()
