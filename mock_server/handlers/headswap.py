"""Head Swap (2026 docs: current/ai-tools-suite/head-swap/): a two-stage job.

`analyze` starts a person analysis of a source video (status 1-4); once it is completed its
`analysis_result.media` lists the detected people (`obj_id`, preview `img_url`). `task/create` then needs a
completed analysis of the identical `video_url` of the same account, and maps 1-5 of those `obj_id`s to
reference faces; the task is a video job (status 1-4, `video_url`) with a webhook. Both are read back by
`_id` (`analyze/detail`, `task/detail`); an unknown id answers 1014, the overview's "Resource not found".
"""

from __future__ import annotations

from functools import partial
from typing import Any

from akool_mock.mock_server.errors import NotFound, ValidationFailed
from akool_mock.mock_server.handlers.base import Call, Handler, Reply
from akool_mock.mock_server.handlers.common import (
    ok,
    polled_jobs,
    price,
    request_value,
    start_job,
    team_id,
    webhook_url,
)
from akool_mock.mock_server.job_fields import Derived, shared_in
from akool_mock.mock_server.jobs import COMPLETED, FAILED, QUEUED, Job

ANALYSIS_OP, TASK_OP = "headswap.submit_analysis", "headswap.create_task"
NOT_FOUND = 1014  # head-swap overview: "Resource not found (invalid analysis or task id, or no access)"
ASSUMED_SECONDS = 10  # the fake does not read the video; the create example's video_duration is 10
PROGRESS = {1: 0, 2: 50, 3: 100, 4: 100}
FAILED_CODE = 2001  # the overview's "Server error", the only failure code it lists


def _errors(job: Job) -> dict[str, Any]:
    if job.status == FAILED:
        return {"error_reason": job.failure_reason or "failed", "error_code": FAILED_CODE}
    return {"error_reason": "success" if job.status == COMPLETED else "", "error_code": 0}


def _analysis_result(base: str, people: int, job: Job) -> dict[str, Any]:
    """What the analysis finds: `people` people, each with a preview image served by the fake."""
    media = [
        {"media_type": "images", "obj_id": n, "img_url": f"{base}/_mock/media/{job.id}.png?obj_id={n}"}
        for n in range(people)
    ]
    video_info = {"width": 1280, "height": 720, "fps": 30, "frame_count": 30 * ASSUMED_SECONDS}
    return {"detected_objects": people, "media": media, "video_info": video_info}


def _planned_analysis(call: Call) -> dict[str, Any]:
    """The plan of an analysis: 1-3 people. Everything else of its result is the job's id and the fake's base
    URL, so the plan is one shared dict per base URL and count, its result computed when read (a `Derived`,
    as result URLs are: job_fields.py) instead of ~1.5 KB of objects per job."""
    people = call.backend.ids.random.randint(1, 3)
    base = call.backend.settings.base_url
    return shared_in(
        _PLANS, (base, people), lambda: {"analysis_result": Derived(partial(_analysis_result, base, people))}
    )


_PLANS: dict[tuple[str, int], dict[str, Any]] = {}


def submit_analysis(call: Call) -> Reply:
    fields: dict[str, Any] = {
        "create_time": call.backend.now_ms(),
        "uid": call.owner.uid,
        "team_id": team_id(call.owner.client_id),
        "video_url": call.body["video_url"],
        "type": call.body["type"],
        "task_id": call.backend.ids.object_id(),
    }
    # Planned before the job exists: under the `immediate` lifecycle it completes as it is created.
    job = start_job(call, fields, cost=0.0, planned=_planned_analysis(call))
    return ok(_analysis_view(job), msg="Analyze success")


def _analysis_view(job: Job) -> dict[str, Any]:
    result = job.fields.get("analysis_result") if job.status == COMPLETED else None
    return {
        "_id": job.id,
        **job.fields.as_dict(),
        "status": job.status,
        "progress": PROGRESS[job.status],
        "analysis_result": result,
        **_errors(job),
    }


