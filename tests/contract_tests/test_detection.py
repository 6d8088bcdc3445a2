"""The face detection checks of the contract suite (contract_tests.detection), on made-up answers."""

from __future__ import annotations

import struct
import zlib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akool_mock.contract_tests import detection
from akool_mock.contract_tests.checks import CheckFailure
from akool_mock.contract_tests.exchange import Exchange
from akool_mock.schemas import load_catalog


def answer(faces_obj: dict[str, Any], code: int = 0, msg: str = "SUCCESS") -> Exchange:
    body = {"error_code": code, "error_msg": msg, "faces_obj": faces_obj}
    return Exchange(load_catalog().operation("face_detection.detect_faces"), {}, 200, body)


def frame(region: list[list[int]], removed: list[list[int]], at: float | None = 0.0) -> dict[str, Any]:
    return {"landmarks": [], "region": region, "removed": removed, "frame_time": at}


@given(width=st.integers(1, 400), height=st.integers(1, 400))
def test_png_is_a_real_picture_of_its_size(width: int, height: int) -> None:
    data = detection.png(width, height)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert struct.unpack(">II", data[16:24]) == (width, height)
    idat = data.index(b"IDAT")
    (length,) = struct.unpack(">I", data[idat - 4 : idat])
    assert len(zlib.decompress(data[idat + 4 : idat + 4 + length])) == (width + 1) * height


def test_boxes_fit_the_picture_or_the_check_names_the_box() -> None:
    inside = answer({"0": {**frame([[0, 0, 100, 80]], [], None), "crop_region": [[0, 0, 100, 100]]}})
    detection.boxes_fit(100, 100)(inside)
    wide = answer({"0": {**frame([[10, 0, 80, 80]], [], None), "crop_region": [[10, 0, 100, 100]]}})
    with pytest.raises(CheckFailure, match=r"crop_region \[10, 0, 100, 100\] does not fit the 100x100"):
        detection.boxes_fit(100, 100)(wide)


def test_a_read_picture_has_faces_or_says_it_has_none() -> None:
    detection.found_faces_or_none(answer({"0": frame([[0, 0, 9, 9]], [], None)}))
    detection.found_faces_or_none(answer({}, code=1, msg="No faces detected"))
    with pytest.raises(CheckFailure, match="valid picture"):
        detection.found_faces_or_none(
            answer({}, code=1, msg="Either 'url' or 'img' parameter must be provided")
        )


def test_video_frames_remove_the_previous_frames_boxes() -> None:
    a, b = [[0, 0, 10, 10]], [[5, 5, 10, 10]]
    detection.tracks_faces(answer({"0": frame(a, []), "5": frame(b, a, 0.2), "10": frame(a, b, 0.4)}))
    with pytest.raises(CheckFailure, match="frame 5 removed None"):
        detection.tracks_faces(answer({"0": frame(a, []), "5": frame(b, None, 0.2)}))  # type: ignore[arg-type]
    with pytest.raises(CheckFailure, match="several frames answered 1"):
        detection.tracks_faces(answer({"0": frame(a, [], None)}))
    with pytest.raises(CheckFailure, match="no frame_time"):
        detection.tracks_faces(answer({"0": frame(a, [], None), "5": frame(b, a, None)}))


def legacy(body: dict[str, Any]) -> Exchange:
    return Exchange(load_catalog().operation(detection.LEGACY), {}, 200, body)


@given(width=st.integers(1, 16384), height=st.integers(1, 16384))
def test_webp_is_a_lossless_riff_of_its_size(width: int, height: int) -> None:
    data = detection.webp(width, height)
    assert data[:4] == b"RIFF"
    assert data[8:16] == b"WEBPVP8L"
    assert struct.unpack("<I", data[4:8])[0] == len(data) - 8
    (length,) = struct.unpack("<I", data[16:20])
    assert len(data) == 20 + length + length % 2
    assert data[20] == 0x2F  # the VP8L signature, then 14 bits width - 1, 14 bits height - 1, alpha, version
    (bits,) = struct.unpack("<I", data[21:25])
    assert ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, bits >> 29) == (width, height, 0)


