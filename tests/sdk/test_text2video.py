"""client.text2video against the in-process fake: every operation, sync and async."""

from __future__ import annotations

import pytest

from akool_mock.sdk import JobStatus, ValidationError
from akool_mock.sdk.types.image2video import Image2VideoResult
from akool_mock.sdk.types.text2video import Text2VideoBatch, Text2VideoJob
from tests.sdk.support import Client, resolve

pytestmark = pytest.mark.anyio
PROMPT = "A serene mountain landscape at sunset"


async def test_create_batch_makes_jobs_that_wait_finishes(client: Client) -> None:
    batch = await resolve(
        client.text2video.create_batch(
            prompt=PROMPT, model_name="seedance-1-0-lite-i2v-250428", count=2, webhook_url=""
        )
    )
    assert isinstance(batch, Text2VideoBatch)
    assert len(batch.jobs) == 2
    assert batch.error_list == ()
    job = batch.jobs[0]
    assert isinstance(job, Text2VideoJob)
    assert (job.status, job.deduction_credit, job.batch_count) == (JobStatus.QUEUED, 20, 2)
    done = await resolve(client.wait(job))
    assert isinstance(done, Image2VideoResult)
    assert done.status is JobStatus.COMPLETED
    assert str(done.video_url).endswith(".mp4")


async def test_create_batch_and_wait(client: Client) -> None:
    videos = await resolve(client.text2video.create_batch_and_wait(prompt=PROMPT, resolution="4k", count=3))
    assert [video.status for video in videos] == [JobStatus.COMPLETED] * 3
    assert {video.resolution for video in videos} == {"4k"}


async def test_an_unpriced_length_is_a_validation_error(client: Client) -> None:
    with pytest.raises(ValidationError, match="video_length"):
        await resolve(client.text2video.create_batch(prompt=PROMPT, video_length=7))
