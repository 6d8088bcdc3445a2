"""Face detection (mock_server/handlers/face_detection.py): detect_faces, analyze_frames, legacy detect."""

from __future__ import annotations

import base64
import random
import re
import struct
import uuid
import zlib
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akool_mock.mock_server.handlers.face_detection import Face, Media, _crop, bare_error, image_size
from akool_mock.mock_server.settings import DEFAULT_CLIENT_ID, build_settings
from akool_mock.schemas import load_catalog
from tests.mock_server.conftest import Fake

DETECT = "/interface/detect-api/detect_faces"
ANALYZE = "/interface/detect-api/faceswap/analyze_frames"
LEGACY = "/detect"
PHOTO = "https://example.com/photo.jpg"
VIDEO = "https://example.com/video.mp4"
LANDMARKS_STR = re.compile(r"^\d+,\d+(:\d+,\d+){3}$")
SETTLE = settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)


def png(width: int, height: int) -> bytes:
    """A PNG header with the given size (the fake reads only the IHDR chunk)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))


def jpeg(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof0 + b"\xff\xd9"


def b64(data: bytes, *, uri: bool = False) -> str:
    text = base64.b64encode(data).decode()
    return f"data:image/png;base64,{text}" if uri else text


def detect(fake: Fake, **body: Any) -> dict[str, Any]:
    answer: dict[str, Any] = fake.post(DETECT, body)
    return answer


def frame0(fake: Fake, **body: Any) -> dict[str, Any]:
    answer = detect(fake, **body)
    assert answer["error_code"] == 0, answer
    frame: dict[str, Any] = answer["faces_obj"]["0"]
    return frame


def refused(
    fake: Fake, path: str, body: dict[str, Any], code: int, headers: dict[str, str] | None = None
) -> None:
    """An error raised before the handler (request check, auth). Today the pipeline answers Akool's
    {code, msg}, which the bare schemas refuse (so the answer is not schema-checked here); once the pipeline
    renders `bare_error` (notes #face_detection-pipeline-errors) the bare shape is accepted too."""
    answer = fake.request("POST", path, body=body, headers=headers, check=False).body
    if "code" in answer:
        assert answer["code"] == code, answer
    else:
        op = load_catalog().by_route("POST", "openapi.akool.com", path) or load_catalog().by_route(
            "POST", "sg3.akool.com", path
        )
        assert op is not None
        assert op.response_errors(answer) == []
        assert answer.get("success") is False or answer["error_code"] != 0


def inside(points: list[list[int]], width: int, height: int) -> bool:
    return all(0 <= x <= width and 0 <= y <= height for x, y in points)


def check_frame(frame: dict[str, Any], width: int, height: int) -> None:
    assert 1 <= len(frame["landmarks"]) <= 3
    assert len(frame["landmarks"]) == len(frame["region"]) == len(frame["landmarks_str"])
    for points, region, text in zip(frame["landmarks"], frame["region"], frame["landmarks_str"], strict=True):
        x, y, w, h = region
        assert w >= 80
        assert x >= 0
        assert y >= 0
        assert x + w <= width
        assert y + h <= height
        assert inside(points, width, height)
        assert all(x <= px <= x + w and y <= py <= y + h for px, py in points)
        assert text == ":".join(f"{px},{py}" for px, py in points[:4])
        assert LANDMARKS_STR.match(text)


# ----- detect_faces ----------------------------------------------------------------------------------


def test_image_answer_has_frame_0_only(fake: Fake) -> None:
    answer = detect(fake, url=PHOTO)
    assert answer["error_msg"] == "SUCCESS"
    assert list(answer["faces_obj"]) == ["0"]
    frame = answer["faces_obj"]["0"]
    assert frame["removed"] == []
    assert frame["frame_time"] is None
    assert frame["face_urls"] is None
    assert frame["crop_region"] is None
    assert frame["crop_landmarks"] is None
    check_frame(frame, 1920, 1350)


def test_same_image_gives_the_same_faces(fake: Fake, fake_factory: Callable[..., Fake]) -> None:
    first = frame0(fake, url=PHOTO)
    assert frame0(fake, url=PHOTO) == first
    assert frame0(fake_factory(), url=PHOTO) == first  # another fake with the same seed
    assert frame0(fake, url="https://example.com/another.jpg") != first
    other_seed = fake_factory(build_settings(clock="manual", seed=8))
    assert frame0(other_seed, url=PHOTO) != first


def test_url_wins_over_img(fake: Fake) -> None:
    assert frame0(fake, url=PHOTO, img=b64(png(640, 480))) == frame0(fake, url=PHOTO)
    assert frame0(fake, url="", img=b64(png(640, 480))) == frame0(fake, img=b64(png(640, 480)))


@pytest.mark.parametrize("data", [png(640, 480), jpeg(640, 480)])
def test_base64_image_faces_lie_inside_it(fake: Fake, data: bytes) -> None:
    check_frame(frame0(fake, img=b64(data)), 640, 480)
    check_frame(frame0(fake, img=b64(data, uri=True)), 640, 480)


def test_single_face_is_the_largest(fake: Fake) -> None:
    url = next(
        u
        for u in (f"https://example.com/{i}.jpg" for i in range(50))
        if len(frame0(fake, url=u)["region"]) > 1
    )
    every = frame0(fake, url=url)
    single = frame0(fake, url=url, single_face=True)
    assert len(single["region"]) == 1
    areas = [w * h for _, _, w, h in every["region"]]
    biggest = areas.index(max(areas))
    assert single["region"][0] == every["region"][biggest]
    assert single["landmarks_str"][0] == every["landmarks_str"][biggest]


def test_cropped_faces_are_served_by_the_fake(fake: Fake) -> None:
    frame = frame0(fake, url=PHOTO, return_face_url=True)
    assert len(frame["face_urls"]) == len(frame["region"]) == len(frame["crop_region"])
    for url, crop, region, text in zip(
        frame["face_urls"], frame["crop_region"], frame["region"], frame["crop_landmarks"], strict=True
    ):
        cx, cy, cw, ch = crop
        x, y, w, h = region
        assert cx <= x
        assert cy <= y
        assert cx + cw >= x + w
        assert cy + ch >= y + h
        assert LANDMARKS_STR.match(text)
        path = url.removeprefix(fake.backend.settings.base_url)
        media = fake.request("GET", path)
        assert media.status == 200
        assert media.content_type == "image/png"
        job = fake.backend.jobs.get(path.rsplit("/", 1)[1].split(".")[0])
        assert job.owner == DEFAULT_CLIENT_ID
        assert job.status == 3


@pytest.mark.parametrize("policy", ["polls", "manual"])
def test_crops_are_complete_whatever_the_lifecycle(fake_factory: Callable[..., Fake], policy: str) -> None:
    fake = fake_factory(build_settings({"lifecycle": {"policy": policy}}, clock="manual", seed=7))
    answer = fake.post(ANALYZE, {"frame_urls": [PHOTO]})
    for person in answer["persons"]:
        path = person["face_url"].removeprefix(fake.backend.settings.base_url)
        assert fake.request("GET", path).status == 200
    fake.clock.advance(7 * 86400 + 1)
    assert fake.request("GET", path).status == 404  # expired like every result URL


def test_crop_matches_the_pages_example_geometry() -> None:
    face = Face(80, 50, 150, 180, 0)
    region, _ = _crop(face, Media(1000, 1000, False, random.Random(0)), 0.3)
    assert region == [30, 0, 250, 280]  # the detect-faces page's Example 3


def test_video_frames_track_faces(fake: Fake) -> None:
    answer = detect(fake, url=VIDEO, num_frames=4)
    frames = answer["faces_obj"]
    keys = [int(k) for k in frames]
    assert len(keys) == 4
    assert keys == sorted(keys)
    assert keys[0] == 0
    previous: list[list[int]] = []
    for key in keys:
        frame = frames[str(key)]
        assert frame["frame_time"] == round(key / 25, 3)
        assert frame["removed"] == previous
        previous = frame["region"]
        check_frame(frame, 1920, 1280)


def test_video_num_frames_defaults_to_5(fake: Fake) -> None:
    assert len(detect(fake, url="https://example.com/clip.MOV?sig=1")["faces_obj"]) == 5


@pytest.mark.parametrize(
    ("img", "message"),
    [
        ("not base64 at all!", "Failed to process media"),
        (b64(b"just some text, not an image"), "Failed to process media"),
        (b64(png(1, 1)), "No faces detected"),
        (b64(png(60, 2000)), "No faces detected"),
    ],
)
def test_unreadable_or_tiny_images_answer_in_the_bare_envelope(fake: Fake, img: str, message: str) -> None:
    assert detect(fake, img=img) == {"error_code": 1, "error_msg": message, "faces_obj": {}}


def test_missing_input_is_refused_before_the_handler(fake: Fake) -> None:
    refused(fake, DETECT, {"url": "", "img": ""}, 1003)
    refused(fake, DETECT, {"url": "ftp://example.com/a.jpg"}, 1003)


@pytest.mark.parametrize(
    "op_id", ["face_detection.detect_faces", "face_detection.analyze_frames", "face_detection.detect_legacy"]
)
@pytest.mark.parametrize("code", [1003, 1101, 1102, 1200, 1006])
def test_bare_error_bodies_fit_the_contract(op_id: str, code: int) -> None:
    body = bare_error(op_id, code, "url: must match ^https?://")
    assert load_catalog().operation(op_id).response_errors(body) == []


def test_detection_is_free_and_needs_auth(fake: Fake) -> None:
    before = fake.backend.accounts[DEFAULT_CLIENT_ID].credits
    frame0(fake, url=PHOTO, return_face_url=True)
    fake.post(LEGACY, {"single_face": False, "image_url": PHOTO})
    fake.post(ANALYZE, {"frame_urls": [PHOTO]})
    assert fake.backend.accounts[DEFAULT_CLIENT_ID].credits == before
    for path in (DETECT, LEGACY, ANALYZE):
        refused(fake, path, {"url": PHOTO}, 1102, headers={})


# ----- analyze_frames --------------------------------------------------------------------------------


def test_single_frame_persons_are_the_detected_faces(fake: Fake) -> None:
    regions = frame0(fake, url=PHOTO)["region"]
    answer = fake.post(ANALYZE, {"frame_urls": [PHOTO]})
    assert answer["success"] is True
    assert answer["frame_count"] == 1
    persons = answer["persons"]
    assert [p["bbox"] for p in persons] == [[x, y, x + w, y + h] for x, y, w, h in regions]
    for index, person in enumerate(persons):
        assert person["person_id"] == f"person_{index}"
        assert person["index"] == index
        assert person["first_seen"] == person["last_seen"] == 0.0
        assert person["appearances"] == [{"timestamp": 0.0, "frame_idx": 0, "bbox": person["bbox"]}]
        assert 0.85 <= person["confidence"] <= 0.99


def test_multi_frame_persons_are_merged(fake: Fake) -> None:
    urls = [f"https://example.com/frame_{i}.jpg" for i in range(4)]
    stamps = [0.0, 0.5, 1.0, 1.5]
    answer = fake.post(ANALYZE, {"frame_urls": urls, "timestamps": stamps, "expand_ratio": 0.5})
    assert answer["frame_count"] == 4
    lefts = [p["bbox"][0] for p in answer["persons"]]
    assert lefts == sorted(lefts)
    for person in answer["persons"]:
        seen = [a["frame_idx"] for a in person["appearances"]]
        assert seen == sorted(set(seen))
        assert seen[0] == 0
        assert [a["timestamp"] for a in person["appearances"]] == [stamps[i] for i in seen]
        assert person["first_seen"] == stamps[seen[0]]
        assert person["last_seen"] == stamps[seen[-1]]
        assert person["bbox"] == person["appearances"][0]["bbox"]


def test_analyze_frames_errors_use_success_false(fake: Fake) -> None:
    mismatch = fake.post(ANALYZE, {"frame_urls": [PHOTO, PHOTO], "timestamps": [0.0]})
    assert mismatch["success"] is False
    assert "timestamps" in mismatch["error"]
    assert fake.post(ANALYZE, {"frame_urls": [VIDEO]}) == {
        "success": False,
        "error": "Failed to process media",  # #audit-detect-error-texts
    }
    refused(fake, ANALYZE, {"frame_urls": []}, 1003)


# ----- legacy detector -------------------------------------------------------------------------------


def test_legacy_answer_is_flat_and_agrees_with_detect_faces(fake: Fake) -> None:
    answer = fake.post(LEGACY, {"single_face": False, "image_url": PHOTO, "img": ""})
    frame = frame0(fake, url=PHOTO)
    assert answer["error_code"] == 0
    assert answer["error_msg"] == "SUCCESS"
    assert answer["landmarks_str"] == frame["landmarks_str"]
    assert answer["region"] == frame["region"]
    assert all(points[4:] == [[0, 0], [0, 0]] and len(points) == 6 for points in answer["landmarks"])
    assert uuid.UUID(answer["trx_id"]).version == 4
    assert 0 < answer["seconds"] < 1


def test_legacy_single_face_and_base64(fake: Fake) -> None:
    single = fake.post(LEGACY, {"single_face": True, "img": b64(png(800, 600))})
    assert len(single["landmarks_str"]) == 1
    assert inside(single["landmarks"][0][:4], 800, 600)
    bad = fake.post(LEGACY, {"single_face": True, "img": b64(png(2, 2))})
    assert bad["error_code"] == 1
    assert bad["error_msg"] == "No faces detected"
    assert "trx_id" in bad
    refused(fake, LEGACY, {"image_url": PHOTO}, 1003)  # single_face is required


# ----- properties ------------------------------------------------------------------------------------


@SETTLE
@given(width=st.integers(1, 4000), height=st.integers(1, 4000), kind=st.sampled_from(["png", "jpeg"]))
def test_faces_always_fit_the_image(fake: Fake, width: int, height: int, kind: str) -> None:
    data = png(width, height) if kind == "png" else jpeg(width, height)
    assert image_size(data) == (width, height)
    answer = detect(fake, img=b64(data))
    if width < 80 or height < 100:
        assert answer["error_code"] == 1
    else:
        check_frame(answer["faces_obj"]["0"], width, height)


@SETTLE
@given(name=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=30))
def test_any_url_gives_stable_faces_and_a_largest_single_face(fake: Fake, name: str) -> None:
    url = f"https://cdn.example.com/{name}.png"
    every = frame0(fake, url=url)
    assert frame0(fake, url=url) == every
    single = frame0(fake, url=url, single_face=True)
    assert single["region"][0] in every["region"]
    assert max(w * h for _, _, w, h in every["region"]) == single["region"][0][2] * single["region"][0][3]


