"""Streaming (live) avatar v4 (openapi/live-avatar.yaml; pages/ai-tools-suite__live-avatar*.md,
implementation-guide__streaming-avatar.md): the avatar catalog and the sessions.

A session is a job of `streaming.create_session` (its id is the session `_id`), so the account's lifecycle
policy and the control API move it like any job: job status 1 is session status 1 (queueing), 2 and 3 are
session status 2 (the avatar is live in the room), 4 is 4 (failed). The session ends (status 3) when it is
closed or when `duration` seconds of clock have passed since creation, computed when it is read; an end
that comes first hides a later job change. Credits are pre-charged for the full duration and the unused
part is refunded once the session ends early (CreateSessionRequest.duration).
"""

from __future__ import annotations

import base64
import json
from typing import Any

from akool_mock.mock_server.errors import NotFound, ValidationFailed
from akool_mock.mock_server.handlers.base import Call, Handler, Reply
from akool_mock.mock_server.handlers.common import ms, ok, paged, price
from akool_mock.mock_server.handlers.knowledge import find as find_knowledge
from akool_mock.mock_server.jobs import COMPLETED, FAILED, QUEUED, Job

SESSION_OP = "streaming.create_session"
UPLOAD_OP = "avatars.create"
SESSION_NOT_FOUND = 1216  # error-code page: "liveAvatar session not exist"
AVATAR_NOT_FOUND = 1008  # live-avatar overview: "The content you get does not exist"
LIVE = 2
DEFAULT_DURATION_S = 3600.0  # the documented maximum; unused minutes are refunded on close
SESSION_TYPE = 2  # SessionResponse.type: no value documented; 2 = streaming (#audit-missing-fields)
STREAMING_TYPE = "2"  # CreateAvatarRequest.type: 2 is a streaming avatar (1 a talking avatar)
# A host under the reserved .invalid TLD: the fake runs no LiveKit server, and nothing can resolve this one.
LIVEKIT_URL = "wss://rtc.akool-mock.invalid"
TRTC_APP_IDS = (1_400_000_000, 1_400_999_999)  # TRTC SDKAppIDs look like 1400xxxxxx
TRTC_FIELDS = ("app_id", "room_id", "user_id", "user_sig")


# ----- avatars ---------------------------------------------------------------------------------------
def _upload_view(call: Call, job: Job, avatar_id: str) -> dict[str, Any]:
    """An avatar the caller uploaded with avatars.create (type 2): `from` 3 "user created"."""
    return {
        "_id": job.id,
        "uid": call.owner.uid,
        "type": 2,
        "from": 3,
        "status": job.status,
        "avatar_id": avatar_id,
        "voice_id": "",  # AvatarDetail.voice_id: an upload has no associated voice (#audit-missing-fields)
        "name": str(job.fields.get("name") or ""),
        "url": str(job.fields.get("url") or ""),
        "available": job.status == COMPLETED,
        "platform": "open",
    }


def _uploads(call: Call) -> list[dict[str, Any]]:
    views = []
    for job in call.backend.jobs.owned(call.owner.client_id, (UPLOAD_OP,)):
        avatar_id = job.fields.get("avatar_id")
        if isinstance(avatar_id, str) and avatar_id and str(job.fields.get("type", 2)) == STREAMING_TYPE:
            views.append(_upload_view(call, job, avatar_id))
    return views


def find_avatar(call: Call, avatar_id: str) -> dict[str, Any] | None:
    """A seeded avatar (any platform) or one of the caller's own streaming uploads, in any status."""
    for avatar in call.backend.seeded.get("streaming_avatars", []):
        if avatar.get("avatar_id") == avatar_id:
            return avatar
    own = [avatar for avatar in _uploads(call) if avatar["avatar_id"] == avatar_id]
    # A failed upload frees its avatar_id for a new one (avatars.create): the live upload is the avatar.
    own.sort(key=lambda avatar: avatar["status"] == FAILED)
    return own[0] if own else None


def _listed(avatar: dict[str, Any]) -> dict[str, Any]:
    # `platform` is an AvatarDetail field; list items (Avatar) do not carry it.
    return {key: value for key, value in avatar.items() if key != "platform"}


def list_avatars(call: Call) -> Reply:
    platform = call.query.get("platform") or "open"
    items = [
        a for a in call.backend.seeded.get("streaming_avatars", []) if a.get("platform", "open") == platform
    ]
    if platform == "open":
        items += _uploads(call)
    page = paged(call, items, default_size=100)
    return ok({"count": len(items), "result": [_listed(avatar) for avatar in page]})


