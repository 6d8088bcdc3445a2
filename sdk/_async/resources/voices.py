"""client.voices: VoiceLab voice clones, text to speech, voice changer, and their lists and details.

Page: ai-tools-suite__voiceLab. A clone is polled with `get`, a TTS or voice changer result with
`get_resource`; `client.wait(...)` and the `*_and_wait` methods do that for you.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from akool_mock.sdk import _constants as defaults
from akool_mock.sdk._async.resources._base import AsyncResource, joined, member
from akool_mock.sdk.types._base import from_wire
from akool_mock.sdk.types.voices import (
    NAMES,
    ChangeOptions,
    CloneModel,
    CloneOptions,
    ListType,
    TtsExtraOptions,
    TtsOptions,
    Voice,
    VoiceDeletion,
    VoicePage,
    VoiceResource,
    VoiceResourcePage,
)

ChangeModel = Literal["Akool Multilingual 1"]


class AsyncVoices(AsyncResource):
    async def clone(
        self,
        *,
        source_voice_file: str,
        name: str | None = None,
        voice_options: CloneOptions | None = None,
        voice_model_name: CloneModel | None = None,
        webhook_url: str | None = None,
    ) -> Voice:
        """Clone the voice of a public audio URL. The voice answers with status 1; its `voice_id` and
        `preview` are set when the clone completes (`client.wait(voice)`)."""
        body = NAMES.to_wire(
            source_voice_file=source_voice_file,
            name=name,
            voice_options=voice_options,
            voice_model_name=voice_model_name,
            webhook_url=webhook_url,
        )
        return from_wire(
            Voice, await self._call("voices.clone", json=body), "voices.clone", operation="voices.clone"
        )

    async def clone_and_wait(
        self,
        *,
        source_voice_file: str,
        name: str | None = None,
        voice_options: CloneOptions | None = None,
        voice_model_name: CloneModel | None = None,
        webhook_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> Voice:
        """`clone`, then `client.wait` until the voice is ready."""
        voice = await self.clone(
            source_voice_file=source_voice_file,
            name=name,
            voice_options=voice_options,
            voice_model_name=voice_model_name,
            webhook_url=webhook_url,
        )
        return await self._client.wait(voice, timeout=timeout, interval=interval)

    async def tts(
        self,
        *,
        input_text: str,
        voice_id: str,
        voice_options: TtsOptions | None = None,
        extra_options: TtsExtraOptions | None = None,
        language_code: str | None = None,
        pitch: int | None = None,
        webhook_url: str | None = None,
    ) -> VoiceResource:
        """Speak `input_text` with the voice `voice_id`; the result's `preview` is the audio URL once done."""
        body = NAMES.to_wire(
            input_text=input_text,
            voice_id=voice_id,
            voice_options=voice_options,
            extra_options=extra_options,
            language_code=language_code,
            pitch=pitch,
            webhook_url=webhook_url,
        )
        data = await self._call("voices.tts", json=body)
        return from_wire(VoiceResource, data, "voices.tts", operation="voices.tts")

    async def tts_and_wait(
        self,
        *,
        input_text: str,
        voice_id: str,
        voice_options: TtsOptions | None = None,
        extra_options: TtsExtraOptions | None = None,
        language_code: str | None = None,
        pitch: int | None = None,
        webhook_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> VoiceResource:
        """`tts`, then `client.wait` until the audio is ready."""
        result = await self.tts(
            input_text=input_text,
            voice_id=voice_id,
            voice_options=voice_options,
            extra_options=extra_options,
            language_code=language_code,
            pitch=pitch,
            webhook_url=webhook_url,
        )
        return await self._client.wait(result, timeout=timeout, interval=interval)

    async def change(
        self,
        *,
        voice_id: str,
        source_voice_file: str,
        voice_options: ChangeOptions | None = None,
        voice_model_name: ChangeModel | None = None,
        webhook_url: str | None = None,
    ) -> VoiceResource:
        """Re-voice the audio at `source_voice_file` with the voice `voice_id` (Akool Multilingual 1)."""
        body = NAMES.to_wire(
            voice_id=voice_id,
            source_voice_file=source_voice_file,
            voice_options=voice_options,
            voice_model_name=voice_model_name,
            webhook_url=webhook_url,
        )
        data = await self._call("voices.change", json=body)
        return from_wire(VoiceResource, data, "voices.change", operation="voices.change")

    async def change_and_wait(
        self,
        *,
        voice_id: str,
        source_voice_file: str,
        voice_options: ChangeOptions | None = None,
        voice_model_name: ChangeModel | None = None,
        webhook_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> VoiceResource:
        """`change`, then `client.wait` until the audio is ready."""
        result = await self.change(
            voice_id=voice_id,
            source_voice_file=source_voice_file,
            voice_options=voice_options,
            voice_model_name=voice_model_name,
            webhook_url=webhook_url,
        )
        return await self._client.wait(result, timeout=timeout, interval=interval)

    async def list_resources(
        self, *, type: ListType, page: int | None = None, size: int | None = None
    ) -> VoiceResourcePage:
        """A page of your text to speech (type 1) or voice changer (type 2) results."""
        params = NAMES.to_wire(type=type, page=page, size=size)
        data = await self._call("voices.list_resources", params=params)
        return from_wire(VoiceResourcePage, data, "voices.list_resources")

    async def get_resource(self, *, id: str) -> VoiceResource:
        """One text to speech or voice changer result by its `id`."""
        data = await self._call("voices.get_resource", path=NAMES.to_wire(id=id))
        return from_wire(VoiceResource, member(data, "result"), "voices.get_resource")

    async def list(
        self,
        *,
        type: ListType,
        page: int | None = None,
        size: int | None = None,
        style: str | Sequence[str] | None = None,
        gender: str | Sequence[str] | None = None,
        age: str | Sequence[str] | None = None,
        scenario: str | Sequence[str] | None = None,
        name: str | None = None,
        support_stream: bool | None = None,
    ) -> VoicePage:
        """A page of your voice clones (type 1) or Akool's voices (type 2), filtered by tags (any of the
        given values), `name` (fuzzy) and whether they support streaming."""
        params = NAMES.to_wire(
            type=type,
            page=page,
            size=size,
            style=None if style is None else joined(style),
            gender=None if gender is None else joined(gender),
            age=None if age is None else joined(age),
            scenario=None if scenario is None else joined(scenario),
            name=name,
            support_stream=None if support_stream is None else (1 if support_stream else 2),
        )
        return from_wire(VoicePage, await self._call("voices.list", params=params), "voices.list")

    async def get(self, *, id: str) -> Voice:
        """One voice by its `id` (not its `voice_id`)."""
        return from_wire(Voice, await self._call("voices.get", path=NAMES.to_wire(id=id)), "voices.get")

    async def delete(self, *, ids: Sequence[str]) -> VoiceDeletion:
        """Delete voices by `id`; those that could not be deleted are listed in the answer, not raised."""
        data = await self._call("voices.delete", json=NAMES.to_wire(ids=ids))
        return from_wire(VoiceDeletion, data, "voices.delete")
