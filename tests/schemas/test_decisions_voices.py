"""Decisions for the VoiceLab area (voices.*), each one described in schemas/NOTES.md.

Doc examples below are copied from pages/ai-tools-suite__voiceLab.md (the long peony paragraph is the
`PEONY` constant, used verbatim by the clone and TTS examples).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from akool_mock.schemas import load_catalog

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "fixtures" / "docs" / "examples.json"
DEFECTS = REPO / "fixtures" / "docs" / "defects" / "voices.json"

OPS = (
    "voices.clone",
    "voices.tts",
    "voices.change",
    "voices.list_resources",
    "voices.get_resource",
    "voices.list",
    "voices.get",
    "voices.delete",
)
URL = "https://example.com/a.mp3"
OID = "686379d641e5eb74bb8dfe3f"


@pytest.fixture(scope="module")
def cat() -> Any:
    return load_catalog()


def paths(errors: list[Any]) -> list[str]:
    """The distinct fields the violations name, sorted (one field may break several rules)."""
    return sorted({e.path for e in errors})


def req(cat: Any, op: str, request: dict[str, Any]) -> list[str]:
    return paths(cat.operation(op).request_errors(request))


def resp(cat: Any, op: str, body: Any) -> list[str]:
    return paths(cat.operation(op).response_errors(body))


def with_data(example: dict[str, Any], **changes: Any) -> dict[str, Any]:
    body = copy.deepcopy(example)
    body["data"].update(changes)
    return body


# --------------------------------------------------------------------------- doc examples (verbatim)

PEONY = (
    "In late spring, the peony garden awakens with layers of petals of the Yao Huang and Wei "
    "Zi varieties. When the morning dew has not yet dried, the edges of the petals are "
    "glistening with crystal-like droplets, and the inner crimson, like silk, gradually "
    "deepens, as if the sunset had been cut into a dress. When the wind blows, the sea of "
    "flowers surges, and the golden stamens tremble, releasing a faint fragrance that lures "
    "bees and butterflies to swirl around the flower centers in golden vortices. The green "
    "peony, in particular, when it first blooms, has tips like jade carvings with a hint of "
    "moon white, and when it is in full bloom, it is like an ice wine in an emerald cup, "
    "making one suspect it is a divine creation from the Queen Mother's Jade Pool. "
    "Occasionally, a petal falls, becoming a rolling agate bead on the embroidered carpet, and "
    "even the soil is permeated with the elegant fragrance. Such a captivating beauty is why "
    "Liu Yuxi wrote that only the peony is truly the national color, and when it blooms, it "
    "moves the entire capital. It uses the entire season's brilliance to interpret the "
    "grandeur of being the queen of flowers."
)
CLONE_BODY = {
    "source_voice_file": (
        "https://drz0f01yeq1cx.cloudfront.net/1755534706613-000a30e91"
        "7d848d9bd166b636530ae21-38a696952ca94b9eb9ecf07ced494a58.mp3"
    ),
    "name": "My Voice",
    "voice_options": {
        "remove_background_noise": True,
        "style": [
            "Authoritative",
            "Calm",
            "Confident",
            "Enthusiastic",
        ],
        "gender": [
            "Male",
        ],
        "age": [
            "Elderly",
        ],
        "scenario": [
            "Advertisenment",
        ],
        "language": "en",
        "clone_prompt": PEONY,
        "need_volume_normalization": True,
    },
    "voice_model_name": "Akool Multilingual 3",
    "webhookUrl": "",
}

CLONE_RESPONSE = {
    "code": 1000,
    "msg": "OK",
    "data": {
        "uid": 101400,
        "team_id": "6805fb69e92d9edc7ca0b409",
        "voice_id": None,
        "gender": "Male",
        "name": "MyVoice0626-01",
        "preview": None,
        "text": (
            "This is a comic style model, this is a comic style model, "
            "this is a comic style model, this is a comic style model"
        ),
        "duration": 8064,
        "status": 1,
        "create_time": 1751349718268,
        "style": [
            "Authoritative",
            "Calm",
        ],
        "scenario": [
            "Advertisenment",
        ],
        "age": [
            "Elderly",
            "Middle",
        ],
        "deduction_credit": 0,
        "webhookUrl": "",
        "source_voice_file": (
            "https://drz0f01yeq1cx.cloudfront.net/1751363983518-9431-audio1751363981879.webm"
        ),
        "_id": "686379d641e5eb74bb8dfe3f",
    },
}

TTS_BODY = {
    "input_text": PEONY,
    "voice_id": "6889b628662160e2caad5dbc",
    "voice_options": {
        "stability": 0.6,
        "similarity_boost": 0.8,
        "style": 1,
        "speed": 1.0,
        "speaker_boost": True,
        "emotion": "happy",
        "volume": 80,
    },
    "pitch": -5,
    "webhookUrl": "",
    "language_code": "zh",
    "extra_options": {
        "previous_text": PEONY,
        "next_text": PEONY,
        "apply_text_normalization": "auto",
        "apply_language_text_normalization": True,
        "latex_read": True,
        "text_normalization": True,
        "audio_setting": {
            "sample_rate": 24000,
            "bitrate": 32000,
            "format": "mp3",
            "channel": 2,
        },
        "timber_weights": [
            {
                "voice_id": "6889b7f4662160e2caad60e9",
                "weight": 80,
            },
            {
                "voice_id": "6889b7f3662160e2caad60e8",
                "weight": 60,
            },
            {
                "voice_id": "6889b7f3662160e2caad60e7",
                "weight": 30,
            },
            {
                "voice_id": "6889b7f2662160e2caad60e6",
                "weight": 10,
            },
        ],
        "pronunciation_dict": {
            "tone": [
                "雍容/(yong3)(neng4)",
                "牡丹/(mu4)(dan3)",
            ],
        },
        "voice_modify": {
            "pitch": 50,
            "intensity": 30,
            "timbre": -50,
            "sound_effects": "robotic",
        },
        "subtitle_enable": True,
    },
}

TTS_RESPONSE = {
    "code": 1000,
    "msg": "OK",
    "data": {
        "create_time": 1751350015709,
        "uid": 101400,
        "team_id": "6805fb69e92d9edc7ca0b409",
        "input_text": "Welcome to the Akool generative AI content creation tool.",
        "preview": None,
        "status": 1,
        "webhookUrl": "",
        "duration": 0,
        "file_name": "1ef1d76ebfc244f7a30430f7049d6ebc.mp3",
        "gender": "Male",
        "deduction_credit": 1.9295,
        "name": "27fec311afd743aa889a057e17e93c13",
        "_id": "68637aff41e5eb74bb8dfe73",
        "voice_model_id": "686379d641e5eb74bb8dfe3f",
        "voice_id": ("Tq06jbVyFH4l6R-Gjvo_V-p_nVYk5DRrYJZsxeDmlhEtyhcFKKLQODmgngI9llKw"),
        "voice_options": {
            "stability": 0.7,
            "similarity_boost": 0.5,
            "style": 0.6,
            "speed": 0.8,
            "speaker_boost": False,
            "emotion": "happy",
            "volume": 50,
        },
    },
}

CHANGE_BODY = {
    "voice_id": "6889b628662160e2caad5dbc",
    "source_voice_file": ("https://drz0f01yeq1cx.cloudfront.net/1749098405491-5858-1749019840512audio.mp3"),
    "voice_options": {
        "stability": 0.9,
        "similarity_boost": 0.7,
        "style": 1,
        "speaker_boost": False,
        "remove_background_noise": True,
        "speed": 1,
        "file_format": "mp3",
    },
    "voice_model_name": "Akool Multilingual 1",
    "webhookUrl": "",
}

CHANGE_RESPONSE = {
    "code": 1000,
    "msg": "OK",
    "data": {
        "create_time": 1751350363707,
        "uid": 101400,
        "team_id": "6805fb69e92d9edc7ca0b409",
        "source_voice_file": (
            "https://drz0f01yeq1cx.cloudfront.net/1749098405491-5858-1749019840512audio.mp3"
        ),
        "preview": None,
        "status": 1,
        "webhookUrl": "",
        "duration": 12800,
        "file_name": "1749098405491-5858-1749019840512audio.mp3",
        "gender": "Female",
        "deduction_credit": 0.512,
        "name": "3f591fc370c542fca9087f124b5ad82b",
        "_id": "68637c5b41e5eb74bb8dfec6",
        "voice_model_id": "67a45479354b7c1fff7e943a",
        "voice_id": "hkfHEbBvdQFNX4uWHqRF",
        "voice_options": {
            "stability": 0.7,
            "similarity_boost": 0.5,
            "style": 0.6,
            "speaker_boost": False,
        },
    },
}

LIST_RESOURCES_RESPONSE = {
    "code": 1000,
    "msg": "OK",
    "data": {
        "result": [
            {
                "_id": "68637c5b41e5eb74bb8dfec6",
                "create_time": 1751350363707,
                "update_time": 1751350368468,
                "uid": 101400,
                "team_id": "6805fb69e92d9edc7ca0b409",
                "rate": "100%",
                "preview": "https://drz0f01yeq1cx.cloudfront.net/1751350368172-audio.mp3",
                "status": 3,
                "webhookUrl": "",
                "duration": 12852,
                "file_name": "1749098405491-5858-1749019840512audio.mp3",
                "gender": "Female",
                "deduction_credit": 0.9295,
                "name": "3f591fc370c542fca9087f124b5ad82b",
                "input_text": (
                    "Słyszę, że chcesz leżeć płasko? Gratulacje — przynajmniej zrozumiałeś grawitację! "
                ),
                "__v": 0,
            },
        ],
        "count": 1,
        "page": 1,
        "size": 10,
    },
}

LIST_RESPONSE = {
    "code": 1000,
    "msg": "OK",
    "data": {
        "result": [
            {
                "_id": "68676e544439e3b8e246a077",
                "uid": 101400,
                "team_id": "6805fb69e92d9edc7ca0b409",
                "voice_id": ("zQAGCFElz23u6Brdj4L-NrbEmSxswXdoPN_GBpYgUPHo1EGWgZgAnFJexONx_jGy"),
                "gender": "Male",
                "language": "Polish",
                "locale": "pl",
                "name": "MyVoice0626-01",
                "preview": (
                    "https://d2qf6ukcym4kn9.cloudfront.net/1751608955706-c1cf1692"
                    "-fd47-417c-b18a-dcbbb93360fa-2756.mp3"
                ),
                "text": (
                    "This is a comic style model, this is a comic style model, "
                    "this is a comic style model, this is a comic style model"
                ),
                "duration": 9822,
                "status": 3,
                "create_time": 1751608916162,
                "style": [
                    "Authoritative",
                    "Calm",
                ],
                "scenario": [
                    "Advertisement",
                ],
                "age": [
                    "Elderly",
                    "Middle",
                ],
                "deduction_credit": 0,
                "webhookUrl": "",
                "voice_model_name": "Akool Multilingual 3",
                "support_stream": True,
            },
        ],
        "count": 9,
        "page": 1,
        "size": 1,
    },
}

DELETE_BODY = {
    "_ids": [
        "6836b8183a59f36196bb9c52",
        "6836ba935026505ab7a529ce",
    ],
}

DELETE_RESPONSE = {
    "code": 1000,
    "msg": "Delete voice successfully",
    "data": {
        "successIds": [
            "6882f4c10529ae771e71531d",
        ],
        "noPermissionVoices": [
            {
                "_id": "6881cd86618fa41c89557b0c",
                "msg": "VoiceId:6881cd86618fa41c89557b0c resource not found",
            },
        ],
    },
}

GET_RESPONSE = {
    "code": 1000,
    "msg": "OK",
    "data": {
        "_id": "6882f23c0529ae771e7152dc",
        "uid": 101400,
        "team_id": "6805fb69e92d9edc7ca0b409",
        "voice_id": ("kfr_1wGPuauzcSOZgpBGLd_ApviIHqMIZ5bS2OeMiMkvId0eAMkq1ii8rvInZ2pE"),
        "gender": "Male",
        "name": "zhongwen-072501",
        "preview": ("https://drz0f01yeq1cx.cloudfront.net/1753412190380-sample.mp3"),
        "text": (
            "人生就像登山,重要的不是顶峰的高度,而是攀登时的姿态。当你觉得"
            "脚步沉重时,请记住:竹子用四年时间仅生长3厘米,但从第五年开始,每"
            "天以30厘米的速度疯长。那些看似微不足道的积累,终将在某个转角绽"
            "放光芒。前路或许泥泞,但每个坚持的脚印都在书写传奇;黑夜也许漫"
            "长,但晨光总在咬牙坚持后准时降临。正如海明威所说:人可以被毁灭"
            ",但不能被打败。2025年的今天,愿你把挫折当作垫脚石,让汗水成为勋"
            "章,因为这个世界永远奖励那些在跌倒后依然选择起身奔跑的人。"
        ),
        "duration": 55353,
        "status": 3,
        "create_time": 1753412156588,
        "style": [
            "Authoritative",
            "Calm",
        ],
        "scenario": [
            "Advertisenment",
        ],
        "age": [
            "Elderly",
            "Middle",
        ],
        "deduction_credit": 0,
        "webhookUrl": "",
        "language": "Chinese",
        "locale": "zh",
        "voice_model_name": "Akool Multilingual 3",
        "support_stream": True,
    },
}

GET_RESOURCE_RESPONSE = {
    "code": 1000,
    "msg": "OK",
    "data": {
        "result": {
            "_id": "688afbd9d2b4b269d1123ffb",
            "create_time": 1753938905005,
            "update_time": 0,
            "uid": 101400,
            "team_id": "6805fb69e92d9edc7ca0b409",
            "input_text": (
                "Życie jak wspinaczka górska: ważniejsza od wysokości "
                "szczytu jest postawa, z jaką się wspinasz. Gdy czujesz, że "
                "stopy"
            ),
            "rate": "100%",
            "status": 1,
            "webhookUrl": "",
            "duration": 0,
            "file_name": "1753938905005.mp3",
            "gender": "Male",
            "deduction_credit": 0.5148,
            "name": "26ca668a9eb448b7b9a3806fa86207f3",
            "priority": 2,
            "language_code": "pt",
            "__v": 0,
            "preview": None,
        },
    },
}


REQUEST_EXAMPLES: dict[str, dict[str, Any]] = {
    "voices.clone": {"body": CLONE_BODY},
    "voices.tts": {"body": TTS_BODY},
    "voices.change": {"body": CHANGE_BODY},
    # cURL: ...voice/resource/list?type=1&page=1&size=10
    "voices.list_resources": {"query": {"type": 1, "page": 1, "size": 10}},
    # cURL: ...voice/list?type=1&page=1&size=10&style=Calm,Authoritative&gender=Male&name=MyVoice
    "voices.list": {
        "query": {
            "type": 1,
            "page": 1,
            "size": 10,
            "style": "Calm,Authoritative",
            "gender": "Male",
            "name": "MyVoice",
        }
    },
    # cURL: ...voice/resource/detail/688afbd9d2b4b269d1123ffb
    "voices.get_resource": {"path": {"_id": "688afbd9d2b4b269d1123ffb"}},
    # cURL: ...voice/detail/6836bafb5026505ab7a529fa
    "voices.get": {"path": {"_id": "6836bafb5026505ab7a529fa"}},
    "voices.delete": {"body": DELETE_BODY},
}

RESPONSE_EXAMPLES: dict[str, dict[str, Any]] = {
    "voices.clone": CLONE_RESPONSE,
    "voices.tts": TTS_RESPONSE,
    "voices.change": CHANGE_RESPONSE,
    "voices.list_resources": LIST_RESOURCES_RESPONSE,
    "voices.get_resource": GET_RESOURCE_RESPONSE,
    "voices.list": LIST_RESPONSE,
    "voices.get": GET_RESPONSE,
    "voices.delete": DELETE_RESPONSE,
}

# One invalid request per operation and the field its error must name.
INVALID_REQUESTS: dict[str, tuple[dict[str, Any], str]] = {
    "voices.clone": ({"body": {"name": "no file"}}, "body.source_voice_file"),
    "voices.tts": ({"body": {"input_text": "Hello"}}, "body.voice_id"),
    "voices.change": (
        {"body": {"voice_id": OID, "source_voice_file": "not a url"}},
        "body.source_voice_file",
    ),
    "voices.list_resources": ({"query": {"type": 3}}, "query.type"),
    "voices.get_resource": ({"path": {"_id": ""}}, "path._id"),
    "voices.list": ({"query": {"page": 1}}, "query.type"),
    "voices.get": ({"path": {}}, "path._id"),
    "voices.delete": ({"body": {"_ids": "6836b8183a59f36196bb9c52"}}, "body._ids"),
}


# --------------------------------------------------------------------------- every operation


def test_catalog_has_every_voice_operation(cat: Any) -> None:
    routes = {op: (cat.operation(op).method, cat.operation(op).path) for op in OPS}
    assert routes == {
        "voices.clone": ("POST", "/api/open/v4/voice/clone"),
        "voices.tts": ("POST", "/api/open/v4/voice/tts"),
        "voices.change": ("POST", "/api/open/v4/voice/change"),
        "voices.list_resources": ("GET", "/api/open/v4/voice/resource/list"),
        "voices.get_resource": ("GET", "/api/open/v4/voice/resource/detail/{_id}"),
        "voices.list": ("GET", "/api/open/v4/voice/list"),
        "voices.get": ("GET", "/api/open/v4/voice/detail/{_id}"),
        "voices.delete": ("POST", "/api/open/v4/voice/del"),
    }
    for op in OPS:
        operation = cat.operation(op)
        assert operation.host == "openapi.akool.com"
        assert operation.auth == "required"
        assert operation.envelope == "akool"
        assert operation.docs == ("ai-tools-suite__voiceLab",)
    assert cat.operation("voices.get").path_params == ("_id",)
    assert cat.by_route(
        "GET", "openapi.akool.com", "/api/open/v4/voice/detail/6836bafb5026505ab7a529fa"
    ).id == ("voices.get")
    assert (
        cat.by_route(
            "GET", "openapi.akool.com", "/api/open/v4/voice/resource/detail/688afbd9d2b4b269d1123ffb"
        ).id
        == "voices.get_resource"
    )


@pytest.mark.parametrize("op", OPS)
def test_doc_request_example_is_valid(cat: Any, op: str) -> None:
    assert req(cat, op, REQUEST_EXAMPLES[op]) == []


@pytest.mark.parametrize("op", OPS)
def test_doc_response_example_is_valid(cat: Any, op: str) -> None:
    assert resp(cat, op, RESPONSE_EXAMPLES[op]) == []


@pytest.mark.parametrize("op", OPS)
def test_invalid_request_names_the_field(cat: Any, op: str) -> None:
    request, field = INVALID_REQUESTS[op]
    assert field in req(cat, op, request)


@pytest.mark.parametrize("op", OPS)
def test_error_answer_is_checked_against_the_error_envelope(cat: Any, op: str) -> None:
    operation = cat.operation(op)
    error = {"code": 1112, "msg": "voice processing error"}
    schema = operation.response_schema_for(error)
    assert schema == "urn:akool-mock:schemas:common#/$defs/ErrorEnvelope"
    # checked through a $ref: SchemaStore.validator() only takes document ids (see the final report)
    assert cat.store.violations({"$ref": schema}, error) == []
    assert paths(cat.store.violations({"$ref": schema}, {"code": 1112})) == ["msg"]
    assert operation.response_schema_for(RESPONSE_EXAMPLES[op]) == operation.response_schema_id


@pytest.mark.parametrize("op", ["voices.clone", "voices.tts", "voices.change", "voices.delete"])
def test_unknown_body_fields_are_allowed_but_not_unknown_members(cat: Any, op: str) -> None:
    request = copy.deepcopy(REQUEST_EXAMPLES[op])
    request["body"]["something_new"] = 1
    assert req(cat, op, request) == []
    request["headers"] = {}
    assert req(cat, op, request) != []


def _examples_for_me() -> list[dict[str, Any]]:
    if not EXAMPLES.exists():
        return []
    entries = json.loads(EXAMPLES.read_text(encoding="utf-8"))
    if isinstance(entries, dict):
        entries = entries.get("examples", list(entries.values()))
    return [e for e in entries if isinstance(e, dict) and e.get("operation") in OPS]


def _defects() -> dict[str, Any]:
    if not DEFECTS.exists():
        return {}
    return dict(json.loads(DEFECTS.read_text(encoding="utf-8")))


def _as_request(op: Any, entry: dict[str, Any]) -> dict[str, Any]:
    parsed = entry.get("parsed")
    if op.method == "GET":
        request: dict[str, Any] = {}
        if isinstance(parsed, dict) and ("query" in parsed or "path" in parsed):
            request = {k: v for k, v in parsed.items() if k in ("query", "path")}
        elif isinstance(parsed, dict) and parsed:
            request = {"query": parsed}
        return request
    return {"body": parsed}


@pytest.mark.skipif(not EXAMPLES.exists(), reason="fixtures/docs/examples.json is not there yet")
def test_extracted_doc_examples_validate(cat: Any) -> None:
    defects = _defects()
    failures: list[str] = []
    for entry in _examples_for_me():
        op = cat.operation(entry["operation"])
        if entry.get("parsed") is None or entry.get("payload") is False:
            continue
        if entry.get("direction") == "response":
            errors = paths(op.response_errors(entry["parsed"]))
        else:
            request = _as_request(op, entry)
            if op.path_params and "path" not in request:
                continue  # a GET example without its path id carries nothing to check
            if op.path_params or op.method != "GET" or request:
                errors = paths(op.request_errors(request))
            else:
                continue
        if entry["id"] in defects:
            assert errors, f"{entry['id']} is listed as a doc defect but validates"
            continue
        if errors:
            failures.append(f"{entry['id']} ({entry['operation']}, {entry.get('direction')}): {errors}")
    assert failures == []


# ------------------------------------------------------------------ decisions (schemas/NOTES.md)


def test_v4_voice_list_answers_data_result_not_a_plain_array(cat: Any) -> None:
    """#voices-list-shape"""
    voices = LIST_RESPONSE["data"]["result"]
    assert resp(cat, "voices.list", {"code": 1000, "msg": "OK", "data": voices}) == ["data"]
    assert resp(
        cat, "voices.list", {"code": 1000, "msg": "OK", "data": {"count": 0, "page": 1, "size": 10}}
    ) == ["data.result"]
    empty = {"code": 1000, "msg": "OK", "data": {"result": [], "count": 0, "page": 1, "size": 10}}
    assert resp(cat, "voices.list", empty) == []
    resources = LIST_RESOURCES_RESPONSE["data"]["result"]
    assert resp(cat, "voices.list_resources", {"code": 1000, "msg": "OK", "data": resources}) == ["data"]
    assert resp(cat, "voices.list_resources", empty) == []


