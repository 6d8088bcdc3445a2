"""client.talking_avatar: a video of an avatar speaking, over a background.

Page: https://docs.akool.com/ai-tools-suite/talking-avatar. Avatars come from client.avatars (official
ones, or your uploads), voices for spoken text from client.voices. The job is polled with
videos.get_result; `client.wait(job)` and `create_and_wait` do that for you.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from akool_mock.sdk import _constants as defaults
from akool_mock.sdk._async.resources._base import AsyncResource
from akool_mock.sdk.types._base import from_wire
from akool_mock.sdk.types.talking_avatar import NAMES, AvatarFrom, Element, TalkingAvatarJob
from akool_mock.sdk.types.videos import VideoResult


class AsyncTalkingAvatar(AsyncResource):
    async def create(
        self,
        *,
        avatar_from: AvatarFrom,
        elements: Sequence[Element],
        width: Literal[3840] = 3840,
        height: Literal[2160] = 2160,
        webhook_url: str | None = None,
    ) -> TalkingAvatarJob:
        """Render a talking avatar video from `elements`: typically an `ImageElement` background, an
        `AvatarElement` and an `AudioElement` (sdk.types.talking_avatar), e.g.

            full = {"scale_x": 1, "scale_y": 1, "offset_x": 1920, "offset_y": 1080}
            elements=[
                {"type": "image", "url": "#ffffff", **full},
                {"type": "avatar", "avatar_id": avatar.avatar_id, **full},
                {"type": "audio", "url": "https://example.com/speech.mp3"},
            ]

        `avatar_from` is the avatar's `source` in avatars.list: 2 official, 3 your own (also when the avatar
        element gives a `url`). The output is 3840x2160 (the only size Akool accepts). A missing or
        unfinished avatar or voice raises ValidationError naming the element.
        """
        body = NAMES.to_wire(
            width=width, height=height, avatar_from=avatar_from, elements=elements, webhook_url=webhook_url
        )
        data = await self._call("talking_avatar.create", json=body)
        return from_wire(TalkingAvatarJob, data, "talking_avatar.create", operation="talking_avatar.create")

    async def create_and_wait(
        self,
        *,
        avatar_from: AvatarFrom,
        elements: Sequence[Element],
        width: Literal[3840] = 3840,
        height: Literal[2160] = 2160,
        webhook_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> VideoResult:
        """`create`, then `client.wait` for the result (its `video` URL)."""
        job = await self.create(
            avatar_from=avatar_from, elements=elements, width=width, height=height, webhook_url=webhook_url
        )
        return await self._client.wait(job, timeout=timeout, interval=interval)
