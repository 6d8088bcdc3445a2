"""Image to Video v4 (page ai-tools-suite__image2video; Akool's akool-image-to-video-demo as a client).

create, create_batch (one job per requested video) and update_audio (a new job on a finished video) make
video jobs polled together with `resultsByIds {"_ids": "a,b"}` (items at `data.result`, status `status`,
result `video_url` once status is 3). Prices depend on resolution and length (the page's tables, kept in
data/pricing/image2video.json), so the handlers compute the cost and charge it themselves.
"""

from __future__ import annotations

import json
import math
from functools import cache
from typing import Any

from akool_mock.mock_server.errors import NotFound, ValidationFailed
from akool_mock.mock_server.handlers.base import Call, Handler, Reply
from akool_mock.mock_server.handlers.common import (
    PRICING_DIR,
    check_plan,
    ok,
    polled_jobs,
    price,
    split_ids,
    start_job,
    team_id,
    webhook_url,
)
from akool_mock.mock_server.jobs import COMPLETED, FAILED, Job

CREATE_OP, BATCH_OP, AUDIO_OP = "image2video.create", "image2video.create_batch", "image2video.update_audio"
# Text to Video jobs (2026 docs) share the results, delete and audio operations of image to video.
VIDEO_JOBS = (CREATE_OP, BATCH_OP, AUDIO_OP, "text2video.create_batch")
NOT_FOUND = 1008  # the area documents no code; 1008 is "The content you get does not exist" (error-code page)
PROCESSING_MSG = "video resource is processing, please try again later"  # delbyids example answer
MISSING_MSG = "video resource does not exist"
PRICE_STEP_S = 5  # prices are quoted per 5-second step (pricing tables; aimodel unit_credit)
MODELS_CATALOG, IMAGE2VIDEO_MODEL_TYPE = (
    "ai_models",
    1501,
)  # the models area's catalog (ai-tools-suite__aimodel)
HIDDEN = frozenset({"video_length", "is_premium_model"})  # kept for pricing, not in any answer


@cache
def _tables() -> dict[str, dict[str, Any]]:
    data = json.loads((PRICING_DIR / "image2video.json").read_text(encoding="utf-8"))
    return {op_id: rule["by_length"] for op_id, rule in data["operations"].items()}


def _table_price(call: Call, resolution: str, length: int) -> int:
    """Credits per video from the Image to Video table; 1003 naming the field the table does not price."""
    table = _tables()[call.op.id]
    if str(length) not in table:
        raise ValidationFailed(
            f"video_length: {length} is not priced; use one of {sorted(int(k) for k in table)}"
        )
    row: dict[str, int] = table[str(length)]
    if resolution not in row:
        raise ValidationFailed(f"resolution: {resolution} is not offered; use one of {sorted(row)}")
    return int(row[resolution])


def _effect(call: Call) -> dict[str, Any] | None:
    """The seeded effect named by effect_code (None when no effect is asked for)."""
    code = call.body.get("effect_code") or ""
    if not code:
        return None
    for effect in call.backend.seeded.get("effects", []):
        if effect.get("effect_code") == code:
            return effect
    raise ValidationFailed(f"effect_code: no effect {code}; see image2video.list_effects")


def _file_name(prompt: str, effect: dict[str, Any] | None) -> str:
    # The example names the file after the prompt's first 24 characters:
    # "Image2Video_Animate this image with .mp4".
    stem = prompt[:24] if prompt else str(effect["name"] if effect else "")
    return f"Image2Video_{stem}.mp4"


