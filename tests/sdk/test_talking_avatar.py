"""client.talking_avatar against the in-process fake, sync and async."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk import JobFailedError, JobStatus, ValidationError
from akool_mock.sdk.types.talking_avatar import (
    AudioElement,
    AvatarElement,
    Element,
    ImageElement,
    TalkingAvatarJob,
)
from tests.sdk.support import AUDIO, VIDEO, Client, resolve

pytestmark = pytest.mark.anyio

STOCK_AVATAR = "Yasmin_in_White_shirt_20231121"  # an official avatar (fixtures/canonical/avatars.json)
STOCK_VOICE = "6889b628662160e2caad5dbc"  # an Akool voice (fixtures/canonical/voices.json)
BACKGROUND: ImageElement = {
    "type": "image",
    "url": "#aabbcc",
    "scale_x": 1,
    "scale_y": 1,
    "offset_x": 1920,
    "offset_y": 1080,
}
AVATAR: AvatarElement = {
    "type": "avatar",
    "avatar_id": STOCK_AVATAR,
    "scale_x": 1,
    "scale_y": 1,
    "offset_x": 1920,
    "offset_y": 1080,
    "width": 1080,
    "height": 1080,
}
SPEECH: AudioElement = {"type": "audio", "url": AUDIO}
ELEMENTS: Sequence[Element] = [BACKGROUND, AVATAR, SPEECH]


async def test_create_answers_a_queued_job_that_wait_finishes(client: Client) -> None:
    job = await resolve(client.talking_avatar.create(avatar_from=2, elements=ELEMENTS, webhook_url=""))
    assert isinstance(job, TalkingAvatarJob)
    assert (job.status, job.operation, job.video) == (JobStatus.QUEUED, "talking_avatar.create", "")
    assert job.task_id
    result = await resolve(client.wait(job, interval=1))
    assert (result.id, result.status) == (job.id, JobStatus.COMPLETED)
    assert result.video


async def test_create_and_wait_with_spoken_text(client: Client) -> None:
    text: AudioElement = {"type": "audio", "input_text": "Hello there", "voice_id": STOCK_VOICE}
    result = await resolve(
        client.talking_avatar.create_and_wait(avatar_from=2, elements=[BACKGROUND, AVATAR, text], interval=1)
    )
    assert result.status is JobStatus.COMPLETED


async def test_an_uploaded_avatar_once_it_is_ready(client: Client) -> None:
    record = await resolve(
        client.avatars.create_and_wait(url=VIDEO, avatar_id="mine1", name="Me", type=1, interval=1)
    )
    own: AvatarElement = {**AVATAR, "avatar_id": record.avatar_id or ""}
    job = await resolve(client.talking_avatar.create(avatar_from=3, elements=[BACKGROUND, own, SPEECH]))
    assert job.status is JobStatus.QUEUED


async def test_an_unknown_avatar_is_a_validation_error_naming_the_element(client: Client) -> None:
    missing: AvatarElement = {**AVATAR, "avatar_id": "no_such_avatar"}
    with pytest.raises(ValidationError) as caught:
        await resolve(client.talking_avatar.create(avatar_from=2, elements=[BACKGROUND, missing, SPEECH]))
    assert caught.value.msg.startswith("elements[1].avatar_id")


async def test_a_failed_job_raises_job_failed(client: Client, akool: FakeAkool) -> None:
    job = await resolve(client.talking_avatar.create(avatar_from=2, elements=ELEMENTS))
    akool.jobs.fail(job.id, "render failed")
    with pytest.raises(JobFailedError) as caught:
        await resolve(client.wait(job))
    assert caught.value.job_id == job.id
