"""client.videos: the one poll of every video job (talking photo, talking avatar, lip-sync, character swap,
video translation).

Page: https://docs.akool.com/ai-tools-suite/talking-photo/get-result (and each product's "Get Video Info
Result"). `client.wait(job)` and the products' `create_and_wait` poll it for you.
"""

from __future__ import annotations

from akool_mock.sdk._async.resources._base import AsyncResource
from akool_mock.sdk.types._base import from_wire
from akool_mock.sdk.types.videos import NAMES, VideoResult


class AsyncVideos(AsyncResource):
    async def get_result(self, *, id: str) -> VideoResult:
        """One video job by its `id` (the `_id` its create answered; sent as video_model_id): its status,
        and once it is 3 the result URL in `video`. Raises NotFoundError (1008) for an unknown id or
        another account's job. Result links are valid for 7 days: save the video."""
        data = await self._call("videos.get_result", params=NAMES.to_wire(id=id))
        return from_wire(VideoResult, data, "videos.get_result")