def test_voice_status_is_the_status_field_with_values_1_to_4(cat: Any) -> None:
    """#voices-status"""
    for status in (1, 2, 3, 4):
        assert resp(cat, "voices.get", with_data(GET_RESPONSE, status=status)) == []
        assert resp(cat, "voices.clone", with_data(CLONE_RESPONSE, status=status)) == []
        assert resp(cat, "voices.tts", with_data(TTS_RESPONSE, status=status)) == []
    for bad in (0, 5, "3", None):
        assert resp(cat, "voices.get", with_data(GET_RESPONSE, status=bad)) == ["data.status"]
        assert resp(cat, "voices.change", with_data(CHANGE_RESPONSE, status=bad)) == ["data.status"]
    detail = copy.deepcopy(GET_RESOURCE_RESPONSE)
    del detail["data"]["result"]["status"]
    assert resp(cat, "voices.get_resource", detail) == ["data.result.status"]
    listing = copy.deepcopy(LIST_RESOURCES_RESPONSE)
    listing["data"]["result"][0]["status"] = 7
    assert resp(cat, "voices.list_resources", listing) == ["data.result[0].status"]
    for op in OPS:
        operation = cat.operation(op)
        if operation.job:
            assert operation.job.status_field == "status"
        if operation.poll:
            assert operation.poll.status_field == "status"


