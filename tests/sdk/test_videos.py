"""client.videos (the shared poll of every video job) against the in-process fake, sync and async."""

from __future__ import annotations

import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk import AkoolClient, JobStatus, NotFoundError
from akool_mock.sdk.types.videos import VideoResult
from tests.sdk.support import AUDIO, VIDEO, Client, close, make_client, resolve

pytestmark = pytest.mark.anyio

UNKNOWN = "0123456789abcdef01234567"


async def test_get_result_follows_a_job_to_its_video(client: Client, akool: FakeAkool) -> None:
    job = await resolve(client.lipsync.create(video_url=VIDEO, audio_url=AUDIO))
    queued = await resolve(client.videos.get_result(id=job.id))
    assert isinstance(queued, VideoResult)
    assert (queued.id, queued.status, queued.video) == (job.id, JobStatus.QUEUED, "")
    assert (queued.operation, queued.type, queued.uid) == ("videos.get_result", 9, job.uid)
    akool.jobs.complete(job.id)
    done = await resolve(client.videos.get_result(id=job.id))
    assert done.status is JobStatus.COMPLETED
    assert done.video
    assert done.video.startswith("https://")
    assert done.raw["_id"] == job.id


async def test_a_video_result_can_be_waited_for(client: Client) -> None:
    job = await resolve(client.talking_photo.create(talking_photo_url=VIDEO, audio_url=AUDIO))
    result = await resolve(client.videos.get_result(id=job.id))
    done = await resolve(client.wait(result, interval=1))
    assert (done.id, done.status) == (job.id, JobStatus.COMPLETED)


async def test_a_failed_character_swap_shows_its_reason_and_refund(client: Client, akool: FakeAkool) -> None:
    job = await resolve(client.character_swap.create(image=VIDEO, video=VIDEO, duration=10))
    akool.jobs.fail(job.id, "no face in the image")
    failed = await resolve(client.videos.get_result(id=job.id))
    assert (failed.status, failed.faceswap_fail_reason, failed.deduction_credit) == (
        JobStatus.FAILED,
        "no face in the image",
        0,
    )
    assert failed.update_time


async def test_unknown_ids_are_not_found(client: Client) -> None:
    with pytest.raises(NotFoundError) as caught:
        await resolve(client.videos.get_result(id=UNKNOWN))
    assert caught.value.code == 1008


async def test_another_accounts_job_is_not_found(client: Client, akool: FakeAkool) -> None:
    job = await resolve(client.lipsync.create(video_url=VIDEO, audio_url=AUDIO))
    account = akool.accounts.create(credits=100)
    other = make_client(
        "sync" if isinstance(client, AkoolClient) else "async", akool, api_key=account.api_key
    )
    try:
        with pytest.raises(NotFoundError):
            await resolve(other.videos.get_result(id=job.id))
    finally:
        await close(other)
