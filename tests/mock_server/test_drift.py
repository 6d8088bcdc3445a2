"""drift.py: an exchange matched to its operation and checked both ways, each finding a `Drift`."""

from __future__ import annotations

import json
from typing import Any

import pytest

from akool_mock import validate_exchange
from akool_mock.mock_server.drift import (
    NOT_IN_CONTRACT,
    UNKNOWN_FIELD,
    VIOLATION,
    ExchangeValidator,
)
from tests.support.drift_upstream import ITEM, poll_answer

POLL = "https://openapi.akool.com/api/open/v3/faceswap/result/listbyids?_ids=6774858a0d40cbe7f2bcd2c2"
CREATE = "https://openapi.akool.com/api/open/v3/faceswap/highquality/specifyimage"
FACE = {"path": "https://example.com/me.png", "opts": "262,175:363,175:313,215:272,279"}
CREATE_BODY = {"sourceImage": [FACE], "targetImage": [FACE], "face_enhance": 0, "modifyImage": FACE["path"]}
CREATED = {"code": 1000, "msg": "OK", "data": {"_id": "6774858a0d40cbe7f2bcd2c2", "url": "", "job_id": "x"}}


def only(result: Any, kind: str = VIOLATION) -> list[tuple[str, str, str, str]]:
    return [(d.direction, d.path, d.expected, d.found) for d in result.drift if d.kind == kind]


def test_a_conforming_poll_has_no_drift() -> None:
    result = validate_exchange("GET", POLL, status=200, response_body=json.dumps(poll_answer(ITEM)))
    assert (result.operation, result.conforms, result.drift, result.code) == (
        "faceswap.list_results",
        True,
        (),
        1000,
    )


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ({"faceswap_status": 1}, ("response", "data.result[0]._id", "present", "missing")),
        ({**ITEM, "_id": 12345}, ("response", "data.result[0]._id", "type: 'string'", "12345")),
    ],
    ids=["missing", "wrong-type"],
)
def test_a_broken_answer_names_operation_direction_path_expected_and_found(
    item: dict[str, Any], expected: tuple[str, str, str, str]
) -> None:
    result = validate_exchange("GET", POLL, status=200, response_body=poll_answer(item))
    assert not result.conforms
    assert expected in only(result)
    assert str(result.drift[0]).startswith(f"faceswap.list_results response {expected[1]}:")


def test_an_unknown_field_is_told_but_conforms() -> None:
    result = validate_exchange("GET", POLL, status=200, response_body=poll_answer({**ITEM, "new": 1}))
    assert result.conforms
    assert only(result, UNKNOWN_FIELD) == [
        ("response", "data.result[0].new", "a field of the contract", "an unknown field")
    ]


@pytest.mark.parametrize(
    ("status", "body", "path"),
    [
        (200, b"<html>502</html>", "(body)"),
        (200, b"\xff\xfe", "(body)"),
        (502, poll_answer(ITEM), "(HTTP status)"),
        (None, None, ""),
    ],
    ids=["html", "not-utf8", "http-502", "no-answer"],
)
def test_answers_that_are_not_akool_answers_are_drift(status: int | None, body: Any, path: str) -> None:
    result = validate_exchange("GET", POLL, status=status, response_body=body)
    assert path in [p for _, p, _, _ in only(result)]
    assert not result.conforms


def test_an_error_envelope_is_checked_as_one() -> None:
    assert validate_exchange("GET", POLL, status=200, response_body={"code": 1101, "msg": "bad"}).conforms
    broken = validate_exchange("GET", POLL, status=200, response_body={"code": 1101})
    assert ("response", "msg", "present", "missing") in only(broken)


def test_the_request_is_checked_too_and_a_misspelt_field_is_named() -> None:
    body = {**CREATE_BODY, "webhookURL": "https://my.app/hook"}
    del body["sourceImage"]
    result = validate_exchange(
        "POST", CREATE, status=200, request_body=json.dumps(body), response_body=CREATED
    )
    assert ("request", "body.sourceImage", "present", "missing") in only(result)
    assert ("request", "body.webhookURL") in [(d, p) for d, p, _, _ in only(result, UNKNOWN_FIELD)]
    not_json = validate_exchange("POST", CREATE, status=200, request_body=b"{", response_body=CREATED)
    assert [(d.direction, d.path) for d in not_json.violations] == [("request", "body")]


def test_query_strings_are_read_with_the_schema_types() -> None:
    url = "https://openapi.akool.com/api/open/v3/faceswap/result/listbyids"
    ok = validate_exchange("GET", url, query={"_ids": "a,b"}, status=200, response_body=poll_answer())
    assert ok.conforms


def test_path_parameters_and_the_detect_host_are_routed() -> None:
    validator = ExchangeValidator()
    routed = validator.route("GET", "/api/open/v4/voice/detail/6774858a0d40cbe7f2bcd2c2")
    assert routed is not None
    assert routed[1] == {"_id": "6774858a0d40cbe7f2bcd2c2"}
    detect = validator.route("POST", "/detect", "127.0.0.1")
    assert detect is not None
    assert detect[0].host == "sg3.akool.com"


def test_a_path_outside_the_contract_is_reported_not_failed() -> None:
    result = validate_exchange("GET", "http://127.0.0.1:1/api/open/v9/nothing", status=404, response_body=b"")
    assert (result.operation, result.conforms) == (None, True)
    assert [d.kind for d in result.drift] == [NOT_IN_CONTRACT]
    assert result.drift[0].found == "GET /api/open/v9/nothing"
