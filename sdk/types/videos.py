"""Types of the videos area: the one poll of every video job, and the base of the video job types.

Talking photo, talking avatar, lip-sync, character swap and video translation jobs are all read back with
`videos.get_result` (GET /api/open/v3/content/video/infobymodelid), which answers a `VideoResult`. Each
product's create answers a `VideoJob` subclass (`client.wait(job)` turns it into the `VideoResult`).
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from typing import ClassVar, Final

from akool_mock.sdk.types._base import JobStatus, WireModel, WireNames, local

VIDEO_FIELDS: Final = {
    "_id": "id",
    "video_status": "status",
    "webhookUrl": "webhook_url",
    "from": "source",
    "__v": "version",
}
"""The wire names of video job answers that differ from the Python names; the video product areas
(lipsync, talking_photo, talking_avatar, video_translation) build their tables from it."""

NAMES = WireNames(VIDEO_FIELDS, params={"id": "video_model_id"})
"""The videos area's names: answers as VIDEO_FIELDS; the poll takes the job `id` as `video_model_id`."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AudioSplits(WireModel):
    """The separate outputs of a video translation: subtitle files and the video without captions."""

    _names = NAMES

    original_srt_url: str | None = None
    translated_srt_url: str | None = None
    no_caption_video_url: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class VideoResult(WireModel):
    """A video job as videos.get_result reports it; `video` is the result URL once `status` is 3.

    Which optional fields are set depends on the product that made the job. A failed job (status 4) says
    why in `faceswap_fail_reason` (character swap) or `error_code` and `error_reason` (video translation);
    lip-sync, talking photo and talking avatar document no reason field. The poll of a character swap may
    also repeat the status under the name `status`: that copy stays in `extra`. Links are valid 7 days.
    """

    _names = NAMES
    # builtins.type: the field `type` below would shadow `type` when the hints are resolved.
    result_type: ClassVar[builtins.type[VideoResult]]

    id: str
    status: JobStatus
    video: str | None = None
    video_id: str | None = None
    create_time: int | None = None
    update_time: int | None = None
    uid: int | None = None
    team_id: str | None = None
    type: int | None = None
    source: int | None = None
    video_lock_duration: float | None = None
    deduction_lock_duration: int | None = None
    deduction_duration: int | None = None
    deduction_credit: int | None = None
    external_video: str | None = None
    faceswap_quality: int | None = None
    storage_loc: int | None = None
    audio_splits: AudioSplits | None = None
    progress: int | None = None
    error_code: int | None = None
    error_reason: str | None = None
    faceswap_fail_reason: str | None = None
    video_duration: float | None = None
    webhook_url: str | None = None
    file_name: str | None = None
    image_url: str | None = None
    video_url: str | None = None
    prompt: str | None = None
    resolution: str | None = None
    mode: str | None = None
    model_name: str | None = None
    talking_photo: str | None = None
    target_video: str | None = None
    input_audio: str | None = None
    task_id: str | None = None
    lipsync: bool | None = None
    language: str | None = None
    version: int | None = None
    operation: str = local("videos.get_result")


VideoResult.result_type = VideoResult


@dataclass(frozen=True, slots=True, kw_only=True)
class VideoJob(WireModel):
    """A submitted video job: wait for it with `client.wait(job)`, which polls videos.get_result with its
    `id` and returns the finished `VideoResult` (its `video` URL)."""

    _names = NAMES
    result_type: ClassVar[builtins.type[VideoResult]] = VideoResult

    id: str
    status: JobStatus
    operation: str = local()
