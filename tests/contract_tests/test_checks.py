"""Checks: each raises CheckFailure naming the operation and the problem, with a curl line."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from akool_mock.contract_tests import checks, shapes
from akool_mock.contract_tests.exchange import Exchange
from akool_mock.schemas import load_catalog
from akool_mock.sdk.errors import AuthenticationError, ValidationError

CATALOG = load_catalog()
CURL = "curl -s -X GET 'http://127.0.0.1:8000/api/open/v3/faceswap/quota/info'"


def exchange(op_id: str, body: Any, status: int = 200, error: Exception | None = None) -> Exchange:
    return Exchange(CATALOG.operation(op_id), {"query": {}}, status, body, None, error, CURL)  # type: ignore[arg-type]


def test_a_conforming_answer_passes() -> None:
    checks.run(
        exchange("faceswap.get_quota", {"code": 1000, "msg": "OK", "data": {"credit": 5}}),
        [
            checks.conforms_to_schema,
            checks.succeeded,
            checks.business_code_expected,
            checks.sdk_agrees,
        ],
    )


def test_a_field_of_the_wrong_type_is_named_with_a_curl_line() -> None:
    broken = exchange("faceswap.get_quota", {"code": 1000, "msg": "OK", "data": {"credit": "5"}})
    with pytest.raises(checks.CheckFailure) as failure:
        checks.conforms_to_schema(broken)
    message = str(failure.value)
    assert message.startswith("faceswap.get_quota: the answer does not conform")
    assert "data.credit" in message
    assert "reproduce: curl -s -X GET" in message


def test_server_errors_and_non_json_fail() -> None:
    with pytest.raises(checks.CheckFailure, match="HTTP 500"):
        checks.conforms_to_schema(exchange("faceswap.get_quota", {"code": 1500, "msg": "x"}, status=500))
    with pytest.raises(checks.CheckFailure, match="not JSON"):
        checks.conforms_to_schema(exchange("faceswap.get_quota", None))


def test_business_codes_allowed_per_operation() -> None:
    checks.business_code_expected(exchange("voices.get", {"code": 1014, "msg": "resource not found"}))
    with pytest.raises(checks.CheckFailure, match="answered code 1003"):
        checks.business_code_expected(exchange("faceswap.get_quota", {"code": 1003, "msg": "bad"}))


def test_names_the_field() -> None:
    answer = {"code": 1003, "msg": "sourceImage[0].path: required"}
    checks.names_the_field("body.sourceImage[0].path")(exchange("faceswap.create_image", answer))
    with pytest.raises(checks.CheckFailure, match="does not name the field"):
        checks.names_the_field("body.modifyImage")(exchange("faceswap.create_image", answer))
    with pytest.raises(checks.CheckFailure, match="expected code 1003"):
        checks.names_the_field("body.modifyImage")(
            exchange("faceswap.create_image", {"code": 1000, "msg": ""})
        )


def test_bare_operations_answer_in_their_own_shape() -> None:
    detect = exchange("face_detection.detect_faces", {"error_code": 1, "error_msg": "url: must be a string"})
    checks.names_the_field("body.url")(detect)
    frames = exchange("face_detection.analyze_frames", {"success": False, "error": "frame_urls: required"})
    checks.names_the_field("body.frame_urls")(frames)
    checks.answers(1102)(exchange("face_detection.analyze_frames", {"success": False, "error": "no key"}))


def test_the_sdk_must_agree_with_the_answer() -> None:
    refused = {"code": 1101, "msg": "invalid"}
    checks.sdk_agrees(exchange("faceswap.get_quota", refused, error=AuthenticationError(1101, "x", "op")))
    with pytest.raises(checks.CheckFailure, match="returned data for an error"):
        checks.sdk_agrees(exchange("faceswap.get_quota", refused))
    with pytest.raises(checks.CheckFailure, match="raised code 1003"):
        checks.sdk_agrees(exchange("faceswap.get_quota", refused, error=ValidationError(1003, "x", "op")))
    ok = {"code": 1000, "msg": "OK", "data": {"credit": 1}}
    with pytest.raises(checks.CheckFailure, match="raised"):
        checks.sdk_agrees(exchange("faceswap.get_quota", ok, error=ValidationError(1003, "x", "op")))


def test_a_success_missing_an_example_field_names_its_path() -> None:
    example = shapes.example_answers("faceswap.list_results")[0]
    body = copy.deepcopy(example)
    del body["data"]["result"][0]["userId"]
    checks.carries_example_fields(exchange("faceswap.list_results", example))
    with pytest.raises(checks.CheckFailure, match=r"lacks fields .*: data\.result\[\]\.userId"):
        checks.carries_example_fields(exchange("faceswap.list_results", body))


def test_an_error_answer_is_not_held_to_the_example_fields() -> None:
    checks.carries_example_fields(exchange("faceswap.list_results", {"code": 1008, "msg": "not found"}))