def _video_fields(call: Call, effect: dict[str, Any] | None) -> dict[str, Any]:
    """The job document shared by create and create_batch, as the examples show it."""
    body = call.body
    prompt = str(body.get("prompt", ""))
    fields: dict[str, Any] = {
        "create_time": call.backend.now_ms(),
        "uid": call.owner.uid,
        "team_id": team_id(call.owner.client_id),
        "webhookUrl": webhook_url(call) or "",
        "resolution": body["resolution"],
        "file_name": _file_name(prompt, effect),
        "image_url": body["image_url"],
        "prompt": prompt,
        "negative_prompt": str(body.get("negative_prompt", "")),
        "extend_prompt": bool(body.get("extend_prompt", False)),
        "only_add_audio": False,
        "video_length": int(body["video_length"]),
        "is_premium_model": bool(body.get("is_premium_model", False)),
    }
    if "audio_type" in body:
        # Akool's demo sends "1" on batch; answers carry the integer (#image2video-batch-demo-fields).
        fields["audio_type"] = int(body["audio_type"])
        fields["audio_url"] = str(body.get("audio_url") or "")
    if effect is not None:
        fields["effect_code"] = effect["effect_code"]
        fields["effect_name"] = effect["name"]
    return fields


def video_view(job: Job) -> dict[str, Any]:
    """The job document at its current status; `video_url` and the duration only once completed."""
    data = {name: value for name, value in job.fields.items() if name not in HIDDEN}
    data.pop("video_url", None)
    data.update(
        _id=job.id, status=job.status, deduction_credit=int(job.cost), update_time=int(job.updated_at * 1000)
    )
    if job.status == COMPLETED:
        data["video_url"] = job.fields["video_url"]
        data.setdefault("video_duration", float(job.fields["video_length"]))
    return data


def create(call: Call) -> Reply:
    effect = _effect(call)
    cost = _table_price(call, str(call.body["resolution"]), int(call.body["video_length"]))
    return ok(video_view(start_job(call, _video_fields(call, effect), cost=cost)))


def _models(call: Call) -> list[dict[str, Any]]:
    """Image to video models (type 1501) of the seeded catalog fixtures/canonical/ai_models.json."""
    return [m for m in call.backend.seeded.get(MODELS_CATALOG, []) if m.get("type") == IMAGE2VIDEO_MODEL_TYPE]


def _model_price(call: Call) -> tuple[int, int]:
    """(credits per video, most videos per request) for a batch: the model's price, else the page's table."""
    body = call.body
    resolution, length = str(body["resolution"]), int(body["video_length"])
    name = body.get("model_name")
    models = _models(call)
    if not name or not models:
        return _table_price(call, resolution, length), 10
    model = next((m for m in models if m.get("value") == name), None)
    if model is None:
        raise ValidationFailed(f"model_name: no image to video model {name}; see models.list (types[]=1501)")
    if length not in (model.get("durationList") or []):
        raise ValidationFailed(f"video_length: {name} offers {model.get('durationList')} seconds")
    unit = next((r.get("unit_credit") for r in model["resolutionList"] if r.get("value") == resolution), None)
    if unit is None:
        offered = [r.get("value") for r in model["resolutionList"]]
        raise ValidationFailed(f"resolution: {name} offers {offered}")
    # unit_credit prices one 5-second video: the batch example deducts 5 for 720p/5 s with unit_credit 5.
    return math.ceil(float(unit) * length / PRICE_STEP_S), int(model.get("maxCount", 10))


def _effect_problem(call: Call) -> tuple[dict[str, Any] | None, str | None]:
    try:
        return _effect(call), None
    except ValidationFailed as error:
        return None, error.msg


def create_batch(call: Call) -> Reply:
    """One job per requested video; a video that cannot be made goes to errorList and is not charged."""
    unit, most = _model_price(call)
    effect, problem = _effect_problem(call)
    count = int(call.body.get("count") or 1)
    made = 0 if problem else min(count, most)
    check_plan(call)  # before the one charge of the batch
    call.backend.charge(call.owner, unit * made, price(call.op, call.body)[1])  # one charge for the batch
    base = _video_fields(call, effect)
    batch = {"batch_id": f"{base['create_time']}_{call.owner.uid}", "batch_count": count}
    extra = {k: call.body[k] for k in ("model_name", "last_image_url") if call.body.get(k)}
    success = []
    for index in range(made):
        # The example's items are created one millisecond apart.
        fields = {**base, **extra, **batch, "create_time": base["create_time"] + index}
        success.append(video_view(start_job(call, fields, cost=unit, charge=False)))
    reason = problem or f"count: at most {most} videos per request with {call.body.get('model_name')}"
    errors = [{"index": index, "code": 1003, "msg": reason} for index in range(made, count)]
    return ok({"successList": success, "errorList": errors})


