"""Types of Create Avatar Video (v3, Akool's 2026 docs): scenes and the submitted video job."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypedDict

from akool_mock.sdk.types.videos import NAMES, VideoJob


class SceneVoice(TypedDict, total=False):
    """The sound of a scene: `voice_url` (an audio of `client.audio`) or `voice_id`; one is needed."""

    voice_url: str
    voice_id: str


class SceneElement(TypedDict, total=False):
    """An element of a scene: an avatar (`avatar_id`), an image or a video (`url`), placed and layered."""

    type: Literal["avatar", "image", "video"]
    url: str
    id: str
    avatar_id: str
    scale_x: float
    scale_y: float
    offset_x: float
    offset_y: float
    layer_number: int


class Scene(TypedDict, total=False):
    """One scene of an avatar video (wire names: `avatarFrom` as on the page)."""

    width: int
    height: int
    duration: float
    voice: SceneVoice
    elements: Sequence[SceneElement]
    ratio: str
    background: str
    avatarFrom: int


@dataclass(frozen=True, slots=True, kw_only=True)
class AvatarVideoJob(VideoJob):
    """A submitted avatar video (the create answer); `client.wait(job)` returns its `VideoResult`."""

    _names = NAMES

    video: str | None = None
    uid: int | None = None
    create_time: int | None = None
    ratio: str | None = None
    background: str | None = None
    video_lock_duration: float | None = None
    deduction_lock_duration: float | None = None
    source_data: Mapping[str, Any] | None = None
