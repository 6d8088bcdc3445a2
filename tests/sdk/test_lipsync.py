"""client.lipsync against the in-process fake, sync and async."""

from __future__ import annotations

import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk import JobFailedError, JobStatus, ValidationError
from akool_mock.sdk.errors import InsufficientCreditError
from akool_mock.sdk.types.lipsync import LipsyncJob
from akool_mock.sdk.types.videos import VideoResult
from tests.sdk.support import AUDIO, VIDEO, Client, resolve

pytestmark = pytest.mark.anyio

HOOK = "https://example.com/hook"


async def test_create_answers_a_queued_job_that_wait_finishes(client: Client) -> None:
    job = await resolve(client.lipsync.create(video_url=VIDEO, audio_url=AUDIO, webhook_url=HOOK))
    assert isinstance(job, LipsyncJob)
    assert (job.status, job.operation, job.video) == (JobStatus.QUEUED, "lipsync.create", "")
    assert (job.target_video, job.input_audio, job.webhook_url, job.lipsync) == (VIDEO, AUDIO, HOOK, True)
    result = await resolve(client.wait(job, interval=1))
    assert isinstance(result, VideoResult)
    assert (result.id, result.status) == (job.id, JobStatus.COMPLETED)
    assert result.video


async def test_create_and_wait(client: Client) -> None:
    result = await resolve(client.lipsync.create_and_wait(video_url=VIDEO, audio_url=AUDIO, webhook_url=""))
    assert result.status is JobStatus.COMPLETED
    assert result.operation == "videos.get_result"


async def test_a_failed_job_raises_job_failed(client: Client, akool: FakeAkool) -> None:
    job = await resolve(client.lipsync.create(video_url=VIDEO, audio_url=AUDIO))
    akool.jobs.fail(job.id, "no mouth found")
    with pytest.raises(JobFailedError) as caught:
        await resolve(client.wait(job))
    # Lip-sync documents no reason field: the poll answer carries none.
    assert (caught.value.job_id, caught.value.reason) == (job.id, None)


async def test_a_bad_url_is_a_validation_error_naming_it(client: Client) -> None:
    with pytest.raises(ValidationError) as caught:
        await resolve(client.lipsync.create(video_url="not a url", audio_url=AUDIO))
    assert "video_url" in caught.value.msg


async def test_no_credits_left(client: Client, akool: FakeAkool) -> None:
    akool.accounts.set_credits(akool.client_id, 0)
    with pytest.raises(InsufficientCreditError) as caught:
        await resolve(client.lipsync.create(video_url=VIDEO, audio_url=AUDIO))
    assert caught.value.code == 1006
