"""VoiceLab (pages/ai-tools-suite__voiceLab.md): voice clones, text to speech, voice changer, lists, delete.

Two collections, as on the page: **voices** (the account's clones, polled with `voices.get`, plus the
read-only Akool voices seeded from `fixtures/canonical/voices.json`) and **voice results** (TTS and voice
changer jobs, polled with `voices.get_resource`). Every create answers the whole created document with
`status` 1; `voice_id` (clones) and `preview` stay null until the job completes. Decisions:
schemas/NOTES.md ("Server behaviour").
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from functools import cache
from posixpath import basename
from typing import Any
from urllib.parse import urlparse

from akool_mock.mock_server.errors import NotFound, ValidationFailed
from akool_mock.mock_server.handlers.base import Call, Handler, Reply
from akool_mock.mock_server.handlers.common import (
    PRICING_DIR,
    ms,
    ok,
    paged,
    polled_jobs,
    split_ids,
    start_job,
    team_id,
)
from akool_mock.mock_server.ids import job_digest, job_token
from akool_mock.mock_server.job_fields import Derived, shared_in
from akool_mock.mock_server.jobs import COMPLETED, FAILED, QUEUED, Job
from akool_mock.mock_server.state import Backend

CLONE, TTS, CHANGE = "voices.clone", "voices.tts", "voices.change"
RESULT_OPS = {1: (TTS,), 2: (CHANGE,)}  # voice/resource/list type: 1 voiceTTS, 2 voiceChanger
NOT_FOUND = 1014  # ai-tools-suite__error-code: "Resource does not exist" (no VoiceLab table)
DELETED_MSG = "Delete voice successfully"  # the Delete Voice example, also when some ids failed
DEFAULT_CLONE_MODEL = "Akool Multilingual 3"  # the model of every clone in the page's examples
STREAMING_MODELS = frozenset({"Akool Multilingual 1", "Akool Multilingual 3"})  # "only support stream"
MAX_INPUT_TEXT = 50_000  # the largest per-plan limit (Business); no plan accepts more
SPOKEN_CHARS_PER_SECOND = 15  # how long the fake says a TTS result lasts, per character of input
RATES = {QUEUED: "0%", 2: "50%", COMPLETED: "100%", FAILED: "0%"}
# Clone preview text of the page's Create Voice Clone answer, used when no clone_prompt is given.
PREVIEW_TEXT = "This is a comic style model, this is a comic style model, this is a comic style model"
# Languages of the clone models (Akool Multilingual 1, 3, 4): `locale` code → `language` name.
LANGUAGES = {
    "af": "Afrikaans",
    "ar": "Arabic",
    "bg": "Bulgarian",
    "ca": "Catalan",
    "cs": "Czech",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "fa": "Persian",
    "fi": "Finnish",
    "fil": "Filipino",
    "fr": "French",
    "he": "Hebrew",
    "hi": "Hindi",
    "hr": "Croatian",
    "hu": "Hungarian",
    "id": "Indonesian",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "ml": "Malayalam",
    "ms": "Malay",
    "nb": "Norwegian",
    "nl": "Dutch",
    "nn": "Norwegian Nynorsk",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sv": "Swedish",
    "ta": "Tamil",
    "th": "Thai",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "vi": "Vietnamese",
    "yue": "Cantonese",
    "zh": "Chinese",
}
TTS_OPTION_DEFAULTS = {"stability": 0.7, "similarity_boost": 0.5, "style": 0.6, "speaker_boost": False}
ANSWER_OPTIONS = frozenset(
    {"stability", "similarity_boost", "style", "speed", "speaker_boost", "emotion", "volume"}
    | {"file_format", "remove_background_noise"}
)


@cache
def _assumed_change_seconds() -> float:
    """The source-audio length the changer's price assumes (data/pricing/voices.json); also its duration."""
    rules = json.loads((PRICING_DIR / "voices.json").read_text(encoding="utf-8"))["operations"]
    return float(rules[CHANGE].get("assumed_seconds", 10))


def _hex32(call: Call) -> str:
    return f"{call.backend.ids.random.getrandbits(128):032x}"


