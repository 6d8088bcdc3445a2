"""Decisions of schemas/NOTES.md, per-operation examples, and the docs' examples.

Operations: face_detection.*, live_faceswap.*, auth.get_token, models.list.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from akool_mock.schemas import Operation, load_catalog

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "fixtures" / "docs" / "examples.json"
NOTES = ROOT / "schemas" / "NOTES.md"

OPS = (
    "face_detection.detect_faces",
    "face_detection.analyze_frames",
    "face_detection.detect_legacy",
    "live_faceswap.create_session",
    "live_faceswap.update_session",
    "live_faceswap.close_session",
    "auth.get_token",
    "models.list",
)
OID = "685ea0bb5aa150dd8b7116b1"
IMG_URL = "https://d21ksh0k4smeql.cloudfront.net/1745579943557-yr5w-crop_1728989585247-3239-0-1728989585409-9277.png"

# ---------------------------------------------------------------- docs' examples (verbatim)

# ai-tools-suite__face-detection__detect-faces, Example 3 response
DETECT_FACES_ANSWER: dict[str, Any] = {
    "error_code": 0,
    "error_msg": "SUCCESS",
    "faces_obj": {
        "0": {
            "landmarks": [[[120, 85], [180, 88], [150, 130], [150, 165], [125, 165], [175, 168]]],
            "landmarks_str": ["120,85:180,88:150,130:150,165"],
            "region": [[80, 50, 150, 180]],
            "removed": [],
            "frame_time": None,
            "face_urls": ["https://s3.example.com/faces/face_detect_0.jpg"],
            "crop_region": [[30, 0, 250, 280]],
            "crop_landmarks": ["90,85:150,88:120,130:120,165"],
        }
    },
}
# openapi/face-detection.yaml, video_success example
DETECT_FACES_VIDEO_ANSWER: dict[str, Any] = {
    "error_code": 0,
    "error_msg": "SUCCESS",
    "faces_obj": {
        "0": {
            "landmarks": [[[320, 240], [420, 240], [370, 300], [370, 350], [340, 350], [400, 350]]],
            "landmarks_str": ["320,240:420,240:370,300:370,350"],
            "region": [[300, 200, 150, 180]],
            "removed": [],
            "frame_time": 0.0,
            "face_urls": None,
            "crop_region": None,
            "crop_landmarks": None,
        },
        "5": {
            "landmarks": [[[325, 245], [425, 245], [375, 305], [375, 355], [345, 355], [405, 355]]],
            "landmarks_str": ["325,245:425,245:375,305:375,355"],
            "region": [[305, 205, 150, 180]],
            "removed": [[300, 200, 150, 180]],
            "frame_time": 0.2,
            "face_urls": None,
            "crop_region": None,
            "crop_landmarks": None,
        },
    },
}
# ai-tools-suite__face-detection__analyze-frames, Example 2 response
ANALYZE_ANSWER: dict[str, Any] = {
    "success": True,
    "frame_count": 3,
    "persons": [
        {
            "person_id": "person_0",
            "index": 0,
            "face_url": "https://s3.example.com/faces/face_abc123.jpg",
            "bbox": [100, 50, 200, 180],
            "confidence": 0.95,
            "appearances": [
                {"timestamp": 0.0, "frame_idx": 0, "bbox": [100, 50, 200, 180]},
                {"timestamp": 1.0, "frame_idx": 1, "bbox": [105, 52, 205, 182]},
                {"timestamp": 2.0, "frame_idx": 2, "bbox": [110, 55, 210, 185]},
            ],
            "first_seen": 0.0,
            "last_seen": 2.0,
        }
    ],
}
# ai-tools-suite__live-faceswap, Face Detection response example
LEGACY_ANSWER: dict[str, Any] = {
    "error_code": 0,
    "error_msg": "SUCCESS",
    "landmarks": [[[249, 510], [460, 515], [343, 657], [255, 740], [0, 0], [0, 0]]],
    "landmarks_str": ["249,510:460,515:343,657:255,740"],
    "region": [[150, 264, 437, 657]],
    "seconds": 0.6554102897644043,
    "trx_id": "64498285-446f-462d-9470-fe36c36c6eac",
}
# openapi/face-detect-legacy.yaml request example (an empty img next to image_url)
LEGACY_OPENAPI_BODY: dict[str, Any] = {
    "single_face": False,
    "image_url": "https://d21ksh0k4smeql.cloudfront.net/IMG_6150-1696984459910-0610.jpeg",
    "img": "",
}
# ai-tools-suite__live-faceswap, create session request and response
LIVE_CREATE_BODY: dict[str, Any] = {
    "sourceImage": [
        {
            "path": "https://d21ksh0k4smeql.cloudfront.net/crop_1695201165222-7514-0-1695201165485-8149.png",
            "opts": "262,175:363,175:313,215:272,279",
        }
    ]
}
LIVE_CREATE_ANSWER: dict[str, Any] = {
    "code": 1000,
    "msg": "OK",
    "data": {
        "_id": "684f8fb744b8795862e45cbe",
        "faceswap_status": 1,
        "front_user_id": "1",
        "algorithm_user_id": "3",
        "front_rtc_token": (
            "007eJxTYFj/uGvaue3C3/VlOLdFmM5UuffmzHGhszbnTSqs3or94HNRYEhNNElJM0oxMkg1MTYxMklMMkm0MDCySDW0sDBOMjRP"
            "297vnyHAx8Bw6YAZIyMDIwMLAyMDiM8EJpnBJAuYFGMwMjAyNTAzNDMwNrI0tTQ0MIy3MDIyYWQwBADtwSJM"
        ),
        "channel_id": "20250616032959101_8224",
        "app_id": "",
    },
}
LIVE_UPDATE_BODY: dict[str, Any] = {
    "sourceImage": [{"path": IMG_URL, "opts": "249,510:460,515:343,657:255,740"}],
    "_id": OID,
}
# authentication__usage, Legacy Token Generation Method
TOKEN_BODY: dict[str, Any] = {"clientId": "64db241f6d9e5c4bd136c187", "clientSecret": "openapi.akool.com"}
TOKEN_ANSWER: dict[str, Any] = {"code": 1000, "token": "xxxxxxxxxxxxxxxx"}
# ai-tools-suite__aimodel, Example 1 response (first model)
MODEL: dict[str, Any] = {
    "sort": 100,
    "group": "akool",
    "provider": "akool",
    "type": 1501,
    "label": "Akool Image2Video Fast V1",
    "value": "AkoolImage2VideoFastV1",
    "description": "Fast image to video generation with Akool's AI",
    "resolutionList": [
        {"label": "720p", "value": "720p", "width": 1280, "height": 720, "unit_credit": 5},
        {"label": "1080p", "value": "1080p", "width": 1920, "height": 1080, "unit_credit": 10},
    ],
    "isPro": False,
    "generate_audio": None,
    "durationList": [5, 10],
    "requiresPay": False,
    "supportedLastFrame": False,
    "supportedExtendPrompt": False,
    "maxImageCount": 1,
    "maxCount": 10,
}


@pytest.fixture(scope="module")
def cat() -> Any:
    return load_catalog()


def op(cat: Any, op_id: str) -> Operation:
    return cat.operation(op_id)


def paths(errors: list[Any]) -> list[str]:
    return [e.path for e in errors]


def body_errors(cat: Any, op_id: str, body: Any) -> list[Any]:
    return op(cat, op_id).request_errors({"body": body})


# ---------------------------------------------------------------- catalog entries


A = "openapi.akool.com"
ENTRIES: dict[str, tuple[str, str, str, str, str, str]] = {
    # op id: (method, host, path, kind, envelope, auth)
    "face_detection.detect_faces": (
        "POST",
        A,
        "/interface/detect-api/detect_faces",
        "sync",
        "bare",
        "required",
    ),
    "face_detection.analyze_frames": (
        "POST",
        A,
        "/interface/detect-api/faceswap/analyze_frames",
        "sync",
        "bare",
        "required",
    ),
    "face_detection.detect_legacy": ("POST", "sg3.akool.com", "/detect", "sync", "bare", "required"),
    "live_faceswap.create_session": (
        "POST",
        A,
        "/api/open/v3/faceswap/live/create",
        "session",
        "akool",
        "required",
    ),
    "live_faceswap.update_session": (
        "POST",
        A,
        "/api/open/v3/faceswap/live/update",
        "session",
        "akool",
        "required",
    ),
    "live_faceswap.close_session": (
        "POST",
        A,
        "/api/open/v3/faceswap/live/close",
        "session",
        "akool",
        "required",
    ),
    "auth.get_token": ("POST", A, "/api/open/v3/getToken", "token", "token", "none"),
    "models.list": ("GET", A, "/api/open/v4/aigModel/list", "list", "akool", "required"),
}


@pytest.mark.parametrize("op_id", OPS)
def test_catalog_entry(cat: Any, op_id: str) -> None:
    entry = op(cat, op_id)
    method, host, path, kind, envelope, auth = ENTRIES[op_id]
    assert (entry.method, entry.host, entry.path) == (method, host, path)
    assert (entry.kind, entry.envelope, entry.auth) == (kind, envelope, auth)
    assert entry.job is None
    assert entry.poll is None


# ---------------------------------------------------------------- decisions: face detection


def test_detect_faces_needs_url_or_img(cat: Any) -> None:
    assert body_errors(cat, "face_detection.detect_faces", {"url": "https://example.com/photo.jpg"}) == []
    assert body_errors(cat, "face_detection.detect_faces", {"img": "data:image/jpeg;base64,/9j/4AAQ"}) == []
    assert body_errors(cat, "face_detection.detect_faces", {"img": "/9j/4AAQSkZJRg"}) == []
    for body in ({}, {"img": ""}, {"url": ""}, {"url": "", "img": ""}, {"num_frames": 5}):
        errors = body_errors(cat, "face_detection.detect_faces", body)
        assert errors, body
        assert all(p.startswith("body") for p in paths(errors))


def test_detect_faces_accepts_both_url_and_img(cat: Any) -> None:
    both = {"url": "https://example.com/photo.jpg", "img": "data:image/jpeg;base64,/9j/4AAQ"}
    assert body_errors(cat, "face_detection.detect_faces", both) == []
    assert (
        body_errors(cat, "face_detection.detect_faces", {"url": "https://example.com/a.jpg", "img": ""}) == []
    )
    assert body_errors(cat, "face_detection.detect_faces", {"url": "", "img": "/9j/4AAQ"}) == []


def test_detect_faces_rejects_url_without_protocol(cat: Any) -> None:
    errors = body_errors(cat, "face_detection.detect_faces", {"url": "example.com/photo.jpg"})
    assert any(p.startswith("body") for p in paths(errors))


def test_detect_faces_num_frames_bounds(cat: Any) -> None:
    base = {"url": "https://example.com/video.mp4"}
    for good in (1, 5, 100):
        assert body_errors(cat, "face_detection.detect_faces", {**base, "num_frames": good}) == []
    for bad in (0, 101, 2.5, "10"):
        errors = body_errors(cat, "face_detection.detect_faces", {**base, "num_frames": bad})
        assert "body.num_frames" in paths(errors), bad


def test_detect_faces_error_answer_is_checked(cat: Any) -> None:
    detect = op(cat, "face_detection.detect_faces")
    failure = {
        "error_code": 1,
        "error_msg": "Either 'url' or 'img' parameter must be provided",
        "faces_obj": {},
    }
    assert detect.response_errors(failure) == []
    assert detect.response_errors({"error_code": 1, "error_msg": "Invalid URL format"}) == []
    assert "error_msg" in paths(detect.response_errors({"error_code": 1, "error_msg": ""}))
    assert "faces_obj" in paths(detect.response_errors({"error_code": 0, "error_msg": "SUCCESS"}))
    assert "error_code" in paths(detect.response_errors({"error_msg": "SUCCESS", "faces_obj": {}}))
    wrong_key = {"error_code": 0, "error_msg": "SUCCESS", "faces_obj": {"first": {}}}
    assert detect.response_errors(wrong_key)


def test_detect_faces_crop_fields_null_or_absent(cat: Any) -> None:
    detect = op(cat, "face_detection.detect_faces")
    assert detect.response_errors(DETECT_FACES_ANSWER) == []
    assert detect.response_errors(DETECT_FACES_VIDEO_ANSWER) == []
    absent = copy.deepcopy(DETECT_FACES_ANSWER)
    for name in ("face_urls", "crop_region", "crop_landmarks"):
        del absent["faces_obj"]["0"][name]
    assert detect.response_errors(absent) == []
    as_points = copy.deepcopy(DETECT_FACES_ANSWER)
    as_points["faces_obj"]["0"]["crop_landmarks"] = [[[90, 85], [150, 88]]]
    assert any(p.startswith("faces_obj.0.crop_landmarks") for p in paths(detect.response_errors(as_points)))
    five_points = copy.deepcopy(DETECT_FACES_ANSWER)
    five_points["faces_obj"]["0"]["landmarks"][0].pop()
    assert "faces_obj.0.landmarks[0]" in paths(detect.response_errors(five_points))


def test_analyze_frames_request_rules(cat: Any) -> None:
    analyze = "face_detection.analyze_frames"
    one = {"frame_urls": ["https://example.com/photo.jpg"]}
    assert body_errors(cat, analyze, one) == []
    assert body_errors(cat, analyze, {**one, "timestamps": [0.0, 1.0, 2.0]}) == [], "lengths are not compared"
    for ratio in (0, 0.3, 1):
        assert body_errors(cat, analyze, {**one, "expand_ratio": ratio}) == []
    assert "body.expand_ratio" in paths(body_errors(cat, analyze, {**one, "expand_ratio": 1.5}))
    assert "body.frame_urls" in paths(body_errors(cat, analyze, {"frame_urls": []}))
    assert "body.frame_urls" in paths(body_errors(cat, analyze, {}))
    assert "body.frame_urls[0]" in paths(body_errors(cat, analyze, {"frame_urls": ["photo.jpg"]}))


def test_analyze_frames_error_answer_is_checked(cat: Any) -> None:
    analyze = op(cat, "face_detection.analyze_frames")
    assert analyze.response_errors(ANALYZE_ANSWER) == []
    assert analyze.response_errors({"success": True, "frame_count": 1, "persons": []}) == []
    failure = {"success": False, "error": "frame_urls is required and must not be empty"}
    assert analyze.response_errors(failure) == []
    assert "error" in paths(analyze.response_errors({"success": False}))
    assert "persons" in paths(analyze.response_errors({"success": True, "frame_count": 1}))
    no_confidence = copy.deepcopy(ANALYZE_ANSWER)
    no_confidence["persons"][0]["confidence"] = 1.5
    assert "persons[0].confidence" in paths(analyze.response_errors(no_confidence))


def test_legacy_detect_answer_is_flat(cat: Any) -> None:
    legacy = op(cat, "face_detection.detect_legacy")
    assert legacy.envelope == "bare"
    assert legacy.host == "sg3.akool.com"
    assert legacy.response_errors(LEGACY_ANSWER) == []
    assert legacy.response_errors({**LEGACY_ANSWER, "error_msg": ""}) == [], "the migration guide's empty msg"
    assert legacy.response_errors({"error_code": 1, "error_msg": "no face detected"}) == []
    wrapped = {"code": 1000, "msg": "OK", "data": LEGACY_ANSWER}
    assert {"error_code", "error_msg"} <= set(paths(legacy.response_errors(wrapped)))


def test_legacy_detect_landmarks_str_is_an_array(cat: Any) -> None:
    legacy = op(cat, "face_detection.detect_legacy")
    as_string = {**LEGACY_ANSWER, "landmarks_str": "249,510:460,515:343,657:255,740"}
    assert "landmarks_str" in paths(legacy.response_errors(as_string))
    bad_format = {**LEGACY_ANSWER, "landmarks_str": ["249,510;460,515"]}
    assert "landmarks_str[0]" in paths(legacy.response_errors(bad_format))
    missing = {k: v for k, v in LEGACY_ANSWER.items() if k != "landmarks_str"}
    assert "landmarks_str" in paths(legacy.response_errors(missing))


def test_legacy_detect_request_rules(cat: Any) -> None:
    legacy = "face_detection.detect_legacy"
    assert body_errors(cat, legacy, LEGACY_OPENAPI_BODY) == []
    assert body_errors(cat, legacy, {"single_face": True, "img": "/9j/4AAQSkZJRg"}) == []
    assert body_errors(cat, legacy, {"single_face": True, "image_url": "", "img": "/9j/4AAQ"}) == []
    assert "body.single_face" in paths(body_errors(cat, legacy, {"image_url": IMG_URL}))
    assert "body.single_face" in paths(
        body_errors(cat, legacy, {"single_face": "false", "image_url": IMG_URL})
    )
    assert body_errors(cat, legacy, {"single_face": False, "img": ""})
    assert body_errors(cat, legacy, {"single_face": False})


# ---------------------------------------------------------------- decisions: live face swap


def test_live_faceswap_source_image_items(cat: Any) -> None:
    create = "live_faceswap.create_session"
    assert body_errors(cat, create, LIVE_CREATE_BODY) == []
    decimals = {"sourceImage": [{"path": IMG_URL, "opts": "262.5,175:363,175:313,215:272,279.25"}]}
    assert body_errors(cat, create, decimals) == []
    assert "body.sourceImage" in paths(body_errors(cat, create, {"sourceImage": []}))
    assert "body.sourceImage" in paths(body_errors(cat, create, {}))
    no_opts = {"sourceImage": [{"path": IMG_URL}]}
    assert "body.sourceImage[0].opts" in paths(body_errors(cat, create, no_opts))
    six_points = {"sourceImage": [{"path": IMG_URL, "opts": "1,2:3,4:5,6:7,8:9,10:11,12"}]}
    assert "body.sourceImage[0].opts" in paths(body_errors(cat, create, six_points))
    not_url = {"sourceImage": [{"path": "face.png", "opts": "262,175:363,175:313,215:272,279"}]}
    assert "body.sourceImage[0].path" in paths(body_errors(cat, create, not_url))


def test_live_faceswap_update_needs_id_and_faces(cat: Any) -> None:
    update = "live_faceswap.update_session"
    assert body_errors(cat, update, LIVE_UPDATE_BODY) == []
    assert "body._id" in paths(body_errors(cat, update, {"sourceImage": LIVE_UPDATE_BODY["sourceImage"]}))
    assert "body.sourceImage" in paths(body_errors(cat, update, {"_id": OID}))
    assert body_errors(cat, "live_faceswap.close_session", {"_id": OID}) == []
    assert "body._id" in paths(body_errors(cat, "live_faceswap.close_session", {"session_id": OID}))


def test_live_faceswap_update_close_answer_without_data(cat: Any) -> None:
    for op_id in ("live_faceswap.update_session", "live_faceswap.close_session"):
        entry = op(cat, op_id)
        assert entry.response_errors({"code": 1000, "msg": "OK"}) == []
        assert entry.response_errors({"code": 1000, "msg": "OK", "data": None}) == []
        assert "msg" in paths(entry.response_errors({"code": 1000}))
        assert (
            entry.response_errors({"code": 1003, "msg": "Parameter error or parameter cannot be empty"}) == []
        )


def test_live_faceswap_create_answer(cat: Any) -> None:
    create = op(cat, "live_faceswap.create_session")
    assert create.response_errors(LIVE_CREATE_ANSWER) == []
    as_string = copy.deepcopy(LIVE_CREATE_ANSWER)
    as_string["data"]["faceswap_status"] = "2"
    assert create.response_errors(as_string) == []
    no_channel = copy.deepcopy(LIVE_CREATE_ANSWER)
    del no_channel["data"]["channel_id"]
    assert "data.channel_id" in paths(create.response_errors(no_channel))
    assert create.response_errors({"code": 1104, "msg": "Insufficient quota"}) == []


# ---------------------------------------------------------------- decisions: auth


def test_get_token_answer_has_no_data(cat: Any) -> None:
    token = op(cat, "auth.get_token")
    assert token.envelope == "token"
    assert token.response_errors(TOKEN_ANSWER) == []
    assert token.response_errors({**TOKEN_ANSWER, "msg": "OK"}) == []
    nested = {"code": 1000, "msg": "OK", "data": {"token": "xxxxxxxxxxxxxxxx"}}
    assert "token" in paths(token.response_errors(nested))
    assert "token" in paths(token.response_errors({"code": 1000, "token": ""}))


def test_get_token_error_answer(cat: Any) -> None:
    token = op(cat, "auth.get_token")
    for code in (1101, 1102, 1200):
        assert token.response_errors({"code": code, "msg": "Invalid authorization"}) == []
    assert "msg" in paths(token.response_errors({"code": 1101}))


def test_get_token_needs_no_auth(cat: Any) -> None:
    token = op(cat, "auth.get_token")
    assert token.auth == "none"
    assert token.request_errors({"body": TOKEN_BODY}) == []
    assert "body.clientSecret" in paths(
        token.request_errors({"body": {"clientId": "64db241f6d9e5c4bd136c187"}})
    )
    # An empty value passes the schema: the handler answers it 1102 (#audit-get-token-empty).
    assert token.request_errors({"body": {"clientId": "", "clientSecret": "k"}}) == []
    assert "body.clientId" in paths(token.request_errors({"body": {"clientId": 64, "clientSecret": "k"}}))
    others = [o for o in cat.operations if o.id != "auth.get_token"]
    assert all(o.auth == "required" for o in others)


# ---------------------------------------------------------------- decisions: models


def test_models_list_types_query(cat: Any) -> None:
    models = op(cat, "models.list")
    assert models.request_errors({"query": {"types[]": [1501]}}) == []
    assert models.request_errors({"query": {"types[]": [1501, 1502, 2101]}}) == []
    assert models.request_errors({"query": {"types": [2101]}}) == []
    assert models.request_errors({"query": {}})
    assert models.request_errors({})
    assert "query.types[]" in paths(models.request_errors({"query": {"types[]": []}}))
    assert "query.types[][0]" in paths(models.request_errors({"query": {"types[]": [1234]}}))


def test_models_generate_audio_shapes(cat: Any) -> None:
    models = op(cat, "models.list")
    demo_object = {"required": False, "type": True, "default": False, "extra_credit_multiplier": 1.5}
    for value in (None, True, False, demo_object):
        answer = {"code": 1000, "msg": "OK", "data": [{**MODEL, "generate_audio": value}]}
        assert models.response_errors(answer) == [], value
    bad = {"code": 1000, "msg": "OK", "data": [{**MODEL, "generate_audio": "yes"}]}
    assert models.response_errors(bad)
    no_value = {k: v for k, v in MODEL.items() if k != "value"}
    assert "data[0].value" in paths(models.response_errors({"code": 1000, "msg": "OK", "data": [no_value]}))


# ---------------------------------------------------------------- one valid, one invalid request per op

VALID_REQUESTS: dict[str, dict[str, Any]] = {
    "face_detection.detect_faces": {"body": {"url": "https://example.com/video.mp4", "num_frames": 10}},
    "face_detection.analyze_frames": {
        "body": {"frame_urls": ["https://example.com/photo.jpg"], "expand_ratio": 0.5}
    },
    "face_detection.detect_legacy": {"body": {"single_face": False, "image_url": IMG_URL}},
    "live_faceswap.create_session": {"body": LIVE_CREATE_BODY},
    "live_faceswap.update_session": {"body": LIVE_UPDATE_BODY},
    "live_faceswap.close_session": {"body": {"_id": OID}},
    "auth.get_token": {"body": TOKEN_BODY},
    "models.list": {"query": {"types[]": [1501]}},
}
INVALID_REQUESTS: dict[str, tuple[dict[str, Any], str]] = {
    "face_detection.detect_faces": (
        {"body": {"url": "https://example.com/a.jpg", "single_face": "yes"}},
        "body.single_face",
    ),
    "face_detection.analyze_frames": (
        {"body": {"frame_urls": "https://example.com/a.jpg"}},
        "body.frame_urls",
    ),
    "face_detection.detect_legacy": ({"body": {"single_face": 0, "image_url": IMG_URL}}, "body.single_face"),
    "live_faceswap.create_session": (
        {"body": {"sourceImage": [{"opts": "1,2:3,4:5,6:7,8"}]}},
        "body.sourceImage[0].path",
    ),
    "live_faceswap.update_session": (
        {"body": {"_id": "", "sourceImage": LIVE_UPDATE_BODY["sourceImage"]}},
        "body._id",
    ),
    "live_faceswap.close_session": ({"body": {"_id": 42}}, "body._id"),
    "auth.get_token": ({"body": {"clientId": 64, "clientSecret": "openapi.akool.com"}}, "body.clientId"),
    "models.list": ({"query": {"types[]": ["image2video"]}}, "query.types[][0]"),
}


@pytest.mark.parametrize("op_id", OPS)
def test_valid_request(cat: Any, op_id: str) -> None:
    assert op(cat, op_id).request_errors(VALID_REQUESTS[op_id]) == []


@pytest.mark.parametrize("op_id", OPS)
def test_invalid_request_names_the_field(cat: Any, op_id: str) -> None:
    request, field = INVALID_REQUESTS[op_id]
    assert field in paths(op(cat, op_id).request_errors(request))


@pytest.mark.parametrize("op_id", OPS)
def test_unknown_top_level_member_is_refused(cat: Any, op_id: str) -> None:
    request = {**VALID_REQUESTS[op_id], "headers": {}}
    assert op(cat, op_id).request_errors(request)


@pytest.mark.parametrize("op_id", [o for o in OPS if o != "models.list"])
def test_unknown_body_fields_are_allowed(cat: Any, op_id: str) -> None:
    request = copy.deepcopy(VALID_REQUESTS[op_id])
    request["body"]["webhookUrl"] = "https://example.com/hook"
    assert op(cat, op_id).request_errors(request) == []


# ---------------------------------------------------------------- the docs' examples


def _examples() -> list[dict[str, Any]]:
    if not EXAMPLES.exists():
        return []
    return [e for e in json.loads(EXAMPLES.read_text(encoding="utf-8")) if e.get("operation") in OPS]


def _instances(entry: dict[str, Any]) -> list[Any]:
    parsed = entry["parsed"]
    # "Dual Input Modes" holds two alternative bodies in one block: each is checked on its own.
    if entry["direction"] == "request" and isinstance(parsed, list):
        return parsed
    return [parsed]


@pytest.mark.parametrize("entry", _examples(), ids=lambda e: str(e["id"]))
def test_doc_example_validates(cat: Any, entry: dict[str, Any]) -> None:
    entry_op = op(cat, entry["operation"])
    for instance in _instances(entry):
        if entry["direction"] == "request":
            member = "query" if entry_op.method == "GET" else "body"
            errors = entry_op.request_errors({member: instance})
        else:
            assert entry["direction"] == "response", entry["direction"]
            errors = entry_op.response_errors(instance)
        assert errors == [], [str(e) for e in errors]


def test_every_operation_has_doc_examples() -> None:
    if not EXAMPLES.exists():
        pytest.skip("fixtures/docs/examples.json is not there yet")
    covered = {e["operation"] for e in _examples()}
    # aigModel/list documents its request only as a query string in cURL lines.
    assert covered == set(OPS)


def test_openapi_examples_validate(cat: Any, akool_docs: Path) -> None:
    yaml = pytest.importorskip("yaml")
    spec = yaml.safe_load((akool_docs / "openapi" / "face-detection.yaml").read_text(encoding="utf-8"))
    routes = {
        "/detect_faces": "face_detection.detect_faces",
        "/faceswap/analyze_frames": "face_detection.analyze_frames",
    }
    checked = 0
    for route, op_id in routes.items():
        post = spec["paths"][route]["post"]
        for example in post["requestBody"]["content"]["application/json"]["examples"].values():
            assert body_errors(cat, op_id, example["value"]) == [], example["summary"]
            checked += 1
        for response in post["responses"].values():
            content = response["content"]["application/json"]
            bodies = [e["value"] for e in content.get("examples", {}).values()]
            bodies += [content["example"]] if "example" in content else []
            for answer in bodies:
                assert op(cat, op_id).response_errors(answer) == [], answer
                checked += 1
    legacy = yaml.safe_load((akool_docs / "openapi" / "face-detect-legacy.yaml").read_text(encoding="utf-8"))
    legacy_body = legacy["paths"]["/detect"]["post"]["requestBody"]["content"]["application/json"]["example"]
    assert body_errors(cat, "face_detection.detect_legacy", legacy_body) == []
    assert checked >= 15