def test_job_creates_return_their_document_and_name_their_poll_operation(cat: Any) -> None:
    """#voices-job-polling"""
    expected = {
        "voices.clone": ("voices.get", ("voice_id", "preview")),
        "voices.tts": ("voices.get_resource", ("preview",)),
        "voices.change": ("voices.get_resource", ("preview",)),
    }
    for op, (poll_op, result_fields) in expected.items():
        operation = cat.operation(op)
        assert operation.kind == "job_create"
        assert operation.job.id_path == "data._id"
        assert operation.job.poll_operation == poll_op
        assert operation.job.result_fields == result_fields
        assert operation.job.media == "audio"
        assert operation.job.webhook_type == "audio"
        assert operation.job.failure_field is None
        assert poll_op in cat
        assert cat.operation(poll_op).kind == "job_poll"
        created = copy.deepcopy(RESPONSE_EXAMPLES[op])
        del created["data"]["_id"]
        assert resp(cat, op, created) == ["data._id"]
    get_poll = cat.operation("voices.get").poll
    assert (get_poll.id_in, get_poll.many, get_poll.items_path) == ("path._id", False, "data")
    res_poll = cat.operation("voices.get_resource").poll
    assert (res_poll.id_in, res_poll.many, res_poll.items_path) == ("path._id", False, "data.result")
    assert cat.operation("voices.list").kind == "list"
    assert cat.operation("voices.list_resources").kind == "list"
    assert cat.operation("voices.delete").kind == "sync"
    # the clone's id is the voice document id that voice/detail/{_id} takes
    assert req(cat, "voices.get", {"path": {"_id": CLONE_RESPONSE["data"]["_id"]}}) == []
    assert req(cat, "voices.get_resource", {"path": {"_id": TTS_RESPONSE["data"]["_id"]}}) == []


