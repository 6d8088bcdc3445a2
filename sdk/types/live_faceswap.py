"""Types of the live_faceswap area: real-time face swap sessions over Agora."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from akool_mock.sdk.types._base import JobStatus, WireModel, WireNames

NAMES = WireNames({"_id": "id", "sourceImage": "source_image", "faceswap_status": "status"})
"""The live_faceswap area's wire names that differ from the Python names (all others are equal)."""


class LiveFace(TypedDict):
    """One source face: a link to the face image and its landmarks "x1,y1:x2,y2:x3,y3:x4,y4" (the
    `landmarks_str` of face_detection.detect_legacy or detect_faces)."""

    path: str
    opts: str


@dataclass(frozen=True, slots=True, kw_only=True)
class LiveFaceswapSession(WireModel):
    """A real-time face swap session: the front end joins the Agora channel `channel_id` as user
    `front_user_id` with `front_rtc_token`; `app_id` may be empty (as in the docs' example).

    `status` is 1 (queuing) when created. Akool's page says the front end may connect once it is 2, but no
    operation reads a session again: connect, and retry while the channel has no face swap peer
    (`algorithm_user_id`). Close the session when done: it holds resources until then.
    """

    _names = NAMES

    id: str
    status: JobStatus
    front_user_id: str
    front_rtc_token: str
    channel_id: str
    algorithm_user_id: str | None = None
    app_id: str | None = None
