"""Face swap and reage (pages ai-tools-suite__faceswap*, ai-tools-suite__reage; openapi/faceswap.yaml).

v3 creates answer `{_id, url, job_id}` with the result URL allocated at submit time and a "Please be
patient!" message; v4 creates answer `{_id, job_id}` and no URL until the job completes. All are polled
with `faceswap.list_results?_ids=a,b`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from akool_mock.mock_server.errors import AkoolError, NotFound, ValidationFailed
from akool_mock.mock_server.handlers import live_faceswap
from akool_mock.mock_server.handlers.base import Call, Handler, Reply
from akool_mock.mock_server.handlers.common import (
    account_hex,
    iso_time,
    ok,
    polled_jobs,
    split_ids,
    start_job,
)
from akool_mock.mock_server.job_fields import Derived, shared_in
from akool_mock.mock_server.jobs import FAILED, Job
from akool_mock.mock_server.state import Account

PATIENCE = "Please be patient! If your results are not generated in three hours, please check your input {}."
FACESWAP_JOBS = (
    "faceswap.create_image",
    "faceswap.create_image_pro",
    "faceswap.create_image_plus",
    "faceswap.create_video",
    "faceswap.reage_image",
    "faceswap.reage_video",
)
VIDEO_JOBS = frozenset({"faceswap.create_video", "faceswap.reage_video"})
MAX_FACES = 8  # ai-tools-suite__faceswap error table: 1007 "cannot exceed 8"
TOO_MANY_FACES = 1007


def check_face_counts(body: dict[str, Any]) -> None:
    """v3 and reage: at most 8 faces (1007); swaps pair each source face with a target face (1003).

    NOTES.md #faceswap-face-count. The schema guarantees the lists exist and are non-empty.
    """
    sources = body.get("sourceImage")
    targets = body.get("targetImage") or []
    for name, faces in (("sourceImage", sources), ("targetImage", targets)):
        if faces is not None and len(faces) > MAX_FACES:
            raise AkoolError(
                f"{name}: {len(faces)} faces; the number of people who can have their faces changed "
                f"cannot exceed {MAX_FACES}",
                code=TOO_MANY_FACES,
            )
    if sources is not None and len(sources) != len(targets):
        raise ValidationFailed(
            f"sourceImage: {len(sources)} faces but targetImage has {len(targets)}; "
            "each source face replaces one target face"
        )


# Face Swap Plus takes an image or a video as target_url (current/ai-tools-suite/faceswap/faceswap-plus.mdx:
# "Format: MP4, MOV, AVI supported"); its extension says which (schemas/NOTES.md#faceswap-plus-video).
VIDEO_EXTENSIONS = (".mp4", ".mov", ".avi", ".webm", ".mkv", ".m4v")


def _start(call: Call, *, url_at_submit: bool, video: bool = False) -> tuple[Job, str, str]:
    """The job, its `job_id`, and the result URL it shows at submit (empty for v4); with `video`, a v4 job
    whose result is a video (planned before the job exists: the `immediate` lifecycle completes it as it is
    created)."""
    backend = call.backend
    job_id = backend.ids.object_id()
    url = ""
    if url_at_submit:
        # Real v3 answers carry the URL the result will have (notes/real-world-quirks.md). Kept written out
        # (a `Derived` would save its ~110 B until completion, but costs every poll ~1 us to build it again).
        spec = call.op.job
        _id = backend.ids.object_id()
        url = backend.media_url_of(_id, spec.media if spec else "image")
        return start_job(call, {"job_id": job_id, "url": url}, job_id=_id), job_id, url
    if video:
        video_url = backend.result_url("video")
        plan = shared_in(_VIDEO_PLANS, video_url, lambda: {"url": video_url})
        return start_job(call, {"job_id": job_id, "url": url, "media": "video"}, planned=plan), job_id, url
    return start_job(call, {"job_id": job_id, "url": url}), job_id, url


_VIDEO_PLANS: dict[Derived, dict[str, Any]] = {}  # one plan per result URL (per base URL)


def create_v3(call: Call) -> Reply:
    check_face_counts(call.body)
    job, job_id, url = _start(call, url_at_submit=True)
    kind = "video" if call.op.id in VIDEO_JOBS else "image"
    return Reply({"_id": job.id, "url": url, "job_id": job_id}, msg=PATIENCE.format(kind))


def create_v4(call: Call) -> Reply:
    job, job_id, _ = _start(call, url_at_submit=False)
    return ok({"_id": job.id, "job_id": job_id})


def user_id(account: Account) -> str:
    """The account's `userId` (an ObjectId in the reage example), stable per account."""
    return account_hex(f"user:{account.client_id}")


