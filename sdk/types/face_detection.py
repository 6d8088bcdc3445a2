"""Types of the face_detection area: faces found in images and videos, persons across frames, and the legacy
detector's flat answer.

Landmarks come as `[x, y]` pixel points; `landmarks_str` is the first four of a face as
"x1,y1:x2,y2:x3,y3:x4,y4", the string Face Swap, Reage and Live Face Swap take as a face's `opts`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from akool_mock.sdk.types._base import WireModel, WireNames

NAMES = WireNames({})
"""Every wire name of the area is already snake_case."""

Point = tuple[float, ...]
"""One landmark `(x, y)` in pixels."""
Box = tuple[int, ...]
"""A box of 4 pixel values: `(x, y, width, height)` in detect_faces, `(x1, y1, x2, y2)` in analyze_frames."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FaceFrame(WireModel):
    """The faces of one frame (of an image: frame "0"), in the same order in every list: `landmarks` (6
    points: left eye, right eye, nose, mouth center, left and right mouth corners), `landmarks_str`, `region`.

    With `return_face_url`, `face_urls` are the cropped faces, `crop_region` the crops in the original
    picture and `crop_landmarks` the landmark strings relative to each crop (else None).
    """

    _names = NAMES

    landmarks: tuple[tuple[Point, ...], ...]
    region: tuple[Box, ...]
    removed: tuple[Box, ...]
    landmarks_str: tuple[str, ...] = ()
    frame_time: float | None = None
    face_urls: tuple[str | None, ...] | None = None
    crop_region: tuple[Box | None, ...] | None = None
    crop_landmarks: tuple[str | None, ...] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DetectedFaces(WireModel):
    """What face_detection.detect_faces found: `faces_obj` maps a frame index ("0" for an image; one key per
    analysed frame of a video) to its faces. `error_code` is 0 and `error_msg` "SUCCESS" (errors raise)."""

    _names = NAMES

    error_code: int
    error_msg: str
    faces_obj: Mapping[str, FaceFrame]

    @property
    def frames(self) -> tuple[FaceFrame, ...]:
        """The frames in time order (their keys are frame numbers)."""
        return tuple(self.faces_obj[key] for key in sorted(self.faces_obj, key=_frame_number))


def _frame_number(key: str) -> int:
    return int(key) if key.isdigit() else -1


@dataclass(frozen=True, slots=True, kw_only=True)
class Appearance(WireModel):
    """One appearance of a person: the frame (index in `frame_urls`), its time in seconds, the face box."""

    _names = NAMES

    timestamp: float
    frame_idx: int
    bbox: Box


@dataclass(frozen=True, slots=True, kw_only=True)
class Person(WireModel):
    """One person across the analysed frames: `face_url` is a cropped face usable directly in Face Swap;
    `bbox` is `(x1, y1, x2, y2)` of the first appearance; `index` orders persons left to right."""

    _names = NAMES

    person_id: str
    index: int
    face_url: str
    bbox: Box
    confidence: float
    appearances: tuple[Appearance, ...]
    first_seen: float
    last_seen: float


@dataclass(frozen=True, slots=True, kw_only=True)
class FrameAnalysis(WireModel):
    """What face_detection.analyze_frames found: the persons (none when no face was found) in `frame_count`
    frames. `success` is true (a failed analysis raises)."""

    _names = NAMES

    success: bool
    frame_count: int
    persons: tuple[Person, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class LegacyDetection(WireModel):
    """What the legacy detector (sg3.akool.com) found, one entry per face in each list: `landmarks` (4 points,
    then two `(0, 0)`), `landmarks_str` (the `opts` of Face Swap and Live Face Swap) and `region`."""

    _names = NAMES

    landmarks: tuple[tuple[Point, ...], ...]
    landmarks_str: tuple[str, ...]
    region: tuple[tuple[float, ...], ...]
    error_code: int
    error_msg: str
    seconds: float | None = None
    trx_id: str | None = None
