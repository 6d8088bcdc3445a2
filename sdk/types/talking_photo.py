"""Types of the talking_photo area: a talking photo job (its result is a `sdk.types.videos.VideoResult`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from akool_mock.sdk.types._base import WireNames
from akool_mock.sdk.types.videos import VIDEO_FIELDS, VideoJob

NAMES = WireNames(VIDEO_FIELDS)
"""The talking_photo area's wire names that differ from the Python names (`_id`, `video_status`, ...)."""

Resolution = Literal["720", "1080", 720, 1080]
"""720 or 1080; the docs' examples send strings, the prose numbers: both are accepted, strings are sent."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TalkingPhotoJob(VideoJob):
    """A submitted talking photo job, as the create answer shows it; `client.wait(job)` returns its result."""

    _names = NAMES

    video: str | None = None
    talking_photo: str | None = None
    prompt: str | None = None
    resolution: str | None = None
    create_time: int | None = None
    uid: int | None = None
    type: int | None = None
    source: int | None = None
    video_lock_duration: float | None = None
    deduction_lock_duration: int | None = None
    external_video: str | None = None
    faceswap_quality: int | None = None
    storage_loc: int | None = None
    version: int | None = None
