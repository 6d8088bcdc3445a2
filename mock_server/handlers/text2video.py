"""Text to Video (2026 docs: current/ai-tools-suite/text2video.mdx): videos from a text prompt, in batches.

`createByPrompt/batch` makes one video job per requested video (`count`, 1-10) and answers `successList` /
`errorList` like the image to video batch; the jobs are read with image2video's `resultsByIds` (the page: "Use
the same result checking API as Image to Video") and deleted with its `delbyids`. Prices come from the page's
table by length and resolution (data/pricing/text2video.json).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from akool_mock.mock_server.errors import ValidationFailed
from akool_mock.mock_server.handlers.base import Call, Handler, Reply
from akool_mock.mock_server.handlers.common import PRICING_DIR, ok, price, start_job, team_id, webhook_url
from akool_mock.mock_server.handlers.image2video import video_view

BATCH_OP = "text2video.create_batch"
MODEL_TYPES = (1502, 1501)  # text to video models; the page's example names an image to video model
DEFAULT_RESOLUTION, DEFAULT_LENGTH = "720p", 5
FILE_NAME_WORDS = 4  # "Text2Video_A serene mountain landscape.mp4" for the example's prompt


@cache
def _table() -> dict[str, dict[str, int]]:
    data = json.loads((PRICING_DIR / "text2video.json").read_text(encoding="utf-8"))
    table: dict[str, dict[str, int]] = data["operations"][BATCH_OP]["by_length"]
    return table


def video_price(resolution: str, length: int) -> int:
    """Credits per video from the page's table; 1003 naming the field the table does not price."""
    table = _table()
    if str(length) not in table:
        raise ValidationFailed(
            f"video_length: {length} is not priced; use one of {sorted(int(k) for k in table)}"
        )
    row = table[str(length)]
    if resolution not in row:
        raise ValidationFailed(f"resolution: {resolution} is not offered; use one of {sorted(row)}")
    return row[resolution]


def _check_model(call: Call, name: str) -> None:
    models = call.backend.seeded.get("ai_models", [])
    if not any(m.get("value") == name and m.get("type") in MODEL_TYPES for m in models):
        raise ValidationFailed(f"model_name: no text to video model {name}; see models.list (types[]=1502)")


def _fields(call: Call, resolution: str, length: int) -> dict[str, Any]:
    body = call.body
    prompt = str(body["prompt"])
    create_time = call.backend.now_ms()
    fields: dict[str, Any] = {
        "create_time": create_time,
        "uid": call.owner.uid,
        "team_id": team_id(call.owner.client_id),
        "webhookUrl": webhook_url(call) or "",
        "resolution": resolution,
        "file_name": "Text2Video_" + " ".join(prompt.split()[:FILE_NAME_WORDS]) + ".mp4",
        "prompt": prompt,
        "negative_prompt": str(body.get("negative_prompt", "")),
        "extend_prompt": bool(body.get("extend_prompt", False)),
        "video_length": length,
        "batch_id": f"{create_time}_{call.owner.uid}",
        "batch_count": int(body.get("count") or 1),
    }
    if body.get("model_name"):
        fields["model_name"] = body["model_name"]
    return fields


def create_batch(call: Call) -> Reply:
    """One job per requested video, charged together; a shortfall creates none."""
    body = call.body
    resolution = str(body.get("resolution") or DEFAULT_RESOLUTION)
    length = int(body.get("video_length") or DEFAULT_LENGTH)
    unit = video_price(resolution, length)
    if body.get("model_name"):
        _check_model(call, str(body["model_name"]))
    count = int(body.get("count") or 1)
    call.backend.charge(call.owner, unit * count, price(call.op, body)[1])
    base = _fields(call, resolution, length)
    success = []
    for index in range(count):
        # As in the example, the videos of one batch are created one millisecond apart.
        fields = {**base, "create_time": base["create_time"] + index}
        success.append(video_view(start_job(call, fields, cost=unit, charge=False)))
    return ok({"successList": success, "errorList": []})


HANDLERS: dict[str, Handler] = {BATCH_OP: create_batch}
