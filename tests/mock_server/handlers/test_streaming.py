"""Streaming avatar sessions and avatars (mock_server/handlers/streaming.py; openapi/live-avatar.yaml)."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akool_mock.mock_server.jobs import Job
from akool_mock.mock_server.settings import build_settings
from tests.mock_server.conftest import Fake, make_fake

LIVE = "/api/open/v4/liveAvatar"
TRISTAN = "dvp_Tristan_cloth2_1080P"  # the guide's avatar
LIVEKIT_PLUGIN_BODY = {  # what Akool's LiveKit plugin sends (notes/real-world-quirks.md)
    "avatar_id": TRISTAN,
    "stream_type": "livekit",
    "scene_mode": "meeting",
    "mode_type": 2,
    "credentials": {
        "livekit_url": "wss://agent.livekit.cloud",
        "livekit_token": "eyJhbGciOiJIUzI1NiJ9.e30.sig",
        "audio_only_from_data_stream": True,
    },
}


def headers_of(fake: Fake, credits: float = 100) -> dict[str, str]:
    created = fake.request("POST", "/_mock/accounts", body={"credits": credits}).body
    return {"x-api-key": created["api_key"]}


def create(fake: Fake, headers: dict[str, str] | None = None, **body: Any) -> dict[str, Any]:
    body.setdefault("avatar_id", TRISTAN)
    answer: dict[str, Any] = fake.request("POST", f"{LIVE}/session/create", body=body, headers=headers).body
    return answer


def detail(fake: Fake, sid: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    answer: dict[str, Any] = fake.request(
        "GET", f"{LIVE}/session/detail", query={"id": sid}, headers=headers
    ).body
    return answer


def close(fake: Fake, headers: dict[str, str] | None = None, **body: Any) -> dict[str, Any]:
    answer: dict[str, Any] = fake.request("POST", f"{LIVE}/session/close", body=body, headers=headers).body
    return answer


def status(fake: Fake, sid: str) -> int:
    value: int = detail(fake, sid)["data"]["status"]
    return value


def credits(fake: Fake) -> float:
    return float(next(iter(fake.backend.accounts.values())).credits)


def sessions(fake: Fake, **query: Any) -> dict[str, Any]:
    data: dict[str, Any] = fake.get(f"{LIVE}/session/list", **query)["data"]
    return data


def upload(fake: Fake, avatar_id: str, avatar_type: int = 2, account: int = 0) -> Job:
    """An avatars.create job as the avatars handler leaves it: the request's avatar_id in its fields."""
    backend = fake.backend
    owner = list(backend.accounts.values())[account]
    fields = {
        "avatar_id": avatar_id,
        "type": avatar_type,
        "name": "Mine",
        "url": "https://example.com/me.mp4",
    }
    return backend.create_job(owner, backend.catalog.operation("avatars.create"), fields)


# ----- avatars ------------------------------------------------------------------------------------
def test_avatar_list_defaults_to_the_open_platform(fake: Fake) -> None:
    data = fake.get(f"{LIVE}/avatar/list")["data"]
    ids = [a["avatar_id"] for a in data["result"]]
    assert ids[:3] == ["Yasmin_in_White_shirt_20231121", TRISTAN, "avatar_123"]
    assert data["count"] == len(ids) == 15
    assert all("platform" not in a and a["available"] for a in data["result"])


def test_avatar_list_filters_platform_and_pages(fake: Fake) -> None:
    aigc = fake.get(f"{LIVE}/avatar/list", platform="aigc")["data"]
    assert aigc["count"] == 5
    assert aigc["result"][0]["avatar_id"] == "30870eb0"
    everything = fake.get(f"{LIVE}/avatar/list")["data"]["result"]
    page = fake.get(f"{LIVE}/avatar/list", page=2, size=4)["data"]
    assert page["count"] == 15
    assert page["result"] == everything[4:8]


def test_avatar_detail_has_the_platform_and_unknown_is_1008(fake: Fake) -> None:
    data = fake.get(f"{LIVE}/avatar/detail", avatar_id=TRISTAN)["data"]
    assert (data["avatar_id"], data["platform"], data["status"]) == (TRISTAN, "open", 3)
    assert fake.get(f"{LIVE}/avatar/detail", avatar_id="nobody")["code"] == 1008


def test_uploaded_streaming_avatar_is_listed_and_usable_once_status_3(fake: Fake) -> None:
    job = upload(fake, "MyAvatar1")
    mine = fake.get(f"{LIVE}/avatar/detail", avatar_id="MyAvatar1")["data"]
    assert (mine["from"], mine["status"], mine["available"]) == (3, 1, False)
    refused = create(fake, avatar_id="MyAvatar1")
    assert refused["code"] == 1003
    assert refused["msg"].startswith("avatar_id: ")
    fake.request("POST", f"/_mock/jobs/{job.id}/complete")
    assert create(fake, avatar_id="MyAvatar1")["code"] == 1000
    assert fake.get(f"{LIVE}/avatar/list")["data"]["result"][-1]["avatar_id"] == "MyAvatar1"


