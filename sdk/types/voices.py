"""Types of the voices area (VoiceLab): voice clones, text to speech, voice changer and their results."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, TypedDict

from akool_mock.sdk.types._base import JobStatus, WireModel, WireNames, local

NAMES = WireNames(
    {
        "_id": "id",
        "_ids": "ids",
        "webhookUrl": "webhook_url",
        "successIds": "success_ids",
        "noPermissionVoices": "no_permission_voices",
        "__v": "version",
    }
)
"""The voices area's wire names that differ from the Python names (all others are equal)."""

CloneModel = Literal["Akool Multilingual 1", "Akool Multilingual 3", "Akool Multilingual 4"]
ListType = Literal[1, 2]


class CloneOptions(TypedDict, total=False):
    """Tags and options of a voice clone (clone_prompt and need_volume_normalization: Multilingual 3)."""

    style: Sequence[str]
    gender: Sequence[str]
    age: Sequence[str]
    scenario: Sequence[str]
    remove_background_noise: bool
    language: str
    clone_prompt: str
    need_volume_normalization: bool


class TtsOptions(TypedDict, total=False):
    """Voice settings of text to speech; which apply depends on the voice's model (see the docs)."""

    stability: float
    similarity_boost: float
    style: float
    speed: float
    speaker_boost: bool
    emotion: Literal["happy", "sad", "angry", "fearful", "disgusted", "surprised", "neutral"]
    volume: int


class AudioSetting(TypedDict, total=False):
    sample_rate: Literal[8000, 16000, 22050, 24000, 32000, 44100]
    bitrate: Literal[32000, 64000, 128000, 256000]
    format: Literal["mp3", "wav"]
    channel: Literal[1, 2]


class TimberWeight(TypedDict):
    voice_id: str
    weight: int


class PronunciationDict(TypedDict, total=False):
    tone: Sequence[str]


class VoiceModify(TypedDict, total=False):
    pitch: int
    intensity: int
    timbre: int
    sound_effects: Literal["spacious_echo", "auditorium_echo", "lofi_telephone", "robotic"]


class TtsExtraOptions(TypedDict, total=False):
    """Further text to speech settings, per model (Multilingual 1 or 3; see the docs)."""

    previous_text: str
    next_text: str
    apply_text_normalization: Literal["auto", "on", "off"]
    apply_language_text_normalization: bool
    latex_read: bool
    text_normalization: bool
    audio_setting: AudioSetting
    timber_weights: Sequence[TimberWeight]
    pronunciation_dict: PronunciationDict
    voice_modify: VoiceModify
    subtitle_enable: bool
    pitch: int


class ChangeOptions(TypedDict, total=False):
    """Settings of the voice changer."""

    stability: float
    similarity_boost: float
    style: float
    speaker_boost: bool
    file_format: Literal["mp3", "wav"]
    remove_background_noise: bool
    speed: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Voice(WireModel):
    """A voice: your clone (list type 1) or one of Akool's (type 2). A clone is a job: `voice_id` and
    `preview` are filled once `status` is 3, so `client.wait(voice)` waits for it."""

    _names = NAMES
    result_type: ClassVar[type[Voice]]

    id: str
    status: JobStatus | None = None
    voice_id: str | None = None
    name: str | None = None
    preview: str | None = None
    uid: int | None = None
    team_id: str | None = None
    gender: str | None = None
    text: str | None = None
    duration: int | None = None
    create_time: int | None = None
    update_time: int | None = None
    style: tuple[str, ...] = ()
    scenario: tuple[str, ...] = ()
    age: tuple[str, ...] = ()
    deduction_credit: float | None = None
    webhook_url: str | None = None
    source_voice_file: str | None = None
    voice_model_name: str | None = None
    support_stream: bool | None = None
    language: str | None = None
    locale: str | None = None
    operation: str = local("voices.get")


Voice.result_type = Voice


@dataclass(frozen=True, slots=True, kw_only=True)
class VoiceResource(WireModel):
    """A text to speech or voice changer result; `preview` is the audio URL once `status` is 3."""

    _names = NAMES
    result_type: ClassVar[type[VoiceResource]]

    id: str
    status: JobStatus | None = None
    preview: str | None = None
    input_text: str | None = None
    voice_id: str | None = None
    voice_model_id: str | None = None
    voice_options: Mapping[str, Any] | None = None
    name: str | None = None
    file_name: str | None = None
    gender: str | None = None
    rate: str | None = None
    duration: int | None = None
    deduction_credit: float | None = None
    language_code: str | None = None
    priority: int | None = None
    uid: int | None = None
    team_id: str | None = None
    webhook_url: str | None = None
    source_voice_file: str | None = None
    create_time: int | None = None
    update_time: int | None = None
    version: int | None = None
    operation: str = local("voices.get_resource")


VoiceResource.result_type = VoiceResource


@dataclass(frozen=True, slots=True, kw_only=True)
class VoicePage(WireModel):
    """One page of voices: `result`, and the total `count`."""

    _names = NAMES

    result: tuple[Voice, ...]
    count: int
    page: int
    size: int


@dataclass(frozen=True, slots=True, kw_only=True)
class VoiceResourcePage(WireModel):
    """One page of text to speech (type 1) or voice changer (type 2) results."""

    _names = NAMES

    result: tuple[VoiceResource, ...]
    count: int
    page: int
    size: int


@dataclass(frozen=True, slots=True, kw_only=True)
class VoiceNotDeleted(WireModel):
    """A voice that voices.delete did not delete, and why."""

    _names = NAMES

    id: str
    msg: str


@dataclass(frozen=True, slots=True, kw_only=True)
class VoiceDeletion(WireModel):
    """What voices.delete did: the deleted ids, and the ids it could not delete (with code 1000)."""

    _names = NAMES

    success_ids: tuple[str, ...]
    no_permission_voices: tuple[VoiceNotDeleted, ...]
