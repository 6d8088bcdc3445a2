"""Video jobs: talking photo, lip-sync, talking avatar, character swap, video translation, and their one poll.

Every product creates a job in one store keyed by `_id`; all are read back with
`GET /api/open/v3/content/video/infobymodelid?video_model_id=<_id>` (videos.get_result). Each product's pages
show a different record, so `PRODUCTS` lists per operation the keys its create answer and its poll answer
carry, in the order of the docs' examples (cited there). `video` is "" until the job completes, then a URL the
fake serves; a failure reason appears in the field the catalog names (character swap `faceswap_fail_reason`,
video translation `error_reason` with `error_code`). Decisions: schemas/NOTES.md.
"""

from __future__ import annotations

import json
import math
import uuid
from dataclasses import dataclass
from functools import cache
from typing import Any

from akool_mock.mock_server.errors import AkoolError, NotFound, ValidationFailed
from akool_mock.mock_server.handlers.avatars import find_avatar
from akool_mock.mock_server.handlers.base import Call, Handler, Reply
from akool_mock.mock_server.handlers.common import (
    PRICING_DIR,
    ms,
    ok,
    polled_jobs,
    price,
    split_ids,
    start_job,
    team_id,
    webhook_url,
)
from akool_mock.mock_server.handlers.subtitles import audio_splits
from akool_mock.mock_server.handlers.voices import clones_named
from akool_mock.mock_server.jobs import COMPLETED, FAILED, QUEUED, Job

NOT_FOUND = 1008  # "The content you get does not exist" (every video page's code table)
ASSUMED_MEDIA_SECONDS = 10.0  # the fake never fetches media; the docs' examples use 10 s clips
CHARACTER_SWAP_MODEL = "wavespeed-ai/wan-2.2/animate"  # every character swap example's model
TRANSLATION_ERROR_CODE = 1205  # "Create video error, please try again later" (video translation table)
LIPSYNC_TWICE = (
    1202  # "The same video cannot be translated with lip-sync in the same language more than once"
)

TALKING_PHOTO, LIPSYNC, TALKING_AVATAR = "talking_photo.create", "lipsync.create", "talking_avatar.create"
CHARACTER_SWAP, TRANSLATION = "character_swap.create", "video_translation.create"


@dataclass(frozen=True, slots=True)
class Product:
    create_keys: tuple[str, ...]
    poll_keys: tuple[str, ...]


_LEGACY = "faceswap_quality storage_loc _id create_time uid type from "


def _product(create: str, poll: str) -> Product:
    return Product(tuple(create.split()), tuple(poll.split()))


PRODUCTS: dict[str, Product] = {
    # openapi/talking-photo.yaml: the create example; the VideoInfoResult example + TalkingPhotoResult fields.
    TALKING_PHOTO: _product(
        _LEGACY + "video_lock_duration deduction_lock_duration external_video talking_photo video __v "
        "video_status prompt resolution",
        _LEGACY + "video_id video_lock_duration deduction_lock_duration video_status external_video video "
        "talking_photo prompt resolution",
    ),
    # pages/ai-tools-suite__lip-sync.md: the Create lipSync and the Get Video Info examples.
    LIPSYNC: _product(
        "create_time uid type from target_video faceswap_quality video_id video_status video_lock_duration "
        "deduction_lock_duration external_video video storage_loc input_audio webhookUrl task_id lipsync "
        "_id __v",
        _LEGACY + "video_id video_lock_duration deduction_lock_duration video_status external_video video",
    ),
    # pages/ai-tools-suite__talking-avatar.md: Create Talking avatar and Get Video Info examples.
    TALKING_AVATAR: _product(
        "_id uid video_id task_id video_status video create_time",
        "_id create_time uid video_id deduction_duration video_status video",
    ),
    # pages/ai-tools-suite__character-swap__create.md and __get-result.md: `status` at create; when polled
    # `video_status`, `update_time` (once done), `video` (completed), `faceswap_fail_reason` (failed).
    CHARACTER_SWAP: _product(
        "_id create_time uid team_id status video_duration deduction_credit resolution file_name "
        "image_url video_url prompt mode model_name webhookUrl",
        "_id create_time uid team_id update_time video_duration webhookUrl file_name image_url video "
        "video_url prompt resolution deduction_credit video_status faceswap_fail_reason",
    ),
    # current/ai-tools-suite/avatar.mdx (2026 docs): the Create Avatar Video and Get Video Info examples.
    "avatars.create_video": _product(
        "create_time uid type from ratio background offset_x offset_y scale faceswap_quality "
        "video_sub_status video_status video_lock_duration deduction_lock_duration external_video video "
        "storage_loc source_data _id __v",
        _LEGACY + "video_id video_lock_duration deduction_lock_duration video_status external_video video",
    ),
    # openapi/video-translation.yaml VideoTranslationResult / VideoTranslationStatus, plus `language` and
    # `progress` that Akool's demo reads (notes #video_translation-all-results).
    TRANSLATION: _product(
        "_id create_time uid team_id video_id video_status video language progress lipsync webhookUrl "
        "deduction_duration",
        "_id create_time uid team_id video_id language video_status video progress deduction_duration "
        "error_code error_reason audio_splits",
    ),
}