def target_is_video(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(VIDEO_EXTENSIONS)


def create_plus(call: Call) -> Reply:
    """A v4 create whose job is a video job when target_url is a video: its result is an .mp4."""
    job, job_id, _ = _start(call, url_at_submit=False, video=target_is_video(str(call.body["target_url"])))
    return ok({"_id": job.id, "job_id": job_id})


def result_item(call: Call, job: Job) -> dict[str, Any]:
    is_video = job.op_id in VIDEO_JOBS or job.field("media") == "video"
    return {
        "_id": job.id,
        "job_id": job.field("job_id"),
        "faceswap_status": job.status,
        "url": job.field("url", ""),
        "createdAt": iso_time(job.created_at),
        "faceswap_type": 2 if is_video else 1,
        "faceswap_quality": 2,
        # Charged at submit (the example shows 1 while queued); 0 once a failed job's credits came back.
        "deduction_status": 0 if job.status == FAILED else 1,
        "image": 0 if is_video else 1,
        "video_duration": 10 if is_video else 0,
        "deduction_duration": 10 if is_video and job.status != FAILED else 0,
        "update_time": int(job.updated_at * 1000),
        "uid": call.owner.uid,
        "userId": user_id(call.owner),
    }


def list_results(call: Call) -> Reply:
    """Face swap and reage results; the ids that name a live face swap session of the caller answer its
    `faceswap_status`, the one place the docs let a client monitor it (#audit-live-faceswap-status)."""
    jobs = polled_jobs(call)
    found = {job.id for job in jobs}
    others = [job_id for job_id in split_ids(call.query.get("_ids")) if job_id not in found]
    items = [result_item(call, job) for job in jobs] + live_faceswap.result_items(call, others)
    return ok({"result": items})


def delete_results(call: Call) -> Reply:
    backend = call.backend
    for job_id in split_ids(call.body.get("_ids")):
        job = backend.jobs.get(job_id)
        if job is not None and job.owner == call.owner.client_id and job.op_id in FACESWAP_JOBS:
            backend.jobs.delete(job)
    return ok()


def cancel_job(call: Call) -> Reply:
    """Cancel queued or processing jobs: they fail with a cancel reason; finished ones are left alone."""
    backend = call.backend
    jobs = []
    for job_id in split_ids(call.body.get("job_ids")):
        job = _by_job_id(call, job_id)
        if job is None:
            raise NotFound(f"job_ids: {job_id} not found")
        jobs.append(job)
    for job in jobs:
        if not job.terminal:
            backend.jobs.fail(job, backend.now(), "Job canceled by the user")
    return ok()


def _by_job_id(call: Call, job_id: str) -> Job | None:
    """Cancel takes ids as the submit answer gave them; `_id` and `job_id` are both accepted."""
    jobs = call.backend.jobs
    job = jobs.get(job_id)
    if (
        job is not None
        and job.owner == call.owner.client_id
        and job.op_id in FACESWAP_JOBS
        and not job.deleted
    ):
        return job
    return next(iter(jobs.matching(call.owner.client_id, FACESWAP_JOBS, "job_id", job_id)), None)


def get_quota(call: Call) -> Reply:
    return ok({"credit": round(call.owner.credits, 4)})


HANDLERS: dict[str, Handler] = {
    "faceswap.create_image": create_v3,
    "faceswap.create_video": create_v3,
    "faceswap.reage_image": create_v3,
    "faceswap.reage_video": create_v3,
    "faceswap.create_image_pro": create_v4,
    "faceswap.create_image_plus": create_plus,
    "faceswap.list_results": list_results,
    "faceswap.delete_results": delete_results,
    "faceswap.cancel_job": cancel_job,
    "faceswap.get_quota": get_quota,
}
