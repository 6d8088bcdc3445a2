"""Decisions taken for the images, image2video and jarvis areas (schemas/NOTES.md).

Every test schemas/NOTES.md names for these areas lives here, plus one valid and one invalid request per
operation and every documentation example of these operations (comments stripped, as the docs carry `//`
comments inside JSON blocks).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from akool_mock.schemas import load_catalog
from akool_mock.schemas.catalog import Catalog, Operation

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES_FILE = ROOT / "fixtures" / "docs" / "examples.json"
DEFECTS_FILE = ROOT / "fixtures" / "docs" / "defects" / "images_i2v_jarvis.json"
NOTES_FILE = ROOT / "schemas" / "NOTES.md"

OPERATIONS = (
    "images.change_background",
    "images.create_by_prompt",
    "images.create_by_button",
    "images.get_result",
    "image2video.create",
    "image2video.create_batch",
    "image2video.get_results",
    "image2video.list_effects",
    "image2video.update_audio",
    "image2video.delete",
    "jarvis.create_analysis",
    "jarvis.get_analysis",
)

CDN = "https://drz0f01yeq1cx.cloudfront.net"
IMAGE = f"{CDN}/1753772478686-9524-b6e4169bb1b44d5d8361936b3f6eddb8.png"
AUDIO = f"{CDN}/1753772497950-9213-1749809724426audio.mp3"
PROMPT = "Animate this image with smooth camera movement and subtle object motion."
NEGATIVE = (
    "blurry, distorted hands, missing fingers, unnatural pose, double hands, extra limbs, "
    "bad anatomy, low quality, cartoonish, exaggerated features, open mouth, "
    "aggressive expression, modern clothing, pixelated, vibrant colors, overexposed, "
    "flickering, blurry details, subtitles, logo, style, artwork, painting, picture, static, "
    "overall grayish, worst quality, JPEG compression artifacts, ugly, incomplete, "
    "extra fingers, poorly drawn hands, poorly drawn face, deformed, disfigured, "
    "malformed limbs, fused fingers, static characters, messy background, three legs, "
    "crowded background, walking backwards"
)
FILE_NAME = "Image2Video_Animate this image with .mp4"
TEAM = "6805fb69e92d9edc7ca0b409"


# ---------------------------------------------------------------------------------------------------------
# Doc examples (ai-tools-suite__background-change, __image-generate, __image2video, __jarvis-moderator)
# ---------------------------------------------------------------------------------------------------------

BG_TEMPLATE = {
    "canvas_size": "3840x3840",
    "template_url": "https://d3c24lvfmudc1v.cloudfront.net/public/background_change/ROne.png",
    "modify_template_size": "3830x3830",
    "overlay_template_x": 5,
    "overlay_template_y": 5,
    "origin_img": f"{CDN}/1711939252580-7e40bd1a-e480-42ed-8585-3f9ffccf6bdb-5822.png",
    "modify_origin_img_size": "3830x2145",
    "overlay_origin_x": 5,
    "overlay_origin_y": 849,
}
BG_COLOR = {
    "color_code": "#c9aafb",
    "canvas_size": "3840x3840",
    "origin_img": f"{CDN}/1712132369637-69a946c0-b2a7-4fe6-92c8-2729b36cc13e-0183.png",
    "modify_origin_img_size": "3060x3824",
    "overlay_origin_x": 388,
    "overlay_origin_y": 8,
}
BG_BOTH = {
    "color_code": "#aafbe3",
    "canvas_size": "3840x3840",
    "template_url": "https://d3c24lvfmudc1v.cloudfront.net/public/background_change/ROne.png",
    "modify_template_size": "3828x3828",
    "overlay_template_x": 2049,
    "overlay_template_y": -6,
    "origin_img": f"{CDN}/1712132369637-69a946c0-b2a7-4fe6-92c8-2729b36cc13e-0183.png",
    "modify_origin_img_size": "3062x3828",
    "overlay_origin_x": -72,
    "overlay_origin_y": -84,
}
BG_NEITHER = {
    "canvas_size": "3840x3840",
    "origin_img": f"{CDN}/1712132369637-69a946c0-b2a7-4fe6-92c8-2729b36cc13e-0183.png",
    "modify_origin_img_size": "3060x3824",
    "overlay_origin_x": 388,
    "overlay_origin_y": 8,
}
BG_RESPONSE = {
    "code": 1000,
    "msg": "OK",
    "data": {
        "create_time": 1712133151184,
        "uid": 1432101,
        "type": 3,
        "faceswap_quality": 2,
        "image_id": "c7ed5294-6783-481e-af77-61a850cd19c7",
        "image_sub_status": 1,
        "image_status": 1,
        "deduction_credit": 4,
        "buttons": [],
        "used_buttons": [],
        "upscaled_urls": [],
        "error_reasons": [],
        "_id": "660d15b83ec46e810ca642f5",
        "__v": 0,
    },
}
BG_RESULT = {
    "code": 1000,
    "msg": "OK",
    "data": {
        "_id": "660d15b83ec46e810ca642f5",
        "create_time": 1712133560525,
        "uid": 1486241,
        "type": 3,
        "faceswap_quality": 2,
        "image_id": "e23018b5-b7a9-4981-a2ff-b20559f9b2cd",
        "image_sub_status": 3,
        "image_status": 3,
        "deduction_credit": 4,
        "buttons": [],
        "used_buttons": [],
        "upscaled_urls": [],
        "error_reasons": [],
        "__v": 0,
        "external_img": f"{CDN}/1712133563402-result.png",
        "image": f"{CDN}/1712133564746-d4a80a20-9612-4f59-958b-db9dec09b320-9409.png",
    },
}
PROMPT_BODY = {
    "prompt": "Sun Wukong is surrounded by heavenly soldiers and generals",
    "scale": "1:1",
    "source_image": f"{CDN}/1708333063911-9cbe39b7-3c5f-4a35-894c-359a6cbb76c3-3283.png",
    "webhookUrl": "",
}
PROMPT_RESPONSE = {
    "code": 1000,
    "msg": "OK",
    "data": {
        "faceswap_quality": 2,
        "deduction_credit": 2,
        "buttons": [],
        "used_buttons": [],
        "upscaled_urls": [],
        "_id": "64dd82eef0b6684651e90131",
        "uid": 378337,
        "create_time": 1692238574633,
        "origin_prompt": "***",
        "source_image": "https://***.cloudfront.net/1702436829534-4a813e6c-303e-48c7-8a4e-b915ae408b78-5034.png",
        "prompt": "***** was a revolutionary leader who transformed *** into a powerful communist state.",
        "type": 4,
        "from": 1,
        "image_status": 1,
    },
}
BUTTON_BODY = {"_id": "65d3206b83ccf5ab7d46cdc6", "button": "U2", "webhookUrl": ""}
BUTTON_RESPONSE = {
    "code": 1000,
    "msg": "OK",
    "data": {
        "faceswap_quality": 2,
        "deduction_credit": 2,
        "buttons": [],
        "used_buttons": [],
        "upscaled_urls": [],
        "_id": "6508292f16e5ba407d47d21b",
        "image_content_model_id": "6508288416e5ba407d47d13f",
        "create_time": 1695033647012,
        "op_button": "U2",
        "op_buttonMessageId": "kwZsk6elltno5Nt37VLj",
        "image_status": 1,
        "from": 1,
    },
}
GENERATE_RESULT = {
    "code": 1000,
    "msg": "OK",
    "data": {
        "faceswap_quality": 2,
        "deduction_credit": 2,
        "buttons": ["U1", "U2", "U3", "U4", "V1", "V2", "V3", "V4"],
        "used_buttons": [],
        "upscaled_urls": [],
        "_id": "662a10df4197b3af58532e89",
        "create_time": 1714032863272,
        "uid": 378337,
        "type": 3,
        "image_status": 3,
        "image": "https://***.cloudfront.net/1714032892336-e0ec9305-e217-4b79-8704-e595a822c12b-8013.png",
    },
}
I2V_BODY = {
    "image_url": IMAGE,
    "prompt": PROMPT,
    "negative_prompt": NEGATIVE,
    "extend_prompt": True,
    "resolution": "4k",
    "audio_url": AUDIO,
    "audio_type": 2,
    "video_length": 10,
    "is_premium_model": True,
    "effect_code": "squish_89244231312",
    "webhookurl": "",
}
I2V_RESPONSE = {
    "code": 1000,
    "msg": "OK",
    "data": {
        "create_time": 1754362985482,
        "uid": 101400,
        "team_id": TEAM,
        "status": 1,
        "webhookUrl": "",
        "resolution": "4k",
        "file_name": FILE_NAME,
        "effect_name": "Squish",
        "_id": "689174694b4dbdd4ab3d28c9",
        "image_url": IMAGE,
        "prompt": PROMPT,
        "negative_prompt": NEGATIVE,
        "extend_prompt": True,
        "audio_type": 2,
        "audio_url": AUDIO,
        "deduction_credit": 60,
        "effect_code": "squish_89244231312",
    },
}
BATCH_BODY = {
    "image_url": IMAGE,
    "prompt": PROMPT,
    "model_name": "seedance-1-0-lite-i2v-250428",
    "negative_prompt": "blurry, distorted, low quality",
    "extend_prompt": True,
    "resolution": "720p",
    "video_length": 5,
    "last_image_url": f"{CDN}/1753772478686-9524-last-frame.png",
    "count": 3,
}


def _batch_item(suffix: str, create_time: int) -> dict[str, Any]:
    return {
        "_id": f"689174694b4dbdd4ab3d28c{suffix}",
        "create_time": create_time,
        "uid": 101400,
        "team_id": TEAM,
        "status": 1,
        "webhookUrl": "",
        "resolution": "720p",
        "file_name": FILE_NAME,
        "image_url": IMAGE,
        "prompt": PROMPT,
        "negative_prompt": "blurry, distorted, low quality",
        "extend_prompt": True,
        "deduction_credit": 5,
        "model_name": "seedance-1-0-lite-i2v-250428",
        "batch_id": "1754362985482_101400",
        "batch_count": 3,
    }


BATCH_RESPONSE = {
    "code": 1000,
    "msg": "OK",
    "data": {
        "successList": [
            _batch_item("9", 1754362985482),
            _batch_item("a", 1754362985483),
            _batch_item("b", 1754362985484),
        ],
        "errorList": [],
    },
}
RESULTS_BODY = {"_ids": "68919a464b4dbdd4ab3d3034,6891a07f5d612f78c9204f1c"}
RESULT_QUEUED = {
    "_id": "6891a2295d612f78c9204f77",
    "create_time": 1754374697629,
    "uid": 101400,
    "team_id": TEAM,
    "update_time": 1754374394023,
    "video_duration": 5.063,
    "webhookUrl": "",
    "file_name": FILE_NAME,
    "effect_name": "Squish",
    "image_url": IMAGE,
    "prompt": PROMPT,
    "resolution": "4k",
    "audio_type": 2,
    "audio_url": AUDIO,
    "deduction_credit": 5,
    "effect_code": "squish_89244231312",
    "status": 1,
    "only_add_audio": True,
}
RESULT_DONE = {
    "_id": "6891abe782f7cd2a890c44ba",
    "create_time": 1754377191100,
    "uid": 101400,
    "team_id": TEAM,
    "sub_type": 1501,
    "video_duration": 5.063,
    "webhookUrl": "",
    "file_name": FILE_NAME,
    "effect_name": "Squish",
    "update_time": 1754377293090,
    "image_url": IMAGE,
    "prompt": PROMPT,
    "resolution": "4k",
    "audio_type": 2,
    "audio_url": AUDIO,
    "deduction_credit": 30,
    "effect_code": "squish_89244231312",
    "video_url": "https://d2qf6ukcym4kn9.cloudfront.net/1754377291791-1423.mp4",
    "status": 3,
    "only_add_audio": False,
}
RESULTS_RESPONSE = {"code": 1000, "msg": "OK", "data": {"result": [RESULT_QUEUED, RESULT_DONE]}}


def _effect(oid: str, name: str, code: str) -> dict[str, Any]:
    base = "https://static.website-files.org/assets/Image_to_Video/Lora"
    return {
        "_id": oid,
        "create_time": 1752576694502,
        "logo": f"{base}/{name}.png",
        "name": name,
        "video_url": f"{base}/{name}.mp4",
        "effect_code": code,
    }


EFFECTS_RESPONSE = {
    "code": 1000,
    "msg": "Success",
    "data": {
        "result": [
            _effect("687632b95a0f52799eeed701", "Squish", "squish_89244231312"),
            _effect("687632ba5a0f52799eeed887", "Cakeify", "cakeify_24743216"),
            _effect("687632bc5a0f52799eeed929", "Samurai", "samurai_99757865"),
        ],
        "count": 10,
    },
}
UPDATE_BODY = {"pre_video_id": "6890830af27dfad2a3e6062d", "audio_url": AUDIO, "audio_type": 2}
UPDATE_RESPONSE = {
    "code": 1000,
    "msg": "OK",
    "data": {
        "create_time": 1754374697629,
        "uid": 101400,
        "team_id": TEAM,
        "update_time": 1754374394023,
        "video_duration": 5.063,
        "webhookUrl": "",
        "resolution": "4k",
        "file_name": FILE_NAME,
        "effect_name": "Squish",
        "_id": "6891a2295d612f78c9204f77",
        "pre_video_id": "6891a07f5d612f78c9204f1c",
        "image_url": IMAGE,
        "prompt": PROMPT,
        "negative_prompt": "",
        "extend_prompt": False,
        "audio_type": 2,
        "audio_url": AUDIO,
        "deduction_credit": 5,
        "effect_code": "squish_89244231312",
        "status": 1,
        "only_add_audio": True,
    },
}
DELETE_BODY = {"_ids": "68919a464b4dbdd4ab3d3034,6891a07f5d612f78c9204f1c,6891a2295d612f78c9204f77"}
DELETE_RESPONSE = {
    "code": 1000,
    "msg": "Delete successfully",
    "data": {
        "successIds": ["6882f4c10529ae771e71531d"],
        "noPermissionItems": [
            {"_id": "6881cd86618fa41c89557b0c", "msg": "video resource is processing, please try again later"}
        ],
    },
}
JARVIS_BODY = {"type": 1, "content": f"{CDN}/1714023431475-food.jpg", "webhookUrl": ""}
JARVIS_SAMPLE_BODY = {"type": 1, "content": f"{CDN}/1714023431475-food.jpg"}
JARVIS_RESPONSE = {
    "code": 1000,
    "msg": "OK",
    "data": {
        "create_time": 1710757900382,
        "uid": 101690,
        "type": 1,
        "status": 1,
        "webhookUrl": "",
        "result": "",
        "_id": "65f8180c24d9989e93dde3b6",
        "__v": 0,
    },
}
JARVIS_RESULT = {
    "code": 1000,
    "msg": "OK",
    "data": {
        "_id": "662e20b93baa7aa53169a325",
        "uid": 100002,
        "status": 3,
        "result": "- violence: Presence of a person holding a handgun, which can be associated with violent "
        "content.\nResult: Non-Compliant",
        "final_conclusion": "Non-Compliant",
    },
}

DOC_REQUESTS: list[tuple[str, str, dict[str, Any]]] = [
    ("bg template_url", "images.change_background", {"body": BG_TEMPLATE}),
    ("bg color_code", "images.change_background", {"body": BG_COLOR}),
    ("bg both", "images.change_background", {"body": BG_BOTH}),
    ("bg neither", "images.change_background", {"body": BG_NEITHER}),
    ("prompt body", "images.create_by_prompt", {"body": PROMPT_BODY}),
    (
        "prompt java (no scale)",
        "images.create_by_prompt",
        {"body": {k: v for k, v in PROMPT_BODY.items() if k != "scale"}},
    ),
    ("button body", "images.create_by_button", {"body": BUTTON_BODY}),
    ("image info (generate)", "images.get_result", {"query": {"image_model_id": "662a10df4197b3af58532e89"}}),
    ("image info (bg)", "images.get_result", {"query": {"image_model_id": "660d15b83ec46e810ca642f5"}}),
    ("i2v create", "image2video.create", {"body": I2V_BODY}),
    ("i2v batch", "image2video.create_batch", {"body": BATCH_BODY}),
    ("i2v results", "image2video.get_results", {"body": RESULTS_BODY}),
    ("i2v effects", "image2video.list_effects", {}),
    ("i2v update audio", "image2video.update_audio", {"body": UPDATE_BODY}),
    ("i2v delete", "image2video.delete", {"body": DELETE_BODY}),
    ("jarvis body", "jarvis.create_analysis", {"body": JARVIS_BODY}),
    ("jarvis samples", "jarvis.create_analysis", {"body": JARVIS_SAMPLE_BODY}),
    ("jarvis info", "jarvis.get_analysis", {"query": {"_id": "662e20b93baa7aa53169a325"}}),
]

DOC_RESPONSES: list[tuple[str, str, dict[str, Any]]] = [
    ("bg created", "images.change_background", BG_RESPONSE),
    ("bg result", "images.get_result", BG_RESULT),
    ("prompt created", "images.create_by_prompt", PROMPT_RESPONSE),
    ("button created", "images.create_by_button", BUTTON_RESPONSE),
    ("generate result", "images.get_result", GENERATE_RESULT),
    ("i2v created", "image2video.create", I2V_RESPONSE),
    ("i2v batch", "image2video.create_batch", BATCH_RESPONSE),
    ("i2v results", "image2video.get_results", RESULTS_RESPONSE),
    ("i2v effects", "image2video.list_effects", EFFECTS_RESPONSE),
    ("i2v update audio", "image2video.update_audio", UPDATE_RESPONSE),
    ("i2v delete", "image2video.delete", DELETE_RESPONSE),
    ("jarvis created", "jarvis.create_analysis", JARVIS_RESPONSE),
    ("jarvis result", "jarvis.get_analysis", JARVIS_RESULT),
]

# One invalid request per operation, with the field the violation must name.
INVALID_REQUESTS: list[tuple[str, dict[str, Any], str]] = [
    ("images.change_background", {"body": {**BG_NEITHER, "canvas_size": "3840*3840"}}, "body.canvas_size"),
    ("images.create_by_prompt", {"body": {"prompt": "a cat", "scale": "5:4"}}, "body.scale"),
    ("images.create_by_button", {"body": {"_id": "65d3206b83ccf5ab7d46cdc6", "button": "U5"}}, "body.button"),
    ("images.get_result", {"query": {}}, "query.image_model_id"),
    ("image2video.create", {"body": {**I2V_BODY, "video_length": 7}}, "body.video_length"),
    ("image2video.create_batch", {"body": {**BATCH_BODY, "count": 11}}, "body.count"),
    ("image2video.get_results", {"body": {"_ids": ["68919a464b4dbdd4ab3d3034"]}}, "body._ids"),
    ("image2video.list_effects", {"body": {"page": 1}}, ""),
    ("image2video.update_audio", {"body": {**UPDATE_BODY, "audio_type": 3}}, "body.audio_type"),
    ("image2video.delete", {"body": {}}, "body._ids"),
    ("jarvis.create_analysis", {"body": {"content": "hello", "type": 5}}, "body.type"),
    ("jarvis.get_analysis", {"query": {"_id": ""}}, "query._id"),
]


# ---------------------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return load_catalog()


def _op(cat: Catalog, op_id: str) -> Operation:
    return cat.operation(op_id)


def _paths(errors: list[Any]) -> set[str]:
    return {e.path for e in errors}


def _ok(cat: Catalog, op_id: str, request: dict[str, Any]) -> None:
    errors = _op(cat, op_id).request_errors(request)
    assert errors == [], [str(e) for e in errors]


def _bad(cat: Catalog, op_id: str, request: dict[str, Any], path: str) -> None:
    errors = _op(cat, op_id).request_errors(request)
    assert errors, f"{op_id} accepted {request}"
    assert path in _paths(errors), [str(e) for e in errors]


def _resp_ok(cat: Catalog, op_id: str, body: dict[str, Any]) -> None:
    errors = _op(cat, op_id).response_errors(body)
    assert errors == [], [str(e) for e in errors]


def _resp_bad(cat: Catalog, op_id: str, body: dict[str, Any], path: str) -> None:
    errors = _op(cat, op_id).response_errors(body)
    assert errors, f"{op_id} accepted the response"
    assert path in _paths(errors), [str(e) for e in errors]


# ---------------------------------------------------------------------------------------------------------
# catalog shape
# ---------------------------------------------------------------------------------------------------------


def test_all_operations_are_in_the_catalog(cat: Catalog) -> None:
    for op_id in OPERATIONS:
        op = cat.operation(op_id)
        assert op.host == "openapi.akool.com"
        assert op.auth == "required"
        assert op.envelope == "akool"
        assert op.request_schema["$id"].endswith(f"{op_id}.request")
        assert op.response_schema["$id"].endswith(f"{op_id}.response")


def test_job_operations_point_at_their_poll(cat: Catalog) -> None:
    for op in cat.operations:
        if op.id in OPERATIONS and op.job is not None:
            poll = cat.operation(op.job.poll_operation)
            assert poll.kind == "job_poll"
            assert poll.poll is not None
            assert poll.poll.status_field == op.job.status_field


# ---------------------------------------------------------------------------------------------------------
# doc examples, valid / invalid request per operation
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("label", "op_id", "request_"), DOC_REQUESTS, ids=[r[0] for r in DOC_REQUESTS])
def test_doc_request_examples_are_valid(
    cat: Catalog, label: str, op_id: str, request_: dict[str, Any]
) -> None:
    _ok(cat, op_id, request_)


@pytest.mark.parametrize(("label", "op_id", "body"), DOC_RESPONSES, ids=[r[0] for r in DOC_RESPONSES])
def test_doc_response_examples_are_valid(cat: Catalog, label: str, op_id: str, body: dict[str, Any]) -> None:
    _resp_ok(cat, op_id, body)


@pytest.mark.parametrize(
    ("op_id", "request_", "path"), INVALID_REQUESTS, ids=[r[0] for r in INVALID_REQUESTS]
)
def test_invalid_request_names_the_field(
    cat: Catalog, op_id: str, request_: dict[str, Any], path: str
) -> None:
    _bad(cat, op_id, request_, path)


def test_every_operation_has_a_valid_and_an_invalid_example() -> None:
    assert {r[1] for r in DOC_REQUESTS} == set(OPERATIONS)
    assert {r[0] for r in INVALID_REQUESTS} == set(OPERATIONS)


def test_error_answers_use_the_error_envelope(cat: Catalog) -> None:
    for op_id in OPERATIONS:
        op = _op(cat, op_id)
        assert (
            op.response_errors({"code": 1003, "msg": "Parameter error or Parameter can not be empty"}) == []
        )
        assert op.response_errors({"code": 1000, "msg": "OK"}) != []


# ---------------------------------------------------------------------------------------------------------
# fixtures/docs/examples.json (written by another helper): every entry of these operations validates,
# except the ones recorded as doc defects, which must still fail on the recorded field.
# ---------------------------------------------------------------------------------------------------------


def _doc_entries() -> list[dict[str, Any]]:
    if not EXAMPLES_FILE.exists():
        return []
    entries = json.loads(EXAMPLES_FILE.read_text(encoding="utf-8"))
    if isinstance(entries, dict):
        entries = entries.get("examples", list(entries.values()))
    return [e for e in entries if isinstance(e, dict) and e.get("operation") in OPERATIONS]


def _defects() -> dict[str, dict[str, str]]:
    if not DEFECTS_FILE.exists():
        return {}
    loaded: dict[str, dict[str, str]] = json.loads(DEFECTS_FILE.read_text(encoding="utf-8"))
    return loaded


def _as_request(op: Operation, entry: dict[str, Any]) -> dict[str, Any]:
    parsed = entry.get("parsed")
    if op.method == "GET":
        query = entry.get("query")
        if query is None and isinstance(parsed, dict):
            query = parsed
        return {"query": query} if query is not None else {}
    return {"body": parsed}


def _entry_errors(cat: Catalog, entry: dict[str, Any]) -> list[Any]:
    op = _op(cat, entry["operation"])
    if entry.get("direction") == "response":
        return op.response_errors(entry.get("parsed"))
    return op.request_errors(_as_request(op, entry))


_ENTRIES = _doc_entries()


@pytest.mark.skipif(not EXAMPLES_FILE.exists(), reason="fixtures/docs/examples.json not written yet")
@pytest.mark.parametrize("entry", _ENTRIES, ids=[str(e.get("id")) for e in _ENTRIES])
def test_examples_json_entries_validate(cat: Catalog, entry: dict[str, Any]) -> None:
    if entry.get("payload") is False or entry.get("direction") not in ("request", "response"):
        pytest.skip("not one whole API body")
    errors = _entry_errors(cat, entry)
    defect = _defects().get(str(entry.get("id")))
    if defect is None:
        assert errors == [], [str(e) for e in errors]
    else:
        assert defect["field"] in _paths(errors), [str(e) for e in errors]


def test_defects_file_entries_are_well_formed() -> None:
    for example_id, defect in _defects().items():
        assert set(defect) >= {"field", "reason", "notes"}, example_id
        assert defect["notes"] in NOTES_FILE.read_text(encoding="utf-8"), example_id


# ---------------------------------------------------------------------------------------------------------
# images decisions
# ---------------------------------------------------------------------------------------------------------


def test_bg_webhook_url_is_optional(cat: Catalog) -> None:
    _ok(cat, "images.change_background", {"body": BG_NEITHER})
    _ok(cat, "images.change_background", {"body": {**BG_NEITHER, "webhookUrl": "https://example.com/hook"}})
    _bad(
        cat,
        "images.change_background",
        {"body": {**BG_NEITHER, "webhookUrl": "not a url"}},
        "body.webhookUrl",
    )


def test_empty_webhook_url_is_accepted(cat: Catalog) -> None:
    _ok(cat, "images.change_background", {"body": {**BG_NEITHER, "webhookUrl": ""}})
    _ok(cat, "images.create_by_prompt", {"body": {"prompt": "a cat", "webhookUrl": ""}})
    _ok(cat, "images.create_by_button", {"body": BUTTON_BODY})
    _ok(cat, "jarvis.create_analysis", {"body": JARVIS_BODY})
    _ok(cat, "image2video.create", {"body": {**I2V_BODY, "webhookurl": ""}})
    _bad(
        cat,
        "images.create_by_prompt",
        {"body": {"prompt": "a cat", "webhookUrl": "ftp://x"}},
        "body.webhookUrl",
    )


def test_bg_template_fields_need_template_url(cat: Catalog) -> None:
    for combo in (BG_TEMPLATE, BG_COLOR, BG_BOTH, BG_NEITHER):
        _ok(cat, "images.change_background", {"body": combo})
    for field in ("modify_template_size", "overlay_template_x", "overlay_template_y"):
        body = {**BG_COLOR, field: "10x10" if field == "modify_template_size" else 10}
        _bad(cat, "images.change_background", {"body": body}, "body.template_url")


def test_bg_overlay_offsets_may_be_negative(cat: Catalog) -> None:
    _ok(cat, "images.change_background", {"body": BG_BOTH})
    _bad(
        cat,
        "images.change_background",
        {"body": {**BG_NEITHER, "overlay_origin_x": "388"}},
        "body.overlay_origin_x",
    )


def test_bg_sizes_and_colour_formats(cat: Catalog) -> None:
    _bad(
        cat,
        "images.change_background",
        {"body": {**BG_NEITHER, "modify_origin_img_size": "3060"}},
        "body.modify_origin_img_size",
    )
    _bad(cat, "images.change_background", {"body": {**BG_COLOR, "color_code": "c9aafb"}}, "body.color_code")
    _ok(cat, "images.change_background", {"body": {**BG_COLOR, "color_code": "#FFF"}})
    missing = {k: v for k, v in BG_NEITHER.items() if k != "origin_img"}
    _bad(cat, "images.change_background", {"body": missing}, "body.origin_img")


def test_bg_is_served_on_the_openapi_host(cat: Catalog) -> None:
    op = _op(cat, "images.change_background")
    assert (op.host, op.path) == ("openapi.akool.com", "/api/open/v3/content/image/bg/replace")
    assert cat.by_route("POST", "contentapi.akool.com", "/api/v3/content/image/bg/replace") is None


def test_prompt_is_the_only_required_generate_field(cat: Catalog) -> None:
    _ok(cat, "images.create_by_prompt", {"body": {"prompt": "a cat"}})
    _bad(cat, "images.create_by_prompt", {"body": {"scale": "1:1"}}, "body.prompt")
    _bad(cat, "images.create_by_prompt", {"body": {"prompt": ""}}, "body.prompt")
    # third-party clients send fields the docs do not know ("size", "num_images"); the API ignores them
    _ok(cat, "images.create_by_prompt", {"body": {"prompt": "a cat", "size": "1:1", "num_images": 4}})
    schema = _op(cat, "images.create_by_prompt").request_schema
    assert schema["properties"]["body"]["properties"]["scale"]["default"] == "1:1"


def test_button_values_are_u1_to_v4(cat: Catalog) -> None:
    for button in ("U1", "U2", "U3", "U4", "V1", "V2", "V3", "V4"):
        _ok(cat, "images.create_by_button", {"body": {"_id": "65d3206b83ccf5ab7d46cdc6", "button": button}})
    _bad(
        cat,
        "images.create_by_button",
        {"body": {"_id": "65d3206b83ccf5ab7d46cdc6", "button": "u2"}},
        "body.button",
    )
    _bad(cat, "images.create_by_button", {"body": {"button": "U2"}}, "body._id")
    # the page names display_buttons; every response carries buttons
    _resp_ok(cat, "images.get_result", GENERATE_RESULT)


def test_image_poll_reads_image_status_from_data(cat: Catalog) -> None:
    poll = _op(cat, "images.get_result").poll
    assert poll is not None
    assert (poll.id_in, poll.many, poll.items_path, poll.status_field) == (
        "query.image_model_id",
        False,
        "data",
        "image_status",
    )
    for op_id in ("images.change_background", "images.create_by_prompt", "images.create_by_button"):
        job = _op(cat, op_id).job
        assert job is not None
        assert (job.id_path, job.status_field, job.result_fields) == ("data._id", "image_status", ("image",))
        assert job.poll_operation == "images.get_result"


def test_completed_image_needs_a_url(cat: Catalog) -> None:
    done = copy.deepcopy(GENERATE_RESULT)
    del done["data"]["image"]
    _resp_bad(cat, "images.get_result", done, "data.image")
    processing = copy.deepcopy(done)
    processing["data"]["image_status"] = 2
    _resp_ok(cat, "images.get_result", processing)


def test_image_responses_require_only_id_and_status(cat: Catalog) -> None:
    minimal = {"code": 1000, "msg": "OK", "data": {"_id": "660d15b83ec46e810ca642f5", "image_status": 1}}
    for op_id in ("images.change_background", "images.create_by_prompt", "images.create_by_button"):
        _resp_ok(cat, op_id, minimal)
        _resp_bad(
            cat,
            op_id,
            {"code": 1000, "msg": "OK", "data": {"_id": "660d15b83ec46e810ca642f5"}},
            "data.image_status",
        )


def test_image_webhook_types(cat: Catalog) -> None:
    bg = _op(cat, "images.change_background").job
    gen = _op(cat, "images.create_by_prompt").job
    button = _op(cat, "images.create_by_button").job
    assert bg is not None
    assert gen is not None
    assert button is not None
    assert bg.webhook_type == "background change"
    assert gen.webhook_type == button.webhook_type == "image"


# ---------------------------------------------------------------------------------------------------------
# image2video decisions
# ---------------------------------------------------------------------------------------------------------


def test_ids_are_one_comma_separated_string(cat: Catalog) -> None:
    for op_id in ("image2video.get_results", "image2video.delete"):
        _ok(cat, op_id, {"body": {"_ids": "6891a2295d612f78c9204f77"}})
        _ok(cat, op_id, {"body": RESULTS_BODY})
        _bad(
            cat,
            op_id,
            {"body": {"_ids": ["6891a2295d612f78c9204f77", "6891abe782f7cd2a890c44ba"]}},
            "body._ids",
        )
        _bad(cat, op_id, {"body": {"ids": "6891a2295d612f78c9204f77"}}, "body._ids")
        for bad in ("", "a,,b", "a,b,", "a, b"):
            _bad(cat, op_id, {"body": {"_ids": bad}}, "body._ids")
    poll = _op(cat, "image2video.get_results").poll
    assert poll is not None
    assert (poll.id_in, poll.many) == ("body._ids", True)


def test_webhookurl_lower_and_camel_case(cat: Catalog) -> None:
    for name in ("webhookurl", "webhookUrl"):
        _ok(cat, "image2video.create", {"body": {**I2V_BODY, name: "https://example.com/hook"}})
        _ok(cat, "image2video.create_batch", {"body": {**BATCH_BODY, name: "https://example.com/hook"}})
        _bad(cat, "image2video.create", {"body": {**I2V_BODY, name: "nope"}}, f"body.{name}")
    _resp_ok(cat, "image2video.create", I2V_RESPONSE)  # the response echoes webhookUrl


def test_negative_prompt_required_on_create_only(cat: Catalog) -> None:
    without = {k: v for k, v in I2V_BODY.items() if k != "negative_prompt"}
    _bad(cat, "image2video.create", {"body": without}, "body.negative_prompt")
    _ok(cat, "image2video.create", {"body": {**I2V_BODY, "negative_prompt": ""}})
    batch_without = {k: v for k, v in BATCH_BODY.items() if k != "negative_prompt"}
    _ok(cat, "image2video.create_batch", {"body": batch_without})


def test_audio_url_needed_only_for_audio_type_2(cat: Catalog) -> None:
    no_audio = {k: v for k, v in I2V_BODY.items() if k != "audio_url"}
    _bad(cat, "image2video.create", {"body": no_audio}, "body.audio_url")
    _bad(cat, "image2video.create", {"body": {**I2V_BODY, "audio_url": ""}}, "body.audio_url")
    _ok(cat, "image2video.create", {"body": {**no_audio, "audio_type": 1}})
    _ok(cat, "image2video.create", {"body": {**I2V_BODY, "audio_type": 3, "audio_url": ""}})
    _ok(
        cat,
        "image2video.update_audio",
        {"body": {"pre_video_id": "6890830af27dfad2a3e6062d", "audio_type": 1}},
    )
    _bad(
        cat,
        "image2video.update_audio",
        {"body": {"pre_video_id": "6890830af27dfad2a3e6062d", "audio_type": 2}},
        "body.audio_url",
    )


def test_prompt_may_be_empty_with_an_effect(cat: Catalog) -> None:
    _ok(cat, "image2video.create", {"body": {**I2V_BODY, "prompt": ""}})
    without_effect = {k: v for k, v in I2V_BODY.items() if k != "effect_code"}
    _bad(cat, "image2video.create", {"body": {**without_effect, "prompt": ""}}, "body.prompt")
    missing = {k: v for k, v in I2V_BODY.items() if k != "prompt"}
    _bad(cat, "image2video.create", {"body": missing}, "body.prompt")


def test_resolution_is_a_string(cat: Catalog) -> None:
    for value in ("720p", "1080p", "4k"):
        _ok(cat, "image2video.create", {"body": {**I2V_BODY, "resolution": value}})
    for bad in (720, "720", "480p", "4K"):
        _bad(cat, "image2video.create", {"body": {**I2V_BODY, "resolution": bad}}, "body.resolution")
    _ok(cat, "image2video.create_batch", {"body": {**BATCH_BODY, "resolution": "480p"}})
    for bad in (720, "720", "hd"):
        _bad(cat, "image2video.create_batch", {"body": {**BATCH_BODY, "resolution": bad}}, "body.resolution")


def test_video_length_per_endpoint(cat: Catalog) -> None:
    _bad(cat, "image2video.create", {"body": {**I2V_BODY, "video_length": 15}}, "body.video_length")
    _bad(cat, "image2video.create", {"body": {**I2V_BODY, "video_length": "5"}}, "body.video_length")
    _ok(cat, "image2video.create_batch", {"body": {**BATCH_BODY, "video_length": 8}})
    _bad(cat, "image2video.create_batch", {"body": {**BATCH_BODY, "video_length": 0}}, "body.video_length")


def test_batch_accepts_what_akools_demo_sends(cat: Catalog) -> None:
    # AKOOL-Official/akool-image-to-video-demo, src/Hooks/useAnimatorLogic.ts handleGenerate
    demo = {
        "image_url": IMAGE,
        "prompt": PROMPT,
        "model_name": "AkoolImage2VideoFastV1",
        "negative_prompt": NEGATIVE,
        "resolution": "1080p",
        "audio_url": "",
        "audio_type": "1",
        "video_length": 5,
        "is_premium_model": False,
        "count": 1,
    }
    _ok(cat, "image2video.create_batch", {"body": demo})
    _ok(
        cat,
        "image2video.create_batch",
        {"body": {**demo, "audio_type": "3", "effect_code": "squish_89244231312"}},
    )
    _ok(cat, "image2video.create_batch", {"body": {**demo, "audio_type": "2", "audio_url": AUDIO}})
    _bad(cat, "image2video.create_batch", {"body": {**demo, "audio_type": "2"}}, "body.audio_url")
    _bad(cat, "image2video.create_batch", {"body": {**demo, "audio_type": "4"}}, "body.audio_type")
    # the single create keeps the documented integer
    _bad(cat, "image2video.create", {"body": {**I2V_BODY, "audio_type": "2"}}, "body.audio_type")


def test_update_audio_type_is_1_or_2(cat: Catalog) -> None:
    _ok(cat, "image2video.update_audio", {"body": UPDATE_BODY})
    _bad(cat, "image2video.update_audio", {"body": {**UPDATE_BODY, "audio_type": 3}}, "body.audio_type")
    _bad(
        cat, "image2video.update_audio", {"body": {"audio_url": AUDIO, "audio_type": 2}}, "body.pre_video_id"
    )


def test_i2v_poll_reads_status_from_data_result(cat: Catalog) -> None:
    poll = _op(cat, "image2video.get_results").poll
    assert poll is not None
    assert (poll.items_path, poll.status_field) == ("data.result", "status")
    done = copy.deepcopy(RESULT_DONE)
    del done["video_url"]
    _resp_bad(
        cat,
        "image2video.get_results",
        {"code": 1000, "msg": "OK", "data": {"result": [done]}},
        "data.result[0].video_url",
    )
    _resp_ok(cat, "image2video.get_results", {"code": 1000, "msg": "OK", "data": {"result": [RESULT_QUEUED]}})
    _resp_ok(cat, "image2video.get_results", {"code": 1000, "msg": "OK", "data": {"result": []}})
    for op_id in ("image2video.create", "image2video.update_audio"):
        job = _op(cat, op_id).job
        assert job is not None
        assert (job.id_path, job.status_field, job.result_fields) == ("data._id", "status", ("video_url",))
    batch = _op(cat, "image2video.create_batch").job
    assert batch is not None
    assert batch.id_path == "data.successList[*]._id"


def test_batch_error_list_items_are_untyped(cat: Catalog) -> None:
    body = copy.deepcopy(BATCH_RESPONSE)
    body["data"]["errorList"] = [{"msg": "insufficient credit"}, "any shape"]
    _resp_ok(cat, "image2video.create_batch", body)
    item = body["data"]["successList"][0]
    item.update({"effect_name": "", "last_image_url": f"{CDN}/last.png"})
    _resp_ok(cat, "image2video.create_batch", body)
    del item["status"]
    _resp_bad(cat, "image2video.create_batch", body, "data.successList[0].status")


def test_effects_count_is_a_total_and_no_query_is_documented(cat: Catalog) -> None:
    _resp_ok(cat, "image2video.list_effects", EFFECTS_RESPONSE)  # count 10, 3 items
    _ok(cat, "image2video.list_effects", {})
    _ok(cat, "image2video.list_effects", {"query": {}})
    query = _op(cat, "image2video.list_effects").request_schema["properties"]["query"]
    assert query["properties"] == {}
    assert _op(cat, "image2video.list_effects").kind == "list"


def test_i2v_pricing_text(cat: Catalog) -> None:
    create = _op(cat, "image2video.create").pricing
    batch = _op(cat, "image2video.create_batch").pricing
    audio = _op(cat, "image2video.update_audio").pricing
    assert create is not None
    assert batch is not None
    assert audio is not None
    assert "720p 20 credits/video" in create
    assert "4k 60 credits/video" in create
    assert "resolutionList" in batch
    assert audio.startswith("Video to Audio")
    assert _op(cat, "image2video.get_results").pricing is None
    # the batch example deducts 5 credits for 720p/5s: deduction_credit is not tied to the table
    _resp_ok(cat, "image2video.create_batch", BATCH_RESPONSE)


def test_i2v_and_jarvis_webhook_types(cat: Catalog) -> None:
    """#audit-webhook-types: Image to Video sends the documented "image"; Jarvis "sentiment analysis"."""
    for op_id in ("image2video.create", "image2video.create_batch", "image2video.update_audio"):
        job = _op(cat, op_id).job
        assert job is not None
        assert job.webhook_type == "image"
        assert cat.webhook.types.get(op_id) == "image"
    jarvis = _op(cat, "jarvis.create_analysis").job
    assert jarvis is not None
    assert jarvis.webhook_type == "sentiment analysis"
    assert cat.webhook.types["jarvis.create_analysis"] == "sentiment analysis"
    for op_id in ("images.change_background", "images.create_by_prompt", "images.create_by_button"):
        job = _op(cat, op_id).job
        assert job is not None
        assert cat.webhook.types.get(op_id) == job.webhook_type


