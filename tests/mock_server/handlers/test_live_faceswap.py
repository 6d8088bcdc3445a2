"""Live Face Swap sessions (mock_server/handlers/live_faceswap.py)."""

from __future__ import annotations

import base64
import json
import zlib
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akool_mock.mock_server.settings import DEFAULT_CLIENT_ID
from tests.mock_server.conftest import Fake

CREATE = "/api/open/v3/faceswap/live/create"
UPDATE = "/api/open/v3/faceswap/live/update"
CLOSE = "/api/open/v3/faceswap/live/close"
DETECT = "/detect"
FACE = "https://d21ksh0k4smeql.cloudfront.net/crop_1695201165222-7514-0-1695201165485-8149.png"
FACES = [{"path": FACE, "opts": "262,175:363,175:313,215:272,279"}]
NEW_FACES = [{"path": "https://example.com/other.png", "opts": "249,510:460,515:343,657:255,740"}]


def create(fake: Fake, faces: list[dict[str, str]] | None = None) -> dict[str, Any]:
    answer = fake.post(CREATE, {"sourceImage": faces or FACES})
    assert answer["code"] == 1000, answer
    data: dict[str, Any] = answer["data"]
    return data


def other_account(fake: Fake, credits: float = 10) -> dict[str, str]:
    made: dict[str, Any] = fake.request("POST", "/_mock/accounts", body={"credits": credits}).body
    return {"x-api-key": made["api_key"]}


def test_create_answers_the_session_like_the_example(fake: Fake) -> None:
    data = create(fake)
    assert data["faceswap_status"] == 1
    assert data["app_id"] == ""
    assert data["front_user_id"].isdigit()
    assert data["algorithm_user_id"].isdigit()
    assert data["front_user_id"] != data["algorithm_user_id"]
    stamp, _, suffix = data["channel_id"].partition("_")
    assert len(stamp) == 17
    assert stamp.isdigit()
    assert len(suffix) == 4
    assert data["front_rtc_token"].startswith("007eJ")
    claims = json.loads(zlib.decompress(base64.b64decode(data["front_rtc_token"][3:])))
    assert claims["channel"] == data["channel_id"]
    assert claims["uid"] == data["front_user_id"]


def test_create_stores_the_faces_for_the_caller(fake: Fake) -> None:
    data = create(fake)
    session = fake.backend.resources[data["_id"]]
    assert session.kind == "live_faceswap"
    assert session.owner == DEFAULT_CLIENT_ID
    assert session.data["sourceImage"] == FACES


def test_create_charges_one_credit_and_answers_1104_when_short(fake: Fake) -> None:
    before = fake.backend.accounts[DEFAULT_CLIENT_ID].credits
    create(fake)
    assert fake.backend.accounts[DEFAULT_CLIENT_ID].credits == before - 1
    poor = other_account(fake, credits=0.5)
    answer = fake.request("POST", CREATE, body={"sourceImage": FACES}, headers=poor).body
    assert answer["code"] == 1104
    assert all(r.owner == DEFAULT_CLIENT_ID for r in fake.backend.resources.values())


def test_update_replaces_the_faces(fake: Fake) -> None:
    session_id = create(fake)["_id"]
    answer = fake.post(UPDATE, {"_id": session_id, "sourceImage": NEW_FACES})
    assert answer == {"code": 1000, "msg": "OK"}
    assert fake.backend.resources[session_id].data["sourceImage"] == NEW_FACES


def test_close_then_update_answers_1010_and_close_again_is_fine(fake: Fake) -> None:
    session_id = create(fake)["_id"]
    assert fake.post(CLOSE, {"_id": session_id}) == {"code": 1000, "msg": "OK"}
    assert fake.post(UPDATE, {"_id": session_id, "sourceImage": NEW_FACES})["code"] == 1010
    assert fake.backend.resources[session_id].data["sourceImage"] == FACES
    assert fake.post(CLOSE, {"_id": session_id})["code"] == 1000


@pytest.mark.parametrize("path", [UPDATE, CLOSE])
def test_unknown_session_answers_1008(fake: Fake, path: str) -> None:
    answer = fake.post(path, {"_id": "685ea0bb5aa150dd8b7116b1", "sourceImage": FACES})
    assert answer["code"] == 1008


