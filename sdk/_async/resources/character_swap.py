"""client.character_swap: animate a character image with the motion of a video, or put it in the video.

Pages: https://docs.akool.com/ai-tools-suite/character-swap/create and
https://docs.akool.com/ai-tools-suite/character-swap/character-swap (Pro plan). The job is polled with
videos.get_result; `client.wait(job)` and `create_and_wait` do that for you.
"""

from __future__ import annotations

from akool_mock.sdk import _constants as defaults
from akool_mock.sdk._async.resources._base import AsyncResource
from akool_mock.sdk.types._base import from_wire
from akool_mock.sdk.types.character_swap import NAMES, CharacterSwapJob, Mode, Resolution
from akool_mock.sdk.types.videos import VideoResult


class AsyncCharacterSwap(AsyncResource):
    async def create(
        self,
        *,
        image: str,
        video: str,
        duration: float | None = None,
        resolution: Resolution | None = None,
        mode: Mode | None = None,
        prompt: str | None = None,
        model_name: str | None = None,
        webhook_url: str | None = None,
    ) -> CharacterSwapJob:
        """Swap the character of the image at `image` (PNG or JPEG) into the video at `video` (MP4, at most
        120 s): `mode` "animate" (default) moves the character with the video's motion, "replace" replaces
        the person in the video. `duration` (1-120 s) is detected when absent; `resolution` 480p, 720p
        (default) or 1080p; `prompt` at most 500 characters; `webhook_url` is told of status changes.

        Cost: per started 5 seconds of video, 5 credits at 480p, 10 at 720p, 15 at 1080p (12 s at 720p:
        30 credits); the answer's `deduction_credit` says what was charged.
        """
        body = NAMES.to_wire(
            image=image,
            video=video,
            duration=duration,
            resolution=resolution,
            mode=mode,
            prompt=prompt,
            model_name=model_name,
            webhook_url=webhook_url,
        )
        data = await self._call("character_swap.create", json=body)
        return from_wire(CharacterSwapJob, data, "character_swap.create", operation="character_swap.create")

    async def create_and_wait(
        self,
        *,
        image: str,
        video: str,
        duration: float | None = None,
        resolution: Resolution | None = None,
        mode: Mode | None = None,
        prompt: str | None = None,
        model_name: str | None = None,
        webhook_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> VideoResult:
        """`create`, then `client.wait` for the result (its `video` URL). A failure raises JobFailedError
        with Akool's `faceswap_fail_reason`."""
        job = await self.create(
            image=image,
            video=video,
            duration=duration,
            resolution=resolution,
            mode=mode,
            prompt=prompt,
            model_name=model_name,
            webhook_url=webhook_url,
        )
        return await self._client.wait(job, timeout=timeout, interval=interval)
