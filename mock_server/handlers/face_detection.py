"""Face detection (pages ai-tools-suite__face-detection*, ai-tools-suite__faceswap__face-detect; openapi/
face-detection.yaml, face-detect-legacy.yaml). None of the three answers uses the {code, msg, data} envelope.

The fake sees no pixels, so the faces are made up, but made up the same way every time: a random generator is
seeded from a hash of the input (the URL, or the decoded `img` bytes) and the fake's seed, so one image always
gives the same faces, and the legacy detector, detect_faces and analyze_frames agree on it. A base64 image is
read for its real size (PNG, JPEG, BMP headers), so faces lie inside it; a URL image gets a plausible size.
Faces sit side by side, 1 to 3 per image (the largest only with `single_face`), with the 6 landmarks in the
documented order (left eye, right eye, nose, mouth center, left and right mouth corners); `landmarks_str` is
the first 4 as "x,y:x,y:x,y:x,y". Cropped-face URLs are served by the fake (see `_crop_url`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import posixpath
import random
import struct
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from akool_mock.mock_server.handlers.base import Call, ErrorShape, Handler, Reply
from akool_mock.mock_server.handlers.common import price

IMAGE_SIZES = ((1024, 1024), (1280, 720), (1920, 1080), (1080, 1350), (800, 600), (720, 1280))
VIDEO_SIZES = ((1280, 720), (1920, 1080), (720, 1280))
VIDEO_EXTENSIONS = frozenset({".mp4", ".mov", ".avi", ".webm"})  # the overview's "Supported Formats"
FPS = 25  # the OpenAPI video example: frame "5" at 0.2 s
MIN_FACE = 80  # overview, "Face size should be at least 80x80 pixels"
CROP_EXPAND = 0.3  # analyze_frames' default expand_ratio; it reproduces the page's crop_region example
PRESENCE = 0.85  # chance that a person of the first frame is seen again in a later frame
SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# Error texts from the pages' error tables.
NO_INPUT = "Either 'url' or 'img' parameter must be provided"
BAD_URL = "Invalid URL format"
NO_FACES = "No faces detected"
BAD_MEDIA = "Failed to process media"
BAD_FRAMES = "Failed to download image from URL"  # analyze-frames error table: "Download failed"
NO_FRAMES = "frame_urls is required and must not be empty"
# Request-check messages (pipeline wording) replaced by the pages' error texts, per violation.
DOCUMENTED_TEXTS: tuple[tuple[str, str], ...] = (
    ("body: one of 'url', 'img' is required", NO_INPUT),
    ("url: ", BAD_URL),
    ("frame_urls: required", NO_FRAMES),
    ("frame_urls: must have at least 1", NO_FRAMES),
    ("frame_urls[", BAD_FRAMES),
)


class MediaError(Exception):
    """The input cannot be read as the API expects; the message is the documented error text."""


@dataclass(frozen=True, slots=True)
class Face:
    x: int
    y: int
    w: int
    h: int
    tilt: int  # how much lower the right eye sits than the left one

    @property
    def area(self) -> int:
        return self.w * self.h

    def points(self) -> list[list[int]]:
        """Left eye, right eye, nose tip, mouth center, left mouth corner, right mouth corner."""
        x, y, w, h, t = self.x, self.y, self.w, self.h, self.tilt
        spots = (
            (0.3, 0.42, 0),
            (0.7, 0.42, t),
            (0.5, 0.62, t / 2),
            (0.5, 0.8, t / 2),
            (0.35, 0.8, 0),
            (0.65, 0.8, t),
        )
        return [[round(x + fx * w), round(y + fy * h + dy)] for fx, fy, dy in spots]

    def region(self) -> list[int]:
        return [self.x, self.y, self.w, self.h]

    def corners(self) -> list[int]:
        return [self.x, self.y, self.x + self.w, self.y + self.h]

    def moved(self, rng: random.Random, width: int, height: int) -> Face:
        """The same face a little later: a few pixels away, still inside the picture."""
        x = min(max(self.x + rng.randint(-8, 8), 0), width - self.w)
        y = min(max(self.y + rng.randint(-6, 6), 0), height - self.h)
        return Face(x, y, self.w, self.h, self.tilt)


@dataclass(frozen=True, slots=True)
class Media:
    width: int
    height: int
    video: bool
    rng: random.Random  # seeded from the input: everything drawn from it is the same for the same input


def landmarks_str(points: list[list[int]]) -> str:
    return ":".join(f"{x},{y}" for x, y in points[:4])


def _rng(call: Call, key: bytes) -> random.Random:
    seed = str(call.backend.settings.seed).encode()
    digest = hashlib.sha256(seed + b"\0" + key).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 <= len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in SOF_MARKERS:
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        i += 2 + int(struct.unpack(">H", data[i + 2 : i + 4])[0])
    return None


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG, JPEG or BMP; None for a WEBP (size not read); MediaError for the rest."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data.startswith(b"\xff\xd8\xff"):
        return _jpeg_size(data)
    if data.startswith(b"BM") and len(data) >= 26:
        width, height = struct.unpack("<ii", data[18:26])
        return abs(int(width)), abs(int(height))
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return None
    raise MediaError(BAD_MEDIA)


def decode_img(value: str) -> bytes:
    """Plain base64 or a data: URI (detect-faces page, "Dual Input Modes")."""
    text = value.partition(",")[2] if value.startswith("data:") else value
    text = "".join(text.split())
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise MediaError(BAD_MEDIA) from None


def media_of(call: Call, url: str, img: str) -> Media:
    """The input as the API reads it: `url` first when given (both pages), else the base64 `img`."""
    if url:
        try:
            path = urlsplit(url).path
        except ValueError:  # e.g. "http://[x": the schema's ^https?:// lets it through, nothing can fetch it
            raise MediaError(BAD_URL) from None
        extension = posixpath.splitext(path.lower())[1]
        rng = _rng(call, url.encode())
        video = extension in VIDEO_EXTENSIONS
        # No Content-Type to read: an unknown extension is taken as an image (the API's last fallback).
        width, height = rng.choice(VIDEO_SIZES if video else IMAGE_SIZES)
        return Media(width, height, video, rng)
    if img:
        data = decode_img(img)
        rng = _rng(call, data)
        size = image_size(data)
        width, height = size if size else rng.choice(IMAGE_SIZES)
        return Media(width, height, False, rng)
    raise MediaError(NO_INPUT)  # the request schema already refuses this; kept for direct calls


def make_faces(media: Media) -> list[Face]:
    """1 to 3 faces side by side, left to right, each at least 80 px wide and inside the picture."""
    rng, width, height = media.rng, media.width, media.height
    count = min(rng.randint(1, 3), width // MIN_FACE)
    room = min(width // max(count, 1), round(height / 1.25))
    if count < 1 or room < MIN_FACE:
        return []  # too small a picture for a detectable face
    slot = width // count
    faces: list[Face] = []
    for i in range(count):
        w = rng.randint(MIN_FACE, max(MIN_FACE, room // 2))
        h = min(round(w * 1.25), height)
        x = i * slot + rng.randint(0, slot - w)
        y = rng.randint(0, height - h)
        faces.append(Face(x, y, w, h, rng.randint(-w // 20, w // 20)))
    return faces


def largest(faces: list[Face]) -> list[Face]:
    """`single_face`: only the largest face by area (the first of equals)."""
    return [max(faces, key=lambda face: face.area)] if faces else []


def _crop_url(call: Call) -> str:
    """A URL the fake serves (the placeholder PNG), like the page's S3 crop URLs.

    The fake serves media only for completed jobs, so each crop is recorded as a job of this operation that is
    completed at once (visible under /_mock/jobs); its URL then expires after 7 days like every result.
    """
    backend = call.backend
    job = backend.create_job(call.owner, call.op, {"kind": "face_crop"})
    backend.jobs.complete(job, backend.now())
    return backend.media_url(job, "image")


def _crop(face: Face, media: Media, expand: float) -> tuple[list[int], str]:
    """The face box grown by `expand` of its mean side on every side, clipped to the picture, and the first
    4 landmarks relative to it (page example: region [80,50,150,180] → crop_region [30,0,250,280])."""
    margin = round(expand * (face.w + face.h) / 2)
    left, top = max(face.x - margin, 0), max(face.y - margin, 0)
    right = min(face.x + face.w + margin, media.width)
    bottom = min(face.y + face.h + margin, media.height)
    shifted = [[x - left, y - top] for x, y in face.points()]
    return [left, top, right - left, bottom - top], landmarks_str(shifted)


def face_frame(
    call: Call, faces: list[Face], media: Media, removed: list[list[int]], *, at: float | None, crops: bool
) -> dict[str, Any]:
    """One entry of `faces_obj`; the crop fields are null unless `return_face_url` (OpenAPI example)."""
    points = [face.points() for face in faces]
    frame: dict[str, Any] = {
        "landmarks": points,
        "landmarks_str": [landmarks_str(p) for p in points],
        "region": [face.region() for face in faces],
        "removed": removed,
        "frame_time": at,
        "face_urls": None,
        "crop_region": None,
        "crop_landmarks": None,
    }
    if crops:
        cropped = [_crop(face, media, CROP_EXPAND) for face in faces]
        frame["face_urls"] = [_crop_url(call) for _ in faces]
        frame["crop_region"] = [region for region, _ in cropped]
        frame["crop_landmarks"] = [text for _, text in cropped]
    return frame


def video_frames(media: Media, num_frames: int) -> list[tuple[int, float, list[Face]]]:
    """(frame index, seconds, faces) of `num_frames` evenly spaced frames of a 5 to 30 s video at 25 fps."""
    total = round(media.rng.uniform(5, 30) * FPS)
    count = min(num_frames, total)
    step = total // count
    faces = make_faces(media)
    frames = []
    for i in range(count):
        if i:
            faces = [face.moved(media.rng, media.width, media.height) for face in faces]
        frames.append((i * step, round(i * step / FPS, 3), faces))
    return frames


def _charge(call: Call) -> None:
    cost, shortfall = price(call.op, call.body)
    call.backend.charge(call.owner, cost, shortfall)


def detect_faces(call: Call) -> Reply:
    _charge(call)
    body = call.body
    single, crops = bool(body.get("single_face")), bool(body.get("return_face_url"))
    try:
        media = media_of(call, str(body.get("url") or ""), str(body.get("img") or ""))
    except MediaError as error:
        return Reply(raw={"error_code": 1, "error_msg": str(error), "faces_obj": {}})
    if not media.video:
        faces = make_faces(media)
        if not faces:
            return Reply(raw={"error_code": 1, "error_msg": NO_FACES, "faces_obj": {}})
        frame = face_frame(call, largest(faces) if single else faces, media, [], at=None, crops=crops)
        return Reply(raw={"error_code": 0, "error_msg": "SUCCESS", "faces_obj": {"0": frame}})
    faces_obj: dict[str, Any] = {}
    removed: list[list[int]] = []
    for index, at, faces in video_frames(media, int(body.get("num_frames") or 5)):
        shown = largest(faces) if single else faces
        # Tracking: the positions of the previous frame are reported as removed (OpenAPI video example).
        faces_obj[str(index)] = face_frame(call, shown, media, removed, at=at, crops=crops)
        removed = [face.region() for face in shown]
    return Reply(raw={"error_code": 0, "error_msg": "SUCCESS", "faces_obj": faces_obj})


def _person(call: Call, track: list[tuple[int, float, Face]], confidence: float) -> dict[str, Any]:
    first = track[0][2]
    return {
        "face_url": _crop_url(call),
        "bbox": first.corners(),
        "confidence": confidence,
        "appearances": [
            {"timestamp": at, "frame_idx": idx, "bbox": face.corners()} for idx, at, face in track
        ],
        "first_seen": track[0][1],
        "last_seen": track[-1][1],
    }


def _frame(call: Call, url: str) -> Media:
    """A frame of analyze_frames (an image URL): an unreadable URL cannot be downloaded (the page's text), a
    video is a format the frames do not support (the overview's "Failed to process media")."""
    try:
        media = media_of(call, url, "")
    except MediaError:
        raise MediaError(BAD_FRAMES) from None
    if media.video:
        raise MediaError(BAD_MEDIA)  # frames are images
    return media


def _tracks(call: Call, urls: list[str], stamps: list[float]) -> list[list[tuple[int, float, Face]]]:
    """Each face of the first frame is a person (the faces detect_faces gives for that URL); the later frames
    are taken from the same scene, where each person is seen again, slightly moved, most of the time."""
    media = _frame(call, urls[0])
    rng = _rng(call, "\n".join(urls).encode())
    tracks = [[(0, stamps[0], face)] for face in make_faces(media)]
    for idx in range(1, len(urls)):
        _frame(call, urls[idx])
        for track in tracks:
            if rng.random() < PRESENCE:
                track.append((idx, stamps[idx], track[-1][2].moved(rng, media.width, media.height)))
    return tracks


def analyze_frames(call: Call) -> Reply:
    _charge(call)
    urls = [str(url) for url in call.body["frame_urls"]]
    stamps = [float(t) for t in call.body.get("timestamps") or range(len(urls))]
    if len(stamps) != len(urls):
        return Reply(raw={"success": False, "error": "timestamps must have the same length as frame_urls"})
    try:
        tracks = _tracks(call, urls, stamps)
    except MediaError as error:
        return Reply(raw={"success": False, "error": str(error)})
    rng = _rng(call, b"confidence\0" + "\n".join(urls).encode())
    tracks.sort(key=lambda track: track[0][2].x)  # "Sort index (left to right by x-coordinate)"
    persons = []
    for index, track in enumerate(tracks):
        person = _person(call, track, round(rng.uniform(0.85, 0.99), 2))
        persons.append({"person_id": f"person_{index}", "index": index, **person})
    return Reply(raw={"success": True, "frame_count": len(urls), "persons": persons})


def detect_legacy(call: Call) -> Reply:
    """sg3.akool.com/detect: a flat answer; 4 landmarks a face, then two [0, 0] (Live Face Swap example)."""
    _charge(call)
    ids = call.backend.ids
    trx_id = str(uuid.UUID(int=ids.random.getrandbits(128), version=4))
    body = call.body
    try:
        media = media_of(call, str(body.get("image_url") or ""), str(body.get("img") or ""))
    except MediaError as error:
        return Reply(raw={"error_code": 1, "error_msg": str(error), "trx_id": trx_id})
    faces = make_faces(media)
    if not faces:
        return Reply(raw={"error_code": 1, "error_msg": NO_FACES, "trx_id": trx_id})
    if body.get("single_face"):
        faces = largest(faces)
    points = [face.points()[:4] for face in faces]
    return Reply(
        raw={
            "error_code": 0,
            "error_msg": "SUCCESS",
            "landmarks": [[*p, [0, 0], [0, 0]] for p in points],
            "landmarks_str": [landmarks_str(p) for p in points],
            "region": [face.region() for face in faces],
            "seconds": round(ids.random.uniform(0.3, 0.9), 6),
            "trx_id": trx_id,
        }
    )


def bare_error(op_id: str, code: int, msg: str) -> dict[str, Any]:
    """An error raised outside the handler (request check, auth, credits) in the operation's own shape.

    The pipeline answers those as Akool's `{code, msg}`, which these bare operations never send (their
    schemas refuse it); this is the body it should send instead (notes: #face_detection-pipeline-errors).
    Parameter errors are `error_code` 1 as the pages document; other codes (1101, 1102, ...) are kept.
    """
    error_code = 1 if code == 1003 else code
    if code == 1003 and op_id != "face_detection.detect_legacy":  # the legacy page documents no texts
        msg = documented_text(msg)
    if op_id == "face_detection.analyze_frames":
        return {"success": False, "error": msg}
    if op_id == "face_detection.detect_faces":
        return {"error_code": error_code, "error_msg": msg, "faces_obj": {}}
    return {"error_code": error_code, "error_msg": msg}


def documented_text(msg: str) -> str:
    """Each violation of a request-check message as the pages' error tables word it, where they do
    (#audit-detect-error-texts); violations the tables do not cover keep their field-naming text."""
    parts = []
    for part in msg.split("; "):
        text = next((text for prefix, text in DOCUMENTED_TEXTS if part.startswith(prefix)), part)
        if text not in parts:
            parts.append(text)
    return "; ".join(parts)


ERROR_SHAPES: dict[str, ErrorShape] = {
    "face_detection.detect_faces": bare_error,
    "face_detection.analyze_frames": bare_error,
    "face_detection.detect_legacy": bare_error,
}

HANDLERS: dict[str, Handler] = {
    "face_detection.detect_faces": detect_faces,
    "face_detection.analyze_frames": analyze_frames,
    "face_detection.detect_legacy": detect_legacy,
}
