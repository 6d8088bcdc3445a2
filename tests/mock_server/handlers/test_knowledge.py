"""Knowledge bases (mock_server/handlers/knowledge.py; pages/ai-tools-suite__knowledge-base.md)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akool_mock.mock_server.handlers.knowledge import TOTAL_DOCS_BYTES
from tests.mock_server.conftest import Fake, make_fake

BASE = "/api/open/v4/knowledge"
MAX_FILE = 104_857_600
# The page's Create Knowledge Base example body.
DOC_BODY = {
    "name": "Customer Support KB",
    "prologue": "Hello, I'm your AI assistant. How can I help you?",
    "prompt": "You are a professional AI assistant. Please answer questions based on the provided documents.",
    "docs": [{"name": "user_manual.pdf", "url": "https://example.com/user_manual.pdf", "size": 1024000}],
    "urls": ["https://example.com/help", "https://example.com/faq"],
}


def create(fake: Fake, headers: dict[str, str] | None = None, **body: Any) -> dict[str, Any]:
    answer: dict[str, Any] = fake.request("POST", f"{BASE}/create", body=body, headers=headers).body
    return answer


def detail(fake: Fake, kid: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    answer: dict[str, Any] = fake.request("GET", f"{BASE}/detail", query={"id": kid}, headers=headers).body
    return answer


def delete(fake: Fake, kid: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    answer: dict[str, Any] = fake.request("DELETE", f"{BASE}/delete", body={"id": kid}, headers=headers).body
    return answer


def other(fake: Fake) -> dict[str, str]:
    created = fake.request("POST", "/_mock/accounts", body={"credits": 5}).body
    return {"x-api-key": created["api_key"]}


def listed(fake: Fake, **query: Any) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = fake.get(f"{BASE}/list", **query)["data"]
    return data


# ----- create -------------------------------------------------------------------------------------
def test_create_answers_every_field_of_the_data_model(fake: Fake) -> None:
    data = create(fake, **DOC_BODY)["data"]
    now = fake.backend.now_ms()
    assert {k: data[k] for k in DOC_BODY} == DOC_BODY
    assert (data["user_type"], data["from"], data["uid"]) == (2, 2, 100001)
    assert data["team_id"] == "team_100001"
    assert data["create_time"] == data["update_time"] == now


def test_every_field_is_optional(fake: Fake) -> None:
    data = create(fake)["data"]
    assert (data["name"], data["prologue"], data["prompt"], data["docs"], data["urls"]) == (
        "",
        "",
        "",
        [],
        [],
    )


def test_duplicate_name_answers_1233_but_unnamed_bases_never_clash(fake: Fake) -> None:
    create(fake, name="Support")
    again = create(fake, name="Support")
    assert again["code"] == 1233
    assert "name" in again["msg"]
    assert create(fake)["code"] == create(fake)["code"] == 1000
    assert create(fake, name="support")["code"] == 1000  # names compare exactly


def test_another_account_may_reuse_a_name(fake: Fake) -> None:
    create(fake, name="Support")
    assert create(fake, other(fake), name="Support")["code"] == 1000


@pytest.mark.parametrize(("files", "code"), [(5, 1000), (6, 1003)])
def test_total_docs_size_is_at_most_500_mb(fake: Fake, files: int, code: int) -> None:
    docs = [
        {"name": f"f{i}.pdf", "url": f"https://example.com/f{i}.pdf", "size": MAX_FILE} for i in range(files)
    ]
    answer = create(fake, docs=docs)
    assert answer["code"] == code
    assert 5 * MAX_FILE == TOTAL_DOCS_BYTES
    if code != 1000:
        assert answer["msg"].startswith("docs: ")
        assert listed(fake) == []


def test_one_file_over_100_mb_is_refused_by_the_schema(fake: Fake) -> None:
    answer = create(
        fake, docs=[{"name": "big.pdf", "url": "https://example.com/b.pdf", "size": MAX_FILE + 1}]
    )
    assert answer["code"] == 1003


# ----- get / update -------------------------------------------------------------------------------
def test_detail_reads_what_create_stored(fake: Fake) -> None:
    data = create(fake, **DOC_BODY)["data"]
    assert detail(fake, data["_id"])["data"] == data


@pytest.mark.parametrize("kid", ["64f8a1b2c3d4e5f6a7b8c9d0", "not-an-object-id"])
def test_unknown_id_answers_1232(fake: Fake, kid: str) -> None:
    assert detail(fake, kid)["code"] == 1232
    assert fake.post(f"{BASE}/update", {"id": kid, "name": "x"})["code"] == 1232
    assert delete(fake, kid)["code"] == 1232


def test_another_accounts_base_does_not_exist(fake: Fake) -> None:
    kid = create(fake, name="Mine")["data"]["_id"]
    them = other(fake)
    assert detail(fake, kid, them)["code"] == 1232
    assert (
        fake.request("POST", f"{BASE}/update", body={"id": kid, "name": "x"}, headers=them).body["code"]
        == 1232
    )
    assert delete(fake, kid, them)["code"] == 1232
    assert fake.request("GET", f"{BASE}/list", headers=them).body["data"] == []
    assert detail(fake, kid)["data"]["name"] == "Mine"


def test_update_replaces_given_fields_and_keeps_the_rest(fake: Fake) -> None:
    data = create(fake, **DOC_BODY)["data"]
    fake.clock.advance(100)
    changed = fake.post(
        f"{BASE}/update", {"id": data["_id"], "prompt": "Updated AI instructions", "prologue": ""}
    )
    new = changed["data"]
    assert (new["prompt"], new["prologue"]) == ("Updated AI instructions", "")
    assert (new["name"], new["docs"], new["urls"]) == (data["name"], data["docs"], data["urls"])
    assert new["create_time"] == data["create_time"]
    assert new["update_time"] == data["update_time"] + 100_000
    assert detail(fake, data["_id"])["data"] == new


def test_update_rename_rules(fake: Fake) -> None:
    first = create(fake, name="A")["data"]["_id"]
    create(fake, name="B")
    assert fake.post(f"{BASE}/update", {"id": first, "name": "B"})["code"] == 1233
    assert fake.post(f"{BASE}/update", {"id": first, "name": "A"})["code"] == 1000
    assert fake.post(f"{BASE}/update", {"id": first, "name": "C"})["data"]["name"] == "C"
    assert create(fake, name="A")["code"] == 1000  # the old name is free again


def test_update_checks_the_docs_total(fake: Fake) -> None:
    kid = create(fake)["data"]["_id"]
    docs = [{"name": f"f{i}.pdf", "url": f"https://example.com/{i}", "size": MAX_FILE} for i in range(6)]
    answer = fake.post(f"{BASE}/update", {"id": kid, "docs": docs})
    assert answer["code"] == 1003
    assert detail(fake, kid)["data"]["docs"] == []


# ----- delete -------------------------------------------------------------------------------------
def test_delete_is_a_delete_with_a_json_body_and_answers_without_data(fake: Fake) -> None:
    kid = create(fake, name="Gone")["data"]["_id"]
    answer = delete(fake, kid)
    assert answer == {"code": 1000, "msg": "OK"}
    assert detail(fake, kid)["code"] == 1232
    assert listed(fake) == []
    assert delete(fake, kid)["code"] == 1232
    assert create(fake, name="Gone")["code"] == 1000  # a deleted base's name is free


def test_delete_needs_the_id(fake: Fake) -> None:
    assert fake.request("DELETE", f"{BASE}/delete", body={}).body["code"] == 1003


# ----- list ---------------------------------------------------------------------------------------
def test_list_is_newest_first_and_a_bare_array(fake: Fake) -> None:
    ids = []
    for n in range(3):
        ids.append(create(fake, name=f"KB {n}")["data"]["_id"])
        fake.clock.advance(1)
    data = fake.get(f"{BASE}/list")["data"]
    assert [kb["_id"] for kb in data] == ids[::-1]


def test_same_millisecond_bases_keep_creation_order_reversed(fake: Fake) -> None:
    ids = [create(fake, name=f"KB {n}")["data"]["_id"] for n in range(3)]
    assert [kb["_id"] for kb in listed(fake)] == ids[::-1]


def test_list_pages_with_default_size_10(fake: Fake) -> None:
    ids = [create(fake, name=f"KB {n}")["data"]["_id"] for n in range(12)][::-1]
    assert [kb["_id"] for kb in listed(fake)] == ids[:10]
    assert [kb["_id"] for kb in listed(fake, page=2)] == ids[10:]
    assert [kb["_id"] for kb in listed(fake, page=2, size=5)] == ids[5:10]
    assert listed(fake, page=4, size=5) == []


def test_list_filters_by_name_and_from(fake: Fake) -> None:
    create(fake, name="Customer Support KB")
    create(fake, name="Sales")
    assert [kb["name"] for kb in fake.get(f"{BASE}/list", name="support")["data"]] == ["Customer Support KB"]
    assert fake.get(f"{BASE}/list", name="nothing")["data"] == []
    assert listed(fake, **{"from": 1}) == []  # the fake has no system knowledge bases
    assert len(listed(fake, **{"from": 2})) == 2


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(count=st.integers(0, 14), size=st.integers(1, 6))
def test_pages_never_exceed_size_and_cover_the_list_once(count: int, size: int) -> None:
    fake = make_fake()
    for n in range(count):
        create(fake, name=f"KB {n}")
    seen: list[str] = []
    for page in range(1, count // size + 3):
        chunk = listed(fake, page=page, size=size)
        assert len(chunk) <= size
        seen += [kb["_id"] for kb in chunk]
    assert seen == [kb["_id"] for kb in listed(fake, size=100)]
    assert len(set(seen)) == count


@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(names=st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=5))
def test_another_account_never_sees_or_reaches_a_base(names: list[str]) -> None:
    fake = make_fake()
    ids = [create(fake, name=name)["data"]["_id"] for name in dict.fromkeys(names)]
    them = other(fake)
    assert fake.request("GET", f"{BASE}/list", headers=them).body["data"] == []
    for kid in ids:
        assert detail(fake, kid, them)["code"] == 1232
