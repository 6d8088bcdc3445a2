"""client.talking_photo: animate a photo so that it speaks an audio track.

Pages: https://docs.akool.com/ai-tools-suite/talking-photo/create-video and
https://docs.akool.com/ai-tools-suite/talking-photo. The job is polled with videos.get_result;
`client.wait(job)` and `create_and_wait` do that for you.
"""

from __future__ import annotations

from akool_mock.sdk import _constants as defaults
from akool_mock.sdk._async.resources._base import AsyncResource
from akool_mock.sdk.types._base import from_wire
from akool_mock.sdk.types.talking_photo import NAMES, Resolution, TalkingPhotoJob
from akool_mock.sdk.types.videos import VideoResult


class AsyncTalkingPhoto(AsyncResource):
    async def create(
        self,
        *,
        talking_photo_url: str,
        audio_url: str,
        prompt: str | None = None,
        resolution: Resolution | None = None,
        webhook_url: str | None = None,
    ) -> TalkingPhotoJob:
        """Make the photo at `talking_photo_url` speak the audio at `audio_url`. `prompt` guides hand
        gestures and movement; `resolution` is 720 (default) or 1080 (sent as the string the API
        documents); `webhook_url` is told of status changes ("" for none)."""
        body = NAMES.to_wire(
            talking_photo_url=talking_photo_url,
            audio_url=audio_url,
            prompt=prompt,
            resolution=None if resolution is None else str(resolution),
            webhook_url=webhook_url,
        )
        data = await self._call("talking_photo.create", json=body)
        return from_wire(TalkingPhotoJob, data, "talking_photo.create", operation="talking_photo.create")

    async def create_and_wait(
        self,
        *,
        talking_photo_url: str,
        audio_url: str,
        prompt: str | None = None,
        resolution: Resolution | None = None,
        webhook_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> VideoResult:
        """`create`, then `client.wait` for the result (its `video` URL)."""
        job = await self.create(
            talking_photo_url=talking_photo_url,
            audio_url=audio_url,
            prompt=prompt,
            resolution=resolution,
            webhook_url=webhook_url,
        )
        return await self._client.wait(job, timeout=timeout, interval=interval)
