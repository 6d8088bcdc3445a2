"""Decisions of schemas/NOTES.md, per-operation examples, and the docs' examples for faceswap.*."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from akool_mock.schemas import load_catalog

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "fixtures" / "docs" / "examples.json"
DEFECTS = ROOT / "fixtures" / "docs" / "defects" / "faceswap.json"
CATALOG = ROOT / "schemas" / "catalog" / "faceswap.json"
ERROR_ENVELOPE = "urn:akool-mock:schemas:common#/$defs/ErrorEnvelope"

OPS = (
    "faceswap.create_image",
    "faceswap.create_image_pro",
    "faceswap.create_image_plus",
    "faceswap.create_video",
    "faceswap.list_results",
    "faceswap.delete_results",
    "faceswap.get_quota",
    "faceswap.reage_image",
    "faceswap.reage_video",
    "faceswap.cancel_job",
)
JOB_OPS = (
    "faceswap.create_image",
    "faceswap.create_image_pro",
    "faceswap.create_image_plus",
    "faceswap.create_video",
    "faceswap.reage_image",
    "faceswap.reage_video",
)
OID = "6593c94c0ef703e8c055e3c8"
PATIENT = (
    "Please be patient! If your results are not generated in three hours, please check your input image."
)

# ---------------------------------------------------------------- docs' examples, verbatim (comments removed)

# openapi/faceswap.yaml, specifyimage request example
V3_IMAGE_BODY: dict[str, Any] = {
    "targetImage": [
        {
            "path": "https://d21ksh0k4smeql.cloudfront.net/crop_1694593694387-4562-0-1694593694575-0526.png",
            "opts": "262,175:363,175:313,215:272,279",
        }
    ],
    "sourceImage": [
        {
            "path": "https://d21ksh0k4smeql.cloudfront.net/crop_1705462509874-9254-0-1705462510015-9261.png",
            "opts": "239,364:386,366:317,472:266,539",
        }
    ],
    "face_enhance": 0,
    "modifyImage": "https://d21ksh0k4smeql.cloudfront.net/bdd1c994c4cd7a58926088ae8a479168-1705462506461-1966.jpeg",
    "webhookUrl": "",
}
# openapi/faceswap.yaml, specifyimage response example (also the reage pages' response)
V3_SUBMIT_ANSWER: dict[str, Any] = {
    "code": 1000,
    "msg": PATIENT,
    "data": {
        "_id": OID,
        "url": "https://***.cloudfront.net/final_71688047459_.pic-1704184129269-4947-f8abc658-fa82-420f-b1b3-c747d7f18e14-8535.jpg",
        "job_id": "20240102082900592-5653",
    },
}
# openapi/faceswap.yaml, specifyvideo request example
V3_VIDEO_BODY: dict[str, Any] = {
    "sourceImage": [
        {
            "path": "https://d21ksh0k4smeql.cloudfront.net/crop_1705475757658-3362-0-1705475757797-3713.png",
            "opts": "239,364:386,366:317,472:266,539",
        }
    ],
    "targetImage": [
        {
            "path": "https://d21ksh0k4smeql.cloudfront.net/crop_1705479323786-0321-0-1705479323896-7695.png",
            "opts": "176,259:243,259:209,303:183,328",
        }
    ],
    "face_enhance": 0,
    "modifyVideo": "https://d21ksh0k4smeql.cloudfront.net/avatar_01-1705479314627-0092.mp4",
    "webhookUrl": "",
}
# openapi/faceswap.yaml, faceswapByImage request example
V4_PRO_BODY: dict[str, Any] = {
    "sourceImage": [{"path": "https://example.com/new-face.jpg"}],
    "targetImage": [{"path": "https://example.com/original.jpg"}],
    "model_name": "akool_faceswap_image_hq",
    "face_enhance": False,
}
# pages/ai-tools-suite__faceswap.md, "Face Swap Pro" example
V4_PRO_OVERVIEW_BODY: dict[str, Any] = {
    "targetImage": [{"path": "https://example.com/original.jpg"}],
    "sourceImage": [{"path": "https://example.com/replacement-face.jpg"}],
    "model_name": "akool_faceswap_image_hq",
    "face_enhance": False,
}
V4_SUBMIT_ANSWER: dict[str, Any] = {
    "code": 1000,
    "msg": "OK",
    "data": {"_id": OID, "job_id": "20240102082900592-5653"},
}
# openapi/faceswap.yaml, faceswapPlusByImage examples
PLUS_MULTI_FACE: dict[str, Any] = {
    "source_url": "https://example.com/new-face.jpg",
    "target_url": "https://example.com/group-photo.jpg",
    "face_enhance": False,
    "model_style": "realistic",
    "single_face_mode": False,
    "face_mapping": [
        {
            "source_face_info": {"face_url": "https://example.com/source-face-1.jpg"},
            "target_face_info": {"face_url": "https://example.com/target-face-1.jpg"},
        },
        {
            "source_face_info": {"face_url": "https://example.com/source-face-2.jpg"},
            "target_face_info": {"face_url": "https://example.com/target-face-2.jpg"},
        },
    ],
}
PLUS_VIDEO_SEGMENT: dict[str, Any] = {
    "source_url": "https://example.com/new-face.jpg",
    "target_url": "https://example.com/video.mp4",
    "single_face_mode": True,
    "face_enhance": False,
}
# openapi/faceswap.yaml, delbyids request example
DELETE_BODY: dict[str, Any] = {"_ids": "64ef2f27b33f466877701c6a,64ef2f27b33f466877701c6b"}
# pages/ai-tools-suite__reage.md
REAGE_IMAGE_BODY: dict[str, Any] = {
    "targetImage": [
        {
            "path": "https://d21ksh0k4smeql.cloudfront.net/crop_1695201103793-0234-0-1695201106985-2306.png",
            "opts": "2804,2182:3607,1897:3341,2566:3519,2920",
        }
    ],
    "face_reage": 10,
    "modifyImage": "https://d3t6pcz7y7ey7x.cloudfront.net/material1__a92671d0-7960-4028-b2fc-aadd3541f32d.jpg",
    "webhookUrl": "",
}
REAGE_VIDEO_BODY: dict[str, Any] = {
    "targetImage": [
        {
            "path": "https://static.website-files.org/assets/images/faceswap/crop_1719224038759-3888-0-1719224039439-1517.jpg",
            "opts": "1408,786:1954,798:1653,1091:1447,1343",
        }
    ],
    "face_reage": 10,
    "modifyVideo": "https://d3t6pcz7y7ey7x.cloudfront.net/Video10__d2a8cf85-10ae-4c2d-8f4b-d818c0a2e4a4.mp4",
    "webhookUrl": "",
}
LIST_QUERY: dict[str, Any] = {"_ids": "64ef2f27b33f466877701c6a"}
LIST_ANSWER: dict[str, Any] = {
    "code": 1000,
    "msg": "OK",
    "data": {
        "result": [
            {
                "faceswap_type": 1,
                "faceswap_quality": 2,
                "faceswap_status": 1,
                "deduction_status": 1,
                "image": 1,
                "video_duration": 0,
                "deduction_duration": 0,
                "update_time": 0,
                "_id": "64dae65af6e250d4fb2bca63",
                "userId": "64d985c5571729d3e2999477",
                "uid": 378337,
                "url": "https://d21ksh0k4smeql.cloudfront.net/final_material__d71fad6e-a464-43a5-9820-6e4347dce228-80554b9d-2387-4b20-9288-e939952c0ab4-0356.jpg",
                "createdAt": "2023-08-15T02:43:38.536Z",
            }
        ]
    },
}
CANCEL_DOC_BODY: dict[str, Any] = {"job_ids": ""}
OK_ANSWER: dict[str, Any] = {"code": 1000, "msg": "OK"}

# What Akool's own clients send (AKOOL-Official/akool-face-swap-demo, akool-reage-demo).
DEMO_V3_IMAGE: dict[str, Any] = {
    "sourceImage": [
        {"path": "https://example.com/s1.png", "opts": "1,2:3,4:5,6:7,8"},
        {"path": "https://example.com/s2.png", "opts": "11,12:13,14:15,16:17,18"},
    ],
    "targetImage": [
        {"path": "https://example.com/t.jpeg", "opts": "21,22:23,24:25,26:27,28"},
        {"path": "https://example.com/t.jpeg", "opts": "31,32:33,34:35,36:37,38"},
    ],
    "face_enhance": 1,
    "modifyImage": "https://example.com/t.jpeg",
    "webhookUrl": "https://hook.example.com/api/webhook",
}
DEMO_V4: dict[str, Any] = {
    "targetImage": [{"path": "https://example.com/t.jpeg"}],
    "sourceImage": [{"path": "https://example.com/s.png"}],
    "model_name": "akool_faceswap_image_hq",
    "webhookUrl": "https://hook.example.com/api/webhook",
    "face_enhance": True,
}
DEMO_REAGE_IMAGE: dict[str, Any] = {
    "targetImage": [{"path": "https://example.com/t.png", "opts": ["262,175:363,175:313,215:272,279"]}],
    "face_reage": -12,
    "modifyImage": "https://example.com/t.png",
    "webhookUrl": "https://hook.example.com/api/webhook",
}


@pytest.fixture(scope="module")
def cat() -> Any:
    return load_catalog()


def paths(errors: list[Any]) -> set[str]:
    return {e.path for e in errors}


def body_errors(cat: Any, op_id: str, body: Any) -> list[Any]:
    return cat.operation(op_id).request_errors({"body": body})


def with_(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(base)
    out.update(changes)
    return out


def without(base: dict[str, Any], key: str) -> dict[str, Any]:
    out = copy.deepcopy(base)
    del out[key]
    return out


# ---------------------------------------------------------------- decisions


def test_face_enhance_is_integer_on_v3_and_boolean_on_v4(cat: Any) -> None:
    for op_id, body in (("faceswap.create_image", V3_IMAGE_BODY), ("faceswap.create_video", V3_VIDEO_BODY)):
        for value in (0, 1):
            assert body_errors(cat, op_id, with_(body, face_enhance=value)) == []
        for value in (True, False, 2, "1"):
            assert "body.face_enhance" in paths(body_errors(cat, op_id, with_(body, face_enhance=value)))
    for op_id, body in (
        ("faceswap.create_image_pro", V4_PRO_BODY),
        ("faceswap.create_image_plus", PLUS_VIDEO_SEGMENT),
    ):
        for value in (True, False):
            assert body_errors(cat, op_id, with_(body, face_enhance=value)) == []
        for value in (0, 1, "true"):
            assert "body.face_enhance" in paths(body_errors(cat, op_id, with_(body, face_enhance=value)))
    # Akool's face-swap demo: v3 sends `faceEnhance ? 1 : 0`, v4 the boolean.
    assert body_errors(cat, "faceswap.create_image", DEMO_V3_IMAGE) == []
    assert body_errors(cat, "faceswap.create_image_pro", DEMO_V4) == []


def test_list_items_accept_job_id_and_missing_optionals(cat: Any) -> None:
    op = cat.operation("faceswap.list_results")
    item = {"_id": OID, "job_id": "20240102082900592-5653", "faceswap_status": 2}
    assert op.response_errors({"code": 1000, "msg": "OK", "data": {"result": [item]}}) == []
    bad = with_(item, job_id=20240102)
    assert "data.result[0].job_id" in paths(
        op.response_errors({"code": 1000, "msg": "OK", "data": {"result": [bad]}})
    )
    missing = without(item, "faceswap_status")
    errors = op.response_errors({"code": 1000, "msg": "OK", "data": {"result": [missing]}})
    assert "data.result[0].faceswap_status" in paths(errors)


def test_faceswap_status_may_be_a_numeric_string(cat: Any) -> None:
    op = cat.operation("faceswap.list_results")

    def answer(status: Any) -> dict[str, Any]:
        return {"code": 1000, "msg": "OK", "data": {"result": [{"_id": OID, "faceswap_status": status}]}}

    for status in (1, 2, 3, 4, "1", "3", "4"):
        assert op.response_errors(answer(status)) == []
    for status in (0, 5, "5", "done", None, 3.5):
        assert "data.result[0].faceswap_status" in paths(op.response_errors(answer(status)))


def test_msg_is_any_string(cat: Any) -> None:
    for op_id in ("faceswap.create_image", "faceswap.create_video", "faceswap.reage_image"):
        op = cat.operation(op_id)
        assert op.response_errors(V3_SUBMIT_ANSWER) == []
        assert op.response_errors(with_(V3_SUBMIT_ANSWER, msg="OK")) == []
        assert op.response_errors(with_(V3_SUBMIT_ANSWER, msg="ok")) == []
        assert "msg" in paths(op.response_errors(without(V3_SUBMIT_ANSWER, "msg")))
        assert "msg" in paths(op.response_errors(with_(V3_SUBMIT_ANSWER, msg=None)))


def test_v3_submit_returns_url_and_v4_does_not(cat: Any) -> None:
    no_url = with_(V3_SUBMIT_ANSWER, data={"_id": OID, "job_id": "20240102082900592-5653"})
    for op_id in (
        "faceswap.create_image",
        "faceswap.create_video",
        "faceswap.reage_image",
        "faceswap.reage_video",
    ):
        op = cat.operation(op_id)
        assert op.response_errors(V3_SUBMIT_ANSWER) == []
        assert "data.url" in paths(op.response_errors(no_url))
        bad_url = with_(V3_SUBMIT_ANSWER, data={**V3_SUBMIT_ANSWER["data"], "url": "not a url"})
        assert "data.url" in paths(op.response_errors(bad_url))
    for op_id in ("faceswap.create_image_pro", "faceswap.create_image_plus"):
        op = cat.operation(op_id)
        assert op.response_errors(V4_SUBMIT_ANSWER) == []
        assert "data.job_id" in paths(op.response_errors(with_(V4_SUBMIT_ANSWER, data={"_id": OID})))


def test_ids_are_one_comma_separated_string(cat: Any) -> None:
    list_op = cat.operation("faceswap.list_results")
    delete_op = cat.operation("faceswap.delete_results")
    good = (OID, f"{OID},64ef2f27b33f466877701c6b", f"{OID}, 64ef2f27b33f466877701c6b")
    bad = ("", ",", f"{OID},", f",{OID}", f"{OID},,{OID}", [OID], [OID, OID], 123)
    for value in good:
        assert list_op.request_errors({"query": {"_ids": value}}) == []
        assert delete_op.request_errors({"body": {"_ids": value}}) == []
    for value in bad:
        assert "query._ids" in paths(list_op.request_errors({"query": {"_ids": value}}))
        assert "body._ids" in paths(delete_op.request_errors({"body": {"_ids": value}}))
    assert "query._ids" in paths(list_op.request_errors({"query": {}}))
    assert "body._ids" in paths(delete_op.request_errors({"body": {"ids": OID}}))


def test_reage_body(cat: Any) -> None:
    image, video = "faceswap.reage_image", "faceswap.reage_video"
    assert body_errors(cat, image, REAGE_IMAGE_BODY) == []
    assert body_errors(cat, video, REAGE_VIDEO_BODY) == []
    assert body_errors(cat, image, DEMO_REAGE_IMAGE) == []  # opts passed through as the detect array
    for value in (-30, 0, 30):
        assert body_errors(cat, image, with_(REAGE_IMAGE_BODY, face_reage=value)) == []
    for value in (-31, 31, 10.5, "10"):
        assert "body.face_reage" in paths(body_errors(cat, image, with_(REAGE_IMAGE_BODY, face_reage=value)))
    for key in ("targetImage", "face_reage", "modifyImage"):
        assert f"body.{key}" in paths(body_errors(cat, image, without(REAGE_IMAGE_BODY, key)))
    assert "body.modifyVideo" in paths(body_errors(cat, video, without(REAGE_VIDEO_BODY, "modifyVideo")))
    assert body_errors(cat, image, without(REAGE_IMAGE_BODY, "webhookUrl")) == []
    no_opts = with_(REAGE_IMAGE_BODY, targetImage=[{"path": "https://example.com/t.png"}])
    assert "body.targetImage[0].opts" in paths(body_errors(cat, image, no_opts))
    empty = with_(REAGE_IMAGE_BODY, targetImage=[])
    assert "body.targetImage" in paths(body_errors(cat, image, empty))
    # The job answers like v3: {_id, url, job_id}, and is polled with list_results.
    assert cat.operation(video).response_errors(V3_SUBMIT_ANSWER) == []


def test_cancel_job_takes_job_ids_string(cat: Any) -> None:
    op = cat.operation("faceswap.cancel_job")
    for value in ("20240102082900592-5653", "20240102082900592-5653,20240102082900593-0001"):
        assert op.request_errors({"body": {"job_ids": value}}) == []
    for value in ("", ["20240102082900592-5653"], 5):
        assert "body.job_ids" in paths(op.request_errors({"body": {"job_ids": value}}))
    assert "body.job_ids" in paths(op.request_errors({"body": {"_ids": OID}}))
    assert op.response_errors(OK_ANSWER) == []
    assert op.kind == "sync"


def test_opts_required_with_several_faces_and_is_a_string(cat: Any) -> None:
    one_to_one = {
        "sourceImage": [{"path": "https://example.com/s.png"}],
        "targetImage": [{"path": "https://example.com/t.png"}],
        "modifyImage": "https://example.com/t.png",
    }
    assert body_errors(cat, "faceswap.create_image", one_to_one) == []
    assert body_errors(cat, "faceswap.create_image_pro", without(one_to_one, "modifyImage")) == []
    several = with_(
        one_to_one,
        sourceImage=[
            {"path": "https://example.com/s.png", "opts": "1,2:3,4"},
            {"path": "https://example.com/u.png"},
        ],
    )
    for op_id, body in (
        ("faceswap.create_image", several),
        ("faceswap.create_image_pro", without(several, "modifyImage")),
    ):
        errors = paths(body_errors(cat, op_id, body))
        assert {"body.sourceImage[1].opts", "body.targetImage[0].opts"} <= errors
    as_array = copy.deepcopy(V3_VIDEO_BODY)
    as_array["sourceImage"][0]["opts"] = ["239,364:386,366:317,472:266,539"]
    assert "body.sourceImage[0].opts" in paths(body_errors(cat, "faceswap.create_video", as_array))
    garbage = copy.deepcopy(V3_IMAGE_BODY)
    garbage["targetImage"][0]["opts"] = "left eye, right eye"
    assert "body.targetImage[0].opts" in paths(body_errors(cat, "faceswap.create_image", garbage))
    not_url = copy.deepcopy(V3_IMAGE_BODY)
    not_url["targetImage"][0]["path"] = "crop.png"
    assert "body.targetImage[0].path" in paths(body_errors(cat, "faceswap.create_image", not_url))


def test_webhook_url_may_be_empty(cat: Any) -> None:
    bodies = {
        "faceswap.create_image": V3_IMAGE_BODY,
        "faceswap.create_video": V3_VIDEO_BODY,
        "faceswap.create_image_pro": V4_PRO_BODY,
        "faceswap.create_image_plus": PLUS_VIDEO_SEGMENT,
        "faceswap.reage_image": REAGE_IMAGE_BODY,
        "faceswap.reage_video": REAGE_VIDEO_BODY,
    }
    for op_id, body in bodies.items():
        assert body_errors(cat, op_id, with_(body, webhookUrl="")) == []
        assert body_errors(cat, op_id, with_(body, webhookUrl="https://hook.example.com/x")) == []
        assert "body.webhookUrl" in paths(body_errors(cat, op_id, with_(body, webhookUrl="hook")))
        assert "body.webhookUrl" in paths(body_errors(cat, op_id, with_(body, webhookUrl=" ")))


def test_face_counts(cat: Any) -> None:
    def faces(n: int) -> list[dict[str, str]]:
        return [{"path": f"https://example.com/{i}.png", "opts": "1,2:3,4:5,6:7,8"} for i in range(n)]

    pro = "faceswap.create_image_pro"
    assert body_errors(cat, pro, {"sourceImage": faces(50), "targetImage": faces(50)}) == []
    assert "body.sourceImage" in paths(
        body_errors(cat, pro, {"sourceImage": faces(51), "targetImage": faces(51)})
    )
    assert "body.targetImage" in paths(body_errors(cat, pro, {"sourceImage": faces(1), "targetImage": []}))
    # v3: more than 8 faces is business error 1007 (handler), not a schema error.
    v3 = with_(V3_IMAGE_BODY, sourceImage=faces(9), targetImage=faces(9))
    assert body_errors(cat, "faceswap.create_image", v3) == []
    assert "body.sourceImage" in paths(body_errors(cat, "faceswap.create_image", with_(v3, sourceImage=[])))


def test_plus_face_mapping_unless_single_face_mode(cat: Any) -> None:
    op_id = "faceswap.create_image_plus"
    assert body_errors(cat, op_id, PLUS_MULTI_FACE) == []
    assert body_errors(cat, op_id, PLUS_VIDEO_SEGMENT) == []
    for body in (
        without(PLUS_MULTI_FACE, "face_mapping"),
        without(without(PLUS_MULTI_FACE, "face_mapping"), "single_face_mode"),
        with_(PLUS_MULTI_FACE, face_mapping=[]),
    ):
        assert "body.face_mapping" in paths(body_errors(cat, op_id, body))
    no_source = with_(
        PLUS_MULTI_FACE, face_mapping=[{"target_face_info": {"face_url": "https://example.com/t.jpg"}}]
    )
    assert "body.face_mapping[0].source_face_info" in paths(body_errors(cat, op_id, no_source))
    target_bbox_only = with_(
        PLUS_MULTI_FACE,
        face_mapping=[
            {
                "source_face_info": {"face_url": "https://example.com/s.jpg", "bbox": [1, 2, 30, 40.5]},
                "target_face_info": {"bbox": [0, 0, 10, 10]},
            }
        ],
    )
    assert body_errors(cat, op_id, target_bbox_only) == []
    bad_bbox = copy.deepcopy(target_bbox_only)
    bad_bbox["face_mapping"][0]["target_face_info"]["bbox"] = [0, 0, 10]
    assert "body.face_mapping[0].target_face_info.bbox" in paths(body_errors(cat, op_id, bad_bbox))
    assert "body.model_style" in paths(
        body_errors(cat, op_id, with_(PLUS_VIDEO_SEGMENT, model_style="anime"))
    )


def test_catalog_jobs_and_pricing(cat: Any) -> None:
    raw = json.loads(CATALOG.read_text(encoding="utf-8"))
    assert raw["area"] == "faceswap"
    assert sorted(e["id"] for e in raw["operations"]) == sorted(OPS)
    for op_id in OPS:
        op = cat.operation(op_id)
        assert op.pricing is None
        assert op.host == "openapi.akool.com"
        assert op.auth == "required"
        assert op.envelope == "akool"
    for op_id in JOB_OPS:
        job = cat.operation(op_id).job
        assert job is not None
        assert job.webhook_type == "faceswap"
        assert job.status_field == "faceswap_status"
        assert job.poll_operation == "faceswap.list_results"
        assert job.id_path == "data._id"
        assert job.result_fields == ("url",)
    poll = cat.operation("faceswap.list_results").poll
    assert poll is not None
    assert (poll.id_in, poll.many, poll.items_path, poll.status_field) == (
        "query._ids",
        True,
        "data.result",
        "faceswap_status",
    )
    quota = cat.operation("faceswap.get_quota")
    assert quota.response_errors({"code": 1000, "msg": "OK", "data": {"credit": 12.5}}) == []
    assert "data.credit" in paths(
        quota.response_errors({"code": 1000, "msg": "OK", "data": {"credit": "12"}})
    )


# ---------------------------------------------------------------- one valid and one invalid request per op

REQUESTS: dict[str, tuple[dict[str, Any], dict[str, Any], str]] = {
    "faceswap.create_image": (
        {"body": V3_IMAGE_BODY},
        {"body": without(V3_IMAGE_BODY, "modifyImage")},
        "body.modifyImage",
    ),
    "faceswap.create_image_pro": (
        {"body": V4_PRO_BODY},
        {"body": with_(V4_PRO_BODY, model_name="akool_faceswap_image_sd")},
        "body.model_name",
    ),
    "faceswap.create_image_plus": (
        {"body": PLUS_MULTI_FACE},
        {"body": without(PLUS_MULTI_FACE, "target_url")},
        "body.target_url",
    ),
    "faceswap.create_video": (
        {"body": V3_VIDEO_BODY},
        {"body": with_(V3_VIDEO_BODY, modifyVideo="video.mp4")},
        "body.modifyVideo",
    ),
    "faceswap.list_results": ({"query": LIST_QUERY}, {"query": {"_ids": ""}}, "query._ids"),
    "faceswap.delete_results": ({"body": DELETE_BODY}, {"body": {"_ids": [OID]}}, "body._ids"),
    "faceswap.get_quota": ({}, {"query": "credit"}, "query"),
    "faceswap.reage_image": (
        {"body": REAGE_IMAGE_BODY},
        {"body": with_(REAGE_IMAGE_BODY, face_reage=40)},
        "body.face_reage",
    ),
    "faceswap.reage_video": (
        {"body": REAGE_VIDEO_BODY},
        {"body": without(REAGE_VIDEO_BODY, "targetImage")},
        "body.targetImage",
    ),
    "faceswap.cancel_job": (
        {"body": {"job_ids": "20240102082900592-5653"}},
        {"body": {"job_ids": ""}},
        "body.job_ids",
    ),
}


@pytest.mark.parametrize("op_id", OPS)
def test_valid_and_invalid_request(cat: Any, op_id: str) -> None:
    valid, invalid, field = REQUESTS[op_id]
    op = cat.operation(op_id)
    assert op.request_errors(valid) == []
    errors = op.request_errors(invalid)
    assert errors
    assert field in paths(errors)


@pytest.mark.parametrize("op_id", OPS)
def test_unknown_fields_are_allowed(cat: Any, op_id: str) -> None:
    valid, _, _ = REQUESTS[op_id]
    where = "query" if cat.operation(op_id).method == "GET" else "body"
    extra = {**valid, where: {**valid.get(where, {}), "something_new": 1}}
    assert cat.operation(op_id).request_errors(extra) == []
    assert "" in paths(cat.operation(op_id).request_errors({**valid, "headers": {}}))


# ---------------------------------------------------------------- the docs' examples

DOC_REQUESTS = [
    ("faceswap.create_image", {"body": V3_IMAGE_BODY}),
    ("faceswap.create_image_pro", {"body": V4_PRO_BODY}),
    ("faceswap.create_image_pro", {"body": V4_PRO_OVERVIEW_BODY}),
    ("faceswap.create_image_plus", {"body": PLUS_MULTI_FACE}),
    ("faceswap.create_image_plus", {"body": PLUS_VIDEO_SEGMENT}),
    ("faceswap.create_video", {"body": V3_VIDEO_BODY}),
    ("faceswap.list_results", {"query": LIST_QUERY}),
    ("faceswap.delete_results", {"body": DELETE_BODY}),
    ("faceswap.get_quota", {}),
    ("faceswap.reage_image", {"body": REAGE_IMAGE_BODY}),
    ("faceswap.reage_video", {"body": REAGE_VIDEO_BODY}),
]
DOC_RESPONSES = [
    ("faceswap.create_image", V3_SUBMIT_ANSWER),
    ("faceswap.create_video", V3_SUBMIT_ANSWER),
    ("faceswap.create_image_pro", V4_SUBMIT_ANSWER),
    ("faceswap.create_image_plus", V4_SUBMIT_ANSWER),
    ("faceswap.reage_image", V3_SUBMIT_ANSWER),
    ("faceswap.reage_video", V3_SUBMIT_ANSWER),
    ("faceswap.list_results", LIST_ANSWER),
    ("faceswap.delete_results", OK_ANSWER),
    ("faceswap.cancel_job", OK_ANSWER),
]


@pytest.mark.parametrize(("op_id", "instance"), DOC_REQUESTS)
def test_doc_request_examples(cat: Any, op_id: str, instance: dict[str, Any]) -> None:
    assert cat.operation(op_id).request_errors(instance) == []


@pytest.mark.parametrize(("op_id", "body"), DOC_RESPONSES)
def test_doc_response_examples(cat: Any, op_id: str, body: dict[str, Any]) -> None:
    assert cat.operation(op_id).response_errors(body) == []


def test_doc_cancel_example_is_a_defect(cat: Any) -> None:
    """The docs' cancel body sends an empty placeholder (schemas/NOTES.md#faceswap-cancel-job)."""
    assert paths(cat.operation("faceswap.cancel_job").request_errors({"body": CANCEL_DOC_BODY})) == {
        "body.job_ids"
    }