# ----- shared pieces -----------------------------------------------------------------------------------
def _uuid(call: Call) -> str:
    return str(uuid.UUID(int=call.backend.ids.random.getrandbits(128), version=4))


def _hex(call: Call) -> str:
    return uuid.UUID(_uuid(call)).hex


def _credits(call: Call) -> int:
    """What this call costs (data/pricing/videos.json), as the integer the answers show."""
    return math.ceil(price(call.op, call.body)[0])


def _progress(call: Call, job: Job) -> int:
    """Percent done: 0 queued, 100 completed; while processing it grows with the clock (time policy) or is
    50 (other policies); a failed job keeps the progress it had when it failed."""
    if job.status == QUEUED:
        return 0
    if job.status == COMPLETED:
        return 100
    if job.policy != "time":
        return 50
    started = job.created_at if job.processing_at is None else job.processing_at
    until = job.updated_at if job.status == FAILED else call.backend.now()
    processing = call.owner.lifecycle.for_operation(job.op_id).duration(job.op_id)[1]
    fraction = (until - started) / processing if processing > 0 else 0.0
    return min(99, max(1, 1 + int(98 * fraction)))


FAILED_COST_FIELDS = frozenset({"deduction_credit", "deduction_duration"})


def _values(call: Call, job: Job) -> dict[str, Any]:
    """Every value a video record can show, as of now."""
    values: dict[str, Any] = {"_id": job.id, "create_time": ms(job.created_at), "uid": call.owner.uid}
    values["team_id"] = team_id(call.owner.client_id)
    values.update(job.fields.as_dict())
    values["video_status"] = values["status"] = job.status
    if job.terminal:
        values["update_time"] = ms(job.updated_at)
    if job.status == FAILED:
        # What the job really cost: 0 once refunded (character swap's failed example; refunds.py).
        for key in FAILED_COST_FIELDS.intersection(values):
            values[key] = math.ceil(job.cost)
    if job.op_id == TRANSLATION:
        values["progress"] = _progress(call, job)
        if job.status == FAILED:
            values["error_code"] = TRANSLATION_ERROR_CODE
        splits = audio_splits(call.backend.settings.base_url, job)
        if splits is not None:
            values["audio_splits"] = splits
    return values


def video_view(call: Call, job: Job, *, create: bool) -> dict[str, Any]:
    """The job as its product's create answer (create=True) or poll answer shows it."""
    product = PRODUCTS[job.op_id]
    values = _values(call, job)
    return {
        key: values[key] for key in (product.create_keys if create else product.poll_keys) if key in values
    }


def _echo_webhook(call: Call) -> str:
    return webhook_url(call) or ""


# ----- talking photo, lip-sync ------------------------------------------------------------------------
def create_talking_photo(call: Call) -> Reply:
    body = call.body
    # video_id: 32 hex characters, as in the poll example (openapi/talking-photo.yaml).
    fields: dict[str, Any] = {
        "faceswap_quality": 2,
        "storage_loc": 1,
        "type": 5,
        "from": 2,
        "video_id": _hex(call),
    }
    fields.update(video_lock_duration=ASSUMED_MEDIA_SECONDS, deduction_lock_duration=_credits(call))
    fields.update(external_video="", talking_photo=body["talking_photo_url"], video="", __v=0)
    if "prompt" in body:
        fields["prompt"] = body["prompt"]
    # "720" and 720 are both accepted; answers carry the string (notes #talking_photo-resolution).
    fields["resolution"] = str(body.get("resolution", "720"))
    job = start_job(call, fields)
    return ok(video_view(call, job, create=True))


