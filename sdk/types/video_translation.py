"""Types of the video_translation area: translation jobs (one per target language) and the language list."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypedDict

from akool_mock.sdk._core import SUCCESS, error_for
from akool_mock.sdk.errors import APIError
from akool_mock.sdk.types._base import WireModel, WireNames, local
from akool_mock.sdk.types.videos import VIDEO_FIELDS, VideoJob

NAMES = WireNames(VIDEO_FIELDS)
"""The video_translation area's wire names that differ from the Python names (`_id`, `video_status`, ...)."""

CaptionType = Literal[0, 1, 2, 3, 4]
"""0 none, 1 add the original subtitle, 2 add the target subtitle, 3 translate and replace the original
subtitle, 4 add the translated subtitle."""

Style = Literal[
    "affectionate",
    "angry",
    "calm",
    "cheerful",
    "depressed",
    "disgruntled",
    "embarrassed",
    "empathetic",
    "excited",
    "fearful",
    "friendly",
    "unfriendly",
    "sad",
    "serious",
    "relaxed",
    "professional",
]


class StudioVoice(TypedDict, total=False):
    """Advanced translation settings: words kept as they are, the style (default professional), fixed
    translations (word → translation) and pronunciations (word → how to say it)."""

    no_translate_words: Sequence[str]
    style: Style
    fixed_words: Mapping[str, str]
    pronounced_words: Mapping[str, str]


class TranslationVoice(TypedDict):
    """The voice of one target language in `voices_map`; "" is the default voice."""

    voice_id: str


@dataclass(frozen=True, slots=True, kw_only=True)
class TranslationJob(VideoJob):
    """The translation job of one target language (`language`); `client.wait(job)` returns its result,
    whose `video` is the translated video."""

    _names = NAMES

    video: str | None = None
    language: str | None = None
    progress: int | None = None
    create_time: int | None = None
    uid: int | None = None
    team_id: str | None = None
    video_id: str | None = None
    lipsync: bool | None = None
    webhook_url: str | None = None
    deduction_duration: int | None = None
    operation: str = local("video_translation.create")


@dataclass(frozen=True, slots=True, kw_only=True)
class LanguageResult(WireModel):
    """The answer for one target language: `data` is its job when `code` is 1000; otherwise that language
    was refused (e.g. 1202, already lip-synced in it; 1006, no credits left) and `error` says why."""

    _names = NAMES

    code: int
    msg: str | None = None
    data: TranslationJob | None = None

    @property
    def error(self) -> APIError | None:
        """The error of a refused language (the exception the SDK would raise for it), else None."""
        if self.code == SUCCESS:
            return None
        return error_for(self.code, self.msg or "", "video_translation.create")


@dataclass(frozen=True, slots=True, kw_only=True)
class TranslationBatch(WireModel):
    """What video_translation.create answers: `data` is the job of the first target language, and
    `all_results` one answer per target language, in the order asked (a language can be refused alone).

    `jobs` are the jobs created (wait for each with `client.wait(job)`); `errors` the refused languages.
    """

    _names = NAMES

    data: TranslationJob
    all_results: tuple[LanguageResult, ...] = ()

    @property
    def jobs(self) -> tuple[TranslationJob, ...]:
        """Every job created, one per accepted target language."""
        if not self.all_results:
            return (self.data,)
        return tuple(item.data for item in self.all_results if item.data is not None and item.error is None)

    @property
    def errors(self) -> tuple[APIError, ...]:
        """The errors of the refused target languages (empty when every language got a job)."""
        return tuple(item.error for item in self.all_results if item.error is not None)


@dataclass(frozen=True, slots=True, kw_only=True)
class Language(WireModel):
    """A target language: pass `lang_code` in `language` (or `source_language`). When `need_voice_id` is
    true, choose a voice for it in `voices_map`."""

    _names = NAMES

    lang_code: str
    lang_name: str
    url: str | None = None
    flag_url: str | None = None
    need_voice_id: bool | None = None