def get_avatar(call: Call) -> Reply:
    avatar_id = str(call.query["avatar_id"])
    avatar = find_avatar(call, avatar_id)
    if avatar is None:
        raise NotFound(f"avatar_id: streaming avatar {avatar_id} not found", code=AVATAR_NOT_FOUND)
    return ok(dict(avatar))


def _check_avatar(call: Call, avatar_id: str) -> None:
    """CreateSessionRequest.avatar_id: from the avatar list, or an upload once its status is 3."""
    avatar = find_avatar(call, avatar_id)
    if avatar is None:
        raise ValidationFailed(
            f"avatar_id: no streaming avatar {avatar_id!r} (see the streaming avatar list)"
        )
    status = avatar.get("status", COMPLETED)
    if status != COMPLETED or avatar.get("available") is False:
        raise ValidationFailed(
            f"avatar_id: avatar {avatar_id!r} is not ready (status {status}); wait for status 3"
        )


# ----- credentials -------------------------------------------------------------------------------------
def _agora(call: Call, sid: str, given: dict[str, Any], _duration: float) -> dict[str, Any]:
    ids = call.backend.ids
    return {
        "agora_uid": given["agora_uid"] if "agora_uid" in given else ids.number(100_000, 999_999),
        "agora_app_id": given.get("agora_app_id") or f"{ids.random.getrandbits(128):032x}",
        "agora_channel": given.get("agora_channel") or f"akool_{sid}",
        "agora_token": given.get("agora_token") or f"007{ids.secret(115)}",  # Agora tokens start with 007
    }


def _jwt(call: Call, claims: dict[str, Any]) -> str:
    def part(value: dict[str, Any]) -> str:
        raw = json.dumps(value, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(claims)}.{call.backend.ids.secret(43)}"


def _livekit(call: Call, sid: str, given: dict[str, Any], duration: float) -> dict[str, Any]:
    room = given.get("livekit_room_name") or f"akool-{sid}"
    client = given.get("livekit_client_identity") or f"client-{sid}"
    now = int(call.backend.now())
    grant = {"room": room, "roomJoin": True, "canPublish": True, "canSubscribe": True, "canPublishData": True}
    claims = {"iss": "akool-mock", "sub": client, "nbf": now, "exp": now + int(duration), "video": grant}
    answer: dict[str, Any] = {
        "livekit_url": given.get("livekit_url") or LIVEKIT_URL,
        "livekit_token": given.get("livekit_token") or _jwt(call, claims),
        "livekit_room_name": room,
        "livekit_server_identity": given.get("livekit_server_identity") or f"akool-avatar-{sid}",
        "livekit_client_identity": client,
    }
    if "audio_only_from_data_stream" in given:  # the LiveKit plugin's flag, echoed (#streaming-audio-only)
        answer["audio_only_from_data_stream"] = bool(given["audio_only_from_data_stream"])
    return answer


def _trtc(call: Call, sid: str, given: dict[str, Any], _duration: float) -> dict[str, Any]:
    """Both name sets with the same values (#streaming-trtc-names); the client may send either set."""
    ids = call.backend.ids
    made = {
        "app_id": ids.number(*TRTC_APP_IDS),
        "room_id": f"akool_{sid}",
        "user_id": f"user_{sid}",
        "user_sig": f"eJw{ids.secret(140)}",  # userSigs are zlib+base64 text starting eJw
    }
    answer: dict[str, Any] = {}
    for name in TRTC_FIELDS:
        value = given.get(f"trtc_sdk_{name}", given.get(f"trtc_{name}", made[name]))
        answer[f"trtc_sdk_{name}"] = value
        answer[f"trtc_{name}"] = value
    return answer


CREDENTIALS = {"agora": _agora, "livekit": _livekit, "trtc": _trtc}


# ----- sessions ----------------------------------------------------------------------------------------
def _planned_end(job: Job) -> float:
    """When the session ends without a failure: its close, or `duration` seconds after creation."""
    end = job.created_at + float(job.fields["duration"])
    closed_at = job.fields.get("closed_at")
    return end if closed_at is None else min(end, float(closed_at))


def _failed_first(job: Job) -> bool:
    # A failure at the very moment of the close came after it: the client's close wins the tie.
    return job.status == FAILED and job.updated_at < _planned_end(job)


def _ended_at(job: Job, now: float) -> float | None:
    """When the session ended (closed, failed or out of time, whichever came first); None while it runs."""
    end = job.updated_at if _failed_first(job) else _planned_end(job)
    return end if end <= now else None


