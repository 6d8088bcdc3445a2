"""Image Generate and Background Change (ai-tools-suite__image-generate, ai-tools-suite__background-change).

Three kinds of image job share one poll, `infobymodelid?image_model_id=<_id>`, whose `data` is the job
document itself: createbyprompt (text/image to image; once completed it offers the buttons U1-U4 / V1-V4),
createbybutton (a 4K upscale or a variation of a completed prompt image) and bg/replace. Every answer is the
document as the examples show it; `image` appears only at status 3 (notes/real-world-quirks.md: "status 2
carries no URL for image jobs").
"""

from __future__ import annotations

import uuid
from typing import Any

from akool_mock.mock_server.errors import AkoolError, NotFound, ValidationFailed
from akool_mock.mock_server.handlers.base import Call, Handler, Reply
from akool_mock.mock_server.handlers.common import ok, polled_jobs, request_value, start_job
from akool_mock.mock_server.handlers.deprecation import unless_deprecated
from akool_mock.mock_server.jobs import COMPLETED, FAILED, Job

PROMPT_OP = "images.create_by_prompt"
BUTTON_OP = "images.create_by_button"
BACKGROUND_OP = "images.change_background"
IMAGE_JOBS = (PROMPT_OP, BUTTON_OP, BACKGROUND_OP)
# The eight buttons of a completed prompt image, in the order of the infobymodelid example.
PROMPT_BUTTONS = ("U1", "U2", "U3", "U4", "V1", "V2", "V3", "V4")
NOT_FOUND = 1008  # "The content you get does not exist" (ai-tools-suite__image-generate)
CANNOT_OPERATE = 1010  # "You can not operate this content" (ai-tools-suite__image-generate)

# Fields each kind shows besides the ones computed from the job (ids, status, credits, buttons, image).
SHOWN: dict[str, tuple[str, ...]] = {
    PROMPT_OP: (
        "faceswap_quality",
        "uid",
        "create_time",
        "origin_prompt",
        "source_image",
        "prompt",
        "type",
        "from",
    ),
    BUTTON_OP: (
        "faceswap_quality",
        "image_content_model_id",
        "create_time",
        "op_button",
        "op_buttonMessageId",
        "from",
    ),
    BACKGROUND_OP: ("create_time", "uid", "type", "faceswap_quality", "image_id", "__v"),
}


def _document(call: Call, **fields: Any) -> dict[str, Any]:
    """What every image document starts with (the three examples agree on these)."""
    return {
        "faceswap_quality": 2,
        "uid": call.owner.uid,
        "create_time": call.backend.now_ms(),
        "used_buttons": [],
        **fields,
    }


def _credit(cost: float) -> float | int:
    return int(cost) if float(cost).is_integer() else cost


def _upscaled_urls(call: Call, source: Job) -> list[str]:
    """URLs of the finished U-button (4K) images made from this one, oldest first."""
    urls: list[str] = []
    for job in call.backend.jobs.matching(source.owner, (BUTTON_OP,), "image_content_model_id", source.id):
        if job.status == COMPLETED and str(job.fields.get("op_button", "")).startswith("U"):
            urls.append(str(job.fields["image"]))
    return urls


def image_view(call: Call, job: Job) -> dict[str, Any]:
    """The image document at the job's current status."""
    fields = job.fields.as_dict()
    data = {name: fields[name] for name in SHOWN[job.op_id] if name in fields}
    completed = job.status == COMPLETED
    data.update(
        _id=job.id,
        image_status=job.status,
        deduction_credit=_credit(job.cost),
        buttons=list(PROMPT_BUTTONS) if completed and job.op_id == PROMPT_OP else [],
        used_buttons=list(fields.get("used_buttons", [])),
        upscaled_urls=_upscaled_urls(call, job) if job.op_id == PROMPT_OP else [],
    )
    if job.op_id == BACKGROUND_OP:
        # bg/replace documents carry a sub status and a (never described) error list; the failure reason
        # goes there because it is the only place the docs leave for one.
        data["image_sub_status"] = job.status
        data["error_reasons"] = [job.failure_reason] if job.status == FAILED and job.failure_reason else []
    if completed:
        data["image"] = fields["image"]
        if job.op_id == BACKGROUND_OP:
            data["external_img"] = fields["image"]
    return data


def create_by_prompt(call: Call) -> Reply:
    body = call.body
    fields = _document(
        call, origin_prompt=body["prompt"], prompt=body["prompt"], type=4, scale=body.get("scale", "1:1")
    )
    fields["from"] = 1
    if body.get("source_image"):
        fields["source_image"] = body["source_image"]
    return ok(image_view(call, start_job(call, fields)))


def _source_image(call: Call) -> Job:
    """The completed image of the caller that `_id` names, offering the requested button."""
    source_id = str(call.body["_id"])
    button = str(call.body["button"])
    try:
        source = call.backend.find_job(call.owner, source_id, IMAGE_JOBS, NOT_FOUND)
    except NotFound:
        raise NotFound(f"_id: no image {source_id}", code=NOT_FOUND) from None
    if source.status != COMPLETED:
        state = "failed" if source.status == FAILED else "not completed yet"
        raise AkoolError(
            f"_id: image {source_id} is {state} (image_status {source.status})", code=CANNOT_OPERATE
        )
    offered = PROMPT_BUTTONS if source.op_id == PROMPT_OP else ()
    if button not in offered:
        raise ValidationFailed(
            f"button: image {source_id} does not offer {button} (buttons: {list(offered)})"
        )
    return source


def create_by_button(call: Call) -> Reply:
    source = _source_image(call)
    button = str(call.body["button"])
    fields = _document(
        call,
        image_content_model_id=source.id,
        op_button=button,
        op_buttonMessageId=call.backend.ids.token(20),
    )
    fields["from"] = 1
    job = start_job(call, fields)
    used: list[str] = source.fields.get("used_buttons", [])
    if button not in used:  # written back: a job keeps a list packed, and reading it gives a new one
        source.fields["used_buttons"] = [*used, button]
    return ok(image_view(call, job))


def change_background(call: Call) -> Reply:
    image_id = str(uuid.UUID(int=call.backend.ids.random.getrandbits(128), version=4))
    fields = _document(call, type=3, image_id=image_id, __v=0, request=dict(call.body))
    return ok(image_view(call, start_job(call, fields)))


def get_result(call: Call) -> Reply:
    spec = call.op.poll
    wanted = request_value(call, spec.id_in) if spec else None
    try:
        jobs = polled_jobs(call, missing_code=NOT_FOUND, skip_missing=False)
    except NotFound:
        raise NotFound(f"image_model_id: no image {wanted}", code=NOT_FOUND) from None
    return ok(image_view(call, jobs[0]))


HANDLERS: dict[str, Handler] = {
    "images.change_background": unless_deprecated(change_background),  # NOTES.md #deprecated-operations
    "images.create_by_prompt": create_by_prompt,
    "images.create_by_button": create_by_button,
    "images.get_result": get_result,
}
