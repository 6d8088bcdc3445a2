"""avatars.*: upload (a job polled by avatars.get), the list of official and own avatars, the detail."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akool_mock.mock_server.settings import DEFAULT_API_KEY, build_settings
from tests.mock_server.conftest import Fake, make_fake

CREATE = "/api/open/v3/avatar/create"
LIST = "/api/open/v3/avatar/list"
DETAIL = "/api/open/v3/avatar/detail"
STOCK_ID = "655ffeada6976ea317087193"  # the docs' Yasmin record (fixtures/canonical/avatars.json)
STOCK_COUNT = 12  # 1 docs item + 11 varied copies


def _account(fake: Fake, credits: float = 1000) -> dict[str, str]:
    return {"x-api-key": fake.request("POST", "/_mock/accounts", body={"credits": credits}).body["api_key"]}


def _upload(
    fake: Fake, avatar_id: str = "myAvatar1", headers: dict[str, str] | None = None, **extra: Any
) -> Any:
    body = {"url": "https://x.example/me.mp4", "avatar_id": avatar_id, "name": "Me", "type": 1, **extra}
    return fake.request("POST", CREATE, body=body, headers=headers).body


def _id_of(answer: Any) -> str:
    """The record id of an upload answer: one object (type 2) or a one-item array (type 1)."""
    data = answer["data"]
    [record] = data if isinstance(data, list) else [data]
    return str(record["_id"])


def _detail(fake: Fake, record_id: str, headers: dict[str, str] | None = None) -> Any:
    return fake.request("GET", DETAIL, query={"id": record_id}, headers=headers).body


def _list(fake: Fake, query: dict[str, Any] | None = None, headers: dict[str, str] | None = None) -> Any:
    return fake.request("GET", LIST, query=query or {}, headers=headers).body


def test_upload_answers_the_new_record(fake: Fake) -> None:
    answer = _upload(fake, type="2", url_from=2)
    data = answer["data"]
    assert (answer["code"], answer["msg"]) == (1000, "ok")
    assert (data["status"], data["from"], data["type"], data["avatar_id"], data["name"]) == (
        1,
        3,
        2,
        "myAvatar1",
        "Me",
    )
    assert data["available"] is False  # a streaming avatar is not usable before status 3


def test_upload_walks_the_clock_to_status_3(fake: Fake) -> None:
    record_id = _id_of(_upload(fake))
    queued, processing = fake.backend.settings.lifecycle.duration("avatars.create")
    assert [r["status"] for r in _detail(fake, record_id)["data"]] == [1]
    fake.clock.advance(queued + 0.5)
    assert _detail(fake, record_id)["data"][0]["status"] == 2
    fake.clock.advance(processing)
    [record] = _detail(fake, record_id)["data"]
    assert (record["_id"], record["status"], record["avatar_id"]) == (record_id, 3, "myAvatar1")


def test_upload_fails_through_the_control_api(fake: Fake) -> None:
    record_id = _id_of(_upload(fake, type=2))
    fake.request("POST", f"/_mock/jobs/{record_id}/fail", body={"reason": "no face"})
    [record] = _detail(fake, record_id)["data"]
    assert (record["status"], record["available"]) == (4, False)


def test_polls_policy() -> None:
    fake = make_fake(
        build_settings({"lifecycle": {"policy": "polls", "polls_per_step": 2}}, clock="manual", seed=7)
    )
    record_id = _id_of(_upload(fake))
    assert [_detail(fake, record_id)["data"][0]["status"] for _ in range(4)] == [1, 2, 2, 3]


def test_upload_charges_and_a_short_balance_answers_1006(fake: Fake) -> None:
    account = fake.backend.by_api_key[DEFAULT_API_KEY]
    before = account.credits
    _upload(fake)
    assert account.credits == before - 1
    assert _upload(fake, headers=_account(fake, credits=0))["code"] == 1006


def test_avatar_id_is_unique_per_account_until_the_upload_fails(fake: Fake) -> None:
    first = _id_of(_upload(fake))
    again = _upload(fake)
    assert again["code"] == 1222
    assert again["msg"].startswith("avatar_id:")
    assert _upload(fake, headers=_account(fake))["code"] == 1000  # another account may use the same id
    fake.request("POST", f"/_mock/jobs/{first}/fail")
    assert _upload(fake)["code"] == 1000


def test_detail_of_an_official_avatar(fake: Fake) -> None:
    [record] = _detail(fake, STOCK_ID)["data"]
    assert (record["avatar_id"], record["from"], record["status"]) == ("Yasmin_in_White_shirt_20231121", 2, 3)


@pytest.mark.parametrize("ref", ["0123456789abcdef01234567", "x", f"{STOCK_ID},{STOCK_ID}"])
def test_detail_of_unknown_ids_answers_1008(fake: Fake, ref: str) -> None:
    assert _detail(fake, ref)["code"] == 1008


def test_other_accounts_do_not_see_uploads(fake: Fake) -> None:
    record_id = _id_of(_upload(fake))
    other = _account(fake)
    assert _detail(fake, record_id, headers=other)["code"] == 1008
    assert _list(fake, {"from": 3}, headers=other)["data"] == []
    assert [a["_id"] for a in _list(fake, {"from": 3})["data"]] == [record_id]


def test_list_holds_official_avatars_then_own_uploads(fake: Fake) -> None:
    mine = _id_of(_upload(fake, avatar_id="a1", type=2))
    avatars = _list(fake)["data"]
    assert len(avatars) == STOCK_COUNT + 1
    assert avatars[0]["avatar_id"] == "Yasmin_in_White_shirt_20231121"
    assert avatars[-1]["_id"] == mine
    assert {a["from"] for a in _list(fake, {"from": 2})["data"]} == {2}
    assert [a["_id"] for a in _list(fake, {"type": 2})["data"]] == [mine]
    assert len(_list(fake, {"type": 1})["data"]) == STOCK_COUNT
    assert _list(fake, {"type": 2, "from": 2})["data"] == []


def test_list_shows_the_live_status_of_uploads(fake: Fake) -> None:
    record_id = _id_of(_upload(fake))
    fake.request("POST", f"/_mock/jobs/{record_id}/complete")
    assert _list(fake, {"from": 3})["data"][0]["status"] == 3


def test_list_size_limits_the_page(fake: Fake) -> None:
    assert len(_list(fake, {"size": 5})["data"]) == 5
    assert len(_list(fake)["data"]) == STOCK_COUNT  # default size 100


def test_list_pages(fake: Fake) -> None:
    everything = _list(fake)["data"]
    second = _list(fake, {"page": 2, "size": 5})
    assert second["code"] == 1000
    assert second["data"] == everything[5:10]


@given(size=st.integers(1, 30), uploads=st.integers(0, 3))
def test_list_never_returns_more_than_size(size: int, uploads: int) -> None:
    fake = make_fake()
    for n in range(uploads):
        _upload(fake, avatar_id=f"a{n}")
    data = _list(fake, {"size": size})["data"]
    assert len(data) == min(size, STOCK_COUNT + uploads)


@pytest.mark.parametrize(("kind", "shape"), [(1, list), ("1", list), (2, dict), ("2", dict)])
def test_upload_answers_in_the_shape_of_its_page(fake: Fake, kind: int | str, shape: type) -> None:
    """#audit-avatar-create-shape: talking avatar (type 1) an array, streaming avatar (type 2) an object."""
    answer = _upload(fake, type=kind)
    assert isinstance(answer["data"], shape)
    [record] = answer["data"] if shape is list else [answer["data"]]
    assert (record["type"], record["status"], record["avatar_id"]) == (int(kind), 1, "myAvatar1")
    assert _detail(fake, record["_id"])["data"] == [record]
