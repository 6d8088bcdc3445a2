"""client.image2video against the in-process fake: every operation, sync and async."""

from __future__ import annotations

from typing import Any

import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk import JobFailedError, JobStatus, NotFoundError, ValidationError, WaitTimeoutError
from akool_mock.sdk.types.image2video import (
    EffectList,
    Image2VideoBatch,
    Image2VideoDeletion,
    Image2VideoResult,
)
from tests.sdk.support import AUDIO, IMAGE, Client, close, make_client, resolve

pytestmark = pytest.mark.anyio

VIDEO: dict[str, Any] = {
    "image_url": IMAGE,
    "prompt": "Animate this image with smooth camera movement.",
    "resolution": "720p",
    "video_length": 5,
    "audio_type": 3,
}
BATCH: dict[str, Any] = {
    "image_url": IMAGE,
    "prompt": "Animate this image with smooth camera movement.",
    "resolution": "720p",
    "video_length": 5,
    "model_name": "seedance-1-0-lite-i2v-250428",
}
UNKNOWN = "0123456789abcdef01234567"


async def test_create_answers_a_queued_job_that_wait_finishes(client: Client) -> None:
    job = await resolve(
        client.image2video.create(
            **VIDEO,
            negative_prompt="blurry",
            extend_prompt=True,
            is_premium_model=False,
            webhook_url="https://hooks.example.com/akool",
        )
    )
    assert isinstance(job, Image2VideoResult)
    assert (job.status, job.video_url, job.operation) == (JobStatus.QUEUED, None, "image2video.create")
    assert (job.negative_prompt, job.extend_prompt, job.resolution) == ("blurry", True, "720p")
    assert job.webhook_url == "https://hooks.example.com/akool"  # sent as `webhookurl`, echoed `webhookUrl`
    assert job.deduction_credit == 20
    done = await resolve(client.wait(job))
    assert isinstance(done, Image2VideoResult)
    assert (done.id, done.status) == (job.id, JobStatus.COMPLETED)
    assert done.video_url


async def test_create_and_wait_with_an_effect(client: Client) -> None:
    effects = await resolve(client.image2video.list_effects())
    assert isinstance(effects, EffectList)
    assert effects.count == len(effects.result) > 0
    squish = effects.result[0]
    assert (squish.name, squish.effect_code) == ("Squish", "squish_89244231312")
    assert squish.id
    assert squish.video_url
    video = {**VIDEO, "prompt": ""}
    done = await resolve(client.image2video.create_and_wait(**video, effect_code=squish.effect_code))
    assert (done.status, done.effect_code, done.effect_name) == (
        JobStatus.COMPLETED,
        squish.effect_code,
        "Squish",
    )


async def test_an_unknown_effect_is_refused(client: Client) -> None:
    with pytest.raises(ValidationError) as caught:
        await resolve(client.image2video.create(**VIDEO, effect_code="no_such_effect"))
    assert "effect_code" in caught.value.msg


async def test_audio_type_2_needs_an_audio_url(client: Client) -> None:
    with pytest.raises(ValidationError) as caught:
        await resolve(client.image2video.create(**{**VIDEO, "audio_type": 2}))
    assert "audio_url" in caught.value.msg


async def test_create_batch_answers_waitable_jobs_and_the_error_list(client: Client) -> None:
    batch = await resolve(client.image2video.create_batch(**BATCH, count=3, negative_prompt="blurry"))
    assert isinstance(batch, Image2VideoBatch)
    assert len(batch.jobs) == 3
    assert batch.jobs == batch.success_list
    assert batch.error_list == ()
    assert {job.operation for job in batch.jobs} == {"image2video.create_batch"}
    assert {(job.batch_count, job.model_name) for job in batch.jobs} == {(3, BATCH["model_name"])}
    done = await resolve(client.wait(batch.jobs[1]))
    assert (done.id, done.status) == (batch.jobs[1].id, JobStatus.COMPLETED)
    results = await resolve(client.image2video.get_results(ids=[job.id for job in batch.jobs]))
    assert [result.id for result in results] == [job.id for job in batch.jobs]
    assert all(result.status is JobStatus.COMPLETED for result in results)


async def test_create_batch_and_wait_finishes_every_video(client: Client) -> None:
    batch = await resolve(
        client.image2video.create_batch_and_wait(**BATCH, count=2, last_image_url=IMAGE, extend_prompt=False)
    )
    assert isinstance(batch, Image2VideoBatch)
    assert len(batch.jobs) == 2
    assert all(job.status is JobStatus.COMPLETED and job.video_url for job in batch.jobs)
    assert {job.last_image_url for job in batch.jobs} == {IMAGE}


