"""Face detection answers fit what was sent (current/ai-tools-suite/face-detection/detect-faces.mdx): the
boxes lie inside the picture, a picture sent as `img` is read, and a video's frames track its faces."""

from __future__ import annotations

import base64

from hypothesis import given, settings
from hypothesis import strategies as st

from akool_mock.contract_tests import checks, detection, profiles
from akool_mock.contract_tests.stateful import Harness
from akool_mock.fixtures import FIXTURES_DIR

OP = "face_detection.detect_faces"
JPEG = FIXTURES_DIR / "media" / "placeholder.jpg"  # a real 64 x 64 JFIF picture (APP0 before SOF0)
JPEG_SIZE = (64, 64)


@settings(max_examples=profiles.budget("machine"))
@given(
    width=st.integers(48, 1600),
    height=st.integers(48, 1600),
    crops=st.booleans(),
    single=st.booleans(),
)
def test_boxes_fit_the_picture_sent(
    harness: Harness, width: int, height: int, crops: bool, single: bool
) -> None:
    """A picture sent as `img` (base64) is read: faces are found in it, or none; every box (`region`, and
    `crop_region` with return_face_url) lies inside the picture sent."""
    img = base64.b64encode(detection.png(width, height)).decode()
    body = {"img": img, "return_face_url": crops, "single_face": single}
    exchange = harness.call(OP, body=body)
    checks.run(exchange, [detection.found_faces_or_none, detection.boxes_fit(width, height)])


def test_a_jpeg_is_read_at_its_size(harness: Harness) -> None:
    """A JPEG sent as `img` is read (its size from its SOF marker, past the APP segments): faces in it, or
    none, inside its 64 x 64 pixels."""
    exchange = harness.call(OP, body={"img": base64.b64encode(JPEG.read_bytes()).decode()})
    checks.run(exchange, [detection.found_faces_or_none, detection.boxes_fit(*JPEG_SIZE)])


@settings(max_examples=profiles.budget("machine"))
@given(num_frames=st.integers(2, 12), name=st.sampled_from(["keynote", "interview", "street"]))
def test_video_frames_track_faces(harness: Harness, num_frames: int, name: str) -> None:
    """A video's answer holds several timed frames; the first frame removes nothing and each later frame
    lists the previous frame's boxes as `removed` (NOTES.md #face_detection-video-frames)."""
    exchange = harness.call(
        OP, body={"url": f"https://videos.example.com/clips/{name}.mp4", "num_frames": num_frames}
    )
    if exchange.code == 1:  # a target that fetches the URL may not reach it, or find no face
        return
    checks.succeeded(exchange)
    detection.tracks_faces(exchange)