def test_results_are_null_until_done_then_urls(cat: Any) -> None:
    """#voices-results-null-until-done"""
    assert CLONE_RESPONSE["data"]["voice_id"] is None
    assert CLONE_RESPONSE["data"]["preview"] is None
    done = with_data(CLONE_RESPONSE, status=3, voice_id="yRBw4OM8YFm5pCNKxJQ7", preview=URL)
    assert resp(cat, "voices.clone", done) == []
    assert resp(cat, "voices.get", with_data(GET_RESPONSE, preview=None, voice_id=None, status=1)) == []
    assert resp(cat, "voices.tts", with_data(TTS_RESPONSE, preview=URL, status=3)) == []
    assert resp(cat, "voices.tts", with_data(TTS_RESPONSE, preview="not a url")) == ["data.preview"]
    assert resp(cat, "voices.tts", with_data(TTS_RESPONSE, voice_id=None)) == ["data.voice_id"]


def test_empty_webhook_url_means_none(cat: Any) -> None:
    """#voices-empty-webhook"""
    for op in ("voices.clone", "voices.tts", "voices.change"):
        body = copy.deepcopy(REQUEST_EXAMPLES[op]["body"])
        assert body["webhookUrl"] == ""
        assert req(cat, op, {"body": body}) == []
        body["webhookUrl"] = "https://hooks.example.com/akool"
        assert req(cat, op, {"body": body}) == []
        body["webhookUrl"] = "ftp://hooks.example.com"
        assert req(cat, op, {"body": body}) == ["body.webhookUrl"]
        del body["webhookUrl"]
        assert req(cat, op, {"body": body}) == []


