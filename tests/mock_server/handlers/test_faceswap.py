"""Face swap and reage handlers: the rules the schemas cannot express (face counts), result items."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.mock_server.conftest import Fake, make_fake

SPECIFY_IMAGE = "/api/open/v3/faceswap/highquality/specifyimage"
SPECIFY_VIDEO = "/api/open/v3/faceswap/highquality/specifyvideo"
LIST = "/api/open/v3/faceswap/result/listbyids"
FACE = {"path": "https://example.com/face.png", "opts": "10,10:20,20:30,30:40,40"}


def swap_body(path: str, sources: int, targets: int) -> dict[str, Any]:
    media = {"modifyImage": "https://example.com/m.png"}
    if path == SPECIFY_VIDEO:
        media = {"modifyVideo": "https://example.com/m.mp4"}
    return {"sourceImage": [FACE] * sources, "targetImage": [FACE] * targets, "face_enhance": 0, **media}


@settings(max_examples=25)
@given(
    path=st.sampled_from([SPECIFY_IMAGE, SPECIFY_VIDEO]),
    sources=st.integers(1, 12),
    targets=st.integers(1, 12),
)
def test_face_counts_over_8_answer_1007_and_unequal_lists_1003(path: str, sources: int, targets: int) -> None:
    fake = make_fake()
    answer = fake.post(path, swap_body(path, sources, targets))
    if max(sources, targets) > 8:
        assert answer["code"] == 1007
        assert "8" in answer["msg"]
    elif sources != targets:
        assert answer["code"] == 1003
        assert "sourceImage" in answer["msg"]
        assert "targetImage" in answer["msg"]
    else:
        assert answer["code"] == 1000
    created = len(fake.backend.jobs)
    assert created == (1 if answer["code"] == 1000 else 0)


def test_a_refused_face_count_charges_nothing(fake: Fake) -> None:
    before = fake.backend.accounts[next(iter(fake.backend.accounts))].credits
    assert fake.post(SPECIFY_IMAGE, swap_body(SPECIFY_IMAGE, 9, 9))["code"] == 1007
    assert fake.backend.accounts[next(iter(fake.backend.accounts))].credits == before


def test_reage_refuses_more_than_8_faces(fake: Fake) -> None:
    body = {"targetImage": [FACE] * 9, "face_reage": 10, "modifyImage": "https://example.com/m.png"}
    assert fake.post("/api/open/v3/faceswap/highquality/imgreage", body)["code"] == 1007
    body["targetImage"] = [FACE] * 8
    assert fake.post("/api/open/v3/faceswap/highquality/imgreage", body)["code"] == 1000


def test_results_carry_the_accounts_user_id(fake: Fake) -> None:
    """#audit-missing-fields: `userId` (reage example), one per account, never the uid or another's."""
    created = fake.post(SPECIFY_IMAGE, swap_body(SPECIFY_IMAGE, 1, 1))["data"]
    again = fake.post(SPECIFY_VIDEO, swap_body(SPECIFY_VIDEO, 1, 1))["data"]
    items = fake.get(LIST, _ids=f"{created['_id']},{again['_id']}")["data"]["result"]
    user_ids = {item["userId"] for item in items}
    assert len(user_ids) == 1
    other = fake.request("POST", "/_mock/accounts", body={}).body
    headers = {"x-api-key": other["api_key"]}
    mine = fake.request("POST", SPECIFY_IMAGE, body=swap_body(SPECIFY_IMAGE, 1, 1), headers=headers).body
    listed = fake.request("GET", LIST, query={"_ids": mine["data"]["_id"]}, headers=headers).body
    assert listed["data"]["result"][0]["userId"] not in user_ids
