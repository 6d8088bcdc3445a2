"""Avatars v3 (pages/ai-tools-suite__talking-avatar.md, __live-avatar__upload.md; openapi/live-avatar.yaml).

Two kinds of avatar, as the `from` field says: official Akool avatars (`from` 2, read-only, seeded from
`fixtures/canonical/avatars.json`, visible to every account) and the account's uploads (`from` 3). An upload
is a job (`avatars.create`, status 1 → 3 | 4) whose record is polled with `avatars.get?id=<_id>` and listed by
`avatars.list`; it can be used by `talking_avatar.create` (and streaming sessions) once its status is 3.
Decisions: schemas/NOTES.md ("Server behaviour").
"""

from __future__ import annotations

import copy
from typing import Any

from akool_mock.mock_server.errors import AlreadyExists, NotFound
from akool_mock.mock_server.handlers.base import Call, Handler, Reply
from akool_mock.mock_server.handlers.common import ms, ok, paged, polled_jobs, start_job
from akool_mock.mock_server.jobs import COMPLETED, FAILED, Job
from akool_mock.mock_server.state import Account, Backend

UPLOAD = "avatars.create"
OFFICIAL, UPLOADED = 2, 3  # the `from` values (Get Talking Avatar List)
STREAMING = 2  # type 2: streaming avatar; 1: talking avatar
NOT_FOUND = 1008  # "The content you get does not exist" (every video page; the avatar table lists no code)
DEFAULT_SIZE = 100  # "Default is 100" (the Value column's 10 is an example)


def stock_avatars(backend: Backend) -> list[dict[str, Any]]:
    """The official avatars (copies: answers must never change the seeded catalog)."""
    return copy.deepcopy(backend.seeded.get("avatars", []))


def uploads(backend: Backend, account: Account) -> list[Job]:
    """The account's uploaded avatars, oldest first."""
    return backend.jobs.owned(account.client_id, (UPLOAD,))


def avatar_record(job: Job) -> dict[str, Any]:
    """An upload as every avatar answer shows it: the stored record with its live status."""
    record: dict[str, Any] = {"_id": job.id, **job.fields.as_dict(), "status": job.status}
    if record.get("type") == STREAMING:
        # openapi/live-avatar.yaml AvatarDetail.available: usable now, i.e. processed.
        record["available"] = job.status == COMPLETED
    return record


def find_avatar(backend: Backend, account: Account, avatar_id: str) -> dict[str, Any] | None:
    """The avatar an `avatar_id` names for this account: its own upload (a live one before a failed one), or
    an official avatar; None when neither exists. Another account's uploads are never found."""
    own = backend.jobs.matching(account.client_id, (UPLOAD,), "avatar_id", avatar_id)
    if own:
        live = [job for job in own if job.status != FAILED]
        return avatar_record((live or own)[-1])
    return next((item for item in stock_avatars(backend) if item.get("avatar_id") == avatar_id), None)


def create(call: Call) -> Reply:
    """Upload an avatar: a new record with status 1, `from` 3, echoing the request."""
    body, account = call.body, call.owner
    avatar_id = body["avatar_id"]
    if any(
        job.status != FAILED
        for job in call.backend.jobs.matching(account.client_id, (UPLOAD,), "avatar_id", avatar_id)
    ):
        # avatar_id is "unique" (Upload Talking Avatar table); a failed upload frees its id.
        raise AlreadyExists(f"avatar_id: you already have an avatar {avatar_id}", code=1222)
    fields: dict[str, Any] = {
        "disabled": False,
        "uid": account.uid,
        "type": int(body["type"]),  # sent as 1, 2, "1" or "2"; answers carry a number
        "from": UPLOADED,
        "status": 1,
        "create_time": ms(call.backend.now()),
        "name": body["name"],
        "avatar_id": avatar_id,
        "url": body["url"],
        "crop_arr": [],
    }
    job = start_job(call, fields)
    # Each page's shape (schemas/NOTES.md#audit-avatar-create-shape): the talking-avatar page (type 1) answers
    # a one-item array, openapi/live-avatar.yaml (type 2, the streaming avatar upload) one object.
    record = avatar_record(job)
    return ok(record if fields["type"] == STREAMING else [record], msg="ok")


def _matches(avatar: dict[str, Any], query: dict[str, Any]) -> bool:
    return all(query.get(key) is None or avatar.get(key) == query[key] for key in ("from", "type"))


def list_avatars(call: Call) -> Reply:
    """Official avatars, then the caller's uploads (oldest first), filtered by from/type, paged."""
    avatars = stock_avatars(call.backend) + [avatar_record(job) for job in uploads(call.backend, call.owner)]
    found = [avatar for avatar in avatars if _matches(avatar, call.query)]
    return ok(paged(call, found, default_size=DEFAULT_SIZE), msg="ok")


def get_avatar(call: Call) -> Reply:
    """One avatar record by `_id`, in a one-item array (Get Avatar Detail); the poll of avatars.create."""
    record_id = str(call.query["id"])
    if "," in record_id:
        # One record id, not a list (the poll is not `many`).
        raise NotFound(f"id: avatar {record_id} not found", code=NOT_FOUND)
    jobs = polled_jobs(call, missing_code=NOT_FOUND)
    if jobs:
        return ok([avatar_record(jobs[0])], msg="ok")
    stock = next((item for item in stock_avatars(call.backend) if item.get("_id") == record_id), None)
    if stock is None:
        raise NotFound(f"id: avatar {record_id} not found", code=NOT_FOUND)
    return ok([stock], msg="ok")


HANDLERS: dict[str, Handler] = {
    "avatars.create": create,
    "avatars.list": list_avatars,
    "avatars.get": get_avatar,
}