def test_doc_error_codes_use_the_error_envelope(cat: Any) -> None:
    """Codes of the faceswap and reage pages are answered with the common error envelope."""
    for code in (1003, 1005, 1006, 1007, 1101, 1102, 1200):
        body = {"code": code, "msg": "Parameter error or Parameter can not be empty"}
        for op_id in OPS:
            schema = cat.operation(op_id).response_schema_for(body)
            assert schema == ERROR_ENVELOPE
            assert cat.store.violations({"$ref": schema}, body) == []


# ---------------------------------------------------------------- fixtures/docs/examples.json


def _examples() -> list[dict[str, Any]]:
    if not EXAMPLES.exists():
        return []
    entries = json.loads(EXAMPLES.read_text(encoding="utf-8"))
    if isinstance(entries, dict):
        entries = entries.get("examples", [])
    return [e for e in entries if e.get("operation") in OPS]


def _defects() -> dict[str, Any]:
    if not DEFECTS.exists():
        return {}
    return dict(json.loads(DEFECTS.read_text(encoding="utf-8")))


def _instance(cat: Any, entry: dict[str, Any]) -> tuple[str, str, Any]:
    """(direction, prefix of the parsed example inside the instance, instance)."""
    parsed = entry["parsed"]
    if entry["direction"] == "response":
        return "response", "", parsed
    where = "query" if cat.operation(entry["operation"]).method == "GET" else "body"
    return "request", where + ".", {where: parsed}


