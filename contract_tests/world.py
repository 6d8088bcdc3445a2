"""What a target already holds that a valid request may have to name: the `World` of references.

A request can conform to its schema and still name nothing (a voice id that does not exist). Before the
generated cases run, the world is gathered from the target: free reads (Akool's voices, avatars, streaming
avatars, effects) and, on a writable and controllable target, one finished thing of each kind that other
operations refer to (`CREATED`: a face swap job for its poll, a knowledge base for its detail, ...).
The generator then draws those fields from the world (`refs_for(op)`) instead of inventing them.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from akool_mock.contract_tests.exchange import Connection
from akool_mock.contract_tests.targets import Target
from akool_mock.fixtures import FIXTURES_DIR
from akool_mock.schemas import Operation, load_catalog

FACE = {"path": "https://images.example.com/faces/ada.png", "opts": "262,175:363,175:313,215:272,279"}
HAND_MADE: dict[str, dict[str, Any]] = {
    "faceswap.create_image": {
        "sourceImage": [FACE],
        "targetImage": [FACE],
        "face_enhance": 0,
        "modifyImage": "https://images.example.com/photos/team.png",
    },
    "faceswap.create_video": {
        "sourceImage": [FACE],
        "targetImage": [FACE],
        "face_enhance": 1,
        "modifyVideo": "https://videos.example.com/clips/keynote.mp4",
    },
    "faceswap.create_image_plus": {
        "source_url": FACE["path"],
        "target_url": "https://images.example.com/photos/team.png",
        "single_face_mode": True,
    },
    # Head Swap (2026 docs): the task names the analysed video and a person the analysis found (obj_id 0).
    "headswap.submit_analysis": {"video_url": "https://videos.example.com/clips/keynote.mp4", "type": "head"},
    "headswap.create_task": {
        "video_url": "https://videos.example.com/clips/keynote.mp4",
        "mappings": [{"obj_id": 0, "img_url": FACE["path"]}],
        "model_name": "akool-premium",
        "resolution": "720p",
    },
}
# What the world creates first (by its create operation), and which fields of which operations name it.
# Things that an operation ends (close, delete) are made twice, so no test finds another's thing ended.
CREATED: tuple[tuple[str, dict[str, tuple[str, ...]]], ...] = (
    ("faceswap.create_image", {"faceswap.list_results": ("_ids",)}),
    ("faceswap.create_image", {"faceswap.delete_results": ("_ids",), "faceswap.cancel_job": ("job_ids",)}),
    (
        "images.create_by_prompt",
        {"images.get_result": ("image_model_id",), "images.create_by_button": ("_id",)},
    ),
    (
        "image2video.create",
        {"image2video.get_results": ("_ids",), "image2video.update_audio": ("pre_video_id",)},
    ),
    ("image2video.create", {"image2video.delete": ("_ids",)}),
    ("talking_photo.create", {"videos.get_result": ("video_model_id",)}),
    ("jarvis.create_analysis", {"jarvis.get_analysis": ("_id",)}),
    ("headswap.submit_analysis", {"headswap.get_analysis": ("_id",)}),
    ("audio.create_tts", {"audio.get_result": ("audio_model_id",)}),
    ("headswap.create_task", {"headswap.get_task": ("_id",)}),
    ("voices.clone", {"voices.get": ("_id",)}),
    ("voices.clone", {"voices.delete": ("_ids",)}),
    ("voices.tts", {"voices.get_resource": ("_id",)}),
    ("avatars.create", {"avatars.get": ("id",)}),
    ("knowledge.create", {"knowledge.get": ("id",), "knowledge.update": ("id",)}),
    ("knowledge.create", {"knowledge.delete": ("id",), "streaming.create_session": ("knowledge_id",)}),
    ("streaming.create_session", {"streaming.get_session": ("id",)}),
    ("streaming.create_session", {"streaming.close_session": ("id",)}),
    ("live_faceswap.create_session", {"live_faceswap.update_session": ("_id",)}),
    ("live_faceswap.create_session", {"live_faceswap.close_session": ("_id",)}),
)
# Fields whose good values go together (a model offers some resolutions and lengths): the docs' example's.
FROM_EXAMPLE: dict[str, tuple[str, ...]] = {
    "image2video.create_batch": ("model_name", "resolution", "video_length"),
    "image2video.create": ("model_name", "resolution", "video_length"),
    "headswap.create_task": ("video_url", "mappings"),  # the analysed video and a person it found
    "text2video.create_batch": ("model_name", "resolution", "video_length"),
}
# Free reads, and the fields their items fill: (operation, query, {field in requests: field in items}).
READS: tuple[tuple[str, dict[str, Any], str | None, dict[str, str]], ...] = (
    ("voices.list", {"type": 2, "size": 20}, None, {"voice_id": "voice_id"}),
    ("avatars.list", {"page": 1, "size": 20}, "talking_avatar.create", {"avatar_id": "avatar_id"}),
    (
        "streaming.list_avatars",
        {"page": 1, "size": 20},
        "streaming.create_session",
        {"avatar_id": "avatar_id"},
    ),
    ("streaming.list_avatars", {"page": 1, "size": 20}, "streaming.get_avatar", {"avatar_id": "avatar_id"}),
    ("image2video.list_effects", {}, None, {"effect_code": "effect_code"}),
    # target languages must be in the list (schemas/NOTES.md #audit-translation-languages)
    ("video_translation.list_languages", {}, "video_translation.create", {"language": "lang_code"}),
)


@cache
def _examples() -> list[dict[str, Any]]:
    examples: list[dict[str, Any]] = json.loads((FIXTURES_DIR / "docs" / "examples.json").read_text("utf-8"))
    examples += json.loads((FIXTURES_DIR / "docs" / "current_examples.json").read_text("utf-8"))  # 2026 docs
    return examples


def seed_body(op: Operation) -> dict[str, Any]:
    """A known-good body for `op`: the docs' own example when it conforms, else a hand-made one."""
    if op.id in HAND_MADE:
        return dict(HAND_MADE[op.id])
    for entry in _examples():
        mine = entry["operation"] == op.id and entry["direction"] == "request" and entry["payload"]
        if mine and isinstance(entry["parsed"], dict) and not op.request_errors({"body": entry["parsed"]}):
            return dict(entry["parsed"])
    raise LookupError(f"no known-good body for {op.id}: add one to contract_tests.world.HAND_MADE")