def test_tts_pitch_is_accepted_at_top_level_and_in_extra_options(cat: Any) -> None:
    """#voices-tts-pitch"""
    assert TTS_BODY["pitch"] == -5
    assert "pitch" not in TTS_BODY["extra_options"]
    base = {"input_text": "Hello", "voice_id": OID}
    assert req(cat, "voices.tts", {"body": {**base, "pitch": -5}}) == []
    assert req(cat, "voices.tts", {"body": {**base, "extra_options": {"pitch": 12}}}) == []
    assert req(cat, "voices.tts", {"body": {**base, "pitch": 13}}) == ["body.pitch"]
    assert req(cat, "voices.tts", {"body": {**base, "extra_options": {"pitch": -13}}}) == [
        "body.extra_options.pitch"
    ]
    assert req(cat, "voices.tts", {"body": {**base, "pitch": 1.5}}) == ["body.pitch"]


def test_tts_voice_id_stays_required_next_to_timber_weights(cat: Any) -> None:
    """#voices-timber-weights"""
    weights = TTS_BODY["extra_options"]["timber_weights"]
    assert req(
        cat, "voices.tts", {"body": {"input_text": "Hi", "extra_options": {"timber_weights": weights}}}
    ) == ["body.voice_id"]
    base = {"input_text": "Hi", "voice_id": OID}
    assert req(cat, "voices.tts", {"body": {**base, "extra_options": {"timber_weights": weights}}}) == []
    five = [*weights, {"voice_id": OID, "weight": 5}]
    assert req(cat, "voices.tts", {"body": {**base, "extra_options": {"timber_weights": five}}}) == [
        "body.extra_options.timber_weights"
    ]
    bad = [{"voice_id": OID, "weight": 0}, {"weight": 10}]
    assert req(cat, "voices.tts", {"body": {**base, "extra_options": {"timber_weights": bad}}}) == [
        "body.extra_options.timber_weights[0].weight",
        "body.extra_options.timber_weights[1].voice_id",
    ]


