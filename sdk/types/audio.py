"""Types of the audio area (the legacy v3 voice API of Akool's 2026 docs): voices and audio jobs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from akool_mock.sdk.types._base import JobStatus, WireModel, WireNames, local

NAMES = WireNames(
    {"_id": "id", "webhookUrl": "webhook_url", "from": "source", "useCase": "use_case", "__v": "version"}
)
"""The audio area's wire names that differ from the Python names (all others are equal)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class LegacyVoice(WireModel):
    """A voice of the v3 list: pass its `voice_id` to `client.audio.create_tts`."""

    _names = NAMES

    voice_id: str
    id: str | None = None
    name: str | None = None
    gender: str | None = None
    accent: str | None = None
    description: str | None = None
    use_case: str | None = None
    preview: str | None = None
    source: int | None = None
    type: int | None = None
    create_time: int | None = None
    uid: int | None = None
    version: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AudioJob(WireModel):
    """An audio job: `url` is the speech once `status` is 3; `client.wait(audio)` polls audio.get_result."""

    _names = NAMES
    result_type: ClassVar[type[AudioJob]]

    id: str
    status: JobStatus
    url: str | None = None
    input_text: str | None = None
    rate: str | None = None
    voice_model_id: str | None = None
    source: int | None = None
    create_time: int | None = None
    uid: int | None = None
    version: int | None = None
    operation: str = local("audio.get_result")


AudioJob.result_type = AudioJob
