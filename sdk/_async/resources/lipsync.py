"""client.lipsync: make a video's mouth movements follow an audio track.

Page: https://docs.akool.com/ai-tools-suite/lip-sync. The job is polled with videos.get_result;
`client.wait(job)` and `create_and_wait` do that for you.
"""

from __future__ import annotations

from akool_mock.sdk import _constants as defaults
from akool_mock.sdk._async.resources._base import AsyncResource
from akool_mock.sdk.types._base import from_wire
from akool_mock.sdk.types.lipsync import NAMES, LipsyncJob
from akool_mock.sdk.types.videos import VideoResult


class AsyncLipsync(AsyncResource):
    async def create(self, *, video_url: str, audio_url: str, webhook_url: str | None = None) -> LipsyncJob:
        """Lip-sync the video at `video_url` to the audio at `audio_url` (best the same length; a video
        above 25 fps gives a worse result). `webhook_url` is told of status changes ("" for none)."""
        body = NAMES.to_wire(video_url=video_url, audio_url=audio_url, webhook_url=webhook_url)
        data = await self._call("lipsync.create", json=body)
        return from_wire(LipsyncJob, data, "lipsync.create", operation="lipsync.create")

    async def create_and_wait(
        self,
        *,
        video_url: str,
        audio_url: str,
        webhook_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> VideoResult:
        """`create`, then `client.wait` for the result (its `video` URL)."""
        job = await self.create(video_url=video_url, audio_url=audio_url, webhook_url=webhook_url)
        return await self._client.wait(job, timeout=timeout, interval=interval)
