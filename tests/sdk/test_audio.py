"""client.audio (the legacy v3 voice API of the 2026 docs) against the in-process fake, sync and async."""

from __future__ import annotations

import pytest

from akool_mock.sdk import JobStatus, NotFoundError, ValidationError
from akool_mock.sdk.types.audio import AudioJob, LegacyVoice
from tests.sdk.support import Client, resolve

pytestmark = pytest.mark.anyio
TEXT = "Hello, this is Akool's AI platform!"


async def test_voices_then_tts_to_an_mp3(client: Client) -> None:
    voices = await resolve(client.audio.list_voices())
    assert voices
    assert all(isinstance(voice, LegacyVoice) for voice in voices)
    assert await resolve(client.audio.list_voices(source=4)) == ()
    audio = await resolve(
        client.audio.create_tts(input_text=TEXT, voice_id=voices[0].voice_id, webhook_url="")
    )
    assert isinstance(audio, AudioJob)
    assert (audio.status, audio.url, audio.operation) == (JobStatus.QUEUED, "", "audio.create_tts")
    done = await resolve(client.wait(audio))
    assert done.status is JobStatus.COMPLETED
    assert str(done.url).endswith(".mp3")
    assert (await resolve(client.audio.get_result(id=audio.id))).url == done.url


async def test_the_and_wait_helpers(client: Client) -> None:
    voices = await resolve(client.audio.list_voices(source=3))
    spoken = await resolve(
        client.audio.create_tts_and_wait(input_text=TEXT, voice_id=voices[0].voice_id, rate="80%")
    )
    cloned = await resolve(
        client.audio.clone_and_wait(input_text=TEXT, voice_url="https://example.com/voice.mp3")
    )
    assert (spoken.status, spoken.rate, cloned.status) == (JobStatus.COMPLETED, "80%", JobStatus.COMPLETED)


async def test_errors(client: Client) -> None:
    with pytest.raises(NotFoundError):
        await resolve(client.audio.get_result(id="0123456789abcdef01234567"))
    with pytest.raises(ValidationError, match="rate"):
        await resolve(client.audio.clone(input_text=TEXT, rate="fast"))
