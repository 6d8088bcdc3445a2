"""Create Avatar Video (v3, 2026 docs: current/ai-tools-suite/avatar.mdx): a video composed of scenes.

Each scene has a voice (`voice_url` or `voice_id`) and elements (avatars, images, videos); the job is a video
job read with `content/video/infobymodelid` (videos.get_result), its answers in the page's legacy video
document shape. Decisions: schemas/NOTES.md#avatar-create-video.
"""

from __future__ import annotations

import math
import uuid
from typing import Any

from akool_mock.mock_server.handlers.base import Call, Handler, Reply
from akool_mock.mock_server.handlers.common import ok, start_job, webhook_url
from akool_mock.mock_server.handlers.videos import video_view

OP = "avatars.create_video"
VIDEO_TYPE, FROM = 4, 2  # the create example's `type` and `from`


def _duration_ms(body: dict[str, Any]) -> float:
    """The total duration: `duration`, else the sum of the scenes' (each defaulting to 10 s)."""
    if body.get("duration"):
        return float(body["duration"])
    return sum(float(scene.get("duration") or 10_000) for scene in body["data"])


def create_video(call: Call) -> Reply:
    body = call.body
    seconds = round(_duration_ms(body) / 1000, 2)
    first = body["data"][0]
    fields: dict[str, Any] = {
        "type": VIDEO_TYPE,
        "from": FROM,
        "ratio": first.get("ratio", "16:9"),
        "background": first.get("background", ""),
        "offset_x": 0,
        "offset_y": 0,
        "scale": 1,
        "faceswap_quality": 2,
        "storage_loc": 1,
        "video_sub_status": 1,
        "video_id": uuid.UUID(int=call.backend.ids.random.getrandbits(128), version=4).hex,
        "video_lock_duration": seconds,
        "deduction_lock_duration": math.ceil(seconds),  # an integer in the Get Video Info answer
        "external_video": "",
        "video": "",
        "source_data": {
            "data": body["data"],
            "webhookUrl": webhook_url(call) or "",
            "userId": call.owner.client_id,
        },
        "__v": 0,
    }
    return ok(video_view(call, start_job(call, fields), create=True))


HANDLERS: dict[str, Handler] = {OP: create_video}
