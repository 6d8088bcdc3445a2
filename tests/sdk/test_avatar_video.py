"""client.avatars.create_video (v3 Create Avatar Video of the 2026 docs), sync and async."""

from __future__ import annotations

import pytest

from akool_mock.sdk import JobStatus, ValidationError
from akool_mock.sdk.types.avatar_video import AvatarVideoJob, Scene
from tests.sdk.support import Client, resolve

pytestmark = pytest.mark.anyio
SCENE: Scene = {
    "voice": {"voice_url": "https://example.com/voice.mp3"},
    "elements": [{"type": "avatar", "avatar_id": "Barbara_in_Black_suit_20231121", "layer_number": 1}],
    "duration": 5000,
}


async def test_create_video_then_wait(client: Client) -> None:
    job = await resolve(client.avatars.create_video(scenes=[SCENE], webhook_url=""))
    assert isinstance(job, AvatarVideoJob)
    assert (job.status, job.operation, job.video_lock_duration) == (
        JobStatus.QUEUED,
        "avatars.create_video",
        5,
    )
    done = await resolve(client.wait(job))
    assert done.status is JobStatus.COMPLETED
    assert str(done.video).endswith(".mp4")


async def test_create_video_and_wait_and_a_scene_without_voice(client: Client) -> None:
    done = await resolve(client.avatars.create_video_and_wait(scenes=[SCENE, SCENE], duration=12000))
    assert done.status is JobStatus.COMPLETED
    with pytest.raises(ValidationError, match="voice"):
        await resolve(client.avatars.create_video(scenes=[{**SCENE, "voice": {}}]))