def test_the_legacy_answer_is_one_frame() -> None:
    found = legacy({"error_code": 0, "error_msg": "SUCCESS", "region": [[0, 0, 9, 9]]})
    assert detection.frames(found) == [(0, found.body)]
    detection.found_faces_or_none(found)
    detection.boxes_fit(9, 9)(found)
    with pytest.raises(CheckFailure, match=r"region \[0, 0, 9, 9\] does not fit the 8x8"):
        detection.boxes_fit(8, 8)(found)
    detection.found_faces_or_none(legacy({"error_code": 1, "error_msg": "face not found"}))
    with pytest.raises(CheckFailure, match="valid picture"):
        detection.found_faces_or_none(legacy({"error_code": 1, "error_msg": "img is required"}))


@pytest.mark.parametrize(
    ("msg", "used"),
    [
        ("Failed to download media from URL", True),
        ("No faces detected", True),
        ("Media type detection failed", True),
        ("Either 'url' or 'img' parameter must be provided", False),
        ("Invalid URL format", False),
    ],
)
def test_a_url_is_used_or_fails_as_a_fetch(msg: str, used: bool) -> None:
    detection.url_read(answer({"0": frame([], [], None)}))
    if used:
        detection.url_read(answer({}, code=1, msg=msg))
    else:
        with pytest.raises(CheckFailure, match="well-formed URL"):
            detection.url_read(answer({}, code=1, msg=msg))


def test_an_unreadable_img_answers_1_with_a_page_text() -> None:
    detection.refused_as_unreadable(answer({}, code=1, msg="Failed to process media"))
    detection.refused_as_unreadable(legacy({"error_code": 1, "error_msg": "bad image"}))
    with pytest.raises(CheckFailure, match="answered 2; expected"):
        detection.refused_as_unreadable(legacy({"error_code": 2, "error_msg": "bad image"}))
    with pytest.raises(CheckFailure, match="a text the page does not give"):
        detection.refused_as_unreadable(answer({}, code=1, msg="bad image"))
    with pytest.raises(CheckFailure, match="answered 1000"):
        detection.refused_as_unreadable(answer({"0": frame([], [], None)}))


def test_a_detect_faces_error_carries_an_empty_faces_obj() -> None:
    detection.error_has_empty_faces_obj(answer({}, code=1, msg="Invalid URL format"))
    detection.error_has_empty_faces_obj(legacy({"error_code": 1, "error_msg": "No faces detected"}))
    bare = answer({}, code=1, msg="Invalid URL format")
    del bare.body["faces_obj"]
    with pytest.raises(CheckFailure, match=r"faces_obj None, not \{\}"):
        detection.error_has_empty_faces_obj(bare)


def crops(urls: Any, crop_region: Any, marks: Any) -> Exchange:
    shown = {**frame([[80, 50, 150, 180]], [], None), "face_urls": urls, "crop_region": crop_region}
    exchange = answer({"0": {**shown, "crop_landmarks": marks}})
    return Exchange(exchange.op, {"body": {"return_face_url": True}}, 200, exchange.body)


def test_crops_come_one_per_face_and_hold_it() -> None:
    url, box, marks = ["https://s3.example.com/f.jpg"], [[30, 0, 250, 280]], ["90,85:150,88:120,130:120,165"]
    detection.crops_per_face(crops(url, box, marks))  # the page's Example 3
    unasked = crops(None, None, None)
    detection.crops_per_face(Exchange(unasked.op, {"body": {}}, 200, unasked.body))
    with pytest.raises(CheckFailure, match="1 faces, 0 face_urls, 0 crop_region, 0 crop_landmarks"):
        detection.crops_per_face(unasked)
    with pytest.raises(CheckFailure, match="no http"):
        detection.crops_per_face(crops(["face.jpg"], box, marks))
    with pytest.raises(CheckFailure, match="does not hold the face"):
        detection.crops_per_face(crops(url, [[90, 0, 250, 280]], marks))
    with pytest.raises(CheckFailure, match="not 4 points"):
        detection.crops_per_face(crops(url, box, ["90,85:150,88:120,130:120,300"]))