def get_results(call: Call) -> Reply:
    # Unknown, deleted and other accounts' ids are left out of `result`, like any id that does not exist.
    return ok({"result": [video_view(job) for job in polled_jobs(call, missing_code=NOT_FOUND)]})


def list_effects(call: Call) -> Reply:
    effects = [dict(effect) for effect in call.backend.seeded.get("effects", [])]
    return Reply({"result": effects, "count": len(effects)}, msg="Success")  # the example's msg


def _pre_video(call: Call) -> Job:
    """The caller's completed video that pre_video_id names."""
    video_id = str(call.body["pre_video_id"])
    try:
        job = call.backend.find_job(call.owner, video_id, VIDEO_JOBS, NOT_FOUND)
    except NotFound:
        raise NotFound(f"pre_video_id: no video {video_id}", code=NOT_FOUND) from None
    if job.status == FAILED:
        raise ValidationFailed(f"pre_video_id: video {video_id} failed and has no video to add audio to")
    if job.status != COMPLETED:
        raise ValidationFailed(f"pre_video_id: {PROCESSING_MSG}")
    return job


def _audio_price(length: int) -> int:
    """Video to Audio table by the video's length; other lengths at the table's rate per started second."""
    table: dict[str, int] = _tables()[AUDIO_OP]
    if str(length) in table:
        return int(table[str(length)])
    rate = table[str(PRICE_STEP_S)] / PRICE_STEP_S
    return math.ceil(rate * length)


def update_audio(call: Call) -> Reply:
    pre = _pre_video(call)
    fields = {
        name: value
        for name, value in pre.fields.items()
        if name not in ("video_url", "batch_id", "batch_count")
    }
    length = int(pre.fields["video_length"])
    fields.update(
        create_time=call.backend.now_ms(),
        # The updateVideoAudio example shows the new document without the original's prompt options.
        negative_prompt="",
        extend_prompt=False,
        audio_type=int(call.body["audio_type"]),
        audio_url=str(call.body.get("audio_url") or ""),
        only_add_audio=True,
        pre_video_id=pre.id,
        video_duration=float(pre.fields.get("video_duration", length)),
    )
    job = start_job(call, fields, cost=_audio_price(length))
    # updateVideoAudio takes no callback: the new video reports to the original's (#webhook-url-spelling).
    job.webhook_url = pre.webhook_url
    return ok(video_view(job))


def delete(call: Call) -> Reply:
    """Finished videos are deleted; running ones and unknown ids are refused with a reason (delbyids)."""
    deleted: list[str] = []
    refused: list[dict[str, str]] = []
    for video_id in split_ids(call.body["_ids"]):
        try:
            job = call.backend.find_job(call.owner, video_id, VIDEO_JOBS, NOT_FOUND)
        except NotFound:
            refused.append({"_id": video_id, "msg": MISSING_MSG})
            continue
        if not job.terminal:
            refused.append({"_id": video_id, "msg": PROCESSING_MSG})
            continue
        call.backend.jobs.delete(job)
        deleted.append(video_id)
    return Reply({"successIds": deleted, "noPermissionItems": refused}, msg="Delete successfully")


HANDLERS: dict[str, Handler] = {
    "image2video.create": create,
    "image2video.create_batch": create_batch,
    "image2video.get_results": get_results,
    "image2video.list_effects": list_effects,
    "image2video.update_audio": update_audio,
    "image2video.delete": delete,
}
