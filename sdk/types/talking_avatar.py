"""Types of the talking_avatar area: the elements of a talking avatar video and the job it makes.

A video is built from elements: a background (`ImageElement`: an image URL or a hex colour), the avatar
(`AvatarElement`: an avatar_id from avatars.list, or your own avatar video's URL) and what it says
(`AudioElement`: an audio URL, or `input_text` spoken with `voice_id`). The output is 3840x2160, so
offsets are pixels of that frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NotRequired, TypedDict

from akool_mock.sdk.types._base import WireNames
from akool_mock.sdk.types.videos import VIDEO_FIELDS, VideoJob

NAMES = WireNames(VIDEO_FIELDS)
"""The talking_avatar area's wire names that differ from the Python names (`_id`, `video_status`, ...)."""

AvatarFrom = Literal[2, 3]
"""The avatar's `source` in avatars.list: 2 an official Akool avatar, 3 your own (also for an avatar URL)."""


class ImageElement(TypedDict):
    """A background: `url` is an image (.png .jpg .jpeg .webp) or a hex colour such as "#aabbcc"."""

    type: Literal["image"]
    url: str
    scale_x: float
    scale_y: float
    offset_x: float
    offset_y: float
    width: NotRequired[float]
    height: NotRequired[float]


class AvatarElement(TypedDict):
    """The avatar: `avatar_id` (avatars.list; required with avatar_from 2) or the `url` of your own avatar
    video or image (then avatar_from must be 3), placed by scale and offset (pixels, upper left corner)."""

    type: Literal["avatar"]
    scale_x: float
    scale_y: float
    offset_x: float
    offset_y: float
    avatar_id: NotRequired[str]
    url: NotRequired[str]
    width: NotRequired[float]
    height: NotRequired[float]


class AudioElement(TypedDict):
    """What the avatar says: an audio `url`, or `input_text` spoken with `voice_id` (voices.list; both
    together). When both a url and a text are given, the url wins."""

    type: Literal["audio"]
    url: NotRequired[str]
    input_text: NotRequired[str]
    voice_id: NotRequired[str]


Element = ImageElement | AvatarElement | AudioElement


@dataclass(frozen=True, slots=True, kw_only=True)
class TalkingAvatarJob(VideoJob):
    """A submitted talking avatar job (the create answer); `client.wait(job)` returns its result."""

    _names = NAMES

    video: str | None = None
    uid: int | None = None
    video_id: str | None = None
    task_id: str | None = None
    create_time: int | None = None
