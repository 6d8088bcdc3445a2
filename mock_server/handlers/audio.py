"""Audio, the legacy v3 voice API (2026 docs: current/ai-tools-suite/audio.mdx).

`voice/list` lists voices in the v3 shape (Akool's seeded voices as `from` 3); `audio/create` (text to speech
with a `voice_id`) and `audio/clone` (speech in the voice of a `voice_url`) make audio jobs (status 1-4, `url`
once completed, webhook type "audio"), read with `audio/infobymodelid?audio_model_id=`. Unknown ids answer
1008. Decisions: schemas/NOTES.md#audio-legacy-v3.
"""

from __future__ import annotations

from typing import Any

from akool_mock.mock_server.errors import NotFound
from akool_mock.mock_server.handlers.base import Call, Handler, Reply
from akool_mock.mock_server.handlers.common import ok, polled_jobs, start_job, webhook_url
from akool_mock.mock_server.jobs import COMPLETED, Job

NOT_FOUND = 1008  # "content not exist" (error-code page); the audio page lists no code of its own
AKOOL_VOICES, OWN_VOICES = 3, 4


def _legacy_voice(voice: dict[str, Any]) -> dict[str, Any]:
    """A seeded (VoiceLab) voice in the v3 list's shape (the page's example item)."""
    return {
        "_id": voice["_id"],
        "create_time": voice.get("create_time", 0),
        "uid": 1,
        "from": AKOOL_VOICES,
        "voice_id": voice["voice_id"],
        "gender": voice.get("gender", ""),
        # The example item's ElevenLabs labels: the seeded VoiceLab voices have none, so they are empty.
        "accent": voice.get("accent", ""),
        "name": voice.get("name", ""),
        "description": voice.get("description", ""),
        "useCase": voice.get("useCase", ""),
        "preview": voice.get("preview", ""),
        "type": 1,
        "__v": 0,
    }


def list_voices(call: Call) -> Reply:
    wanted = call.query.get("from")
    voices = [] if wanted == OWN_VOICES else [_legacy_voice(v) for v in call.backend.seeded.get("voices", [])]
    # The v3 API has no voice of the caller's own to list: its clones make audio, not voices.
    return Reply(voices, msg="ok")  # the example's msg


def _create(call: Call, voice_model_id: str) -> Reply:
    body = call.body
    fields: dict[str, Any] = {
        "create_time": call.backend.now_ms(),
        "uid": call.owner.uid,
        "from": AKOOL_VOICES,
        "input_text": body["input_text"],
        "rate": body["rate"],
        "voice_model_id": voice_model_id,
        "webhookUrl": webhook_url(call) or "",
        "__v": 0,
    }
    return ok(audio_view(start_job(call, fields)))


def create_tts(call: Call) -> Reply:
    return _create(call, str(call.body["voice_id"]))


def clone(call: Call) -> Reply:
    return _create(call, call.backend.ids.object_id())


def audio_view(job: Job) -> dict[str, Any]:
    """The audio document: `url` empty until completed (the page's `{_id, status, url: ""}`)."""
    shown = {key: value for key, value in job.fields.items() if key not in ("webhookUrl", "url")}
    url = job.fields.get("url", "") if job.status == COMPLETED else ""
    return {"_id": job.id, **shown, "status": job.status, "url": url}


def get_result(call: Call) -> Reply:
    wanted = call.query.get("audio_model_id")
    try:
        return ok(audio_view(polled_jobs(call, missing_code=NOT_FOUND, skip_missing=False)[0]))
    except NotFound:
        raise NotFound(f"audio_model_id: no audio {wanted}", code=NOT_FOUND) from None


HANDLERS: dict[str, Handler] = {
    "audio.list_voices": list_voices,
    "audio.create_tts": create_tts,
    "audio.clone": clone,
    "audio.get_result": get_result,
}
