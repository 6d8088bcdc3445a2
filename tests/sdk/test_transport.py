"""The transports: retries (with the fake's faults), timeouts, connection errors, headers, odd answers."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk import AkoolClient, AsyncAkoolClient
from akool_mock.sdk._core import RequestSpec
from akool_mock.sdk.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    RateLimitError,
    UnexpectedResponseError,
)
from tests.sdk.support import FACE, IMAGE, Client, close, make_client, recorder, resolve

pytestmark = pytest.mark.anyio
KINDS = pytest.mark.parametrize("kind", ["sync", "async"])
CREATE = {"source_image": [{"path": FACE}], "target_image": [{"path": FACE}], "modify_image": IMAGE}


def calls(akool: FakeAkool, operation: str) -> int:
    return sum(1 for entry in akool.journal if entry["operation"] == operation)


async def attempt(client: Client, call: Callable[[Client], Any]) -> Any:
    try:
        return await resolve(call(client))
    finally:
        await close(client)


@KINDS
async def test_a_rate_limited_read_is_retried_with_growing_pauses(akool: FakeAkool, kind: str) -> None:
    delays: list[float] = []
    akool.faults.add(operation="faceswap.get_quota", count=2, code=1005)
    client = make_client(kind, akool, sleep=recorder(kind, delays))
    quota = await attempt(client, lambda c: c.faceswap.get_quota())
    assert quota.credit > 0
    assert calls(akool, "faceswap.get_quota") == 3
    assert len(delays) == 2
    assert 0.25 <= delays[0] <= 0.5
    assert 0.5 <= delays[1] <= 1.0


@KINDS
async def test_a_rate_limited_create_is_not_retried(akool: FakeAkool, kind: str) -> None:
    delays: list[float] = []
    akool.faults.add(operation="faceswap.create_image", count=1, code=1005)
    client = make_client(kind, akool, sleep=recorder(kind, delays))
    with pytest.raises(RateLimitError) as caught:
        await attempt(client, lambda c: c.faceswap.create_image(**CREATE))
    assert (caught.value.code, caught.value.operation) == (1005, "faceswap.create_image")
    assert calls(akool, "faceswap.create_image") == 1
    assert delays == []
    assert str(caught.value).endswith(RateLimitError.hint)


@KINDS
async def test_retries_are_bounded_by_max_retries(akool: FakeAkool, kind: str) -> None:
    akool.faults.add(operation="faceswap.get_quota", count=5, code=1005)
    with pytest.raises(RateLimitError) as caught:
        await attempt(make_client(kind, akool, max_retries=1), lambda c: c.faceswap.get_quota())
    assert calls(akool, "faceswap.get_quota") == 2
    assert str(caught.value).endswith(RateLimitError.hint)


@KINDS
async def test_server_errors_are_retried_for_reads(akool: FakeAkool, kind: str) -> None:
    akool.faults.add(operation="faceswap.get_quota", count=2, http_status=503)
    quota = await attempt(make_client(kind, akool), lambda c: c.faceswap.get_quota())
    assert quota.credit > 0
    assert calls(akool, "faceswap.get_quota") == 3


@KINDS
async def test_server_errors_are_not_retried_for_creates(akool: FakeAkool, kind: str) -> None:
    akool.faults.add(operation="faceswap.create_image", count=1, http_status=503)
    with pytest.raises(APIStatusError) as caught:
        await attempt(make_client(kind, akool), lambda c: c.faceswap.create_image(**CREATE))
    assert caught.value.status_code == 503
    assert calls(akool, "faceswap.create_image") == 1


@KINDS
async def test_a_dropped_connection_is_retried_for_reads_only(akool: FakeAkool, kind: str) -> None:
    akool.faults.add(operation="voices.list", count=1, drop=True)
    page = await attempt(make_client(kind, akool), lambda c: c.voices.list(type=2))
    assert page.count >= 1
    akool.faults.add(operation="faceswap.create_image", count=1, drop=True)
    with pytest.raises(APIConnectionError) as caught:
        await attempt(make_client(kind, akool), lambda c: c.faceswap.create_image(**CREATE))
    assert not isinstance(caught.value, APITimeoutError)
    assert calls(akool, "faceswap.create_image") == 1


@KINDS
async def test_a_timeout_is_retried_for_reads_only(akool: FakeAkool, kind: str) -> None:
    akool.faults.add(operation="faceswap.get_quota", count=1, delay_s=5)
    quota = await attempt(make_client(kind, akool, timeout=1), lambda c: c.faceswap.get_quota())
    assert quota.credit > 0
    akool.faults.add(operation="faceswap.create_image", count=1, delay_s=5)
    with pytest.raises(APITimeoutError):
        await attempt(make_client(kind, akool, timeout=1), lambda c: c.faceswap.create_image(**CREATE))


@KINDS
async def test_an_unknown_path_is_an_http_status_error(akool: FakeAkool, kind: str) -> None:
    spec = RequestSpec("test.unknown", "GET", "/api/open/v3/no/such/path", idempotent=True)
    with pytest.raises(APIStatusError) as caught:
        await attempt(make_client(kind, akool), lambda c: c._send(spec))
    assert (caught.value.status_code, caught.value.code) == (404, 1008)


# ----- without the fake: an httpx MockTransport answers ---------------------------------------------------


def mocked(kind: str, handler: Callable[[httpx.Request], httpx.Response], **options: Any) -> Client:
    transport = httpx.MockTransport(handler)
    delays: list[float] = []
    if kind == "sync":
        return AkoolClient(
            http_client=httpx.Client(transport=transport), sleep=recorder(kind, delays), **options
        )
    http = httpx.AsyncClient(transport=transport)
    return AsyncAkoolClient(http_client=http, sleep=recorder(kind, delays), **options)


async def closed_with_http(client: Client, call: Callable[[Client], Any]) -> Any:
    """Call, then close the client and the httpx client it was given (the SDK leaves that one open)."""
    try:
        return await attempt(client, call)
    finally:
        http = client._transport._client
        if isinstance(http, httpx.AsyncClient):
            await http.aclose()
        else:
            http.close()


@KINDS
async def test_connect_errors_are_retried_even_for_creates(kind: str) -> None:
    seen: list[str] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        raise httpx.ConnectError("connection refused", request=request)

    client = mocked(kind, refuse, api_key="k", max_retries=3)
    with pytest.raises(APIConnectionError) as caught:
        await closed_with_http(client, lambda c: c.faceswap.create_image(**CREATE))
    assert len(seen) == 4
    assert caught.value.operation == "faceswap.create_image"
    assert str(caught.value).endswith(APIConnectionError.hint)


@KINDS
async def test_headers_and_host(kind: str) -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"code": 1000, "msg": "OK", "data": {"credit": 1.5}})

    client = mocked(kind, answer, api_key="secret-key", base_url="https://akool.test/")
    quota = await closed_with_http(client, lambda c: c.faceswap.get_quota())
    assert quota.credit == 1.5
    request = seen[0]
    assert str(request.url) == "https://akool.test/api/open/v3/faceswap/quota/info"
    assert request.headers["x-api-key"] == "secret-key"
    assert "authorization" not in request.headers
    assert request.headers["user-agent"].startswith("akool-python-sdk/")


@KINDS
async def test_an_answer_that_is_not_json(kind: str) -> None:
    client = mocked(kind, lambda request: httpx.Response(200, text="<html>"), api_key="k")
    with pytest.raises(UnexpectedResponseError):
        await closed_with_http(client, lambda c: c.faceswap.get_quota())


@KINDS
async def test_a_token_answer_without_token(kind: str) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"code": 1000})

    client = mocked(kind, answer, client_id="id", client_secret="secret")
    with pytest.raises(UnexpectedResponseError, match="no token"):
        await closed_with_http(client, lambda c: c.faceswap.get_quota())


@KINDS
async def test_the_bearer_token_is_sent(kind: str) -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path.endswith("getToken"):
            assert json.loads(request.content) == {"clientId": "id", "clientSecret": "secret"}
            return httpx.Response(200, json={"code": 1000, "token": "tok"})
        return httpx.Response(200, json={"code": 1000, "msg": "OK", "data": {"credit": 2}})

    client = mocked(kind, answer, client_id="id", client_secret="secret")
    await closed_with_http(client, lambda c: c.faceswap.get_quota())
    assert "x-api-key" not in seen[0].headers
    assert "authorization" not in seen[0].headers
    assert seen[1].headers["authorization"] == "Bearer tok"
