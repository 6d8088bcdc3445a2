"""client.face_detection against the in-process fake: every operation, sync and async, and the bare answers'
errors (no {code, msg, data} envelope) as typed exceptions."""

from __future__ import annotations

import base64
import struct
import zlib
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk import APIStatusError, AuthenticationError, ValidationError
from akool_mock.sdk._core import unwrap
from akool_mock.sdk.errors import DetectionError
from akool_mock.sdk.types.face_detection import (
    Appearance,
    DetectedFaces,
    FaceFrame,
    FrameAnalysis,
    LegacyDetection,
    Person,
)
from tests.sdk.support import IMAGE, VIDEO, Client, close, make_client, resolve

pytestmark = pytest.mark.anyio

FRAMES = [f"https://example.com/frame_{i}.jpg" for i in range(3)]


def png(width: int, height: int) -> bytes:
    """A PNG header of the given size (the fake reads only the IHDR chunk)."""
    chunk = b"IHDR" + struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))


async def test_detect_faces_in_an_image(client: Client) -> None:
    found = await resolve(client.face_detection.detect_faces(url=IMAGE))
    assert isinstance(found, DetectedFaces)
    assert (found.error_code, found.error_msg, list(found.faces_obj)) == (0, "SUCCESS", ["0"])
    frame = found.faces_obj["0"]
    assert isinstance(frame, FaceFrame)
    assert found.frames == (frame,)
    assert len(frame.landmarks) == len(frame.region) == len(frame.landmarks_str) >= 1
    assert all(len(points) == 6 for points in frame.landmarks)
    first = frame.landmarks[0]
    assert frame.landmarks_str[0] == ":".join(f"{x},{y}" for x, y in first[:4])
    assert (frame.removed, frame.frame_time, frame.face_urls) == ((), None, None)


async def test_detect_faces_in_a_video_with_crops(client: Client) -> None:
    found = await resolve(
        client.face_detection.detect_faces(url=VIDEO, num_frames=3, return_face_url=True, single_face=True)
    )
    frames = found.frames
    assert len(frames) == 3
    assert [frame.frame_time for frame in frames] == sorted(frame.frame_time or 0 for frame in frames)
    for frame in frames:
        assert len(frame.region) == 1  # single_face: the largest only
        assert frame.face_urls
        assert frame.face_urls[0]
        assert frame.crop_region
        assert frame.crop_region[0]
        assert len(frame.crop_region[0]) == 4
        assert frame.crop_landmarks
    assert frames[1].removed == frames[0].region


async def test_detect_faces_takes_image_bytes_or_base64(client: Client) -> None:
    image = png(640, 480)
    from_bytes = await resolve(client.face_detection.detect_faces(img=image))
    from_text = await resolve(client.face_detection.detect_faces(img=base64.b64encode(image).decode()))
    assert from_bytes.faces_obj == from_text.faces_obj
    for x, y, width, height in from_bytes.faces_obj["0"].region:
        assert 0 <= x <= x + width <= 640
        assert 0 <= y <= y + height <= 480


async def test_analyze_frames(client: Client) -> None:
    analysis = await resolve(
        client.face_detection.analyze_frames(frame_urls=FRAMES, timestamps=[0.0, 0.5, 1.0], expand_ratio=0.5)
    )
    assert isinstance(analysis, FrameAnalysis)
    assert (analysis.success, analysis.frame_count) == (True, 3)
    assert analysis.persons
    for index, person in enumerate(analysis.persons):
        assert isinstance(person, Person)
        assert (person.index, person.person_id) == (index, f"person_{index}")
        assert person.face_url.startswith("http")
        assert isinstance(person.appearances[0], Appearance)
        assert person.appearances[0].frame_idx == 0
        assert person.first_seen == 0.0
        assert person.last_seen == person.appearances[-1].timestamp
    single = await resolve(client.face_detection.analyze_frames(frame_urls=[IMAGE]))
    assert single.frame_count == 1


async def test_detect_legacy_agrees_with_detect_faces(client: Client) -> None:
    legacy = await resolve(client.face_detection.detect_legacy(image_url=IMAGE))
    assert isinstance(legacy, LegacyDetection)
    assert (legacy.error_code, legacy.error_msg) == (0, "SUCCESS")
    assert legacy.trx_id
    assert legacy.seconds is not None
    frame = (await resolve(client.face_detection.detect_faces(url=IMAGE))).faces_obj["0"]
    assert legacy.landmarks_str == frame.landmarks_str
    assert all(points[4:] == ((0, 0), (0, 0)) for points in legacy.landmarks)
    single = await resolve(client.face_detection.detect_legacy(img=png(800, 600), single_face=True))
    assert len(single.region) == len(single.landmarks_str) == 1


# ----- the hosts ---------------------------------------------------------------------------------------


