"""Types of the avatars area: official and uploaded avatars (v3), for talking avatar videos and streaming.

`avatars.list` answers `Avatar`s; `avatars.create` (an upload: a job) and `avatars.get` answer an
`AvatarRecord`, which `client.wait(record)` follows until the avatar is usable (status 3).
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from akool_mock.sdk.types._base import JobStatus, WireModel, WireNames, local

NAMES = WireNames(
    {"_id": "id", "from": "source", "thumbnailUrl": "thumbnail_url"},
    params={"source": "from", "webhook_url": "webhookUrl"},
)
"""`from` (2 official, 3 yours) is a Python keyword, so it is `source` here, in results and in list().
Answers call the record id `_id`, avatars.get takes it as `id`: both are `id` in Python."""

AvatarType = Literal[1, 2]
"""1 a talking avatar (for talking_avatar.create), 2 a streaming avatar (for streaming sessions)."""
AvatarSource = Literal[2, 3]
"""2 official Akool avatars, 3 your uploads."""
UrlFrom = Literal[1, 2]
"""1 a direct link (Akool or other, the default), 2 a page of YouTube, TikTok, X or Google Drive."""


@dataclass(frozen=True, slots=True, kw_only=True)
class _AvatarFields(WireModel):
    """The optional fields of every avatar answer."""

    _names = NAMES

    name: str | None = None
    type: int | None = None
    source: int | None = None
    uid: int | None = None
    disabled: bool | None = None
    sort: int | None = None
    create_time: int | None = None
    modify_url: str | None = None
    gender: str | None = None
    thumbnail_url: str | None = None
    crop_arr: tuple[Any, ...] = ()
    voice_id: str | None = None
    available: bool | None = None
    platform: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Avatar(_AvatarFields):
    """An avatar of avatars.list: use its `avatar_id` in a talking avatar's avatar element (with
    avatar_from = its `source`) or a streaming session; `url` is its preview."""

    avatar_id: str
    url: str
    id: str | None = None
    status: JobStatus | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AvatarRecord(_AvatarFields):
    """One avatar record (avatars.create, avatars.get). An upload is a job: usable by its `avatar_id`
    once `status` is 3, which `client.wait(record)` waits for (polling avatars.get with `id`)."""

    # builtins.type: the field `type` would shadow `type` when the hints are resolved.
    result_type: ClassVar[builtins.type[AvatarRecord]]

    id: str
    status: JobStatus
    avatar_id: str | None = None
    url: str | None = None
    operation: str = local("avatars.get")


AvatarRecord.result_type = AvatarRecord