def created_id(data: Any) -> str | None:
    """The id a create answered (`_id`, `id`, the first of a `successList` or of a one-item array)."""
    if isinstance(data, list) and data:
        return created_id(data[0])
    if not isinstance(data, Mapping):
        return None
    if isinstance(data.get("successList"), list) and data["successList"]:
        return created_id(data["successList"][0])
    for key in ("_id", "id"):
        if isinstance(data.get(key), str) and data[key]:
            return str(data[key])
    return None


@dataclass
class World:
    """Values that name real things on the target: common ones, and per operation."""

    common: dict[str, list[Any]] = field(default_factory=dict)
    per_op: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    created: set[str] = field(default_factory=set)  # the ids of the things the world made
    answered: set[str] = field(default_factory=set)  # ids a request got 1000 with: it may have ended them

    def add(self, op_id: str | None, name: str, values: list[Any]) -> None:
        bucket = self.common if op_id is None else self.per_op.setdefault(op_id, {})
        bucket.setdefault(name, []).extend(v for v in values if v not in bucket.get(name, []))

    def refs_for(self, op: Operation) -> dict[str, list[Any]]:
        return {**self.common, **self.per_op.get(op.id, {})}


def items_of(data: Any) -> list[Any]:
    """The items of a list answer's data, wherever the area keeps them."""
    if isinstance(data, list):
        return data
    if isinstance(data, Mapping):
        for key in ("result", "list", "data", "effects", "lang_list"):
            if isinstance(data.get(key), list):
                return list(data[key])
    return []


def _read(world: World, conn: Connection) -> None:
    catalog = load_catalog()
    for op_id, query, for_op, fields in READS:
        exchange = conn.send(catalog.operation(op_id), {"query": query})
        for item in items_of(exchange.data):
            for name, key in fields.items():
                if isinstance(item, Mapping) and item.get(key) not in (None, ""):
                    world.add(for_op, name, [item[key]])


def create(
    conn: Connection,
    target: Target,
    op: Operation,
    *,
    world: World | None = None,
    finish: bool = True,
    serial: int = 0,
) -> str | None:
    """Create one `op` thing with its known-good body, its references taken from `world` (the docs'
    examples name ids and webhook hosts that are not ours); with `finish`, complete it if it is a job."""
    body = seed_body(op)
    refs = (world or World()).refs_for(op)
    for key in ("webhookUrl", "webhookurl"):
        if key in body:
            body[key] = target.webhook_url or ""
    for key, values in refs.items():
        if key in body and values and isinstance(values[0], type(body[key])):
            body[key] = values[0]
    if isinstance(body.get("name"), str):  # names are unique per account (knowledge bases: 1233)
        body["name"] = f"{body['name']} {serial}"
    exchange = conn.send(op, {"body": body})
    made = created_id(exchange.body.get("data") if isinstance(exchange.body, dict) else None)
    if made and finish and op.job is not None and target.controllable:
        target.complete(made)
    return made


def build_world(conn: Connection, target: Target, only: Collection[str] | None = None) -> World:
    """Gather the world of `target`: free reads always, and when the target may be written the things of
    `CREATED` (`only` those created by these operations, when given)."""
    world = World()
    world.add(None, "webhookUrl", [target.webhook_url or ""])
    world.add(None, "webhookurl", [target.webhook_url or ""])
    creds = target.credentials
    world.add("auth.get_token", "clientId", [creds.client_id] if creds.client_id else [])
    world.add("auth.get_token", "clientSecret", [creds.secret] if creds.secret else [])
    catalog = load_catalog()
    for op_id, names in FROM_EXAMPLE.items():
        example = seed_body(catalog.operation(op_id))
        for name in names:
            world.add(op_id, name, [example[name]] if name in example else [])
    _read(world, conn)
    if target.read_only or not target.controllable:
        return world
    for serial, (op_id, uses) in enumerate(CREATED):
        if only is not None and op_id not in only:
            continue
        made = create(conn, target, catalog.operation(op_id), world=world, serial=serial)
        world.created.update([made] if made else [])
        for user, names in uses.items():
            for name in names:
                world.add(user, name, [made, [made]] if made else [])
    return world
