"""Types of the faceswap area: face swap (v3, v4 Pro and Plus), reage, their results and the credit quota."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal, NotRequired, TypedDict

from akool_mock.sdk.types._base import JobStatus, WireModel, WireNames, local

NAMES = WireNames(
    {
        "_id": "id",
        "_ids": "ids",
        "sourceImage": "source_image",
        "targetImage": "target_image",
        "modifyImage": "modify_image",
        "modifyVideo": "modify_video",
        "webhookUrl": "webhook_url",
        "faceswap_status": "status",
        "createdAt": "created_at",
        "userId": "user_id",
    }
)
"""The faceswap area's wire names that differ from the Python names (all others are equal)."""

ModelStyle = Literal["realistic", "beautify", "lossless"]


class FaceImage(TypedDict):
    """One face: a link to the (cropped) face image and its landmarks (`landmarks_str` of face detection).

    `opts` is required on every face when there is more than one face on either side.
    """

    path: str
    opts: NotRequired[str]


class ReageFace(TypedDict):
    """One face to re-age: a link to the detected face and its landmarks (a string, or a list of them)."""

    path: str
    opts: str | Sequence[str]


class FaceInfo(TypedDict, total=False):
    """A face for Face Swap Plus: a face image link, or an image with the face's bounding box."""

    face_url: str
    bbox: Sequence[float]


class FaceMapping(TypedDict):
    """Which source (new) face replaces which target (original) face, for Face Swap Plus."""

    source_face_info: FaceInfo
    target_face_info: FaceInfo


@dataclass(frozen=True, slots=True, kw_only=True)
class FaceswapResult(WireModel):
    """A faceswap or reage job as faceswap.list_results reports it; `url` is final once `status` is 3."""

    _names = NAMES
    result_type: ClassVar[type[FaceswapResult]]

    id: str
    status: JobStatus
    job_id: str | None = None
    url: str | None = None
    created_at: str | None = None
    faceswap_type: int | None = None
    faceswap_quality: int | None = None
    deduction_status: int | None = None
    image: int | None = None
    video_duration: float | None = None
    deduction_duration: float | None = None
    update_time: float | None = None
    user_id: str | None = None
    uid: int | None = None
    operation: str = local("faceswap.list_results")


FaceswapResult.result_type = FaceswapResult


@dataclass(frozen=True, slots=True, kw_only=True)
class FaceswapJob(WireModel):
    """A submitted faceswap job (Face Swap Pro and Plus): wait for it with `client.wait(job)`.

    `id` is what polling takes; `job_id` is what faceswap.cancel_job takes.
    """

    _names = NAMES
    result_type: ClassVar[type[FaceswapResult]] = FaceswapResult

    id: str
    job_id: str
    operation: str = local()


@dataclass(frozen=True, slots=True, kw_only=True)
class FaceswapUrlJob(FaceswapJob):
    """A submitted v3 faceswap or reage job, with the `url` its result will have: Akool allocates it at
    submit time, so its presence does not mean the job is done (wait for status 3)."""

    url: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Quota(WireModel):
    """The account's credit balance."""

    _names = NAMES

    credit: float