def test_another_accounts_session_does_not_exist(fake: Fake) -> None:
    session_id = create(fake)["_id"]
    stranger = other_account(fake)
    for path in (UPDATE, CLOSE):
        body = {"_id": session_id, "sourceImage": NEW_FACES}
        assert fake.request("POST", path, body=body, headers=stranger).body["code"] == 1008
    session = fake.backend.resources[session_id]
    assert session.data["closed_at"] is None
    assert session.data["sourceImage"] == FACES


@pytest.mark.parametrize(
    "faces",
    [
        [],
        [{"path": FACE}],
        [{"path": FACE, "opts": "1,2:3,4:5,6"}],
        [{"path": "not a url", "opts": "1,2:3,4:5,6:7,8"}],
    ],
)
def test_bad_source_faces_answer_1003(fake: Fake, faces: list[dict[str, str]]) -> None:
    assert fake.post(CREATE, {"sourceImage": faces})["code"] == 1003


def test_landmarks_from_the_legacy_detector_feed_a_session(fake: Fake) -> None:
    detected = fake.post(DETECT, {"single_face": True, "image_url": FACE})
    assert detected["error_code"] == 0
    faces = [{"path": FACE, "opts": detected["landmarks_str"][0]}]
    session_id = create(fake, faces)["_id"]
    assert fake.backend.resources[session_id].data["sourceImage"] == faces


def test_sessions_get_distinct_ids_and_channels(fake: Fake) -> None:
    first, second = create(fake), create(fake)
    assert first["_id"] != second["_id"]
    fake.clock.advance(1)
    third = create(fake)
    assert third["channel_id"] != first["channel_id"]


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(owner_closes=st.booleans(), stranger_first=st.booleans())
def test_a_stranger_never_changes_a_session(fake: Fake, owner_closes: bool, stranger_first: bool) -> None:
    session_id = create(fake)["_id"]
    stranger = other_account(fake)
    if owner_closes:
        fake.post(CLOSE, {"_id": session_id})
    body = {"_id": session_id, "sourceImage": NEW_FACES}
    paths = [UPDATE, CLOSE] if stranger_first else [CLOSE, UPDATE]
    for path in paths:
        assert fake.request("POST", path, body=body, headers=stranger).body["code"] == 1008
    data = fake.backend.resources[session_id].data
    assert data["sourceImage"] == FACES
    assert (data["closed_at"] is not None) == owner_closes


LIST = "/api/open/v3/faceswap/result/listbyids"


def _status(fake: Fake, session_id: str, headers: dict[str, str] | None = None) -> list[int]:
    answer = fake.request("GET", LIST, query={"_ids": session_id}, headers=headers).body
    return [item["faceswap_status"] for item in answer["data"]["result"]]


def test_a_session_becomes_ready_then_closed_as_listbyids_shows(fake: Fake) -> None:
    """#audit-live-faceswap-status: 1 queuing, 2 once ready (connect to Agora), 3 when closed."""
    session_id = create(fake)["_id"]
    assert _status(fake, session_id) == [1]
    queued, processing = fake.backend.settings.lifecycle.duration("live_faceswap.create_session")
    fake.clock.advance(queued + 0.5)
    assert _status(fake, session_id) == [2]
    fake.clock.advance(processing + 60)  # stays ready until closed
    assert _status(fake, session_id) == [2]
    assert fake.post(CLOSE, {"_id": session_id})["code"] == 1000
    assert _status(fake, session_id) == [3]


def test_a_session_can_be_made_ready_or_failed_through_the_control_api(fake: Fake) -> None:
    ready, failed = create(fake)["_id"], create(fake)["_id"]
    fake.request("POST", f"/_mock/jobs/{ready}/advance")
    fake.request("POST", f"/_mock/jobs/{failed}/fail", body={"reason": "no GPU"})
    answer = fake.get(LIST, _ids=f"{ready},{failed}")
    shown = {item["_id"]: item["faceswap_status"] for item in answer["data"]["result"]}
    assert shown == {ready: 2, failed: 4}


def test_another_accounts_session_is_not_listed(fake: Fake) -> None:
    session_id = create(fake)["_id"]
    assert _status(fake, session_id, headers=other_account(fake)) == []
