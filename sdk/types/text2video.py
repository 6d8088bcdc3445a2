"""Types of the text2video area (Text to Video, Akool's 2026 docs): batches of videos from a prompt."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from akool_mock.sdk.types._base import JobStatus, WireModel, WireNames, local
from akool_mock.sdk.types.image2video import Image2VideoResult

NAMES = WireNames(
    {"_id": "id", "webhookUrl": "webhook_url", "successList": "success_list", "errorList": "error_list"}
)
"""The text2video area's wire names that differ from the Python names (all others are equal)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Text2VideoJob(WireModel):
    """One queued video of a batch. `client.wait(job)` polls image2video.get_results (the page: "the same
    result checking API as Image to Video") and returns the finished video as an `Image2VideoResult`."""

    _names = NAMES
    result_type: ClassVar[type[Image2VideoResult]] = Image2VideoResult

    id: str
    status: JobStatus
    prompt: str | None = None
    negative_prompt: str | None = None
    extend_prompt: bool | None = None
    resolution: str | None = None
    model_name: str | None = None
    file_name: str | None = None
    deduction_credit: int | None = None
    batch_id: str | None = None
    batch_count: int | None = None
    webhook_url: str | None = None
    create_time: int | None = None
    uid: int | None = None
    team_id: str | None = None
    operation: str = local("text2video.create_batch")


@dataclass(frozen=True, slots=True, kw_only=True)
class Text2VideoBatch(WireModel):
    """What text2video.create_batch made: one queued job per video (`jobs`), and the videos it could not
    make (`error_list`, items as Akool answered them)."""

    _names = NAMES

    success_list: tuple[Text2VideoJob, ...]
    error_list: tuple[Mapping[str, Any], ...]

    @property
    def jobs(self) -> tuple[Text2VideoJob, ...]:
        """The videos created (`successList`)."""
        return self.success_list