EXAMPLE_ENTRIES = _examples()


@pytest.mark.skipif(not EXAMPLES.exists(), reason="fixtures/docs/examples.json not extracted yet")
@pytest.mark.parametrize("entry", EXAMPLE_ENTRIES, ids=[str(e.get("id")) for e in EXAMPLE_ENTRIES])
def test_extracted_doc_examples(cat: Any, entry: dict[str, Any]) -> None:
    if entry.get("parsed") is None:
        pytest.skip("example did not parse")
    op = cat.operation(entry["operation"])
    direction, prefix, instance = _instance(cat, entry)
    errors = op.response_errors(instance) if direction == "response" else op.request_errors(instance)
    defect = _defects().get(str(entry["id"]))
    if defect is None:
        assert errors == [], [str(e) for e in errors]
    else:
        assert prefix + defect["field"] in paths(errors), [str(e) for e in errors]


def test_defects_file_names_known_anchors() -> None:
    notes = (ROOT / "schemas" / "NOTES.md").read_text(encoding="utf-8")
    ids = {str(e.get("id")) for e in EXAMPLE_ENTRIES}
    for example_id, defect in _defects().items():
        assert {"field", "reason", "notes"} <= set(defect), example_id
        assert "{#" + defect["notes"] + "}" in notes, example_id
        assert example_id in notes, example_id
        if EXAMPLES.exists():
            assert example_id in ids, example_id
