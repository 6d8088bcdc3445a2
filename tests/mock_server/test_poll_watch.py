"""The frozen-clock guard: a hopeless wait on a manual clock fails at once, saying how to move time."""

from __future__ import annotations

import httpx
import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.mock_server.poll_watch import REPEATS_AT_ONCE, FrozenClockError
from akool_mock.sdk import AkoolClient, AsyncAkoolClient
from akool_mock.sdk.types.faceswap import FaceImage

FACE = FaceImage(path="https://example.com/me.png", opts="262,175:363,175:313,215:272,279")
POLL = "https://openapi.akool.com/api/open/v3/faceswap/result/listbyids"


class WallClock:
    """Stands in for time.monotonic and time.sleep: a wait that sleeps in real time, without the wait."""

    def __init__(self) -> None:
        self.now = 0.0

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def create(client: AkoolClient) -> str:
    job = client.faceswap.create_image(source_image=[FACE], target_image=[FACE], modify_image=FACE["path"])
    return job.id


def test_a_wait_that_sleeps_in_real_time_on_the_frozen_clock_fails_with_the_way_out() -> None:
    wall = WallClock()
    with FakeAkool() as akool:
        akool.watch.monotonic = lambda: wall.now
        client = AkoolClient(api_key=akool.api_key, sleep=wall.sleep, clock=lambda: wall.now)
        job = client.faceswap.create_image(
            source_image=[FACE], target_image=[FACE], modify_image=FACE["path"]
        )
        with pytest.raises(FrozenClockError, match=r"sleep=akool\.clock\.advance") as error:
            client.wait(job)
        assert "faceswap.list_results was polled 3 times" in str(error.value)
        assert "lifecycle='immediate'" in str(error.value)
        assert wall.now < 10  # instead of 600 s


def test_a_loop_that_does_not_sleep_fails_too() -> None:
    with FakeAkool() as akool, httpx.Client(headers={"x-api-key": akool.api_key}) as http:
        job_id = create(AkoolClient(api_key=akool.api_key))
        for _ in range(REPEATS_AT_ONCE - 1):
            http.get(POLL, params={"_ids": job_id})
        with pytest.raises(FrozenClockError):
            http.get(POLL, params={"_ids": job_id})


def test_moving_the_clock_or_a_job_between_polls_is_a_healthy_wait() -> None:
    wall = WallClock()
    with FakeAkool() as akool:
        akool.watch.monotonic = lambda: wall.now
        client = AkoolClient(api_key=akool.api_key, sleep=akool.clock.advance)
        result = client.wait(
            client.faceswap.create_image(source_image=[FACE], target_image=[FACE], modify_image=FACE["path"])
        )
        assert result.url is not None
        http = httpx.Client(headers={"x-api-key": akool.api_key})
        job_id = create(client)
        for _ in range(5):  # another thread (here: the test) could complete it: polls alone are not hopeless
            http.get(POLL, params={"_ids": job_id})
            wall.sleep(2)
            akool.clock.advance(0.1)
        akool.jobs.complete(job_id)


def test_other_lifecycles_never_trip_the_guard() -> None:
    wall = WallClock()
    with FakeAkool(lifecycle="manual") as akool, httpx.Client(headers={"x-api-key": akool.api_key}) as http:
        akool.watch.monotonic = lambda: wall.now
        job_id = create(AkoolClient(api_key=akool.api_key))
        for _ in range(10):
            http.get(POLL, params={"_ids": job_id})
            wall.sleep(5)


def test_polls_of_jobs_the_clock_does_not_hold_or_with_other_calls_between_never_trip() -> None:
    with FakeAkool() as akool, httpx.Client(headers={"x-api-key": akool.api_key}) as http:
        job_id = create(AkoolClient(api_key=akool.api_key))
        for _ in range(REPEATS_AT_ONCE + 5):
            http.get(POLL, params={"_ids": "0123456789abcdef01234567"})  # no such job
        for _ in range(REPEATS_AT_ONCE + 5):  # a poll, then another call: not a wait loop
            http.get(POLL, params={"_ids": job_id})
            http.get("https://openapi.akool.com/api/open/v3/faceswap/quota/info")


@pytest.mark.anyio
async def test_the_async_client_takes_the_fakes_clock_as_it_is() -> None:
    with FakeAkool() as akool:
        async with AsyncAkoolClient(api_key=akool.api_key, sleep=akool.clock.advance) as client:
            job = await client.faceswap.create_image(
                source_image=[FACE], target_image=[FACE], modify_image=FACE["path"]
            )
            result = await client.wait(job)
        assert result.url is not None
        assert akool.clock.now() > akool.jobs.get(job.id).created_at


def test_the_sync_client_refuses_an_async_sleep_clearly() -> None:
    async def nap(_seconds: float) -> None:
        return None

    with pytest.raises(TypeError, match="plain function"):
        AkoolClient(api_key="k" * 32, sleep=nap)  # type: ignore[arg-type]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
