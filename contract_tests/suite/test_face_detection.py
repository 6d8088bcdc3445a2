"""Face detection answers fit what was sent (current/ai-tools-suite/face-detection/detect-faces.mdx): the
boxes lie inside the picture, a picture sent as `img` is read (by detect_faces and the legacy detector), a URL
is used, a video's frames track its faces, crops come one per face, and errors keep the operation's shape."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akool_mock.contract_tests import checks, detection, profiles
from akool_mock.contract_tests.stateful import Harness
from akool_mock.fixtures import FIXTURES_DIR

OP = "face_detection.detect_faces"
BOTH = pytest.mark.parametrize("op", [OP, detection.LEGACY])  # the legacy detector reads `img` too
JPEG = FIXTURES_DIR / "media" / "placeholder.jpg"  # a real 64 x 64 JFIF picture (APP0 before SOF0)
JPEG_SIZE = (64, 64)


def picture(op: str, data: bytes, crops: bool = False, single: bool = False) -> dict[str, Any]:
    """The body that sends `data` as `img` to `op` (the legacy detector requires `single_face` and has no
    `return_face_url`)."""
    body: dict[str, Any] = {"img": base64.b64encode(data).decode(), "single_face": single}
    if op == OP:
        body["return_face_url"] = crops
    return body


@BOTH
@settings(max_examples=profiles.budget("machine"))
@given(
    width=st.integers(48, 1600),
    height=st.integers(48, 1600),
    crops=st.booleans(),
    single=st.booleans(),
)
def test_boxes_fit_the_picture_sent(
    harness: Harness, op: str, *, width: int, height: int, crops: bool, single: bool
) -> None:
    """A picture sent as `img` (base64) is read: faces are found in it, or none; every box (`region`, and
    `crop_region` with return_face_url, one crop per face) lies inside the picture sent."""
    exchange = harness.call(op, body=picture(op, detection.png(width, height), crops, single))
    checks.run(
        exchange,
        [detection.found_faces_or_none, detection.boxes_fit(width, height), detection.crops_per_face],
    )


@BOTH
def test_a_jpeg_is_read_at_its_size(harness: Harness, op: str) -> None:
    """A JPEG sent as `img` is read (its size from its SOF marker, past the APP segments): faces in it, or
    none, inside its 64 x 64 pixels."""
    exchange = harness.call(op, body=picture(op, JPEG.read_bytes()))
    checks.run(exchange, [detection.found_faces_or_none, detection.boxes_fit(*JPEG_SIZE)])


@BOTH
def test_a_webp_is_read(harness: Harness, op: str) -> None:
    """A WEBP sent as `img` is read (WEBP is a supported image format, face-detection.mdx): faces in it, or
    none. Its boxes are not checked: the fake does not read a WEBP's size (NOTES.md
    #face_detection-deterministic-faces)."""
    exchange = harness.call(op, body=picture(op, detection.webp(320, 240)))
    detection.found_faces_or_none(exchange)


@BOTH
def test_an_img_that_is_no_picture_is_refused(harness: Harness, op: str) -> None:
    """An `img` that is not base64 is refused with error_code 1 (a page text where the page has them), and
    detect_faces keeps `faces_obj: {}` (NOTES.md #face_detection-handler-errors)."""
    exchange = harness.call(op, body={"img": "not a picture!", "single_face": False})
    checks.run(exchange, [detection.refused_as_unreadable, detection.error_has_empty_faces_obj])


@pytest.mark.parametrize("body", [{}, {"url": "ftp://example.com/photo.jpg"}], ids=["no_input", "not_http"])
def test_request_errors_keep_an_empty_faces_obj(harness: Harness, body: dict[str, Any]) -> None:
    """A request detect_faces refuses (no `url` nor `img`; a URL without http(s)) answers error_code 1 with
    the page's text and `faces_obj: {}`, as the OpenAPI 400 example (NOTES.md
    #face_detection-error-faces-obj)."""
    exchange = harness.call(OP, body=body)
    checks.run(exchange, [checks.names_the_field("url"), detection.error_has_empty_faces_obj])


@settings(max_examples=profiles.budget("machine"))
@given(
    num_frames=st.integers(2, 12),
    name=st.sampled_from(["keynote", "interview", "street"]),
    crops=st.booleans(),
    single=st.booleans(),
)
def test_video_frames_track_faces(
    harness: Harness, num_frames: int, name: str, crops: bool, single: bool
) -> None:
    """A video's URL is used: its answer holds several timed frames; the first frame removes nothing and each
    later frame lists the previous frame's boxes as `removed` (NOTES.md #face_detection-video-frames); with
    return_face_url every frame has one crop per face. A target that fetches the URL may fail to (error 1
    with a download, media or no-face text), never say that no input was given."""
    url = f"https://videos.example.com/clips/{name}.mp4"
    body = {"url": url, "num_frames": num_frames, "return_face_url": crops, "single_face": single}
    exchange = harness.call(OP, body=body)
    detection.url_read(exchange)
    if exchange.code == 1:
        return
    checks.run(exchange, [detection.tracks_faces, detection.crops_per_face])
