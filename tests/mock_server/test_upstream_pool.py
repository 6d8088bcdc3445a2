"""upstream_pool.py: one upstream pool per client connection, reused, bounded, closed with the proxy."""

from __future__ import annotations

import asyncio

import httpcore

from akool_mock.mock_server.upstream_pool import PinnedPools
from tests.support import drift_upstream
from tests.support.threaded import threaded

POLL = "/api/open/v3/faceswap/result/listbyids?_ids=good"


def test_each_client_gets_its_own_pool_reused_and_the_oldest_is_closed_beyond_the_size() -> None:
    async def run(base: str) -> tuple[list[int], int, bool, int]:
        statuses = []
        async with PinnedPools(size=2) as pools:
            for client in [("127.0.0.1", 1), ("127.0.0.1", 1), ("127.0.0.1", 2), None, ("127.0.0.1", 3)]:
                request = httpcore.Request("GET", base + POLL, headers=[(b"Host", base[7:].encode())])
                answer = await pools.send(client, request)
                await answer.aread()
                await answer.aclose()
                statuses.append(answer.status)
            kept = list(pools._pools)
        return statuses, len(kept), ("127.0.0.1", 1) not in kept, len(pools._pools)

    with threaded(drift_upstream.create_app()) as base:
        statuses, pools, first_evicted, after_close = asyncio.run(run(base))
    assert statuses == [200] * 5
    assert (pools, first_evicted, after_close) == (2, True, 0)


def test_a_pinned_pool_keeps_its_connection_for_the_next_request() -> None:
    async def run(base: str) -> int:
        async with PinnedPools() as pools:
            for _ in range(3):
                request = httpcore.Request("GET", base + POLL, headers=[(b"Host", base[7:].encode())])
                answer = await pools.send(("127.0.0.1", 1), request)
                await answer.aread()
                await answer.aclose()
            return len(pools._pools[("127.0.0.1", 1)].connections)

    with threaded(drift_upstream.create_app()) as base:
        assert asyncio.run(run(base)) == 1