def test_upload_through_avatars_create_then_a_session_on_it(fake: Fake) -> None:
    """The avatars area's own handler (openapi/live-avatar.yaml Upload Streaming Avatar example body)."""
    body = {
        "url": "https://drz0f01yeq1cx.cloudfront.net/1721197444322-leijun000.mp4",
        "avatar_id": "HHdEKhn7k7vVBlR5FSi0e",
    }
    uploaded = fake.post(
        "/api/open/v3/avatar/create", {**body, "name": "My Streaming Avatar", "type": 2, "url_from": 1}
    )
    assert create(fake, avatar_id=body["avatar_id"])["code"] == 1003
    fake.request("POST", f"/_mock/jobs/{uploaded['data']['_id']}/fail", body={"reason": "bad video"})
    again = fake.post("/api/open/v3/avatar/create", {**body, "name": "Second try", "type": 2})
    fake.request("POST", f"/_mock/jobs/{again['data']['_id']}/complete")
    assert create(fake, avatar_id=body["avatar_id"], duration=60)["code"] == 1000
    assert fake.get(f"{LIVE}/avatar/detail", avatar_id=body["avatar_id"])["data"]["name"] == "Second try"


def test_talking_avatar_uploads_and_other_accounts_uploads_are_not_streaming_avatars(fake: Fake) -> None:
    talking = upload(fake, "Talking1", avatar_type=1)
    fake.request("POST", f"/_mock/jobs/{talking.id}/complete")
    assert create(fake, avatar_id="Talking1")["code"] == 1003
    them = headers_of(fake)
    theirs = upload(fake, "Theirs1", account=1)
    fake.request("POST", f"/_mock/jobs/{theirs.id}/complete")
    assert create(fake, avatar_id="Theirs1")["code"] == 1003
    assert create(fake, them, avatar_id="Theirs1", duration=60)["code"] == 1000


# ----- create and credentials ---------------------------------------------------------------------
def test_create_answers_queueing_with_agora_credentials(fake: Fake) -> None:
    answer = create(fake, duration=600)
    data = answer["data"]
    assert (data["status"], data["stream_type"], data["uid"]) == (1, "agora", 100001)
    creds = data["credentials"]
    assert set(creds) == {"agora_uid", "agora_app_id", "agora_channel", "agora_token"}
    assert creds["agora_token"].startswith("007")
    assert detail(fake, data["_id"])["data"]["credentials"] == creds


def test_own_agora_room_is_echoed(fake: Fake) -> None:
    own = {"agora_uid": 100000, "agora_app_id": "your-app-id", "agora_channel": "c", "agora_token": "t"}
    assert create(fake, credentials=own)["data"]["credentials"] == own


def test_livekit_plugin_body_keeps_its_room(fake: Fake) -> None:
    creds = create(fake, **LIVEKIT_PLUGIN_BODY)["data"]["credentials"]
    sent = LIVEKIT_PLUGIN_BODY["credentials"]
    assert isinstance(sent, dict)
    assert {k: creds[k] for k in sent} == sent
    for made in ("livekit_room_name", "livekit_server_identity", "livekit_client_identity"):
        assert creds[made]


def test_livekit_room_made_by_akool(fake: Fake) -> None:
    creds = create(fake, stream_type="livekit", duration=60)["data"]["credentials"]
    assert creds["livekit_url"].startswith("wss://")
    assert "audio_only_from_data_stream" not in creds
    _header, payload, _signature = creds["livekit_token"].split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert claims["video"]["room"] == creds["livekit_room_name"]
    assert claims["sub"] == creds["livekit_client_identity"]
    assert claims["exp"] - claims["nbf"] == 60


@pytest.mark.parametrize("prefix", ["trtc_", "trtc_sdk_", None])
def test_trtc_answers_both_name_sets(fake: Fake, prefix: str | None) -> None:
    own = {"app_id": 1400000001, "room_id": "r", "user_id": "u", "user_sig": "s"}
    body: dict[str, Any] = {"stream_type": "trtc"}
    if prefix:
        body["credentials"] = {f"{prefix}{k}": v for k, v in own.items()}
    creds = create(fake, **body)["data"]["credentials"]
    for name, value in own.items():
        assert creds[f"trtc_{name}"] == creds[f"trtc_sdk_{name}"]
        if prefix:
            assert creds[f"trtc_{name}"] == value
    assert isinstance(creds["trtc_app_id"], int)


