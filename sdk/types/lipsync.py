"""Types of the lipsync area: a lip-sync job (its result is a `sdk.types.videos.VideoResult`)."""

from __future__ import annotations

from dataclasses import dataclass

from akool_mock.sdk.types._base import WireNames
from akool_mock.sdk.types.videos import VIDEO_FIELDS, VideoJob

NAMES = WireNames(VIDEO_FIELDS)
"""The lipsync area's wire names that differ from the Python names (`_id`, `video_status`, ...)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class LipsyncJob(VideoJob):
    """A submitted lip-sync job, as the create answer shows it; `client.wait(job)` returns its result."""

    _names = NAMES

    video: str | None = None
    create_time: int | None = None
    uid: int | None = None
    type: int | None = None
    source: int | None = None
    target_video: str | None = None
    input_audio: str | None = None
    faceswap_quality: int | None = None
    video_id: str | None = None
    video_lock_duration: float | None = None
    deduction_lock_duration: int | None = None
    external_video: str | None = None
    storage_loc: int | None = None
    webhook_url: str | None = None
    task_id: str | None = None
    lipsync: bool | None = None
    version: int | None = None