# ---------------------------------------------------------------------------------------------------------
# jarvis decisions
# ---------------------------------------------------------------------------------------------------------


def test_jarvis_content_and_type_required(cat: Catalog) -> None:
    _bad(cat, "jarvis.create_analysis", {"body": {"type": 4}}, "body.content")
    _bad(cat, "jarvis.create_analysis", {"body": {"content": "hello"}}, "body.type")
    _ok(cat, "jarvis.create_analysis", {"body": {"content": "hello", "type": 4}})
    _ok(
        cat,
        "jarvis.create_analysis",
        {"body": {"content": "hello", "type": 4, "language": "en", "input": "insults", "webhookUrl": ""}},
    )


def test_jarvis_media_content_must_be_a_url(cat: Catalog) -> None:
    for media_type in (1, 2, 3):
        _bad(
            cat,
            "jarvis.create_analysis",
            {"body": {"content": "a picture of food", "type": media_type}},
            "body.content",
        )
        _ok(cat, "jarvis.create_analysis", {"body": {"content": f"{CDN}/x.jpg", "type": media_type}})
    _ok(cat, "jarvis.create_analysis", {"body": {"content": f"{CDN}/x.txt", "type": 4}})


def test_jarvis_type_is_an_integer(cat: Catalog) -> None:
    _bad(cat, "jarvis.create_analysis", {"body": {"content": "hello", "type": "4"}}, "body.type")
    _bad(cat, "jarvis.create_analysis", {"body": {"content": "hello", "type": 0}}, "body.type")
    _bad(cat, "jarvis.create_analysis", {"body": {"content": "hello", "type": 4.5}}, "body.type")