def _one(call: Call, what: str) -> Job:
    wanted = request_value(call, "query._id")
    try:
        return polled_jobs(call, missing_code=NOT_FOUND, skip_missing=False)[0]
    except NotFound:
        raise NotFound(f"_id: no {what} {wanted}", code=NOT_FOUND) from None


def get_analysis(call: Call) -> Reply:
    return ok(_analysis_view(_one(call, "person analysis")))


def _analysis_for(call: Call, video_url: str) -> Job:
    """The newest completed analysis of this video by this account; 1003 naming what is missing."""
    # The analyses of this video only (an index: O(them), not O(the account's analyses)), oldest first.
    same = call.backend.jobs.matching(call.owner.client_id, (ANALYSIS_OP,), "video_url", video_url)
    done = [job for job in same if job.status == COMPLETED]
    if done:
        return max(done, key=lambda job: job.created_at)
    if same:
        raise ValidationFailed(
            f"video_url: the person analysis of this video is not completed (status {same[-1].status}); "
            "poll headswap.get_analysis until status is 3"
        )
    raise ValidationFailed(
        "video_url: no person analysis of this video; submit one (type head) with the same URL"
    )


def _check_mappings(analysis: Job, mappings: list[dict[str, Any]]) -> None:
    media = analysis.fields["analysis_result"]["media"]
    known = sorted(int(item["obj_id"]) for item in media)
    for number, mapping in enumerate(mappings):
        if int(mapping["obj_id"]) not in known:
            raise ValidationFailed(
                f"mappings[{number}].obj_id: {mapping['obj_id']} is not a detected person of the analysis "
                f"(obj_id {known})"
            )


def create_task(call: Call) -> Reply:
    body = call.body
    analysis = _analysis_for(call, body["video_url"])
    _check_mappings(analysis, body["mappings"])
    now_ms = call.backend.now_ms()
    cost, _ = price(call.op, body)
    fields: dict[str, Any] = {
        "create_time": now_ms,
        "uid": call.owner.uid,
        "team_id": team_id(call.owner.client_id),
        "source_video_url": body["video_url"],
        "video_duration": ASSUMED_SECONDS,
        "task_id": call.backend.ids.object_id(),
        "resolution": body["resolution"],
        "model_name": body["model_name"],
        "file_name": f"Headswap_{now_ms}.mp4",
        "analysis_id": analysis.id,
        "mappings": body["mappings"],
        "keep_original_sound": bool(body.get("keep_original_sound", True)),
        "webhookUrl": webhook_url(call) or "",
    }
    job = start_job(call, fields, cost=cost)
    shown = {key: fields[key] for key in fields if key not in ("source_video_url", "analysis_id", "mappings")}
    return ok({"_id": job.id, **shown, "status": QUEUED, "deduction_lock_duration": cost, "video_url": None})


def get_task(call: Call) -> Reply:
    job = _one(call, "head swap task")
    fields = job.fields.as_dict()
    done = job.status == COMPLETED
    return ok(
        {
            "_id": job.id,
            "uid": fields["uid"],
            "team_id": fields["team_id"],
            "source_video_url": fields["source_video_url"],
            "create_time": fields["create_time"],
            "status": job.status,
            "video_duration": fields["video_duration"],
            "resolution": fields["resolution"],
            "deduction_duration": job.cost if done else 0,
            "video_url": fields.get("video_url") if done else None,
            "progress": PROGRESS[job.status],
            "priority": 9,
            "task_id": fields["task_id"],
            "file_name": fields["file_name"],
            "model_name": fields["model_name"],
            **_errors(job),
        }
    )


HANDLERS: dict[str, Handler] = {
    ANALYSIS_OP: submit_analysis,
    "headswap.get_analysis": get_analysis,
    TASK_OP: create_task,
    "headswap.get_task": get_task,
}
