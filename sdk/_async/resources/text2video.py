"""client.text2video: Text to Video, videos made from a text prompt (Akool's 2026 docs).

Page: https://docs.akool.com/ai-tools-suite/text2video. A batch makes 1 to 10 videos; each is a job that
`client.wait` finishes through image2video.get_results, as the page says.
"""

from __future__ import annotations

from akool_mock.sdk import _constants as defaults
from akool_mock.sdk._async.resources._base import AsyncResource
from akool_mock.sdk.types._base import from_wire
from akool_mock.sdk.types.image2video import Image2VideoResult
from akool_mock.sdk.types.text2video import NAMES, Text2VideoBatch


class AsyncText2Video(AsyncResource):
    async def create_batch(
        self,
        *,
        prompt: str,
        model_name: str | None = None,
        negative_prompt: str | None = None,
        extend_prompt: bool | None = None,
        resolution: str | None = None,
        video_length: int | None = None,
        count: int | None = None,
        webhook_url: str | None = None,
    ) -> Text2VideoBatch:
        """Make `count` videos (1-10, default 1) of `video_length` seconds (default 5) at `resolution`
        (default 720p) from `prompt`, with the model `model_name` (a `value` of
        `client.models.list(types=[1502])`). Costs 20 / 25 / 30 credits per 5-second video (720p / 1080p /
        4k), twice that for 10 seconds."""
        body = NAMES.to_wire(
            prompt=prompt,
            model_name=model_name,
            negative_prompt=negative_prompt,
            extend_prompt=extend_prompt,
            resolution=resolution,
            video_length=video_length,
            count=count,
        )
        if webhook_url is not None:
            body["webhookurl"] = webhook_url  # the page spells it in lower case
        data = await self._call("text2video.create_batch", json=body)
        return from_wire(Text2VideoBatch, data, "text2video.create_batch")

    async def create_batch_and_wait(
        self,
        *,
        prompt: str,
        model_name: str | None = None,
        resolution: str | None = None,
        video_length: int | None = None,
        count: int | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> tuple[Image2VideoResult, ...]:
        """`create_batch`, then `client.wait` for every video made."""
        batch = await self.create_batch(
            prompt=prompt,
            model_name=model_name,
            resolution=resolution,
            video_length=video_length,
            count=count,
        )
        done = []
        for job in batch.jobs:
            done.append(await self._client.wait(job, timeout=timeout, interval=interval))
        return tuple(done)