@pytest.mark.parametrize(
    ("path", "body", "answer"),
    [
        (DETECT, {}, {"error_code": 1, "error_msg": "Either 'url' or 'img' parameter must be provided"}),
        (DETECT, {"url": "ftp://example.com/a.png"}, {"error_code": 1, "error_msg": "Invalid URL format"}),
        (DETECT, {"url": "http://[x"}, {"error_code": 1, "error_msg": "Invalid URL format"}),
        (DETECT, {"img": "!!not base64!!"}, {"error_code": 1, "error_msg": "Failed to process media"}),
        (ANALYZE, {}, {"success": False, "error": "frame_urls is required and must not be empty"}),
        (
            ANALYZE,
            {"frame_urls": []},
            {"success": False, "error": "frame_urls is required and must not be empty"},
        ),
        (
            ANALYZE,
            {"frame_urls": ["not a url"]},
            {"success": False, "error": "Failed to download image from URL"},
        ),
        (
            ANALYZE,
            {"frame_urls": ["http://[x"]},
            {"success": False, "error": "Failed to download image from URL"},
        ),
    ],
)
def test_request_errors_use_the_documented_texts(
    fake: Fake, path: str, body: dict[str, Any], answer: dict[str, Any]
) -> None:
    """#audit-detect-error-texts: error_code 1 (or success false) with the pages' own error texts."""
    got = fake.request("POST", path, body=body).body
    assert {key: got[key] for key in answer} == answer


def test_uncovered_request_errors_keep_naming_the_field(fake: Fake) -> None:
    got = fake.post(DETECT, {"url": PHOTO, "num_frames": 0})
    assert got["error_code"] == 1
    assert got["error_msg"].startswith("num_frames")
