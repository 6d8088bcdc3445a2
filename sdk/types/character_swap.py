"""Types of the character_swap area: a character swap job (its result is a `sdk.types.videos.VideoResult`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from akool_mock.sdk.types._base import WireNames
from akool_mock.sdk.types.videos import VideoJob

NAMES = WireNames({"_id": "id", "webhookUrl": "webhook_url"}, params={"webhook_url": "webhookurl"})
"""Character swap answers `webhookUrl` but its request documents the callback as `webhookurl` (lower-case
u, as the body table and every example spell it), so `webhook_url` is sent under that name. Its create
answer names the job status `status` (the poll calls it `video_status`)."""

Resolution = Literal["480p", "720p", "1080p"]
Mode = Literal["animate", "replace"]


@dataclass(frozen=True, slots=True, kw_only=True)
class CharacterSwapJob(VideoJob):
    """A submitted character swap job, as the create answer shows it (with the credits it costs);
    `client.wait(job)` returns its result."""

    _names = NAMES

    create_time: int | None = None
    uid: int | None = None
    team_id: str | None = None
    video_duration: float | None = None
    deduction_credit: int | None = None
    resolution: str | None = None
    file_name: str | None = None
    image_url: str | None = None
    video_url: str | None = None
    prompt: str | None = None
    mode: str | None = None
    model_name: str | None = None
    webhook_url: str | None = None