def test_unknown_avatar_is_refused_naming_the_field_and_charges_nothing(fake: Fake) -> None:
    answer = create(fake, avatar_id="your_avatar_id")
    assert answer["code"] == 1003
    assert answer["msg"].startswith("avatar_id: ")
    assert credits(fake) == 10_000


def test_knowledge_id_must_be_a_base_of_the_account(fake: Fake) -> None:
    kid = fake.post("/api/open/v4/knowledge/create", {"name": "KB"})["data"]["_id"]
    assert create(fake, knowledge_id=kid)["code"] == 1000
    assert create(fake, knowledge_id="")["code"] == 1000  # the React demo's "not set"
    missing = create(fake, knowledge_id="64f8a1b2c3d4e5f6a7b8c9d0")
    assert missing["code"] == 1232
    assert missing["msg"].startswith("knowledge_id: ")
    assert create(fake, headers_of(fake), knowledge_id=kid, duration=60)["code"] == 1232
    fake.request("DELETE", "/api/open/v4/knowledge/delete", body={"id": kid})
    assert create(fake, knowledge_id=kid)["code"] == 1232


# ----- credits ------------------------------------------------------------------------------------
def test_duration_is_precharged_per_minute_and_unused_time_refunded_on_close(fake: Fake) -> None:
    sid = create(fake, duration=600)["data"]["_id"]
    assert credits(fake) == 10_000 - 10
    fake.clock.advance(120)
    close(fake, id=sid)
    assert credits(fake) == pytest.approx(10_000 - 2)
    close(fake, id=sid)
    assert credits(fake) == pytest.approx(10_000 - 2)


def test_absent_duration_charges_the_3600_second_maximum(fake: Fake) -> None:
    create(fake)
    assert credits(fake) == 10_000 - 60


def test_expired_session_keeps_the_whole_charge(fake: Fake) -> None:
    sid = create(fake, duration=300)["data"]["_id"]
    fake.clock.advance(400)
    closed = close(fake, session_id=sid)["data"]
    assert closed["closed_at"] == (fake.clock.now() - 100) * 1000  # it ended at its duration
    assert credits(fake) == 10_000 - 5


def test_shortfall_answers_1104_and_creates_nothing(fake: Fake) -> None:
    poor = headers_of(fake, credits=5)
    assert create(fake, poor, duration=600)["code"] == 1104
    assert fake.request("GET", f"{LIVE}/session/list", headers=poor).body["data"]["count"] == 0
    assert create(fake, poor, duration=240)["code"] == 1000


# ----- lifecycle ----------------------------------------------------------------------------------
def test_session_goes_live_then_ends_after_its_duration(fake: Fake) -> None:
    sid = create(fake, duration=120)["data"]["_id"]
    assert status(fake, sid) == 1
    fake.clock.advance(5)  # the fallback queued time of the time policy
    assert status(fake, sid) == 2
    fake.clock.advance(60)  # the job completes: the avatar stays live
    assert status(fake, sid) == 2
    fake.clock.advance(55)
    assert status(fake, sid) == 3


def test_close_ends_the_session_by_id_or_session_id_and_twice_is_fine(fake: Fake) -> None:
    first = create(fake, duration=60)["data"]["_id"]
    second = create(fake, duration=60)["data"]["_id"]
    fake.clock.advance(10)
    answer = close(fake, id=first)
    assert answer["data"] == {"session_id": first, "status": "closed", "closed_at": fake.backend.now_ms()}
    assert close(fake, session_id=second)["data"]["session_id"] == second
    fake.clock.advance(10)
    assert close(fake, id=first) == answer
    assert status(fake, first) == status(fake, second) == 3


def test_close_needs_exactly_one_id_and_unknown_is_1216(fake: Fake) -> None:
    sid = create(fake, duration=60)["data"]["_id"]
    assert close(fake, id=sid, session_id=sid)["code"] == 1003
    assert close(fake, id="6698c9d69cf7b0d61d1b6420")["code"] == 1216
    assert detail(fake, "session_123456789")["code"] == 1216


@pytest.mark.parametrize("field", ["id", "session_id"])
def test_an_unknown_session_is_named_by_the_field_sent(fake: Fake, field: str) -> None:
    """The error-code page's 1216 text, after the name of the field that named the session."""
    unknown = "6698c9d69cf7b0d61d1b6420"
    answer = close(fake, **{field: unknown})
    assert answer == {"code": 1216, "msg": f"{field}: liveAvatar session {unknown} not exist"}
    assert detail(fake, unknown)["msg"] == f"id: liveAvatar session {unknown} not exist"