def _hex_name(call: Call, purpose: str, suffix: str = "") -> Derived:
    """32 random-looking hex characters, then `suffix`, made from the job id when read (`job_digest`): one
    shared object instead of ~85 B per job (a TTS or changer result's `name` and `file_name`)."""
    seed = call.backend.ids.seed

    def make() -> Derived:
        return Derived(lambda job: job_digest(seed, f"{purpose} {job.id}", 16).hex() + suffix)

    return shared_in(_HEX_NAMES, (seed, purpose, suffix), make)


_HEX_NAMES: dict[tuple[int | None, str, str], Derived] = {}


# ----- voices (clones and Akool voices) ---------------------------------------------------------------
def _voice_view(job: Job) -> dict[str, Any]:
    """A clone as voice/list and voice/detail show it: the stored document plus live status."""
    return {"_id": job.id, **job.fields.as_dict(), "status": job.status, "update_time": ms(job.updated_at)}


def clone(call: Call) -> Reply:
    body, account = call.body, call.owner
    options: dict[str, Any] = body.get("voice_options") or {}
    model = body.get("voice_model_name") or DEFAULT_CLONE_MODEL
    locale = options.get("language") or "en"  # the table's default
    fields: dict[str, Any] = {
        "uid": account.uid,
        "team_id": team_id(account.client_id),
        "voice_id": None,
        "name": body.get("name") or f"voice-{_hex32(call)[:8]}",
        "preview": None,
        "text": options.get("clone_prompt") or PREVIEW_TEXT,
        "duration": call.backend.ids.number(3_000, 30_000),
        "create_time": call.backend.now_ms(),
        "style": list(options.get("style", [])),
        "scenario": list(options.get("scenario", [])),
        "age": list(options.get("age", [])),
        "deduction_credit": 0,
        "webhookUrl": body.get("webhookUrl", ""),
        "source_voice_file": body["source_voice_file"],
        "voice_model_name": model,
        "support_stream": model in STREAMING_MODELS,
        "language": LANGUAGES.get(locale, locale),
        "locale": locale,
    }
    if options.get("gender"):
        # Answers carry one string (notes #voices-gender-array-vs-string).
        fields["gender"] = options["gender"][0]
    # The voice_id is chosen now and revealed when the clone completes ("updated after task completion"):
    # 64 characters computed from the job id when read, one shared plan instead of ~300 B per clone.
    job = start_job(call, fields, planned=_voice_plan(call.backend.ids.seed))
    job.fields["deduction_credit"] = job.cost
    return ok(_voice_view(job))


def _voice_plan(seed: int | None) -> dict[str, Any]:
    """A clone's plan: its voice_id, made from its job id and the fake's seed (`job_token`) when read."""

    def make() -> dict[str, Any]:
        return {"voice_id": Derived(lambda job: job_token(seed, job.id, 64))}

    return shared_in(_VOICE_PLANS, seed, make)


_VOICE_PLANS: dict[int | None, dict[str, Any]] = {}


def _stock(call: Call, ref: str, *, by_voice_id: bool) -> dict[str, Any] | None:
    for item in call.backend.seeded.get("voices", []):
        if ref == item.get("_id") or (by_voice_id and ref == item.get("voice_id")):
            return copy.deepcopy(item)
    return None


def _clones(call: Call) -> list[Job]:
    """The caller's live clones, newest first (the page does not say; Akool lists newest first elsewhere)."""
    return list(reversed(call.backend.jobs.owned(call.owner.client_id, (CLONE,))))


def _usable_voice(call: Call, ref: str) -> dict[str, Any]:
    """The voice a TTS or changer request names: an Akool voice or a completed clone, by voice_id or _id."""
    stock = _stock(call, ref, by_voice_id=True)
    if stock is not None:
        return stock
    named = clones_named(call.backend, call.owner.client_id, ref)
    if named:
        job = named[-1]  # the newest
        if job.status == COMPLETED:
            return _voice_view(job)
        state = "failed" if job.status == FAILED else "is still being cloned"
        raise ValidationFailed(f"voice_id: voice {ref} {state} (status {job.status}); wait for status 3")
    raise ValidationFailed(f"voice_id: no such voice {ref}")


