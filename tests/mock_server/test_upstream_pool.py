"""upstream_pool.py: one upstream pool per client connection, reused, bounded, closed with the proxy."""

from __future__ import annotations

import asyncio

import httpx

from akool_mock.mock_server.upstream_pool import CLIENT, PinnedTransports
from tests.support import drift_upstream
from tests.support.threaded import threaded

POLL = "/api/open/v3/faceswap/result/listbyids?_ids=good"


def test_each_client_gets_its_own_pool_reused_and_the_oldest_is_closed_beyond_the_size() -> None:
    async def run(base: str) -> tuple[list[int], int, bool, int]:
        transports = PinnedTransports(size=2)
        statuses = []
        async with transports:
            for client in [("127.0.0.1", 1), ("127.0.0.1", 1), ("127.0.0.1", 2), None, ("127.0.0.1", 3)]:
                request = httpx.Request("GET", base + POLL, extensions={CLIENT: client})
                answer = await transports.handle_async_request(request)
                await answer.aread()
                await answer.aclose()
                statuses.append(answer.status_code)
            pools = list(transports._pools)
            first_evicted = ("127.0.0.1", 1) not in transports._pools
        return statuses, len(pools), first_evicted, len(transports._pools)

    with threaded(drift_upstream.create_app()) as base:
        statuses, pools, first_evicted, after_close = asyncio.run(run(base))
    assert statuses == [200] * 5
    assert (pools, first_evicted, after_close) == (2, True, 0)
