"""client.avatars: official Akool avatars and your own, uploaded from a video (v3).

Pages: https://docs.akool.com/ai-tools-suite/talking-avatar (list, detail, upload) and
https://docs.akool.com/ai-tools-suite/live-avatar/upload (streaming avatars). An upload is a job followed
with `get`; `client.wait(record)` and `create_and_wait` do that for you.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from akool_mock.sdk import _constants as defaults
from akool_mock.sdk._async.resources._base import AsyncResource
from akool_mock.sdk.errors import UnexpectedResponseError
from akool_mock.sdk.types._base import from_wire, many
from akool_mock.sdk.types.avatar_video import AvatarVideoJob, Scene
from akool_mock.sdk.types.avatars import NAMES, Avatar, AvatarRecord, AvatarSource, AvatarType, UrlFrom
from akool_mock.sdk.types.videos import VideoResult


def _record(data: Any, op_id: str, record_id: str | None = None) -> AvatarRecord:
    # avatars.get answers the record in a one-item array; avatars.create an object (or such an array).
    if isinstance(data, list):
        found = [item for item in data if isinstance(item, Mapping) and record_id in (None, item.get("_id"))]
        if not found:
            raise UnexpectedResponseError(f"the answer has no avatar record {record_id or ''}", op_id)
        data = found[0]
    return from_wire(AvatarRecord, data, op_id, operation=op_id)


class AsyncAvatars(AsyncResource):
    async def create(
        self,
        *,
        url: str,
        avatar_id: str,
        name: str,
        type: AvatarType,
        url_from: UrlFrom | None = None,
        webhook_url: str | None = None,
    ) -> AvatarRecord:
        """Upload an avatar from the video at `url` (about a minute, the face clear and turning only
        slightly): `type` 1 a talking avatar, 2 a streaming avatar; `avatar_id` your unique id for it
        (letters and digits only); `url_from` 2 when `url` is a YouTube, TikTok, X or Google Drive page.
        The record answers with status 1: the avatar is usable once it is 3 (`client.wait(record)`).
        An `avatar_id` you already use raises ConflictError (1222)."""
        body = NAMES.to_wire(
            url=url, avatar_id=avatar_id, name=name, type=type, url_from=url_from, webhook_url=webhook_url
        )
        return _record(await self._call("avatars.create", json=body), "avatars.create")

    async def create_and_wait(
        self,
        *,
        url: str,
        avatar_id: str,
        name: str,
        type: AvatarType,
        url_from: UrlFrom | None = None,
        webhook_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> AvatarRecord:
        """`create`, then `client.wait` until the avatar is usable (status 3)."""
        record = await self.create(
            url=url, avatar_id=avatar_id, name=name, type=type, url_from=url_from, webhook_url=webhook_url
        )
        return await self._client.wait(record, timeout=timeout, interval=interval)

    async def list(
        self,
        *,
        source: AvatarSource | None = None,
        type: AvatarType | None = None,
        page: int | None = None,
        size: int | None = None,
    ) -> tuple[Avatar, ...]:
        """One page (`size`, default 100) of the avatars: official ones (`source` 2) and your uploads
        (`source` 3), talking (`type` 1) or streaming (`type` 2); all of them when not filtered."""
        params = NAMES.to_wire(source=source, type=type, page=page, size=size)
        return many(Avatar, await self._call("avatars.list", params=params), "avatars.list")

    async def get(self, *, id: str) -> AvatarRecord:
        """One avatar record by its `id` (the record's `_id`, not its `avatar_id`), with its status.
        Raises NotFoundError (1008) for an unknown id or another account's upload."""
        data = await self._call("avatars.get", params=NAMES.to_wire(id=id))
        return _record(data, "avatars.get", id)

    async def create_video(
        self, *, scenes: Sequence[Scene], duration: float | None = None, webhook_url: str | None = None
    ) -> AvatarVideoJob:
        """Compose a video of `scenes` (each with a voice and elements: avatars, images, videos), the v3
        Create Avatar Video of the 2026 docs; `duration` in milliseconds defaults to the scenes' sum."""
        body: dict[str, Any] = {"data": [dict(scene) for scene in scenes]}
        if duration is not None:
            body["duration"] = duration
        if webhook_url is not None:
            body["webhookUrl"] = webhook_url
        data = await self._call("avatars.create_video", json=body)
        return from_wire(AvatarVideoJob, data, "avatars.create_video", operation="avatars.create_video")

    async def create_video_and_wait(
        self,
        *,
        scenes: Sequence[Scene],
        duration: float | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> VideoResult:
        """`create_video`, then `client.wait` for the finished video."""
        job = await self.create_video(scenes=scenes, duration=duration)
        return await self._client.wait(job, timeout=timeout, interval=interval)