@pytest.fixture(params=["sync", "async"])
async def recorded(
    request: pytest.FixtureRequest, akool: FakeAkool
) -> AsyncIterator[tuple[Client, list[str]]]:
    """A client whose httpx client records the URL of every request."""
    urls: list[str] = []
    if request.param == "sync":
        http: Any = httpx.Client(event_hooks={"request": [lambda req: urls.append(str(req.url))]})
    else:

        async def record(req: httpx.Request) -> None:
            urls.append(str(req.url))

        http = httpx.AsyncClient(event_hooks={"request": [record]})
    made = make_client(request.param, akool, http_client=http)
    try:
        yield made, urls
    finally:
        await close(made)
        await resolve(http.aclose() if isinstance(http, httpx.AsyncClient) else http.close())


async def test_the_legacy_detector_is_on_its_own_host(recorded: tuple[Client, list[str]]) -> None:
    client, urls = recorded
    await resolve(client.face_detection.detect_legacy(image_url=IMAGE))
    await resolve(client.face_detection.detect_faces(url=IMAGE))
    await resolve(client.face_detection.analyze_frames(frame_urls=[IMAGE]))
    assert urls == [
        "https://sg3.akool.com/detect",
        "https://openapi.akool.com/interface/detect-api/detect_faces",
        "https://openapi.akool.com/interface/detect-api/faceswap/analyze_frames",
    ]


# ----- errors in the bare answers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"img": base64.b64encode(b"just some text").decode()}, "Failed to process media"),
        ({"img": png(1, 1)}, "No faces detected"),
        ({}, "url"),  # neither url nor img: refused before detection, in the bare shape
        ({"url": "ftp://example.com/a.jpg"}, "Invalid URL format"),  # the page's text
        ({"url": IMAGE, "num_frames": 101}, "num_frames"),
    ],
)
async def test_detect_faces_errors_are_detection_errors(
    client: Client, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(DetectionError) as caught:
        await resolve(client.face_detection.detect_faces(**options))
    error = caught.value
    assert isinstance(error, ValidationError)
    assert (error.code, error.operation) == (1, "face_detection.detect_faces")
    assert message in error.msg
    assert str(error).endswith(DetectionError.hint)


async def test_analyze_frames_failures_are_detection_errors(client: Client) -> None:
    with pytest.raises(DetectionError, match="Failed to process media"):
        await resolve(client.face_detection.analyze_frames(frame_urls=[VIDEO]))
    with pytest.raises(DetectionError, match="timestamps"):
        await resolve(client.face_detection.analyze_frames(frame_urls=FRAMES, timestamps=[0.0]))
    with pytest.raises(DetectionError, match="frame_urls"):
        await resolve(client.face_detection.analyze_frames(frame_urls=[]))


async def test_detect_legacy_errors_are_detection_errors(client: Client) -> None:
    with pytest.raises(DetectionError, match="No faces detected") as caught:
        await resolve(client.face_detection.detect_legacy(img=png(2, 2)))
    assert caught.value.operation == "face_detection.detect_legacy"
    with pytest.raises(DetectionError, match="image_url"):
        await resolve(client.face_detection.detect_legacy(image_url="not a url"))


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_a_bad_key_is_an_authentication_error(akool: FakeAkool, kind: str) -> None:
    client = make_client(kind, akool, api_key="not-a-key")
    try:
        with pytest.raises(AuthenticationError) as caught:
            await resolve(client.face_detection.detect_faces(url=IMAGE))
        assert caught.value.code == 1101
        with pytest.raises(AuthenticationError):
            await resolve(client.face_detection.detect_legacy(image_url=IMAGE))
        # analyze_frames' errors carry no code ({success: false, error}): only the message tells.
        with pytest.raises(DetectionError, match="token") as refused:
            await resolve(client.face_detection.analyze_frames(frame_urls=[IMAGE]))
        assert "check the credentials" in str(refused.value)
    finally:
        await close(client)


def bare_cases() -> Iterator[tuple[int, dict[str, Any], type[Exception], str]]:
    # What the OpenAPI file documents under 400 and 500: the reason is in the body, not lost in the status.
    yield (
        400,
        {"error_code": 1, "error_msg": "Either 'url' or 'img' parameter must be provided"},
        DetectionError,
        "url",
    )
    yield 500, {"success": False, "error": "Failed to process frames"}, DetectionError, "frames"
    # Akool's own envelope on these hosts (an auth refusal) and a plain 5xx are still understood.
    yield 200, {"code": 1101, "msg": "Invalid token"}, AuthenticationError, "Invalid token"
    yield 503, {"code": 503, "msg": "unavailable"}, APIStatusError, "503"


@pytest.mark.parametrize(("status", "body", "error", "text"), list(bare_cases()))
def test_bare_bodies_become_typed_errors(
    status: int, body: dict[str, Any], error: type[Exception], text: str
) -> None:
    with pytest.raises(error, match=text):
        unwrap("face_detection.detect_faces", status, body, "bare")
