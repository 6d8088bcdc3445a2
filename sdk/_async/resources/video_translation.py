"""client.video_translation: translate a video's speech into other languages, with lip-sync and captions.

Pages: https://docs.akool.com/ai-tools-suite/video-translation/create-translation and
https://docs.akool.com/ai-tools-suite/video-translation/get-languages. Every target language is a job of
its own, polled with videos.get_result; `client.wait(job)` and `create_and_wait` do that for you.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from akool_mock.sdk import _constants as defaults
from akool_mock.sdk._async.resources._base import AsyncResource, joined, member
from akool_mock.sdk._core import SUCCESS
from akool_mock.sdk._operations import spec_for
from akool_mock.sdk.types._base import from_wire, many
from akool_mock.sdk.types.video_translation import (
    NAMES,
    CaptionType,
    Language,
    StudioVoice,
    TranslationBatch,
    TranslationVoice,
)
from akool_mock.sdk.types.videos import VideoResult

CREATE = "video_translation.create"


def _without_error_data(body: Any) -> Any:
    # A refused language is an error envelope whose `data` is "usually absent or null": drop anything
    # else there, so that one odd error item cannot hide the jobs that were created (and charged).
    results = body.get("all_results") if isinstance(body, Mapping) else None
    if not isinstance(results, list):
        return body
    cleaned = [
        {key: value for key, value in item.items() if key != "data"}
        if isinstance(item, Mapping) and item.get("code") != SUCCESS
        else item
        for item in results
    ]
    return {**body, "all_results": cleaned}


class AsyncVideoTranslation(AsyncResource):
    async def create(
        self,
        *,
        url: str,
        language: str | Sequence[str],
        source_language: str | None = None,
        lipsync: bool | None = None,
        speaker_num: int | None = None,
        remove_bgm: bool | None = None,
        caption_type: CaptionType | None = None,
        caption_url: str | None = None,
        studio_voice: StudioVoice | None = None,
        dynamic_duration: bool | None = None,
        voices_map: Mapping[str, TranslationVoice] | None = None,
        webhook_url: str | None = None,
    ) -> TranslationBatch:
        """Translate the video at `url` into each `language` (list_languages codes: ["es", "fr"] or "es,fr"),
        one job (and one charge) per language. `source_language` defaults to "DEFAULT" (detected);
        `speaker_num` 0 detects the speakers; `caption_type` and `caption_url` (SRT or ASS) add subtitles;
        `voices_map` picks a voice per language: {"es": {"voice_id": "..."}}.

        The answer's `jobs` are the created jobs (wait for each), `errors` the languages refused alone (e.g.
        1202: already lip-synced in it). When every language is refused, the first refusal is raised.
        """
        body = NAMES.to_wire(
            url=url,
            language=joined(language),
            source_language=source_language,
            lipsync=lipsync,
            speaker_num=speaker_num,
            remove_bgm=remove_bgm,
            caption_type=caption_type,
            caption_url=caption_url,
            studio_voice=studio_voice,
            dynamic_duration=dynamic_duration,
            voices_map=voices_map,
            webhook_url=webhook_url,
        )
        return await self._create(body)

    async def _create(self, body: Mapping[str, Any]) -> TranslationBatch:
        # The route keeps the whole answer: all_results is next to `data` (its code is checked all the same).
        answer = await self._client._send(spec_for(CREATE, json=body))
        return from_wire(TranslationBatch, _without_error_data(answer), CREATE)

    async def create_and_wait(
        self,
        *,
        url: str,
        language: str | Sequence[str],
        source_language: str | None = None,
        lipsync: bool | None = None,
        speaker_num: int | None = None,
        remove_bgm: bool | None = None,
        caption_type: CaptionType | None = None,
        caption_url: str | None = None,
        studio_voice: StudioVoice | None = None,
        dynamic_duration: bool | None = None,
        voices_map: Mapping[str, TranslationVoice] | None = None,
        webhook_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> tuple[VideoResult, ...]:
        """`create`, then wait for every language's job (`timeout` bounds the whole wait); the results
        follow the order of `language`. A failed job raises JobFailedError (with Akool's `error_reason`). A
        language refused at creation raises its error before any waiting while the other languages' jobs
        go on: to keep those, call `create` and wait for its `jobs` yourself."""
        batch = await self.create(
            url=url,
            language=language,
            source_language=source_language,
            lipsync=lipsync,
            speaker_num=speaker_num,
            remove_bgm=remove_bgm,
            caption_type=caption_type,
            caption_url=caption_url,
            studio_voice=studio_voice,
            dynamic_duration=dynamic_duration,
            voices_map=voices_map,
            webhook_url=webhook_url,
        )
        return await self._wait_all(batch, timeout=timeout, interval=interval)

    async def _wait_all(
        self, batch: TranslationBatch, *, timeout: float, interval: float
    ) -> tuple[VideoResult, ...]:
        if batch.errors:
            raise batch.errors[0]
        deadline = self._client._clock() + timeout
        results = []
        for job in batch.jobs:
            left = max(0.0, deadline - self._client._clock())
            results.append(await self._client.wait(job, timeout=left, interval=interval))
        return tuple(results)

    async def list_languages(self) -> tuple[Language, ...]:
        """The target languages: pass their `lang_code` in `language`; those with `need_voice_id` want a
        voice in `voices_map`."""
        data = await self._call("video_translation.list_languages")
        return many(Language, member(data, "lang_list"), "video_translation.list_languages")
