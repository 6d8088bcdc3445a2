"""Scenarios written once against a small `Api` seam, run against every target (pipeline, FakeAkool, serve).

`valid_body(api, op)` builds a request that the fake accepts for any job-creating operation: the docs' own
example where one validates, a hand-made one where the docs have none, and real prerequisites (a finished
image for createbybutton, a finished video for updateVideoAudio) created first where the operation needs them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Protocol

from akool_mock.fixtures import FIXTURES_DIR
from akool_mock.schemas import Operation, load_catalog

CATALOG = load_catalog()
EXAMPLES: list[dict[str, Any]] = [
    *json.loads((FIXTURES_DIR / "docs" / "examples.json").read_text("utf-8")),
    *json.loads((FIXTURES_DIR / "docs" / "current_examples.json").read_text("utf-8")),  # Akool's 2026 docs
]
MEDIA_TYPES = {"image": "image/", "video": "video/", "audio": "audio/"}
FACE = {"path": "https://example.com/face.png", "opts": "262,175:363,175:313,215:272,279"}
HAND_MADE: dict[str, dict[str, Any]] = {
    "faceswap.create_image": {
        "sourceImage": [FACE],
        "targetImage": [FACE],
        "face_enhance": 0,
        "modifyImage": FACE["path"],
    },
    "faceswap.create_video": {
        "sourceImage": [FACE],
        "targetImage": [FACE],
        "face_enhance": 1,
        "modifyVideo": "https://example.com/v.mp4",
    },
    "faceswap.create_image_plus": {
        "source_url": FACE["path"],
        "target_url": "https://example.com/target.png",
        "single_face_mode": True,
    },
    "headswap.submit_analysis": {"video_url": "https://example.com/videos/source.mp4", "type": "head"},
    "headswap.create_task": {
        "video_url": "https://example.com/videos/source.mp4",
        "mappings": [{"obj_id": 0, "img_url": "https://example.com/faces/reference.jpeg"}],
        "model_name": "akool-premium",
        "resolution": "720p",
        "webhookUrl": "",
    },
}


class Api(Protocol):
    """What a scenario needs from a target: call an operation, move the clock, steer jobs, fetch a URL."""

    def call(
        self,
        op_id: str,
        *,
        body: Any = None,
        query: dict[str, Any] | None = None,
        path: dict[str, str] | None = None,
    ) -> dict[str, Any]: ...

    def advance(self, seconds: float) -> None: ...

    def control(self, method: str, path: str, body: Any = None) -> dict[str, Any]: ...

    def fetch(self, url: str) -> tuple[int, str]: ...


def doc_example(op: Operation) -> dict[str, Any] | None:
    for entry in EXAMPLES:
        mine = entry["operation"] == op.id and entry["direction"] == "request" and entry["payload"]
        if mine and isinstance(entry["parsed"], dict) and not op.request_errors({"body": entry["parsed"]}):
            return dict(entry["parsed"])
    return None


def _finished(api: Api, op_id: str) -> str:
    job_id = create_job(api, CATALOG.operation(op_id))
    api.control("POST", f"/_mock/jobs/{job_id}/complete")
    return job_id


def _numbered(op_id: str, field: str, separator: str) -> Callable[[Api, dict[str, Any]], None]:
    """Number a field per call, for operations that refuse the same input twice."""

    def number(api: Api, body: dict[str, Any]) -> None:
        count = api.control("GET", f"/_mock/jobs?operation={op_id}")["count"]
        body[field] = f"{body[field]}{separator}{count}"

    return number


def _analysed(api: Api, video_url: str) -> None:
    """A completed person analysis of `video_url` (a head swap task needs one)."""
    answer = api.call("headswap.submit_analysis", body={"video_url": video_url, "type": "head"})
    api.control("POST", f"/_mock/jobs/{answer['data']['_id']}/complete")


PREREQUISITES: dict[str, Callable[[Api, dict[str, Any]], None]] = {
    "images.create_by_button": lambda api, body: body.update(_id=_finished(api, "images.create_by_prompt")),
    "image2video.update_audio": lambda api, body: body.update(
        pre_video_id=_finished(api, "image2video.create")
    ),
    # A head swap task needs a completed analysis of its video.
    "headswap.create_task": lambda api, body: _analysed(api, body["video_url"]),
    # One account cannot upload the same avatar_id twice (1222), nor lip-sync-translate a video twice (1202).
    "avatars.create": _numbered("avatars.create", "avatar_id", ""),
    "video_translation.create": _numbered("video_translation.create", "url", "?take="),
}


def valid_body(api: Api, op: Operation) -> dict[str, Any]:
    body = HAND_MADE.get(op.id) or doc_example(op)
    if body is None:
        raise LookupError(f"no request for {op.id}: add one to HAND_MADE")
    body = dict(body)
    if op.id in PREREQUISITES:
        PREREQUISITES[op.id](api, body)
    return body


def job_ids(op: Operation, answer: dict[str, Any]) -> list[str]:
    """The job ids a create answered (a batch answers several)."""
    data = answer["data"]
    if op.id in ("image2video.create_batch", "text2video.create_batch"):
        return [item["_id"] for item in data["successList"]]
    if isinstance(data, list):  # avatars.create of a talking avatar (type 1) answers a one-item array
        return [item["_id"] for item in data]
    return [data["_id"]]


def create_job(api: Api, op: Operation) -> str:
    answer = api.call(op.id, body=valid_body(api, op))
    assert answer["code"] == 1000, (op.id, answer)
    return job_ids(op, answer)[0]


def poll(api: Api, create: Operation, job_id: str) -> dict[str, Any]:
    """The job as its poll operation shows it."""
    assert create.job is not None
    poller = CATALOG.operation(create.job.poll_operation)
    assert poller.poll is not None, poller.id
    location, _, name = poller.poll.id_in.partition(".")
    argument = {location: {name: job_id}}
    answer = api.call(poller.id, **argument)
    assert answer["code"] == 1000, (poller.id, answer)
    found: Any = answer
    for part in poller.poll.items_path.split("."):
        found = found[part]
    if isinstance(found, list):
        found = next(item for item in found if item.get("_id") == job_id)
    assert isinstance(found, dict)
    return found


def status_of(api: Api, create: Operation, job_id: str) -> int:
    assert create.job is not None
    poller = CATALOG.operation(create.job.poll_operation)
    assert poller.poll is not None
    return int(poll(api, create, job_id)[poller.poll.status_field])


def job_operations() -> list[Operation]:
    # A deprecated operation is refused by default (NOTES.md #deprecated-operations): no lifecycle to walk.
    return [op for op in CATALOG.operations if op.kind == "job_create" and not op.raw.get("deprecated")]


def walk_to_completion(api: Api, op: Operation) -> list[Any]:
    """Create, see it queued, move the clock until done; the result URL serves the right media."""
    job_id = create_job(api, op)
    transcript: list[Any] = [("created", op.id, status_of(api, op, job_id))]
    for _ in range(20):
        if status_of(api, op, job_id) == 3:
            break
        api.advance(60)
    item = poll(api, op, job_id)
    assert op.job is not None
    transcript.append(("finished", op.id, status_of(api, op, job_id)))
    prefix = MEDIA_TYPES.get(op.job.media)
    urls = [item[f] for f in op.job.result_fields if str(item.get(f, "")).startswith("http")]
    if prefix:
        assert urls, f"{op.id}: no result URL in {sorted(item)}"
        status, content_type = api.fetch(urls[0])
        assert (status, content_type.startswith(prefix)) == (200, True), (op.id, status, content_type)
        transcript.append(("media", op.id, status, content_type))
    return transcript


def walk_to_failure(api: Api, op: Operation) -> list[Any]:
    job_id = create_job(api, op)
    api.control("POST", f"/_mock/jobs/{job_id}/fail", {"reason": "no face found"})
    item = poll(api, op, job_id)
    assert op.job is not None
    if op.job.failure_field:
        assert item.get(op.job.failure_field), (op.id, item)
    return [("failed", op.id, status_of(api, op, job_id))]
