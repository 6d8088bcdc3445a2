"""SDK tests: the in-process fake on a manual clock, and each client (sync and async) driving that clock.

Tests are `async def` run by anyio; the `client` fixture is parametrized over the blocking and the async
client, and `resolve(...)` awaits a call's result only when it is a coroutine, so one test body calls
every method of both surfaces.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from tests.sdk.support import Client, close, make_client


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def akool() -> Iterator[FakeAkool]:
    with FakeAkool() as fake:
        yield fake


@pytest.fixture(params=["sync", "async"])
async def client(request: pytest.FixtureRequest, akool: FakeAkool) -> AsyncIterator[Client]:
    made = make_client(request.param, akool)
    try:
        yield made
    finally:
        await close(made)