def test_voice_options_style_is_a_number(cat: Any) -> None:
    """#voices-style-number"""
    base = {"input_text": "Hi", "voice_id": OID}
    assert req(cat, "voices.tts", {"body": {**base, "voice_options": {"style": 1}}}) == []
    assert req(cat, "voices.tts", {"body": {**base, "voice_options": {"style": "cheerful"}}}) == [
        "body.voice_options.style"
    ]
    assert req(cat, "voices.tts", {"body": {**base, "voice_options": {"style": 1.5}}}) == [
        "body.voice_options.style"
    ]
    change = {"voice_id": OID, "source_voice_file": URL, "voice_options": {"style": "cheerful"}}
    assert req(cat, "voices.change", {"body": change}) == ["body.voice_options.style"]


def test_options_of_other_models_are_accepted_but_ranges_are_checked(cat: Any) -> None:
    """#voices-model-specific-options"""
    # the doc example mixes Multilingual 1-only and 3-only options, and Japanese-only normalization with "zh"
    assert req(cat, "voices.tts", {"body": TTS_BODY}) == []
    base = {"input_text": "Hi", "voice_id": OID}
    bad_options = {
        "stability": 1.1,
        "similarity_boost": -0.1,
        "speed": 0.5,
        "volume": 101,
        "emotion": "bored",
    }
    assert req(cat, "voices.tts", {"body": {**base, "voice_options": bad_options}}) == [
        "body.voice_options.emotion",
        "body.voice_options.similarity_boost",
        "body.voice_options.speed",
        "body.voice_options.stability",
        "body.voice_options.volume",
    ]
    extra = {
        "apply_text_normalization": "sometimes",
        "audio_setting": {"sample_rate": 48000, "bitrate": 96000, "format": "ogg", "channel": 3},
        "voice_modify": {"pitch": 101, "sound_effects": "hall"},
    }
    assert req(cat, "voices.tts", {"body": {**base, "extra_options": extra}}) == [
        "body.extra_options.apply_text_normalization",
        "body.extra_options.audio_setting.bitrate",
        "body.extra_options.audio_setting.channel",
        "body.extra_options.audio_setting.format",
        "body.extra_options.audio_setting.sample_rate",
        "body.extra_options.voice_modify.pitch",
        "body.extra_options.voice_modify.sound_effects",
    ]
    change = {
        "voice_id": OID,
        "source_voice_file": URL,
        "voice_options": {"speed": 1.3, "file_format": "ogg"},
    }
    assert req(cat, "voices.change", {"body": change}) == [
        "body.voice_options.file_format",
        "body.voice_options.speed",
    ]


def test_voice_id_accepts_document_ids_and_opaque_ids(cat: Any) -> None:
    """#voices-voice-id-format"""
    for voice_id in (
        "6889b628662160e2caad5dbc",
        "zQAGCFElz23u6Brdj4L-NrbEmSxswXdoPN_GBpYgUPHo1EGWgZgAnFJexONx_jGy",
    ):
        assert req(cat, "voices.tts", {"body": {"input_text": "Hi", "voice_id": voice_id}}) == []
        assert req(cat, "voices.change", {"body": {"voice_id": voice_id, "source_voice_file": URL}}) == []
    assert req(cat, "voices.tts", {"body": {"input_text": "Hi", "voice_id": ""}}) == ["body.voice_id"]
    assert req(cat, "voices.tts", {"body": {"input_text": "", "voice_id": OID}}) == ["body.input_text"]


def test_gender_is_an_array_in_the_clone_request_and_a_string_in_answers(cat: Any) -> None:
    """#voices-gender-array-vs-string"""
    body = {"source_voice_file": URL, "voice_options": {"gender": ["Male"]}}
    assert req(cat, "voices.clone", {"body": body}) == []
    body["voice_options"]["gender"] = "Male"
    assert req(cat, "voices.clone", {"body": body}) == ["body.voice_options.gender"]
    assert CLONE_RESPONSE["data"]["gender"] == "Male"
    assert resp(cat, "voices.clone", with_data(CLONE_RESPONSE, gender=["Male"])) == ["data.gender"]


