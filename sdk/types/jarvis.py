"""Types of the jarvis area (Jarvis Moderator): content moderation analyses."""

from __future__ import annotations

import builtins
import enum
from dataclasses import dataclass
from typing import ClassVar, Literal

from akool_mock.sdk.types._base import JobStatus, WireModel, WireNames, local

NAMES = WireNames({"_id": "id", "webhookUrl": "webhook_url", "__v": "version"})
"""The jarvis area's wire names that differ from the Python names (all others are equal)."""


class ContentType(enum.IntEnum):
    """What an analysis moderates: image, video or audio at a URL, or text (the text itself or a URL)."""

    IMAGE = 1
    VIDEO = 2
    AUDIO = 3
    TEXT = 4


ContentTypeCode = Literal[1, 2, 3, 4]
"""A `ContentType` as its number."""

Conclusion = Literal["Non-Compliant", "Compliant", "Unknown", ""]
"""The verdict of an analysis; empty until it is completed."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Analysis(WireModel):
    """A moderation analysis. Once `status` is 3, `result` lists the findings (one line each, then
    `Result: <verdict>`) and `final_conclusion` is Compliant, Non-Compliant or Unknown. A create answers
    it queued: `client.wait(analysis)` polls jarvis.get_analysis until it is done."""

    _names = NAMES
    # builtins.type: the field `type` below hides the builtin inside the class body.
    result_type: ClassVar[builtins.type[Analysis]]

    id: str
    status: JobStatus
    result: str | None = None
    final_conclusion: Conclusion | None = None
    type: ContentType | None = None
    webhook_url: str | None = None
    create_time: int | None = None
    uid: int | None = None
    version: int | None = None
    operation: str = local("jarvis.get_analysis")


Analysis.result_type = Analysis
