"""client.voices against the in-process fake: every operation, sync and async."""

from __future__ import annotations

import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk import JobStatus, NotFoundError, ValidationError
from akool_mock.sdk.types.voices import Voice, VoiceDeletion, VoicePage, VoiceResource, VoiceResourcePage
from tests.sdk.support import AUDIO, Client, resolve

pytestmark = pytest.mark.anyio


async def cloned(client: Client) -> Voice:
    voice: Voice = await resolve(
        client.voices.clone_and_wait(
            source_voice_file=AUDIO,
            name="narrator",
            voice_options={"style": ["Calm"], "gender": ["Male"], "language": "en"},
            voice_model_name="Akool Multilingual 3",
        )
    )
    return voice


async def test_clone_answers_a_queued_voice_that_wait_finishes(client: Client) -> None:
    voice = await resolve(client.voices.clone(source_voice_file=AUDIO, name="me", webhook_url=""))
    assert isinstance(voice, Voice)
    assert (voice.status, voice.voice_id, voice.operation) == (JobStatus.QUEUED, None, "voices.clone")
    done = await resolve(client.wait(voice))
    assert isinstance(done, Voice)
    assert done.status is JobStatus.COMPLETED
    assert done.voice_id
    assert done.preview


async def test_clone_and_wait(client: Client) -> None:
    voice = await cloned(client)
    assert voice.status is JobStatus.COMPLETED
    assert voice.name == "narrator"
    assert voice.voice_id


async def test_tts_and_wait_with_a_clone(client: Client) -> None:
    voice = await cloned(client)
    queued = await resolve(
        client.voices.tts(
            input_text="Hello there",
            voice_id=voice.voice_id or "",
            voice_options={"stability": 0.5, "speed": 1.0},
            extra_options={"previous_text": "Well,", "audio_setting": {"format": "mp3"}},
            language_code="en",
        )
    )
    assert isinstance(queued, VoiceResource)
    assert (queued.status, queued.operation) == (JobStatus.QUEUED, "voices.tts")
    done = await resolve(client.voices.tts_and_wait(input_text="Hello again", voice_id=voice.voice_id or ""))
    assert done.status is JobStatus.COMPLETED
    assert done.preview
    assert done.input_text == "Hello again"


async def test_change_and_wait(client: Client) -> None:
    voice = await cloned(client)
    queued = await resolve(
        client.voices.change(
            voice_id=voice.voice_id or "",
            source_voice_file=AUDIO,
            voice_options={"file_format": "wav", "remove_background_noise": True},
            voice_model_name="Akool Multilingual 1",
        )
    )
    assert (queued.status, queued.operation) == (JobStatus.QUEUED, "voices.change")
    done = await resolve(
        client.voices.change_and_wait(voice_id=voice.voice_id or "", source_voice_file=AUDIO)
    )
    assert done.status is JobStatus.COMPLETED
    assert done.preview


async def test_get_and_get_resource(client: Client) -> None:
    voice = await cloned(client)
    again = await resolve(client.voices.get(id=voice.id))
    assert (again.id, again.voice_id) == (voice.id, voice.voice_id)
    result = await resolve(client.voices.tts_and_wait(input_text="Hi", voice_id=voice.voice_id or ""))
    detail = await resolve(client.voices.get_resource(id=result.id))
    assert isinstance(detail, VoiceResource)
    assert (detail.id, detail.preview) == (result.id, result.preview)


async def test_list_clones_and_akool_voices(client: Client) -> None:
    voice = await cloned(client)
    mine = await resolve(client.voices.list(type=1, page=1, size=10))
    assert isinstance(mine, VoicePage)
    assert [item.id for item in mine.result] == [voice.id]
    assert (mine.count, mine.page, mine.size) == (1, 1, 10)
    akool = await resolve(client.voices.list(type=2, style=["Calm", "Authoritative"], support_stream=True))
    assert akool.count >= 1
    assert all("Calm" in item.style or "Authoritative" in item.style for item in akool.result)
    none = await resolve(
        client.voices.list(type=2, name="no such voice anywhere", gender="Male", age="Young")
    )
    assert none.result == ()


async def test_list_resources(client: Client) -> None:
    voice = await cloned(client)
    await resolve(client.voices.tts(input_text="One", voice_id=voice.voice_id or ""))
    page = await resolve(client.voices.list_resources(type=1, page=1, size=5))
    assert isinstance(page, VoiceResourcePage)
    assert page.count == 1
    assert len(page.result) == 1
    changes = await resolve(client.voices.list_resources(type=2))
    assert changes.count == 0


async def test_delete_reports_what_it_could_not_delete(client: Client) -> None:
    voice = await cloned(client)
    missing = "0123456789abcdef01234567"
    deletion = await resolve(client.voices.delete(ids=[voice.id, missing]))
    assert isinstance(deletion, VoiceDeletion)
    assert deletion.success_ids == (voice.id,)
    assert [item.id for item in deletion.no_permission_voices] == [missing]
    assert "not found" in deletion.no_permission_voices[0].msg


async def test_unknown_voice_is_not_found(client: Client) -> None:
    with pytest.raises(NotFoundError) as caught:
        await resolve(client.voices.get(id="0123456789abcdef01234567"))
    assert caught.value.code == 1014


async def test_tts_with_an_unfinished_clone_is_refused(client: Client, akool: FakeAkool) -> None:
    voice = await resolve(client.voices.clone(source_voice_file=AUDIO))
    with pytest.raises(ValidationError, match="voice_id"):
        await resolve(client.voices.tts(input_text="Too soon", voice_id=voice.id))
