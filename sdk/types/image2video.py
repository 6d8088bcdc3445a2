"""Types of the image2video area (Image to Video v4): video jobs, batches, effects and deletions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from akool_mock.sdk.types._base import JobStatus, WireModel, WireNames, local

NAMES = WireNames(
    {
        "_id": "id",
        "_ids": "ids",
        "webhookUrl": "webhook_url",
        "successList": "success_list",
        "errorList": "error_list",
        "successIds": "success_ids",
        "noPermissionItems": "no_permission_items",
    },
    params={"ids": "_ids", "webhook_url": "webhookurl"},
)
"""The image2video area's wire names that differ from the Python names (all others are equal). Requests
spell the callback `webhookurl`, as the page documents it; answers echo it as `webhookUrl`."""

Resolution = Literal["720p", "1080p", "4k"]
"""Resolutions of image2video.create; a batch takes any value of its model's `resolution_list`."""

VideoLength = Literal[5, 10]
"""Seconds of video for image2video.create (10: pro subscriptions and above)."""

AudioType = Literal[1, 2, 3]
"""1: AI generated audio, 2: your audio at `audio_url`, 3: no audio."""

AddedAudioType = Literal[1, 2]
"""1: AI generated audio, 2: your audio at `audio_url` (update_audio)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Image2VideoResult(WireModel):
    """An image to video job; `video_url` is the video once `status` is 3. A create answers it queued:
    `client.wait(job)` polls image2video.get_results until it is done."""

    _names = NAMES
    result_type: ClassVar[type[Image2VideoResult]]

    id: str
    status: JobStatus
    video_url: str | None = None
    resolution: str | None = None
    video_duration: float | None = None
    deduction_credit: int | None = None
    image_url: str | None = None
    last_image_url: str | None = None
    prompt: str | None = None
    negative_prompt: str | None = None
    extend_prompt: bool | None = None
    effect_code: str | None = None
    effect_name: str | None = None
    audio_type: int | None = None
    audio_url: str | None = None
    only_add_audio: bool | None = None
    pre_video_id: str | None = None
    model_name: str | None = None
    batch_id: str | None = None
    batch_count: int | None = None
    file_name: str | None = None
    cover_url: str | None = None
    sub_type: int | None = None
    webhook_url: str | None = None
    create_time: int | None = None
    update_time: int | None = None
    uid: int | None = None
    team_id: str | None = None
    operation: str = local("image2video.get_results")


Image2VideoResult.result_type = Image2VideoResult


@dataclass(frozen=True, slots=True, kw_only=True)
class Image2VideoBatch(WireModel):
    """What image2video.create_batch made: one queued job per video (`jobs`, each a job for
    `client.wait`), and the videos it could not make (`error_list`, items as Akool answered them: their
    shape is undocumented; the fake sends `{index, code, msg}`)."""

    _names = NAMES

    success_list: tuple[Image2VideoResult, ...]
    error_list: tuple[Mapping[str, Any], ...]

    @property
    def jobs(self) -> tuple[Image2VideoResult, ...]:
        """The videos created (`successList`)."""
        return self.success_list


@dataclass(frozen=True, slots=True, kw_only=True)
class Effect(WireModel):
    """An effect for image2video.create / create_batch: pass its `effect_code`."""

    _names = NAMES

    id: str
    name: str
    effect_code: str
    logo: str | None = None
    video_url: str | None = None
    create_time: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EffectList(WireModel):
    """The available effects (`result`) and their total `count`."""

    _names = NAMES

    result: tuple[Effect, ...]
    count: int


@dataclass(frozen=True, slots=True, kw_only=True)
class VideoNotDeleted(WireModel):
    """A video image2video.delete did not delete, and why (still processing, or unknown)."""

    _names = NAMES

    id: str
    msg: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Image2VideoDeletion(WireModel):
    """What image2video.delete did: the deleted ids, and the videos it refused (with code 1000)."""

    _names = NAMES

    success_ids: tuple[str, ...]
    no_permission_items: tuple[VideoNotDeleted, ...]
