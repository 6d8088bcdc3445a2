"""client.audio: the legacy v3 voice API (Akool's 2026 docs keep its page; VoiceLab is `client.voices`).

Page: https://docs.akool.com/ai-tools-suite/audio. `create_tts` and `clone` make audio jobs that
`client.wait` (or the `_and_wait` helpers) finish; `get_result` reads one.
"""

from __future__ import annotations

from akool_mock.sdk import _constants as defaults
from akool_mock.sdk._async.resources._base import AsyncResource
from akool_mock.sdk.types._base import from_wire, many
from akool_mock.sdk.types.audio import NAMES, AudioJob, LegacyVoice


class AsyncAudio(AsyncResource):
    async def list_voices(self, *, source: int | None = None) -> tuple[LegacyVoice, ...]:
        """The voices: `source` 3 Akool's, 4 your own, None both."""
        data = await self._call("audio.list_voices", params={"from": source} if source is not None else None)
        return many(LegacyVoice, data, "audio.list_voices")

    async def create_tts(
        self, *, input_text: str, voice_id: str, rate: str = "100%", webhook_url: str | None = None
    ) -> AudioJob:
        """Speak `input_text` (up to 5000 characters) with `voice_id` at `rate` ("0%" to "100%")."""
        body = NAMES.to_wire(input_text=input_text, voice_id=voice_id, rate=rate, webhook_url=webhook_url)
        data = await self._call("audio.create_tts", json=body)
        return from_wire(AudioJob, data, "audio.create_tts", operation="audio.create_tts")

    async def create_tts_and_wait(
        self,
        *,
        input_text: str,
        voice_id: str,
        rate: str = "100%",
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> AudioJob:
        """`create_tts`, then `client.wait` for the speech `url`."""
        audio = await self.create_tts(input_text=input_text, voice_id=voice_id, rate=rate)
        return await self._client.wait(audio, timeout=timeout, interval=interval)

    async def clone(
        self,
        *,
        input_text: str,
        rate: str = "100%",
        voice_url: str | None = None,
        webhook_url: str | None = None,
    ) -> AudioJob:
        """Speak `input_text` in the voice of the recording at `voice_url`."""
        body = NAMES.to_wire(input_text=input_text, rate=rate, voice_url=voice_url, webhook_url=webhook_url)
        data = await self._call("audio.clone", json=body)
        return from_wire(AudioJob, data, "audio.clone", operation="audio.clone")

    async def clone_and_wait(
        self,
        *,
        input_text: str,
        rate: str = "100%",
        voice_url: str | None = None,
        timeout: float = defaults.WAIT_TIMEOUT,
        interval: float = defaults.POLL_INTERVAL,
    ) -> AudioJob:
        """`clone`, then `client.wait` for the speech `url`."""
        audio = await self.clone(input_text=input_text, rate=rate, voice_url=voice_url)
        return await self._client.wait(audio, timeout=timeout, interval=interval)

    async def get_result(self, *, id: str) -> AudioJob:
        """One audio job by its `id`. NotFoundError (1008) for an unknown id."""
        data = await self._call("audio.get_result", params={"audio_model_id": id})
        return from_wire(AudioJob, data, "audio.get_result")
