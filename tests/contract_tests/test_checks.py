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


def test_every_answer_of_an_operation_is_http_200() -> None:
    refused = {"code": 1101, "msg": "invalid"}
    checks.conforms_to_schema(exchange("faceswap.get_quota", refused))
    with pytest.raises(checks.CheckFailure, match="HTTP 401: Akool answers every operation"):
        checks.conforms_to_schema(exchange("faceswap.get_quota", refused, status=401))


def test_a_not_found_answer_has_the_documented_code_and_names_the_field() -> None:
    check = checks.refused_as_not_held(["audio_model_id"])
    check(exchange("audio.get_result", {"code": 1008, "msg": "audio_model_id: no audio 0a"}))
    with pytest.raises(checks.CheckFailure, match="names no field audio_model_id"):
        check(exchange("audio.get_result", {"code": 1008, "msg": "content not exist"}))
    with pytest.raises(checks.CheckFailure, match="answered code 1000"):
        check(exchange("audio.get_result", {"code": 1000, "msg": "OK", "data": {}}))
    with pytest.raises(checks.CheckFailure, match="answered code 1008"):  # voices answer 1014
        checks.refused_as_not_held(["_id"])(exchange("voices.get", {"code": 1008, "msg": "_id: no voice"}))


def test_a_field_is_named_as_a_word_of_its_own_or_by_the_docs_text() -> None:
    avatar = {"code": 1008, "msg": "avatar_id: streaming avatar 0a not found"}
    with pytest.raises(checks.CheckFailure, match="names no field id"):
        checks.refused_as_not_held(["id"])(exchange("streaming.get_avatar", avatar))
    voice = {"code": 1014, "msg": "VoiceId:6881cd86618fa41c89557b0c resource not found"}
    checks.refused_as_not_held(["_id"])(exchange("voices.get", voice))
    with pytest.raises(checks.CheckFailure, match="names no field"):
        checks.refused_as_not_held(["_id"])(exchange("voices.get", {**voice, "msg": "resource not found"}))


def test_a_refused_id_of_a_batch_is_listed_with_a_message_naming_it() -> None:
    check = checks.listed_as_not_held(["_ids"], "0a1b")
    refusal = {"_id": "0a1b", "msg": "VoiceId:0a1b resource not found"}
    check(
        exchange(
            "voices.delete",
            {"code": 1000, "msg": "", "data": {"successIds": [], "noPermissionVoices": [refusal]}},
        )
    )
    with pytest.raises(checks.CheckFailure, match="not listed as refused"):
        check(
            exchange(
                "voices.delete", {"code": 1000, "data": {"successIds": ["0a1b"], "noPermissionVoices": []}}
            )
        )
    with pytest.raises(checks.CheckFailure, match="not listed as refused"):  # deleted and refused at once
        check(
            exchange(
                "voices.delete",
                {"code": 1000, "data": {"successIds": ["0a1b"], "noPermissionVoices": [refusal]}},
            )
        )
    with pytest.raises(checks.CheckFailure, match="names no field _ids"):
        check(exchange("voices.delete", {"code": 1000, "data": {"noPermissionVoices": [{"_id": "0a1b"}]}}))


@pytest.mark.parametrize(
    ("op_id", "field", "answer"),
    [
        ("avatars.get", "id", {"code": 1008, "msg": "id: avatar 0a1b not found"}),  # shows the id
        ("avatars.get", "id", {"code": 1008, "msg": "id: not found"}),  # a not-found code naming the field
        ("voices.get", "_id", {"code": 1014, "msg": "VoiceId:0a1b resource not found"}),  # the docs' text
        ("talking_avatar.create", "avatar_id", {"code": 1003, "msg": "elements[0].avatar_id: no 0a1b"}),
    ],
)
def test_an_id_the_target_gave_must_not_be_refused(op_id: str, field: str, answer: dict[str, Any]) -> None:
    with pytest.raises(checks.CheckFailure, match="which it listed or made itself"):
        checks.holds_what_it_gave({"0a1b": field})(exchange(op_id, answer))


@pytest.mark.parametrize(
    ("op_id", "answer"),
    [
        ("avatars.get", {"code": 1000, "msg": "ok", "data": []}),
        ("talking_avatar.create", {"code": 1003, "msg": "avatar_from: avatar 0a1b has from 2, not 3"}),
        ("talking_avatar.create", {"code": 1003, "msg": "elements[1].avatar_id: no such avatar 9f9f"}),
        ("faceswap.get_quota", {"code": 1003, "msg": "avatar_id: 0a1b"}),  # not a code of the operation
    ],
)
def test_other_answers_do_not_refuse_the_given_id(op_id: str, answer: dict[str, Any]) -> None:
    checks.holds_what_it_gave({"0a1b": "avatar_id"})(exchange(op_id, answer))


def test_a_success_missing_an_example_field_names_its_path() -> None:
    example = shapes.example_answers("faceswap.list_results")[0]
    body = copy.deepcopy(example)
    del body["data"]["result"][0]["userId"]
    checks.carries_example_fields(exchange("faceswap.list_results", example))
    with pytest.raises(checks.CheckFailure, match=r"lacks fields .*: data\.result\[\]\.userId"):
        checks.carries_example_fields(exchange("faceswap.list_results", body))


def test_an_error_answer_is_not_held_to_the_example_fields() -> None:
    checks.carries_example_fields(exchange("faceswap.list_results", {"code": 1008, "msg": "not found"}))


@pytest.mark.parametrize(
    ("source", "shown", "fails"),
    [
        (
            "https://cdn.example.com/1749098405491-5858-1749019840512audio.mp3",
            "1749098405491-5858-1749019840512audio.mp3",
            False,
        ),
        ("https://cdn.example.com/a/speech.wav", "1ef1d76ebfc244f7a30430f7049d6ebc.mp3", True),
        ("https://cdn.example.com/", "1ef1d76ebfc244f7a30430f7049d6ebc.mp3", False),  # no segment: not judged
    ],
)
def test_a_voice_change_is_named_after_its_source(source: str, shown: str, fails: bool) -> None:
    answer = {"code": 1000, "msg": "OK", "data": {"file_name": shown}}
    change = Exchange(
        CATALOG.operation("voices.change"),
        {"body": {"source_voice_file": source}},
        200,
        answer,
        None,
        None,
        CURL,
    )
    if fails:
        with pytest.raises(checks.CheckFailure, match="not its source file's name"):
            checks.names_the_change_after_its_source(change)
    else:
        checks.names_the_change_after_its_source(change)