def create_lipsync(call: Call) -> Reply:
    body = call.body
    fields: dict[str, Any] = {"type": 9, "from": 2, "target_video": body["video_url"], "faceswap_quality": 2}
    fields.update(video_id=_uuid(call), video_lock_duration=ASSUMED_MEDIA_SECONDS)
    fields.update(deduction_lock_duration=_credits(call), external_video="", video="", storage_loc=1)
    fields.update(input_audio=body["audio_url"], webhookUrl=_echo_webhook(call))
    fields.update(task_id=call.backend.ids.object_id(), lipsync=True, __v=0)
    job = start_job(call, fields)
    return ok(video_view(call, job, create=True))


# ----- talking avatar -----------------------------------------------------------------------------------
def _voice_ready(call: Call, voice_id: str) -> bool | None:
    """True: an Akool voice or a completed clone of the caller (by voice_id or _id, as VoiceLab accepts);
    False: a clone of the caller that is not ready; None: no such voice."""
    for item in call.backend.seeded.get("voices", []):
        if voice_id in (item.get("_id"), item.get("voice_id")):
            return True
    named = clones_named(call.backend, call.owner.client_id, voice_id)  # the oldest one, as always
    return named[0].status == COMPLETED if named else None


def _check_avatar(call: Call, where: str, avatar_id: str) -> None:
    avatar_from = call.body["avatar_from"]
    avatar = find_avatar(call.backend, call.owner, avatar_id)
    if avatar is None:
        raise ValidationFailed(f"{where}.avatar_id: no such avatar {avatar_id}")
    if avatar.get("from") != avatar_from:
        # "you will obtain the field 【from】 and pass it here" (Create Talking avatar, avatar_from).
        raise ValidationFailed(
            f"avatar_from: avatar {avatar_id} has from {avatar.get('from')}, not {avatar_from}"
        )
    if avatar.get("status", COMPLETED) != COMPLETED:
        status = avatar.get("status")
        raise ValidationFailed(
            f"{where}.avatar_id: avatar {avatar_id} is not usable (status {status}, needs 3)"
        )


def _check_elements(call: Call) -> None:
    """The avatars and voices the elements name must exist for the caller (seeded or owned) and be ready."""
    for index, element in enumerate(call.body["elements"]):
        where = f"elements[{index}]"
        if element["type"] == "avatar" and "avatar_id" in element:
            _check_avatar(call, where, element["avatar_id"])
        # "If both the URL and the input text fields are passed, the URL takes precedence": the voice is
        # only used (so only checked) for an audio element without a url.
        if element["type"] == "audio" and "voice_id" in element and "url" not in element:
            ready = _voice_ready(call, element["voice_id"])
            if ready is None:
                raise ValidationFailed(f"{where}.voice_id: no such voice {element['voice_id']}")
            if not ready:
                raise ValidationFailed(
                    f"{where}.voice_id: voice {element['voice_id']} is not ready (needs status 3)"
                )


def create_talking_avatar(call: Call) -> Reply:
    _check_elements(call)
    fields: dict[str, Any] = {"video_id": _uuid(call), "task_id": call.backend.ids.object_id(), "video": ""}
    fields["deduction_duration"] = _credits(call)
    job = start_job(call, fields)
    return ok(video_view(call, job, create=True))


# ----- character swap -----------------------------------------------------------------------------------
@cache
def _character_swap_rule() -> dict[str, Any]:
    rules: dict[str, Any] = json.loads((PRICING_DIR / "videos.json").read_text(encoding="utf-8"))[
        "operations"
    ]
    return dict(rules[CHARACTER_SWAP])


def character_swap_cost(duration: float, resolution: str) -> int:
    """Each started 5-second block at the resolution's unit (notes #character_swap-pricing)."""
    units: dict[str, int] = _character_swap_rule()["unit_credits"]
    return math.ceil(duration / 5) * units[resolution]