def test_tags_are_an_open_vocabulary(cat: Any) -> None:
    """#voices-open-tags"""
    options = {"style": ["Whispery"], "age": ["Teen"], "scenario": ["Advertisenment", "Podcast"]}
    assert req(cat, "voices.clone", {"body": {"source_voice_file": URL, "voice_options": options}}) == []
    assert req(cat, "voices.clone", {"body": {"source_voice_file": URL, "voice_options": {"age": [3]}}}) == [
        "body.voice_options.age[0]"
    ]
    assert resp(cat, "voices.get", with_data(GET_RESPONSE, scenario=["Advertisenment"])) == []
    query = {"type": 1, "style": "Calm,Authoritative", "scenario": "Advertisement,Education", "age": "Young"}
    assert req(cat, "voices.list", {"query": query}) == []


def test_clone_prompt_has_no_length_limit(cat: Any) -> None:
    """#voices-clone-prompt"""
    assert len(CLONE_BODY["voice_options"]["clone_prompt"]) > 1000
    assert req(cat, "voices.clone", {"body": CLONE_BODY}) == []
    body = {"source_voice_file": URL, "voice_options": {"clone_prompt": 42}}
    assert req(cat, "voices.clone", {"body": body}) == ["body.voice_options.clone_prompt"]


def test_language_codes_are_two_or_three_lowercase_letters(cat: Any) -> None:
    """#voices-language-code"""
    for code in ("en", "zh", "fil", "yue"):
        assert (
            req(cat, "voices.tts", {"body": {"input_text": "Hi", "voice_id": OID, "language_code": code}})
            == []
        )
        body = {"source_voice_file": URL, "voice_options": {"language": code}}
        assert req(cat, "voices.clone", {"body": body}) == []
    for code in ("zh-CN", "EN", "english", ""):
        assert req(
            cat, "voices.tts", {"body": {"input_text": "Hi", "voice_id": OID, "language_code": code}}
        ) == ["body.language_code"]


def test_duration_is_integer_milliseconds(cat: Any) -> None:
    """#voices-duration-integer"""
    assert resp(cat, "voices.clone", with_data(CLONE_RESPONSE, duration=8064)) == []
    assert resp(cat, "voices.clone", with_data(CLONE_RESPONSE, duration=8064.5)) == ["data.duration"]
    assert resp(cat, "voices.tts", with_data(TTS_RESPONSE, duration=-1)) == ["data.duration"]


def test_deduction_credit_is_any_number(cat: Any) -> None:
    """#voices-deduction-credit-number"""
    assert resp(cat, "voices.clone", with_data(CLONE_RESPONSE, deduction_credit=0.25)) == []
    assert resp(cat, "voices.get", with_data(GET_RESPONSE, deduction_credit=1.5)) == []
    assert resp(cat, "voices.tts", with_data(TTS_RESPONSE, deduction_credit=2)) == []
    assert resp(cat, "voices.tts", with_data(TTS_RESPONSE, deduction_credit="1.9")) == [
        "data.deduction_credit"
    ]


def test_answer_voice_options_are_nested(cat: Any) -> None:
    """#voices-voice-options-nested"""
    assert isinstance(TTS_RESPONSE["data"]["voice_options"], dict)
    assert resp(cat, "voices.tts", with_data(TTS_RESPONSE, voice_options=0.7)) == ["data.voice_options"]
    partial = with_data(CHANGE_RESPONSE, voice_options={"stability": 0.7})
    assert resp(cat, "voices.change", partial) == []
    bad = with_data(CHANGE_RESPONSE, voice_options={"speaker_boost": "no"})
    assert resp(cat, "voices.change", bad) == ["data.voice_options.speaker_boost"]


def test_support_stream_is_1_or_2_as_a_filter_and_a_boolean_in_answers(cat: Any) -> None:
    """#voices-support-stream"""
    assert req(cat, "voices.list", {"query": {"type": 2, "support_stream": 1}}) == []
    assert req(cat, "voices.list", {"query": {"type": 2, "support_stream": 2}}) == []
    assert req(cat, "voices.list", {"query": {"type": 2, "support_stream": 0}}) == ["query.support_stream"]
    assert req(cat, "voices.list", {"query": {"type": 2, "support_stream": True}}) == ["query.support_stream"]
    listing = copy.deepcopy(LIST_RESPONSE)
    listing["data"]["result"][0]["support_stream"] = 1
    assert resp(cat, "voices.list", listing) == ["data.result[0].support_stream"]


def test_list_query_parameters_as_documented(cat: Any) -> None:
    """#voices-list-query-types"""
    for op in ("voices.list", "voices.list_resources"):
        assert req(cat, op, {"query": {"type": 1}}) == []
        assert req(cat, op, {"query": {"type": 2, "page": 3, "size": 500}}) == []
        assert req(cat, op, {"query": {}}) == ["query.type"]
        assert req(cat, op, {}) == ["query"]
        assert req(cat, op, {"query": {"type": 3}}) == ["query.type"]
        assert req(cat, op, {"query": {"type": "1,2"}}) == ["query.type"]
        assert req(cat, op, {"query": {"type": 1, "page": 0, "size": 0}}) == ["query.page", "query.size"]
        assert req(cat, op, {"query": {"type": 1, "extra": "ignored"}}) == []
    full = {
        "type": 1,
        "page": 1,
        "size": 10,
        "style": "Calm,Authoritative",
        "gender": "Male,Female",
        "age": "Young,Middle,Elderly",
        "scenario": "Advertisement,Education",
        "name": "MyVoice",
        "support_stream": 1,
    }
    assert req(cat, "voices.list", {"query": full}) == []
    assert req(cat, "voices.list", {"query": {"type": 1, "gender": ["Male"]}}) == ["query.gender"]
    documented = set(cat.operation("voices.list").request_schema["properties"]["query"]["properties"])
    assert documented == set(full)
    documented = set(
        cat.operation("voices.list_resources").request_schema["properties"]["query"]["properties"]
    )
    assert documented == {"type", "page", "size"}


