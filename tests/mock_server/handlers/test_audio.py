"""audio.*: the legacy v3 voice API of the 2026 docs (voice list, TTS, clone, result)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.mock_server.conftest import Fake, make_fake

VOICES = "/api/open/v3/voice/list"
TTS = "/api/open/v3/audio/create"
CLONE = "/api/open/v3/audio/clone"
RESULT = "/api/open/v3/audio/infobymodelid"
TEXT = "Hello, this is Akool's AI platform!"


def test_the_voice_list_has_akools_voices_in_the_v3_shape(fake: Fake) -> None:
    answer = fake.get(VOICES)
    assert answer["msg"] == "ok"
    assert answer["data"]
    assert {voice["from"] for voice in answer["data"]} == {3}
    assert fake.get(VOICES, **{"from": 3})["data"] == answer["data"]
    assert fake.get(VOICES, **{"from": 4})["data"] == []


def _tts(fake: Fake, **changes: Any) -> dict[str, Any]:
    voice_id = fake.get(VOICES)["data"][0]["voice_id"]
    body = {"input_text": TEXT, "voice_id": voice_id, "rate": "100%", "webhookUrl": "", **changes}
    answer = fake.post(TTS, body)
    assert answer["code"] == 1000, answer
    return dict(answer["data"])


def test_tts_is_queued_then_an_mp3(fake: Fake) -> None:
    created = _tts(fake)
    assert (created["status"], created["url"], created["rate"]) == (1, "", "100%")
    fake.clock.advance(600)
    done = fake.get(RESULT, audio_model_id=created["_id"])["data"]
    assert done["status"] == 3
    served = fake.request("GET", urlsplit(done["url"]).path)
    assert (served.status, served.content_type) == (200, "audio/mpeg")


def test_clone_speaks_in_the_voice_of_a_url(fake: Fake) -> None:
    body = {"input_text": TEXT, "rate": "50%", "voice_url": "https://example.com/voice.mp3"}
    created = fake.post(CLONE, body)["data"]
    fake.request("POST", f"/_mock/jobs/{created['_id']}/complete")
    done = fake.get(RESULT, audio_model_id=created["_id"])["data"]
    assert (done["status"], done["input_text"]) == (3, TEXT)
    assert done["url"].startswith("http")


def test_webhooks_are_of_type_audio(fake: Fake) -> None:
    created = _tts(fake, webhookUrl="https://hooks.example/audio")
    fake.request("POST", f"/_mock/jobs/{created['_id']}/complete")
    payload = fake.backend.outbox.for_job(created["_id"])[-1].payload
    assert (payload["type"], payload["status"]) == ("audio", 3)


def test_unknown_ids_and_bad_rates(fake: Fake) -> None:
    assert fake.get(RESULT, audio_model_id="0" * 24)["code"] == 1008
    bad = fake.post(TTS, {"input_text": TEXT, "voice_id": "x", "rate": "fast"})
    assert bad["code"] == 1003
    assert "rate" in bad["msg"]


@settings(max_examples=10)
@given(st.integers(0, 100))
def test_any_percentage_rate_is_accepted(rate: int) -> None:
    assert _tts(make_fake(), rate=f"{rate}%")["rate"] == f"{rate}%"