def test_jarvis_language_is_iso_639_1(cat: Catalog) -> None:
    _ok(cat, "jarvis.create_analysis", {"body": {"content": "bonjour", "type": 4, "language": "fr"}})
    for bad in ("fra", "en-US", "e"):
        _bad(
            cat,
            "jarvis.create_analysis",
            {"body": {"content": "x", "type": 4, "language": bad}},
            "body.language",
        )


def test_jarvis_status_field_is_status(cat: Catalog) -> None:
    poll = _op(cat, "jarvis.get_analysis").poll
    assert poll is not None
    assert (poll.id_in, poll.many, poll.items_path, poll.status_field) == (
        "query._id",
        False,
        "data",
        "status",
    )
    body = copy.deepcopy(JARVIS_RESULT)
    body["data"]["video_status"] = body["data"].pop("status")
    _resp_bad(cat, "jarvis.get_analysis", body, "data.status")
    job = _op(cat, "jarvis.create_analysis").job
    assert job is not None
    assert (job.status_field, job.result_fields, job.media) == (
        "status",
        ("result", "final_conclusion"),
        "none",
    )


def test_jarvis_completed_analysis_has_a_conclusion(cat: Catalog) -> None:
    body = copy.deepcopy(JARVIS_RESULT)
    body["data"]["final_conclusion"] = "Maybe"
    _resp_bad(cat, "jarvis.get_analysis", body, "data.final_conclusion")
    body["data"]["final_conclusion"] = ""
    _resp_bad(cat, "jarvis.get_analysis", body, "data.final_conclusion")
    del body["data"]["final_conclusion"]
    _resp_bad(cat, "jarvis.get_analysis", body, "data.final_conclusion")
    pending = {
        "code": 1000,
        "msg": "OK",
        "data": {"_id": "662e20b93baa7aa53169a325", "status": 2, "result": "", "final_conclusion": ""},
    }
    _resp_ok(cat, "jarvis.get_analysis", pending)
    for conclusion in ("Compliant", "Unknown"):
        done = copy.deepcopy(JARVIS_RESULT)
        done["data"]["final_conclusion"] = conclusion
        _resp_ok(cat, "jarvis.get_analysis", done)


def test_jarvis_pricing_text(cat: Catalog) -> None:
    pricing = _op(cat, "jarvis.create_analysis").pricing
    assert pricing is not None
    assert "0.1C/600 characters" in pricing
    assert "0.04USD/min" in pricing
    assert _op(cat, "jarvis.get_analysis").pricing is None
    for op_id in ("images.change_background", "images.create_by_prompt", "images.create_by_button"):
        assert _op(cat, op_id).pricing is None