def test_list_examples_need_not_be_self_consistent(cat: Any) -> None:
    """#voices-list-example-inconsistencies"""
    # the voice list example answers size 1 (request size=10) and count 9 with one item
    assert LIST_RESPONSE["data"]["size"] == 1
    assert LIST_RESPONSE["data"]["count"] == 9
    assert resp(cat, "voices.list", LIST_RESPONSE) == []
    # the resource list example shows the voice-changer record (with input_text) under type=1
    changer = copy.deepcopy(LIST_RESOURCES_RESPONSE)
    changer["data"]["result"][0]["source_voice_file"] = CHANGE_RESPONSE["data"]["source_voice_file"]
    assert resp(cat, "voices.list_resources", changer) == []
    # the detail example's rate is "100%" while status is 1
    assert GET_RESOURCE_RESPONSE["data"]["result"]["rate"] == "100%"
    assert GET_RESOURCE_RESPONSE["data"]["result"]["status"] == 1
    assert resp(cat, "voices.get_resource", GET_RESOURCE_RESPONSE) == []
    for key in ("count", "page", "size"):
        broken = copy.deepcopy(LIST_RESPONSE)
        del broken["data"][key]
        assert resp(cat, "voices.list", broken) == [f"data.{key}"]


def test_fields_missing_from_examples_are_optional(cat: Any) -> None:
    """#voices-optional-fields"""
    assert "update_time" not in GET_RESPONSE["data"]
    assert "update_time" not in LIST_RESPONSE["data"]["result"][0]
    assert "voice_model_name" not in CLONE_RESPONSE["data"]
    assert "webhookUrl" in GET_RESPONSE["data"]
    minimal = {"code": 1000, "msg": "OK", "data": {"_id": OID, "status": 2}}
    for op in ("voices.clone", "voices.get", "voices.tts", "voices.change"):
        assert resp(cat, op, minimal) == []
    assert resp(cat, "voices.get", with_data(GET_RESPONSE, update_time=1751608916162)) == []
    assert resp(cat, "voices.get", with_data(GET_RESPONSE, update_time="yesterday")) == ["data.update_time"]


def test_voice_detail_is_in_data_and_result_detail_in_data_result(cat: Any) -> None:
    """#voices-detail-nesting"""
    assert resp(cat, "voices.get", GET_RESPONSE) == []
    nested = {"code": 1000, "msg": "OK", "data": {"result": GET_RESPONSE["data"]}}
    assert sorted(resp(cat, "voices.get", nested)) == ["data._id", "data.status"]
    flat = {"code": 1000, "msg": "OK", "data": GET_RESOURCE_RESPONSE["data"]["result"]}
    assert resp(cat, "voices.get_resource", flat) == ["data.result"]


def test_delete_reports_partial_failure_with_code_1000(cat: Any) -> None:
    """#voices-delete-partial"""
    assert DELETE_RESPONSE["code"] == 1000
    assert resp(cat, "voices.delete", DELETE_RESPONSE) == []
    flat = with_data(DELETE_RESPONSE, noPermissionVoices=["6881cd86618fa41c89557b0c"])
    assert resp(cat, "voices.delete", flat) == ["data.noPermissionVoices[0]"]
    assert req(cat, "voices.delete", {"body": {"_ids": []}}) == ["body._ids"]
    assert req(cat, "voices.delete", {"body": {"_ids": "a,b"}}) == ["body._ids"]


def test_voice_model_names_per_operation(cat: Any) -> None:
    """#voices-model-names"""
    for model in ("Akool Multilingual 1", "Akool Multilingual 3", "Akool Multilingual 4"):
        assert req(cat, "voices.clone", {"body": {"source_voice_file": URL, "voice_model_name": model}}) == []
    clone = {"source_voice_file": URL, "voice_model_name": "Akool Multilingual 2"}
    assert req(cat, "voices.clone", {"body": clone}) == ["body.voice_model_name"]
    change = {"voice_id": OID, "source_voice_file": URL, "voice_model_name": "Akool Multilingual 1"}
    assert req(cat, "voices.change", {"body": change}) == []
    change["voice_model_name"] = "Akool Multilingual 3"
    assert req(cat, "voices.change", {"body": change}) == ["body.voice_model_name"]


def test_pricing_quotes_the_rates_table(cat: Any) -> None:
    """#voices-pricing"""
    assert cat.operation("voices.tts").pricing == (
        "Text-to-Speech: Pro 4.4 credits/1000 characters; Max 3.2 credits/1000 characters; "
        "Business 2.4 credits/1000 characters; Enterprise Customized."
    )
    assert cat.operation("voices.clone").pricing == (
        "Instant voice clone: Pro 30 voices; Max 180 voices; Business 500 voices; Enterprise Customized."
    )
    assert cat.operation("voices.change").pricing == (
        "Voice changer: Pro 4.4 credits/minute; Max 3.2 credits/minute; Business 2.4 credits/minute; "
        "Enterprise Customized."
    )
    for op in ("voices.list_resources", "voices.get_resource", "voices.list", "voices.get", "voices.delete"):
        assert cat.operation(op).pricing is None


def test_voice_jobs_use_webhook_type_audio(cat: Any) -> None:
    """#voices-webhook-audio"""
    for op in ("voices.clone", "voices.tts", "voices.change"):
        assert cat.operation(op).job.webhook_type == "audio"
    types = cat.webhook.types
    for op in ("voices.clone", "voices.tts", "voices.change"):
        assert types[op] == "audio"