def clones_named(backend: Backend, owner: str, ref: str) -> list[Job]:
    """The owner's live clones whose `_id` or voice_id (shown once the clone completed) is `ref`, oldest
    first. Found through the engine's index of the voice_id each clone was given at creation (`planned`),
    so a TTS or a talking avatar naming a clone costs O(1), not O(the account's clones)."""
    jobs = backend.jobs
    found = [
        job
        for job in jobs.matching(owner, (CLONE,), "voice_id", ref, planned=True)
        if job.fields.get("voice_id") == ref
    ]
    by_id = jobs.get(ref)
    if (
        by_id is not None
        and (by_id.owner, by_id.op_id, by_id.deleted) == (owner, CLONE, False)
        and by_id not in found
    ):
        found.append(by_id)
        found.sort(key=lambda j: (j.created_at, j.id))
    return found


def _tags(value: Any) -> set[str]:
    return {tag.lower() for tag in split_ids(value)}


def _matches(voice: dict[str, Any], query: dict[str, Any]) -> bool:
    """The voice list filters: any listed tag matches (comma = or), every given filter must match."""
    for key in ("style", "age", "scenario"):
        wanted = _tags(query.get(key))
        if wanted and not wanted & {str(tag).lower() for tag in voice.get(key) or []}:
            return False
    genders = _tags(query.get("gender"))
    if genders and str(voice.get("gender", "")).lower() not in genders:
        return False
    name = str(query.get("name") or "").lower()
    if name and name not in str(voice.get("name", "")).lower():
        return False
    stream = query.get("support_stream")
    return stream is None or bool(voice.get("support_stream")) == (stream == 1)


def _answer(call: Call, result: list[dict[str, Any]], count: int) -> Reply:
    query = call.query
    return ok(
        {"result": result, "count": count, "page": query.get("page") or 1, "size": query.get("size") or 10}
    )


def _listed(call: Call, jobs: list[Job], view: Callable[[Job], dict[str, Any]]) -> Reply:
    """One page of jobs. The page tells clients to read results in the lists ("you can view it in the
    voiceList / resourceList"), so each listed job counts as polled, as on its detail operation."""
    page = paged(call, jobs)
    for job in page:
        call.backend.jobs.polled(job, call.backend.now())
    return _answer(call, [view(job) for job in page], len(jobs))


def list_voices(call: Call) -> Reply:
    """type 1: the caller's clones (any status); type 2: Akool voices."""
    query = call.query
    if query["type"] == 1:
        return _listed(call, [job for job in _clones(call) if _matches(_voice_view(job), query)], _voice_view)
    voices = [voice for voice in call.backend.seeded.get("voices", []) if _matches(voice, query)]
    return _answer(call, copy.deepcopy(paged(call, voices)), len(voices))


def _polled_one(call: Call, what: str) -> Job:
    """The caller's job named by path `_id` (counted as a poll); others' and deleted ids do not exist."""
    ref = call.path["_id"]
    try:
        return polled_jobs(call, missing_code=NOT_FOUND, skip_missing=False)[0]
    except NotFound:
        raise NotFound(f"{what}:{ref} resource not found", code=NOT_FOUND) from None


def get_voice(call: Call) -> Reply:
    stock = _stock(call, call.path["_id"], by_voice_id=False)
    if stock is not None:
        return ok(stock)
    return ok(_voice_view(_polled_one(call, "VoiceId")))


def delete_voices(call: Call) -> Reply:
    """Delete the caller's clones; Akool voices and unknown or foreign ids go to noPermissionVoices."""
    backend, owner = call.backend, call.owner.client_id
    deleted: list[str] = []
    refused: list[dict[str, str]] = []
    for ref in split_ids(call.body["_ids"]):
        job = backend.jobs.get(ref)
        if job is not None and job.op_id == CLONE and job.owner == owner and not job.deleted:
            backend.jobs.delete(job)
            deleted.append(ref)
        elif _stock(call, ref, by_voice_id=False) is not None:
            refused.append({"_id": ref, "msg": f"VoiceId:{ref} no permission to delete an Akool voice"})
        else:
            refused.append({"_id": ref, "msg": f"VoiceId:{ref} resource not found"})
    return ok({"successIds": deleted, "noPermissionVoices": refused}, msg=DELETED_MSG)