def create_character_swap(call: Call) -> Reply:
    body = call.body
    rule = _character_swap_rule()
    duration = body.get("duration", rule["assumed_seconds"])
    resolution = body.get("resolution", "720p")
    cost = character_swap_cost(float(duration), resolution)
    fields: dict[str, Any] = {"video_duration": duration, "deduction_credit": cost, "resolution": resolution}
    fields.update(file_name="", image_url=body["image"], video_url=body["video"])
    if "prompt" in body:
        fields["prompt"] = body["prompt"]
    fields.update(mode=body.get("mode", "animate"), model_name=body.get("model_name", CHARACTER_SWAP_MODEL))
    fields["webhookUrl"] = _echo_webhook(call)
    job = start_job(call, fields, cost=float(cost))
    job.fields["file_name"] = f"CharacterSwap_{ms(job.created_at)}.mp4"  # as in the docs' example
    return ok(video_view(call, job, create=True))


# ----- video translation --------------------------------------------------------------------------------
def _lipsynced_before(call: Call, url: str, language: str) -> bool:
    jobs = call.backend.jobs.matching(call.owner.client_id, (TRANSLATION,), "source_url", url)
    return any(
        job.status != FAILED
        and job.fields.get("lipsync")
        and (job.fields["source_url"], job.fields["language"]) == (url, language)
        for job in jobs
    )


def _translation_job(call: Call, language: str) -> Job:
    body = call.body
    lipsync = bool(body.get("lipsync", False))
    if lipsync and _lipsynced_before(call, body["url"], language):
        raise AkoolError(
            f"language: {language}: this video was already translated with lip-sync", code=LIPSYNC_TWICE
        )
    fields: dict[str, Any] = {"video_id": _hex(call), "video": "", "language": language}
    fields.update(lipsync=lipsync, webhookUrl=_echo_webhook(call), deduction_duration=_credits(call))
    fields["source_url"] = body["url"]  # kept for the 1202 rule; not in any answer's key list
    return start_job(call, fields)


def create_translation(call: Call) -> Reply:
    """One job per target language; `data` is the first created job and `all_results` one full answer per
    language, where a language can fail alone (1202, 1006) (notes #video_translation-all-results)."""
    results: list[dict[str, Any]] = []
    jobs: list[Job] = []
    errors: list[AkoolError] = []
    languages = split_ids(call.body["language"])
    _check_languages(call, languages)
    for language in languages:
        try:
            job = _translation_job(call, language)
        except AkoolError as error:
            errors.append(error)
            results.append(error.envelope())
            continue
        jobs.append(job)
        results.append({"code": 1000, "msg": "OK", "data": video_view(call, job, create=True)})
    if not jobs:
        raise errors[0]
    return Reply(video_view(call, jobs[0], create=True), extra={"all_results": results})


def _check_languages(call: Call, languages: list[str]) -> None:
    """Every target must be a `lang_code` of the language list, or nothing is made (NOTES.md)."""
    known = {str(item.get("lang_code")) for item in call.backend.seeded.get("languages", [])}
    unknown = [code for code in languages if code not in known]
    if unknown:
        raise ValidationFailed(
            f"language: {', '.join(unknown)} not in the language list (video_translation.list_languages)"
        )


def list_languages(call: Call) -> Reply:
    return ok({"lang_list": [dict(item) for item in call.backend.seeded.get("languages", [])]})


# ----- the shared poll ----------------------------------------------------------------------------------
def get_result(call: Call) -> Reply:
    """One video job by `_id`; unknown, foreign and comma-joined ids answer 1008."""
    model_id = str(call.query["video_model_id"])
    if "," in model_id:
        raise NotFound(f"video_model_id: {model_id} not found", code=NOT_FOUND)
    jobs = polled_jobs(call, missing_code=NOT_FOUND, skip_missing=False)
    if not jobs:
        raise NotFound(f"video_model_id: {model_id} not found", code=NOT_FOUND)
    return ok(video_view(call, jobs[0], create=False))


HANDLERS: dict[str, Handler] = {
    "videos.get_result": get_result,
    TALKING_PHOTO: create_talking_photo,
    LIPSYNC: create_lipsync,
    TALKING_AVATAR: create_talking_avatar,
    CHARACTER_SWAP: create_character_swap,
    TRANSLATION: create_translation,
    "video_translation.list_languages": list_languages,
}
