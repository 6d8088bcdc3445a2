"""client.image2video: Image to Video (v4): animate an image with a prompt or an effect, one video or a
batch, add audio to a video, list effects, read and delete results.

Page: https://docs.akool.com/ai-tools-suite/image2video (models for batches:
https://docs.akool.com/ai-tools-suite/aimodel). Every video job is polled with `get_results` by its `id`;
`client.wait(job)` and the `*_and_wait` methods do that for you.

Pricing (from the page): 5 s videos cost 20 / 25 / 30 credits at 720p / 1080p / 4k, 10 s videos 40 / 50 /
60; batch prices may vary by model (its `resolution_list` `unit_credit`). Adding audio to a video costs 5
credits (5 s) or 10 (10 s); audio made together with the video is free.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from akool_mock.sdk import _constants as defaults
from akool_mock.sdk._async.resources._base import AsyncResource, joined, member
from akool_mock.sdk.types._base import from_wire, many
from akool_mock.sdk.types.image2video import (
    NAMES,
    AddedAudioType,
    AudioType,
    EffectList,
    Image2VideoBatch,
    Image2VideoDeletion,
    Image2VideoResult,
    Resolution,
    VideoLength,
)

BATCH = "image2video.create_batch"


def _batch(data: Any) -> Image2VideoBatch:
    """The batch answer, its jobs marked as made by create_batch."""
    batch = from_wire(Image2VideoBatch, data, BATCH)
    jobs = tuple(dataclasses.replace(job, operation=BATCH) for job in batch.success_list)
    return dataclasses.replace(batch, success_list=jobs)


class AsyncImage2Video(AsyncResource):
    async def _job(self, op_id: str, **params: Any) -> Image2VideoResult:
        data = await self._call(op_id, json=NAMES.to_wire(**params))
        return from_wire(Image2VideoResult, data, op_id, operation=op_id)

    async def create(
        self,
        *,
        image_url: str,
        prompt: str,
        resolution: Resolution,
        video_length: VideoLength,
        audio_type: AudioType,
        negative_prompt: str = "",
        audio_url: str | None = None,
        extend_prompt: bool | None = None,
        is_premium_model: bool | None = None,
        effect_code: str | None = None,
        webhook_url: str | None = None,
    ) -> Image2VideoResult:
        """Animate the image at `image_url` into one video as `prompt` describes (or with the effect
        `effect_code` of `list_effects`: the prompt may then be empty), avoiding `negative_prompt`.
        `audio_type` 2 needs `audio_url`. Costs 20 / 25 / 30 credits (720p / 1080p / 4k) for 5 s, twice
        that for 10 s."""
        return await self._job(
            "image2video.create",
            image_url=image_url,
            prompt=prompt,
            resolution=resolution,
            video_length=video_length,
            audio_type=audio_type,
            negative_prompt=negative_prompt,
            audio_url=audio_url,
            extend_prompt=extend_prompt,
            is_premium_model=is_premium_model,
            effect_code=effect_code,
            webhook_url=webhook_url,
        )

    async def create_and_wait(
        self,
        *,
        image_url: str,
        prompt: str,
        resolution: Resolution,
        video_length: VideoLength,
        audio_type: AudioType,
        negative_prompt: str = "",
        audio_url: str | None = None,
        extend_prompt: bool | None = None,
        is_premium_model: bool | None = None,
        effect_code: str | None = None,
        webhook_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> Image2VideoResult:
        """`create`, then `client.wait` for the video (its `video_url`)."""
        job = await self.create(
            image_url=image_url,
            prompt=prompt,
            resolution=resolution,
            video_length=video_length,
            audio_type=audio_type,
            negative_prompt=negative_prompt,
            audio_url=audio_url,
            extend_prompt=extend_prompt,
            is_premium_model=is_premium_model,
            effect_code=effect_code,
            webhook_url=webhook_url,
        )
        return await self._client.wait(job, timeout=timeout, interval=interval)

    async def create_batch(
        self,
        *,
        image_url: str,
        prompt: str,
        resolution: str,
        video_length: int,
        model_name: str | None = None,
        count: int | None = None,
        negative_prompt: str | None = None,
        extend_prompt: bool | None = None,
        last_image_url: str | None = None,
        audio_type: AudioType | None = None,
        audio_url: str | None = None,
        is_premium_model: bool | None = None,
        effect_code: str | None = None,
        webhook_url: str | None = None,
    ) -> Image2VideoBatch:
        """Animate one image into `count` videos (1-10) with the model `model_name` (a `value` of
        `client.models.list(types=[1501])`; `resolution` and `video_length` from its lists). The answer's
        `jobs` are the videos made, `error_list` those refused. Priced like `create`, or by the model's
        `unit_credit`."""
        body = NAMES.to_wire(
            image_url=image_url,
            prompt=prompt,
            resolution=resolution,
            video_length=video_length,
            model_name=model_name,
            count=count,
            negative_prompt=negative_prompt,
            extend_prompt=extend_prompt,
            last_image_url=last_image_url,
            audio_type=audio_type,
            audio_url=audio_url,
            is_premium_model=is_premium_model,
            effect_code=effect_code,
            webhook_url=webhook_url,
        )
        return _batch(await self._call(BATCH, json=body))

    async def create_batch_and_wait(
        self,
        *,
        image_url: str,
        prompt: str,
        resolution: str,
        video_length: int,
        model_name: str | None = None,
        count: int | None = None,
        negative_prompt: str | None = None,
        extend_prompt: bool | None = None,
        last_image_url: str | None = None,
        audio_type: AudioType | None = None,
        audio_url: str | None = None,
        is_premium_model: bool | None = None,
        effect_code: str | None = None,
        webhook_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> Image2VideoBatch:
        """`create_batch`, then wait for every video (`timeout` bounds the whole wait): the batch with its
        `jobs` finished and `error_list` as answered. The first failed video raises JobFailedError."""
        batch = await self.create_batch(
            image_url=image_url,
            prompt=prompt,
            resolution=resolution,
            video_length=video_length,
            model_name=model_name,
            count=count,
            negative_prompt=negative_prompt,
            extend_prompt=extend_prompt,
            last_image_url=last_image_url,
            audio_type=audio_type,
            audio_url=audio_url,
            is_premium_model=is_premium_model,
            effect_code=effect_code,
            webhook_url=webhook_url,
        )
        return await self._wait_all(batch, timeout=timeout, interval=interval)

    async def _wait_all(
        self, batch: Image2VideoBatch, *, timeout: float, interval: float
    ) -> Image2VideoBatch:
        deadline = self._client._clock() + timeout
        done = []
        for job in batch.success_list:
            left = max(deadline - self._client._clock(), 0.0)
            done.append(await self._client.wait(job, timeout=left, interval=interval))
        return dataclasses.replace(batch, success_list=tuple(done))

    async def get_results(self, *, ids: str | Sequence[str]) -> tuple[Image2VideoResult, ...]:
        """Status and `video_url` of video jobs by `id`; unknown ids are left out of the answer."""
        data = await self._call("image2video.get_results", json=NAMES.to_wire(ids=joined(ids)))
        return many(Image2VideoResult, member(data, "result"), "image2video.get_results")

    async def list_effects(self) -> EffectList:
        """The effects whose `effect_code` `create` and `create_batch` take."""
        return from_wire(EffectList, await self._call("image2video.list_effects"), "image2video.list_effects")

    async def update_audio(
        self, *, pre_video_id: str, audio_type: AddedAudioType, audio_url: str | None = None
    ) -> Image2VideoResult:
        """Add audio to the finished video `pre_video_id`: AI generated (`audio_type` 1) or yours at
        `audio_url` (2). A new video job; 5 credits for a 5 s video, 10 for 10 s."""
        return await self._job(
            "image2video.update_audio", pre_video_id=pre_video_id, audio_type=audio_type, audio_url=audio_url
        )

    async def update_audio_and_wait(
        self,
        *,
        pre_video_id: str,
        audio_type: AddedAudioType,
        audio_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> Image2VideoResult:
        """`update_audio`, then `client.wait` for the new video."""
        job = await self.update_audio(pre_video_id=pre_video_id, audio_type=audio_type, audio_url=audio_url)
        return await self._client.wait(job, timeout=timeout, interval=interval)

    async def delete(self, *, ids: str | Sequence[str]) -> Image2VideoDeletion:
        """Delete finished videos by `id`; running and unknown ones are listed in the answer, not raised."""
        data = await self._call("image2video.delete", json=NAMES.to_wire(ids=joined(ids)))
        return from_wire(Image2VideoDeletion, data, "image2video.delete")