# ----- voice results (TTS and voice changer) ----------------------------------------------------------
def _result_view(job: Job) -> dict[str, Any]:
    """A TTS or changer result at its current status; `update_time` is 0 until the first change."""
    fields = job.fields.as_dict()
    view: dict[str, Any] = {"_id": job.id, **fields, "status": job.status}
    view["update_time"] = ms(job.updated_at) if job.status != QUEUED else 0
    view["rate"] = RATES[job.status]
    if job.op_id == TTS:
        # The TTS answer has duration 0 at status 1; the length is known once the audio exists.
        text = str(fields.get("input_text", ""))
        view["duration"] = len(text) * 1000 // SPOKEN_CHARS_PER_SECOND if job.status == COMPLETED else 0
    return view


def _answer_options(sent: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """The options the answer echoes: the docs' example values, overridden by what was sent."""
    return {**defaults, **{key: value for key, value in sent.items() if key in ANSWER_OPTIONS}}


def _result_fields(call: Call, voice: dict[str, Any], file_name: str | Derived) -> dict[str, Any]:
    account = call.owner
    fields: dict[str, Any] = {
        "create_time": call.backend.now_ms(),
        "uid": account.uid,
        "team_id": team_id(account.client_id),
        "preview": None,
        "webhookUrl": call.body.get("webhookUrl", ""),
        "duration": 0,
        "file_name": file_name,
        "deduction_credit": 0.0,
        "name": _hex_name(call, "name"),
        "priority": 2,
        "__v": 0,
        "voice_model_id": voice["_id"],
        "voice_id": voice.get("voice_id") or voice["_id"],
        "voice_options": _answer_options(call.body.get("voice_options") or {}, TTS_OPTION_DEFAULTS),
    }
    if voice.get("gender"):
        fields["gender"] = voice["gender"]
    return fields


def _start_result(call: Call, fields: dict[str, Any]) -> Reply:
    job = start_job(call, fields)
    job.fields["deduction_credit"] = job.cost
    return ok(_result_view(job))


def tts(call: Call) -> Reply:
    body = call.body
    text = body["input_text"]
    if len(text) > MAX_INPUT_TEXT:
        raise ValidationFailed(f"input_text: at most {MAX_INPUT_TEXT} characters (Business plan limit)")
    voice = _usable_voice(call, body["voice_id"])
    audio = (body.get("extra_options") or {}).get("audio_setting") or {}
    fields = _result_fields(call, voice, _hex_name(call, "file", f".{audio.get('format', 'mp3')}"))
    fields["input_text"] = text
    if body.get("language_code"):
        fields["language_code"] = body["language_code"]
    return _start_result(call, fields)


def _file_name(url: str) -> str:
    """The last path segment of a URL; "" when urlparse refuses it ("http://[x" passes the Url schema)."""
    try:
        return basename(urlparse(url).path)
    except ValueError:
        return ""


def change(call: Call) -> Reply:
    body = call.body
    voice = _usable_voice(call, body["voice_id"])
    source = body["source_voice_file"]
    fields = _result_fields(call, voice, _file_name(source) or _hex_name(call, "file", ".mp3"))
    fields["source_voice_file"] = source
    # The changer answer knows the source's duration at status 1 (12800 in the docs' example).
    fields["duration"] = int(_assumed_change_seconds() * 1000)
    return _start_result(call, fields)


def list_resources(call: Call) -> Reply:
    jobs = call.backend.jobs.owned(call.owner.client_id, RESULT_OPS[call.query["type"]])
    return _listed(call, list(reversed(jobs)), _result_view)


def get_resource(call: Call) -> Reply:
    return ok({"result": _result_view(_polled_one(call, "ResourceId"))})


HANDLERS: dict[str, Handler] = {
    "voices.clone": clone,
    "voices.tts": tts,
    "voices.change": change,
    "voices.list_resources": list_resources,
    "voices.get_resource": get_resource,
    "voices.list": list_voices,
    "voices.get": get_voice,
    "voices.delete": delete_voices,
}
