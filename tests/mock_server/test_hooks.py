"""hooks.py: the httpx (sync and async) and requests hooks check an app's own traffic against the contract."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator

import httpx
import pytest
import requests

from akool_mock import FakeAkool
from akool_mock.mock_server.drift import ExchangeResult
from akool_mock.mock_server.hooks import DriftError, async_httpx_hook, httpx_hook, requests_hook
from tests.support import drift_upstream
from tests.support.threaded import threaded

POLL = "/api/open/v3/faceswap/result/listbyids"
LOOPBACK = ("127.0.0.1",)


@pytest.fixture(scope="module")
def upstream() -> Iterator[str]:
    with threaded(drift_upstream.create_app()) as base_url:
        yield base_url


def test_the_httpx_hook_passes_the_fakes_answers_and_ignores_other_hosts(upstream: str) -> None:
    found: list[ExchangeResult] = []
    hook = httpx_hook(on_drift=found.append)
    with FakeAkool() as akool, httpx.Client(event_hooks={"response": [hook]}) as client:
        headers = {"x-api-key": akool.api_key}
        assert (
            client.get(f"https://openapi.akool.com{POLL}", params={"_ids": "x"}, headers=headers).status_code
            == 200
        )
        client.get(f"{upstream}{POLL}?_ids=missing")  # not an Akool host: not checked
    assert found == []


def test_the_httpx_hook_reports_drift_on_the_hosts_it_is_given(upstream: str) -> None:
    found: list[ExchangeResult] = []
    with httpx.Client(
        event_hooks={"response": [httpx_hook(on_drift=found.append, hosts=LOOPBACK)]}
    ) as client:
        client.get(f"{upstream}{POLL}?_ids=missing")
        client.get(f"{upstream}{POLL}?_ids=good")
        client.get(f"{upstream}/not/akool")
    assert [(r.operation, [d.path for d in r.violations]) for r in found] == [
        ("faceswap.list_results", ["data.result[0]._id"])
    ]


def test_raise_on_drift_raises_with_the_finding(upstream: str, caplog: pytest.LogCaptureFixture) -> None:
    hook = httpx_hook(raise_on_drift=True, hosts=LOOPBACK)
    with (
        httpx.Client(event_hooks={"response": [hook]}) as client,
        caplog.at_level(logging.WARNING, logger="akool_mock.drift"),
        pytest.raises(DriftError) as raised,
    ):
        client.get(f"{upstream}{POLL}?_ids=wrong-type")
    assert "data.result[0]._id: must be of type string" in str(raised.value)
    assert raised.value.result.operation == "faceswap.list_results"
    assert "akool drift: faceswap.list_results response data.result[0]._id" in caplog.text


def test_the_async_httpx_hook(upstream: str) -> None:
    found: list[ExchangeResult] = []

    async def run() -> None:
        hook = async_httpx_hook(on_drift=found.append, hosts=LOOPBACK)
        async with httpx.AsyncClient(event_hooks={"response": [hook]}) as client:
            await client.get(f"{upstream}{POLL}?_ids=not-json")

    asyncio.run(run())
    assert [d.path for r in found for d in r.violations] == ["(body)"]


def test_the_requests_hook(upstream: str) -> None:
    found: list[ExchangeResult] = []
    with requests.Session() as session:
        session.hooks["response"].append(requests_hook(on_drift=found.append, hosts=LOOPBACK))
        assert session.get(f"{upstream}{POLL}?_ids=missing", timeout=10).json()["code"] == 1000
        session.get(f"{upstream}{POLL}?_ids=good", timeout=10)
        session.post(
            f"{upstream}/api/open/v3/faceswap/highquality/specifyimage", json={"face_enhance": 0}, timeout=10
        )
    assert [(r.operation, r.violations[0].direction, r.violations[0].path) for r in found] == [
        ("faceswap.list_results", "response", "data.result[0]._id"),
        ("faceswap.create_image", "request", "body.sourceImage"),
    ]
    session_hook = requests_hook(raise_on_drift=True, hosts=LOOPBACK)
    with pytest.raises(DriftError):
        requests.get(f"{upstream}{POLL}?_ids=missing", hooks={"response": session_hook}, timeout=10)
