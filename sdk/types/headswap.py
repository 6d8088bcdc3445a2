"""Types of the headswap area (Head Swap, Akool's 2026 docs): person analyses and head swap tasks."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from typing import ClassVar, Literal, TypedDict

from akool_mock.sdk.types._base import JobStatus, WireModel, WireNames, local

NAMES = WireNames({"_id": "id", "webhookUrl": "webhook_url"})
"""The headswap area's wire names that differ from the Python names (all others are equal)."""

Resolution = Literal["480p", "720p"]
"""Output resolutions of a head swap task."""


class HeadMapping(TypedDict):
    """Which detected person (`obj_id` from an analysis) gets which reference face (`img_url`)."""

    obj_id: int
    img_url: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DetectedPerson(WireModel):
    """One person an analysis found: its `obj_id` and a preview image of them in the video."""

    _names = NAMES

    obj_id: int
    img_url: str
    media_type: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class VideoInfo(WireModel):
    """Metadata of the analysed video."""

    _names = NAMES

    width: int | None = None
    height: int | None = None
    fps: float | None = None
    frame_count: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AnalysisResult(WireModel):
    """What a completed analysis found."""

    _names = NAMES

    media: tuple[DetectedPerson, ...] = ()
    detected_objects: int | None = None
    video_info: VideoInfo | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonAnalysis(WireModel):
    """A person analysis of a source video. Once `status` is 3, `analysis_result.media` lists the people
    (`obj_id`) a head swap task can map to reference faces; `client.wait(analysis)` polls until then."""

    _names = NAMES
    # builtins.type: the field `type` below hides the builtin inside the class body.
    result_type: ClassVar[builtins.type[PersonAnalysis]]

    id: str
    status: JobStatus
    video_url: str | None = None
    type: str | None = None
    progress: float | None = None
    analysis_result: AnalysisResult | None = None
    error_reason: str | None = None
    error_code: int | None = None
    task_id: str | None = None
    create_time: int | None = None
    uid: int | None = None
    team_id: str | None = None
    operation: str = local("headswap.get_analysis")


PersonAnalysis.result_type = PersonAnalysis


@dataclass(frozen=True, slots=True, kw_only=True)
class HeadSwapTask(WireModel):
    """A head swap task. Once `status` is 3, `video_url` is the output video; `client.wait(task)` polls
    headswap.get_task until it is done."""

    _names = NAMES
    result_type: ClassVar[type[HeadSwapTask]]

    id: str
    status: JobStatus
    video_url: str | None = None
    source_video_url: str | None = None
    resolution: str | None = None
    model_name: str | None = None
    file_name: str | None = None
    video_duration: float | None = None
    progress: float | None = None
    priority: float | None = None
    deduction_duration: float | None = None
    error_reason: str | None = None
    error_code: int | None = None
    task_id: str | None = None
    create_time: int | None = None
    uid: int | None = None
    team_id: str | None = None
    operation: str = local("headswap.get_task")


HeadSwapTask.result_type = HeadSwapTask


@dataclass(frozen=True, slots=True, kw_only=True)
class CreatedHeadSwapTask(WireModel):
    """The answer of headswap.create_task: the queued task and the credits held for it."""

    _names = NAMES
    result_type: ClassVar[type[HeadSwapTask]] = HeadSwapTask

    id: str
    status: JobStatus
    deduction_lock_duration: float | None = None
    resolution: str | None = None
    model_name: str | None = None
    file_name: str | None = None
    video_duration: float | None = None
    task_id: str | None = None
    create_time: int | None = None
    uid: int | None = None
    team_id: str | None = None
    operation: str = local()
