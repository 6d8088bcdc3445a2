"""client.headswap: Head Swap, a two-stage job (Akool's 2026 docs).

Pages: https://docs.akool.com/ai-tools-suite/head-swap/head-swap. First `submit_analysis` of the source video
and wait for it: its `analysis_result.media` lists the people found (`obj_id`). Then `create_task` with the
identical `video_url` and `mappings` of those `obj_id`s to reference faces, and wait for the output video.
"""

from __future__ import annotations

from collections.abc import Sequence

from akool_mock.sdk import _constants as defaults
from akool_mock.sdk._async.resources._base import AsyncResource
from akool_mock.sdk.types._base import from_wire
from akool_mock.sdk.types.headswap import (
    NAMES,
    CreatedHeadSwapTask,
    HeadMapping,
    HeadSwapTask,
    PersonAnalysis,
    Resolution,
)


class AsyncHeadswap(AsyncResource):
    async def submit_analysis(self, *, video_url: str) -> PersonAnalysis:
        """Detect the people in a source video (about 3 to 20 seconds). Free."""
        data = await self._call("headswap.submit_analysis", json={"video_url": video_url, "type": "head"})
        return from_wire(
            PersonAnalysis, data, "headswap.submit_analysis", operation="headswap.submit_analysis"
        )

    async def submit_analysis_and_wait(
        self,
        *,
        video_url: str,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> PersonAnalysis:
        """`submit_analysis`, then `client.wait` until the people are known."""
        analysis = await self.submit_analysis(video_url=video_url)
        return await self._client.wait(analysis, timeout=timeout, interval=interval)

    async def get_analysis(self, *, id: str) -> PersonAnalysis:
        """One analysis by its `id`. NotFoundError (1014) for an unknown id."""
        data = await self._call("headswap.get_analysis", params={"_id": id})
        return from_wire(PersonAnalysis, data, "headswap.get_analysis")

    async def create_task(
        self,
        *,
        video_url: str,
        mappings: Sequence[HeadMapping],
        resolution: Resolution,
        model_name: str = "akool-premium",
        template_id: str | None = None,
        keep_original_sound: bool | None = None,
        webhook_url: str | None = None,
    ) -> CreatedHeadSwapTask:
        """Swap heads in `video_url`, which needs a completed analysis (ValidationError otherwise): each of
        the 1 to 5 `mappings` gives a detected `obj_id` its reference face `img_url`. Costs 10 credits per
        second of video (InsufficientCreditError, 1104, when the balance is short)."""
        body = NAMES.to_wire(
            video_url=video_url,
            mappings=list(mappings),
            model_name=model_name,
            resolution=resolution,
            template_id=template_id,
            keep_original_sound=keep_original_sound,
            webhook_url=webhook_url,
        )
        data = await self._call("headswap.create_task", json=body)
        return from_wire(CreatedHeadSwapTask, data, "headswap.create_task", operation="headswap.create_task")

    async def create_task_and_wait(
        self,
        *,
        video_url: str,
        mappings: Sequence[HeadMapping],
        resolution: Resolution,
        model_name: str = "akool-premium",
        webhook_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> HeadSwapTask:
        """`create_task`, then `client.wait` for the output `video_url`."""
        task = await self.create_task(
            video_url=video_url,
            mappings=mappings,
            resolution=resolution,
            model_name=model_name,
            webhook_url=webhook_url,
        )
        return await self._client.wait(task, timeout=timeout, interval=interval)

    async def get_task(self, *, id: str) -> HeadSwapTask:
        """One head swap task by its `id` (not the analysis id). NotFoundError (1014) for an unknown id."""
        data = await self._call("headswap.get_task", params={"_id": id})
        return from_wire(HeadSwapTask, data, "headswap.get_task")