def test_failed_session_shows_4_and_refunds_the_rest(fake: Fake) -> None:
    sid = create(fake, duration=600)["data"]["_id"]
    fake.clock.advance(60)
    failed = fake.request("POST", f"/_mock/jobs/{sid}/fail", body={"reason": "avatar crashed"})
    assert failed.status == 200
    assert status(fake, sid) == 4
    assert credits(fake) == pytest.approx(10_000 - 1)
    failed_at = fake.backend.now_ms()
    fake.clock.advance(10)
    assert close(fake, id=sid)["data"]["closed_at"] == failed_at  # it ended when it failed
    assert status(fake, sid) == 4


def test_failure_after_the_close_does_not_change_the_ended_session(fake: Fake) -> None:
    sid = create(fake, duration=600)["data"]["_id"]
    close(fake, id=sid)
    fake.request("POST", f"/_mock/jobs/{sid}/fail", body={"reason": "late"})
    assert status(fake, sid) == 3


def test_polls_policy_moves_the_session_on_detail_reads() -> None:
    fake = make_fake(
        build_settings({"lifecycle": {"policy": "polls", "polls_per_step": 2}}, clock="manual", seed=7)
    )
    sid = create(fake, duration=60)["data"]["_id"]
    assert status(fake, sid) == 1
    assert status(fake, sid) == 2
    assert [status(fake, sid) for _ in range(4)] == [2, 2, 2, 2]
    fake.clock.advance(60)
    assert status(fake, sid) == 3


def test_manual_policy_waits_for_the_control_api() -> None:
    fake = make_fake(build_settings({"lifecycle": {"policy": "manual"}}, clock="manual", seed=7))
    sid = create(fake, duration=60)["data"]["_id"]
    fake.clock.advance(30)
    assert status(fake, sid) == 1
    fake.request("POST", f"/_mock/jobs/{sid}/advance")
    assert status(fake, sid) == 2


# ----- list and isolation -------------------------------------------------------------------------
def test_session_list_is_newest_first_filtered_and_paged(fake: Fake) -> None:
    ids = []
    for _ in range(4):
        ids.append(create(fake, duration=60)["data"]["_id"])
        fake.clock.advance(1)
    close(fake, id=ids[0])
    data = fake.get(f"{LIVE}/session/list")["data"]
    assert (data["count"], [s["_id"] for s in data["result"]]) == (4, ids[::-1])
    assert [s["_id"] for s in sessions(fake, status=3)["result"]] == [ids[0]]
    assert sessions(fake, status=2)["count"] == 0  # 4 s: still queueing
    page = sessions(fake, page=2, size=3)
    assert (page["count"], [s["_id"] for s in page["result"]]) == (4, [ids[0]])


def test_another_account_cannot_see_read_or_close_a_session(fake: Fake) -> None:
    sid = create(fake, duration=60)["data"]["_id"]
    them = headers_of(fake)
    assert detail(fake, sid, them)["code"] == 1216
    assert close(fake, them, id=sid)["code"] == 1216
    assert fake.request("GET", f"{LIVE}/session/list", headers=them).body["data"]["count"] == 0
    assert status(fake, sid) == 1


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(duration=st.integers(1, 3600), steps=st.lists(st.integers(0, 900), min_size=1, max_size=8))
def test_status_never_goes_back_and_ends_with_the_duration(duration: int, steps: list[int]) -> None:
    fake = make_fake()
    sid = create(fake, duration=duration)["data"]["_id"]
    seen = [status(fake, sid)]
    elapsed = 0
    for step in steps:
        fake.clock.advance(step)
        elapsed += step
        seen.append(status(fake, sid))
        assert (seen[-1] == 3) == (elapsed >= duration)
    assert seen == sorted(seen)


@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(count=st.integers(1, 4))
def test_no_session_id_is_visible_to_another_account(count: int) -> None:
    fake = make_fake()
    ids = [create(fake, duration=60)["data"]["_id"] for _ in range(count)]
    them = headers_of(fake)
    for sid in ids:
        assert detail(fake, sid, them)["code"] == close(fake, them, session_id=sid)["code"] == 1216


def test_sessions_carry_their_type_and_avatars_their_voice_id(fake: Fake) -> None:
    """#audit-missing-fields: SessionResponse.type, AvatarDetail/Avatar voice_id."""
    sid = create(fake, duration=600)["data"]["_id"]
    assert detail(fake, sid)["data"]["type"] == 2
    assert [item["type"] for item in sessions(fake)["result"]] == [2]
    upload(fake, "mine1")
    listed = fake.get(f"{LIVE}/avatar/list")["data"]["result"]
    assert all(isinstance(item["voice_id"], str) for item in listed)
    assert {item["voice_id"] for item in listed if item["avatar_id"] != "mine1"} == {"iP95p4xoKVk53GoZ742B"}
    assert fake.get(f"{LIVE}/avatar/detail", avatar_id=TRISTAN)["data"]["voice_id"] == "iP95p4xoKVk53GoZ742B"