async def test_a_batch_with_an_unknown_effect_lists_its_videos_as_errors(client: Client) -> None:
    batch = await resolve(client.image2video.create_batch(**BATCH, count=2, effect_code="no_such_effect"))
    assert batch.jobs == ()
    assert [item["index"] for item in batch.error_list] == [0, 1]
    assert all("effect_code" in item["msg"] for item in batch.error_list)


async def test_a_batch_with_an_unknown_model_is_refused(client: Client) -> None:
    with pytest.raises(ValidationError) as caught:
        await resolve(client.image2video.create_batch(**{**BATCH, "model_name": "no-such-model"}))
    assert "model_name" in caught.value.msg


async def test_a_failed_video_raises_job_failed(client: Client, akool: FakeAkool) -> None:
    job = await resolve(client.image2video.create(**VIDEO))
    akool.jobs.fail(job.id, "the image could not be animated")
    with pytest.raises(JobFailedError) as caught:
        await resolve(client.wait(job))
    assert (caught.value.job_id, caught.value.operation) == (job.id, "image2video.create")
    assert (
        caught.value.reason is None
    )  # image to video jobs have no failure field (catalog: failure_field null)


def failing_sleep(kind: str, akool: FakeAkool) -> Any:
    """A `sleep` that fails the first video of the batch on its first call, then advances the clock."""

    def fail_then_advance(seconds: float) -> None:
        pending = [job for job in akool.jobs.all("image2video.create_batch") if job.status < 3]
        if len(pending) == 2:
            akool.jobs.fail(min(pending, key=lambda job: job.fields["create_time"]).id, "model error")
        akool.clock.advance(seconds)

    if kind == "sync":
        return fail_then_advance

    async def sleep(seconds: float) -> None:
        fail_then_advance(seconds)

    return sleep


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_a_failed_video_fails_create_batch_and_wait(akool: FakeAkool, kind: str) -> None:
    client = make_client(kind, akool, sleep=failing_sleep(kind, akool))
    try:
        with pytest.raises(JobFailedError) as caught:
            await resolve(client.image2video.create_batch_and_wait(**BATCH, count=2))
    finally:
        await close(client)
    assert caught.value.operation == "image2video.create_batch"


async def test_create_batch_and_wait_bounds_the_whole_wait(client: Client) -> None:
    with pytest.raises(WaitTimeoutError) as caught:
        await resolve(client.image2video.create_batch_and_wait(**BATCH, count=2, timeout=5, interval=1))
    assert caught.value.operation == "image2video.create_batch"


async def test_update_audio_and_wait(client: Client) -> None:
    video = await resolve(client.image2video.create_and_wait(**VIDEO))
    queued = await resolve(client.image2video.update_audio(pre_video_id=video.id, audio_type=1))
    assert (queued.status, queued.operation) == (JobStatus.QUEUED, "image2video.update_audio")
    assert (queued.only_add_audio, queued.pre_video_id, queued.deduction_credit) == (True, video.id, 5)
    done = await resolve(
        client.image2video.update_audio_and_wait(pre_video_id=video.id, audio_type=2, audio_url=AUDIO)
    )
    assert (done.status, done.audio_url, done.audio_type) == (JobStatus.COMPLETED, AUDIO, 2)
    assert done.video_url


async def test_update_audio_needs_a_finished_video(client: Client) -> None:
    pending = await resolve(client.image2video.create(**VIDEO))
    with pytest.raises(ValidationError, match="processing"):
        await resolve(client.image2video.update_audio(pre_video_id=pending.id, audio_type=1))
    with pytest.raises(NotFoundError) as caught:
        await resolve(client.image2video.update_audio(pre_video_id=UNKNOWN, audio_type=1))
    assert caught.value.code == 1008


async def test_get_results_leaves_unknown_ids_out(client: Client) -> None:
    job = await resolve(client.image2video.create(**VIDEO))
    results = await resolve(client.image2video.get_results(ids=f"{job.id},{UNKNOWN}"))
    assert [(result.id, result.status) for result in results] == [(job.id, JobStatus.QUEUED)]
    assert await resolve(client.image2video.get_results(ids=[UNKNOWN])) == ()


async def test_delete_reports_what_it_could_not_delete(client: Client) -> None:
    done = await resolve(client.image2video.create_and_wait(**VIDEO))
    running = await resolve(client.image2video.create(**VIDEO))
    deletion = await resolve(client.image2video.delete(ids=[done.id, running.id, UNKNOWN]))
    assert isinstance(deletion, Image2VideoDeletion)
    assert deletion.success_ids == (done.id,)
    refused = {item.id: item.msg for item in deletion.no_permission_items}
    assert set(refused) == {running.id, UNKNOWN}
    assert "processing" in refused[running.id]
    assert await resolve(client.image2video.get_results(ids=done.id)) == ()
