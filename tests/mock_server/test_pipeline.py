"""The generic pipeline: routing, auth, reading bodies safely, validation messages, internal errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akool_mock.mock_server.settings import DEFAULT_API_KEY, build_settings
from tests.mock_server.conftest import Fake, make_fake

SPECIFY_IMAGE = "/api/open/v3/faceswap/highquality/specifyimage"
QUOTA = "/api/open/v3/faceswap/quota/info"
FACE = {"path": "https://example.com/face.png", "opts": "10,10:20,20:30,30:40,40"}
VALID = {
    "sourceImage": [FACE],
    "targetImage": [FACE],
    "face_enhance": 0,
    "modifyImage": "https://example.com/m.png",
}


def test_every_catalog_operation_has_a_handler(fake: Fake) -> None:
    assert fake.pipeline.missing_handlers() == []


def test_unknown_path_is_404_in_akool_envelope(fake: Fake) -> None:
    answer = fake.request("GET", "/api/open/v9/nothing")
    assert answer.status == 404
    assert answer.body["code"] != 1000
    assert "/api/open/v9/nothing" in answer.body["msg"]


def test_wrong_method_on_a_known_path_is_404(fake: Fake) -> None:
    assert fake.request("DELETE", QUOTA).status == 404


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({}, 1102),
        ({"x-api-key": "nope"}, 1101),
        ({"authorization": "Bearer nope"}, 1101),
        ({"authorization": "Basic abc"}, 1101),
        ({"authorization": "Bearer nope", "x-api-key": DEFAULT_API_KEY}, 1101),  # Authorization wins
    ],
)
def test_auth_errors(fake: Fake, headers: dict[str, str], code: int) -> None:
    answer = fake.request("GET", QUOTA, headers=headers)
    assert (answer.status, answer.body["code"]) == (200, code)


def test_banned_account_answers_1200(fake: Fake) -> None:
    created = fake.request("POST", "/_mock/accounts", body={"banned": True}).body
    answer = fake.request("GET", QUOTA, headers={"x-api-key": created["api_key"]})
    assert answer.body["code"] == 1200


def test_validation_message_names_the_field_and_rule(fake: Fake) -> None:
    body = {**VALID, "sourceImage": [{"opts": "1,1:2,2:3,3:4,4"}]}
    answer = fake.request("POST", SPECIFY_IMAGE, body=body)
    assert answer.body["code"] == 1003
    assert "sourceImage[0].path: required" in answer.body["msg"]


def test_wrong_type_is_named(fake: Fake) -> None:
    answer = fake.request("POST", SPECIFY_IMAGE, body={**VALID, "modifyImage": 5})
    assert answer.body == {"code": 1003, "msg": "modifyImage: must be of type string"}


@pytest.mark.parametrize(
    ("raw", "headers", "fragment"),
    [
        (b"{bad", {"content-type": "application/json"}, "not valid JSON"),
        (b'{"a": 1', {"content-type": "application/json"}, "not valid JSON"),
        (b"\xff\xfe{}", {"content-type": "application/json"}, "not valid UTF-8"),
        (b'{"a": "\x00"}', {"content-type": "application/json"}, "NUL byte"),
        (b'{"a": 1, "a": 2}', {"content-type": "application/json"}, "duplicate key 'a'"),
        (b"[" * 100 + b"]" * 100, {"content-type": "application/json"}, "nests deeper than 64"),
        (b"[" * 100_000, {"content-type": "application/json"}, "nests deeper than 64"),
        (b"name=value", {"content-type": "application/x-www-form-urlencoded"}, "send application/json"),
        (b"[]", {"content-type": "application/json"}, "body: must be of type object"),
        (b"null", {"content-type": "application/json"}, "body: must be of type object"),
    ],
)
def test_bad_bodies_answer_a_clear_1003(
    fake: Fake, raw: bytes, headers: dict[str, str], fragment: str
) -> None:
    answer = fake.request("POST", SPECIFY_IMAGE, raw=raw, headers={"x-api-key": DEFAULT_API_KEY, **headers})
    assert answer.status == 200
    assert answer.body["code"] == 1003
    assert fragment in answer.body["msg"]
    assert fake.request("GET", QUOTA).body["code"] == 1000  # and the fake keeps serving


def test_json_sent_as_text_plain_is_accepted(fake: Fake) -> None:
    raw = json.dumps(VALID).encode()
    answer = fake.request(
        "POST", SPECIFY_IMAGE, raw=raw, headers={"x-api-key": DEFAULT_API_KEY, "content-type": "text/plain"}
    )
    assert answer.body["code"] == 1000


def test_body_over_the_limit_is_refused() -> None:
    fake = make_fake(build_settings({"max_body_mb": 0.001}, clock="manual", seed=1))
    raw = json.dumps({**VALID, "pad": "x" * 5000}).encode()
    answer = fake.request("POST", SPECIFY_IMAGE, raw=raw)
    assert (answer.status, answer.body["code"]) == (413, 1003)
    assert "over the limit" in answer.body["msg"]


def test_query_array_where_a_string_is_expected(fake: Fake) -> None:
    answer = fake.request("GET", "/api/open/v3/faceswap/result/listbyids", query={"_ids": "a"})
    assert answer.body["code"] in (1000, 1003)
    wire_query = [("_ids", "a"), ("_ids", "b")]
    from akool_mock.mock_server.wire import WireRequest, parse_query

    response = fake.pipeline.handle(
        WireRequest(
            "GET",
            "/api/open/v3/faceswap/result/listbyids",
            parse_query(wire_query),
            {"x-api-key": DEFAULT_API_KEY},
        )
    )
    body = json.loads(response.body)
    assert body["code"] == 1003
    assert "_ids" in body["msg"]


def test_an_unexpected_exception_is_an_envelope_500_and_counted(
    fake: Fake, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(_call: Any) -> Any:
        raise RuntimeError("bug")

    monkeypatch.setitem(fake.pipeline.handlers, "faceswap.get_quota", boom)  # type: ignore[index]
    answer = fake.request("GET", QUOTA, check=False)
    assert answer.status == 500
    assert answer.body["code"] == 1500
    assert fake.backend.counters.internal_errors == 1
    assert fake.request("GET", "/_mock/stats").body["internal_errors"] == 1


def test_journal_records_operation_account_code_and_latency(fake: Fake) -> None:
    fake.request("GET", QUOTA)
    fake.request("GET", QUOTA, headers={})
    entries = fake.request("GET", "/_mock/journal").body["entries"]
    assert [(e["operation"], e["code"]) for e in entries] == [
        ("faceswap.get_quota", 1000),
        ("faceswap.get_quota", 1102),
    ]
    assert entries[0]["account"] == fake.backend.settings.accounts[0].client_id
    assert all(e["latency_ms"] >= 0 for e in entries)


def test_journal_is_bounded() -> None:
    fake = make_fake(build_settings({"journal_size": 5}, clock="manual", seed=1))
    for _ in range(20):
        fake.request("GET", QUOTA)
    assert len(fake.backend.journal) == 5


@given(
    st.dictionaries(
        st.text(max_size=8),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(),
            lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=4), c, max_size=3),
            max_leaves=10,
        ),
        max_size=6,
    )
)
def test_any_json_object_gets_an_envelope_never_a_crash(body: dict[str, Any]) -> None:
    fake = make_fake()
    answer = fake.request("POST", SPECIFY_IMAGE, body=body)
    assert answer.status == 200
    assert isinstance(answer.body["code"], int)
    assert isinstance(answer.body["msg"], str)


@given(st.binary(max_size=200))
def test_any_bytes_get_an_envelope_never_a_crash(raw: bytes) -> None:
    fake = make_fake()
    answer = fake.request(
        "POST",
        SPECIFY_IMAGE,
        raw=raw,
        headers={"x-api-key": DEFAULT_API_KEY, "content-type": "application/json"},
    )
    assert answer.status in (200, 413)
    assert answer.body["code"] in (1000, 1003)
