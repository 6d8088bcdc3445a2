"""Real-time face swap sessions (page ai-tools-suite__live-faceswap).

A session is a Backend resource of kind `live_faceswap`, owned by the account that created it. Create
answers the session as the page's example does: `_id`, `faceswap_status` 1 (queuing), the Agora `channel_id`,
`front_user_id`, `algorithm_user_id`, `front_rtc_token` and an empty `app_id`. Update replaces the source
faces of an open session; close closes it. Update and close answer `{code, msg}` with no `data`.

Decisions (schemas/NOTES.md "Server behaviour"): an unknown id, or another account's, answers
1008; updating a closed session answers 1010 ("This content cannot be operated"); closing a closed session
answers 1000 again. Create charges credits at creation (data/pricing/live_faceswap.json); too few answers
1104, the "Insufficient quota" code of the page's table.
"""

from __future__ import annotations

import base64
import json
import zlib
from datetime import UTC, datetime
from typing import Any

from akool_mock.mock_server.errors import AkoolError, NotFound
from akool_mock.mock_server.handlers.base import Call, Handler, Reply
from akool_mock.mock_server.handlers.common import iso_time, ms, price
from akool_mock.mock_server.jobs import FAILED, PROCESSING, QUEUED
from akool_mock.mock_server.state import Resource

KIND = "live_faceswap"
CREATE = "live_faceswap.create_session"
NOT_FOUND = 1008  # ai-tools-suite__error-code: "content not exist"
CLOSED = 1010  # ai-tools-suite__error-code: "This content cannot be operated"
QUEUING = QUEUED  # the create example answers 1; 2 means the front end may connect to Agora
READY = PROCESSING
CLOSED_STATUS = 3
RTC_TOKEN_LIFETIME_S = 24 * 3600
SESSION_FIELDS = (
    "faceswap_status",
    "front_user_id",
    "algorithm_user_id",
    "front_rtc_token",
    "channel_id",
    "app_id",
)


def _faces(body: dict[str, Any]) -> list[dict[str, str]]:
    """The source faces as stored: `path` and `opts` only (extra keys are ignored like the real API does)."""
    return [{"path": str(item["path"]), "opts": str(item["opts"])} for item in body["sourceImage"]]


def _channel_id(call: Call) -> str:
    """Shaped like the example's "20250616032959101_8224": UTC time to the millisecond, `_`, 4 digits."""
    now = call.backend.now()
    stamp = datetime.fromtimestamp(now, UTC).strftime("%Y%m%d%H%M%S")
    return f"{stamp}{int(now * 1000) % 1000:03d}_{call.backend.ids.number(1000, 9999)}"


def _rtc_token(call: Call, channel: str, user_id: str) -> str:
    """An Agora-style token ("007" + base64 of a zlib stream, like the example's "007eJ..."): it names the
    channel, the user and the expiry, so a client that decodes it for debugging sees sensible values."""
    claims = {
        "channel": channel,
        "uid": user_id,
        "expire": int(call.backend.now()) + RTC_TOKEN_LIFETIME_S,
        "salt": call.backend.ids.secret(16),
    }
    packed = zlib.compress(json.dumps(claims, separators=(",", ":")).encode())
    return "007" + base64.b64encode(packed).decode()


def _agora(call: Call) -> dict[str, Any]:
    ids = call.backend.ids
    front = ids.number(1, 999)
    algorithm = front + ids.number(1, 999)  # a different uid in the same channel
    channel = _channel_id(call)
    return {
        "faceswap_status": QUEUING,
        "front_user_id": str(front),
        "algorithm_user_id": str(algorithm),
        "front_rtc_token": _rtc_token(call, channel, str(front)),
        "channel_id": channel,
        "app_id": "",  # empty in the page's example
    }


def create_session(call: Call) -> Reply:
    backend = call.backend
    cost, shortfall = price(call.op, call.body)
    backend.charge(call.owner, cost, shortfall)
    data = {**_agora(call), "sourceImage": _faces(call.body), "closed_at": None, "updates": 0, "cost": cost}
    session = backend.add_resource(KIND, call.owner, data)
    # Its readiness (1 queuing → 2, connect now) follows the account's lifecycle as a job of the same id:
    # the clock, polls of faceswap.list_results, or /_mock/jobs/{id}/advance (#audit-live-faceswap-status).
    backend.create_job(call.owner, call.op, {"live_session": True}, job_id=session.id)
    return Reply({"_id": session.id, **{name: data[name] for name in SESSION_FIELDS}})


def session_status(call: Call, session: Resource) -> int:
    """1 queuing, 2 ready (connect to Agora), 3 closed, 4 failed (the page's faceswap_status)."""
    if session.data["closed_at"] is not None:
        return CLOSED_STATUS
    job = call.backend.jobs.get(session.id)
    if job is None:  # a session restored from a state file written before sessions had a lifecycle
        return READY
    if job.status == FAILED:
        return FAILED
    return READY if job.status >= PROCESSING else QUEUING


def result_items(call: Call, ids: list[str]) -> list[dict[str, Any]]:
    """The caller's sessions among `ids` as faceswap.list_results items; each read counts as a poll."""
    backend, items = call.backend, []
    for session_id in ids:
        try:
            session = backend.find_resource(call.owner, KIND, session_id, NOT_FOUND)
        except NotFound:
            continue
        job = backend.jobs.get(session_id)
        if job is not None:
            backend.jobs.polled(job, backend.now())
        item = {"_id": session.id, "faceswap_status": session_status(call, session), "url": ""}
        changes = (job.updated_at if job else 0.0, session.data.get("updated_at"), session.data["closed_at"])
        updated = max((at for at in changes if at is not None), default=session.created_at)
        item.update(createdAt=iso_time(session.created_at), update_time=ms(updated), uid=call.owner.uid)
        items.append(item)
    return items


def _session(call: Call) -> Resource:
    """The caller's session named by `_id`; another account's session does not exist for this caller."""
    session_id = str(call.body["_id"])
    try:
        return call.backend.find_resource(call.owner, KIND, session_id, NOT_FOUND)
    except NotFound:
        raise NotFound(f"_id: session {session_id} not found", code=NOT_FOUND) from None


def update_session(call: Call) -> Reply:
    session = _session(call)
    if session.data["closed_at"] is not None:
        raise AkoolError(f"_id: session {session.id} is closed", code=CLOSED)
    session.data["sourceImage"] = _faces(call.body)
    session.data["updates"] += 1
    session.data["updated_at"] = call.backend.now()
    return Reply(raw={"code": 1000, "msg": "OK"})


def close_session(call: Call) -> Reply:
    session = _session(call)
    # Closing twice is harmless: the page asks clients to close promptly, so a retried close succeeds.
    if session.data["closed_at"] is None:
        session.data["closed_at"] = call.backend.now()
        session.data["faceswap_status"] = CLOSED_STATUS
    return Reply(raw={"code": 1000, "msg": "OK"})


HANDLERS: dict[str, Handler] = {
    "live_faceswap.create_session": create_session,
    "live_faceswap.update_session": update_session,
    "live_faceswap.close_session": close_session,
}
