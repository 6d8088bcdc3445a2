"""client.talking_photo against the in-process fake, sync and async."""

from __future__ import annotations

import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk import JobFailedError, JobStatus, ValidationError
from akool_mock.sdk.types.talking_photo import TalkingPhotoJob
from tests.sdk.support import AUDIO, IMAGE, Client, resolve

pytestmark = pytest.mark.anyio


async def test_create_answers_a_queued_job_that_wait_finishes(client: Client) -> None:
    job = await resolve(
        client.talking_photo.create(
            talking_photo_url=IMAGE, audio_url=AUDIO, prompt="wave a hand", resolution=1080, webhook_url=""
        )
    )
    assert isinstance(job, TalkingPhotoJob)
    assert (job.status, job.operation) == (JobStatus.QUEUED, "talking_photo.create")
    # 1080 is sent as "1080", the OpenAPI spelling; the answer carries the string.
    assert (job.talking_photo, job.prompt, job.resolution, job.type) == (IMAGE, "wave a hand", "1080", 5)
    result = await resolve(client.wait(job, interval=1))
    assert (result.id, result.status, result.resolution) == (job.id, JobStatus.COMPLETED, "1080")
    assert result.video


async def test_create_and_wait(client: Client) -> None:
    result = await resolve(
        client.talking_photo.create_and_wait(talking_photo_url=IMAGE, audio_url=AUDIO, resolution="720")
    )
    assert (result.status, result.resolution) == (JobStatus.COMPLETED, "720")


async def test_a_failed_job_raises_job_failed(client: Client, akool: FakeAkool) -> None:
    job = await resolve(client.talking_photo.create(talking_photo_url=IMAGE, audio_url=AUDIO))
    akool.jobs.fail(job.id, "no face")
    with pytest.raises(JobFailedError) as caught:
        await resolve(client.wait(job))
    assert (caught.value.job_id, caught.value.operation) == (job.id, "talking_photo.create")


async def test_a_bad_field_is_a_validation_error_naming_it(client: Client) -> None:
    with pytest.raises(ValidationError) as caught:
        await resolve(client.talking_photo.create(talking_photo_url=IMAGE, audio_url="ftp://x/a.mp3"))
    assert caught.value.code == 1003
    assert "audio_url" in caught.value.msg