def session_status(job: Job, now: float) -> int:
    if _failed_first(job):
        return FAILED
    if _planned_end(job) <= now:
        return COMPLETED
    return QUEUED if job.status == QUEUED else LIVE


def _settle(call: Call, job: Job) -> None:
    """Refund the unused part of the pre-charged duration, once, when the session has ended."""
    end = _ended_at(job, call.backend.now())
    if end is None or job.fields.get("refunded") is not None:
        return
    duration = float(job.fields["duration"])
    unused = max(duration - (end - job.created_at), 0.0)
    refund = round(job.cost * unused / duration, 4)
    call.backend.refund(call.backend.account(job.owner), refund)
    job.fields["refunded"] = refund


def session_view(call: Call, job: Job) -> dict[str, Any]:
    """SessionResponse / SessionDetail of openapi/live-avatar.yaml."""
    _settle(call, job)
    return {
        "_id": job.id,
        "uid": call.owner.uid,
        "type": SESSION_TYPE,
        "status": session_status(job, call.backend.now()),
        "stream_type": job.fields["stream_type"],
        "credentials": dict(job.fields["credentials"]),
    }


def create_session(call: Call) -> Reply:
    body = call.body
    backend = call.backend
    _check_avatar(call, str(body["avatar_id"]))
    knowledge_id = str(body.get("knowledge_id") or "")  # "" means none (#streaming-empty-strings)
    if knowledge_id:
        find_knowledge(call, knowledge_id, field="knowledge_id")
    duration = float(body.get("duration") or DEFAULT_DURATION_S)
    per_minute, shortfall = price(call.op, body)
    cost = round(per_minute * duration / 60, 4)
    backend.charge(call.owner, cost, shortfall)
    sid = backend.ids.object_id()
    stream_type = str(body.get("stream_type") or "agora")
    given = body.get("credentials") or {}
    fields: dict[str, Any] = {
        "avatar_id": body["avatar_id"],
        "knowledge_id": knowledge_id,
        "stream_type": stream_type,
        "duration": duration,
        "credentials": CREDENTIALS[stream_type](call, sid, given, duration),
        "closed_at": None,
    }
    job = backend.create_job(call.owner, call.op, fields, cost=cost, job_id=sid)
    return ok(session_view(call, job))


def _find_session(call: Call, field: str, session_id: str) -> Job:
    """The caller's session; not found answers the error-code page's text after the field's name."""
    try:
        return call.backend.find_job(call.owner, session_id, (SESSION_OP,), SESSION_NOT_FOUND)
    except NotFound:
        message = f"{field}: liveAvatar session {session_id} not exist"
        raise NotFound(message, code=SESSION_NOT_FOUND) from None


def get_session(call: Call) -> Reply:
    backend = call.backend
    job = _find_session(call, "id", str(call.query["id"]))
    if _ended_at(job, backend.now()) is None:
        backend.jobs.polled(job, backend.now())  # a detail read is the session's poll (polls policy)
    return ok(session_view(call, job))


def list_sessions(call: Call) -> Reply:
    """Newest first; `status` filters on the status as of now."""
    jobs = call.backend.jobs.owned(call.owner.client_id, (SESSION_OP,))
    views = [session_view(call, job) for job in reversed(jobs)]
    wanted = call.query.get("status")
    if wanted is not None:
        views = [view for view in views if view["status"] == wanted]
    return ok({"count": len(views), "result": paged(call, views, default_size=100)})


def close_session(call: Call) -> Reply:
    """Close by `id` or `session_id` (#streaming-close-id); closing again answers the first close."""
    field = "id" if call.body.get("id") else "session_id"
    job = _find_session(call, field, str(call.body.get(field)))
    now = call.backend.now()
    fields = job.fields
    if fields.get("answered_closed_at") is None:
        ended = _ended_at(job, now)
        if ended is None:
            fields["closed_at"] = now  # the close is what ends it
        # A session that already ended (time over, failure) answers when it ended.
        fields["answered_closed_at"] = now if ended is None else ended
    _settle(call, job)
    return ok({"session_id": job.id, "status": "closed", "closed_at": ms(fields["answered_closed_at"])})


HANDLERS: dict[str, Handler] = {
    "streaming.create_session": create_session,
    "streaming.close_session": close_session,
    "streaming.list_sessions": list_sessions,
    "streaming.get_session": get_session,
    "streaming.list_avatars": list_avatars,
    "streaming.get_avatar": get_avatar,
}
