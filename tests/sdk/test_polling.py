"""client.wait (sdk/_async/polling.py and its generated twin): finishing, failing, giving up, pacing."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.mock_server.settings import build_settings
from akool_mock.sdk import AkoolClient, AsyncAkoolClient, JobFailedError, JobStatus, WaitTimeoutError
from akool_mock.sdk.types._base import from_wire
from akool_mock.sdk.types.faceswap import FaceswapJob
from tests.sdk.support import FACE, IMAGE, Client, close, make_client, resolve

pytestmark = pytest.mark.anyio
KINDS = pytest.mark.parametrize("kind", ["sync", "async"])
CREATE = {"source_image": [{"path": FACE}], "target_image": [{"path": FACE}], "modify_image": IMAGE}


def pacing(kind: str, akool: FakeAkool, delays: list[float]) -> Any:
    """A sleep that records each pause and moves the fake's clock by it."""

    def sleep(seconds: float) -> None:
        delays.append(seconds)
        akool.clock.advance(seconds)

    if kind == "sync":
        return sleep

    async def async_sleep(seconds: float) -> None:
        sleep(seconds)

    return async_sleep


async def run(client: Client, call: Any) -> Any:
    try:
        return await resolve(call(client))
    finally:
        await close(client)


@KINDS
async def test_pauses_grow_from_interval(akool: FakeAkool, kind: str) -> None:
    delays: list[float] = []
    client = make_client(kind, akool, sleep=pacing(kind, akool, delays))

    job = await run(make_client(kind, akool), lambda c: c.faceswap.create_image(**CREATE))
    result = await run(client, lambda c: c.wait(job, interval=1.0))
    assert result.status is JobStatus.COMPLETED
    assert delays[:3] == [1.0, 1.5, 2.25]
    assert delays == sorted(delays)


@KINDS
async def test_pauses_are_capped_and_time_runs_out(kind: str) -> None:
    delays: list[float] = []
    manual = build_settings({"lifecycle": {"policy": "manual"}}, clock="manual", seed=0)
    with FakeAkool(manual) as akool:  # jobs move only when told to
        job = await run(make_client(kind, akool), lambda c: c.faceswap.create_image(**CREATE))
        client = make_client(kind, akool, sleep=pacing(kind, akool, delays))
        with pytest.raises(WaitTimeoutError) as caught:
            await run(client, lambda c: c.wait(job, timeout=200, interval=10))
    assert max(delays) == 30.0
    assert sum(delays) == pytest.approx(200)
    assert caught.value.waited == pytest.approx(200)
    assert (caught.value.job_id, caught.value.status) == (job.id, 1)
    assert str(caught.value).endswith(WaitTimeoutError.hint)


async def failure(call: Any) -> JobFailedError:
    with pytest.raises(JobFailedError) as caught:
        await resolve(call())
    return caught.value


@KINDS
async def test_a_failed_job_raises_with_its_reason(kind: str) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        item = {"_id": "j1", "video_status": 4, "error_reason": "unsupported language"}
        return httpx.Response(200, json={"code": 1000, "msg": "OK", "data": item})

    job = from_wire(FaceswapJob, {"_id": "j1", "job_id": "x"}, operation="video_translation.create")
    transport = httpx.MockTransport(answer)
    if kind == "sync":
        with httpx.Client(transport=transport) as http, AkoolClient(api_key="k", http_client=http) as client:
            failed = await failure(lambda: client.wait(job))
    else:
        async with (
            httpx.AsyncClient(transport=transport) as ahttp,
            AsyncAkoolClient(api_key="k", http_client=ahttp) as aclient,
        ):
            failed = await failure(lambda: aclient.wait(job))
    assert failed.reason == "unsupported language"
    assert failed.operation == "video_translation.create"


async def test_wait_on_a_listed_result(client: Client) -> None:
    job = await resolve(client.faceswap.create_image(**CREATE))
    (listed,) = await resolve(client.faceswap.list_results(ids=[job.id]))
    done = await resolve(client.wait(listed))
    assert done.status is JobStatus.COMPLETED


async def test_a_finished_job_needs_one_poll(client: Client, akool: FakeAkool) -> None:
    job = await resolve(client.faceswap.create_image(**CREATE))
    akool.jobs.complete(job.id)
    before = len(akool.journal)
    assert (await resolve(client.wait(job, timeout=0))).status is JobStatus.COMPLETED
    assert len(akool.journal) == before + 1


async def test_async_waiting_uses_asyncio_sleep_by_default() -> None:
    async with AsyncAkoolClient(api_key="k") as client:
        assert client._sleep is asyncio.sleep
    with AkoolClient(api_key="k") as sync_client:
        import time

        assert sync_client._sleep is time.sleep
