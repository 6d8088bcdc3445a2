"""The shape of successful answers, as the docs' examples give it.

A response schema leaves most fields optional (the docs rarely say "required"), so an answer that drops or
renames one still conforms. The docs' example answers say more: every field an example shows is one Akool
answers. `example_fields(op_id)` is the skeleton of the fields every success example of the operation
carries (recursively into objects, and into the items of lists); `missing_example_fields` lists what an
answer lacks of it. The examples are the extracted fixtures (`fixtures/docs/examples.json` from the original
docs, `current_examples.json` from the 2026 docs: an operation the 2026 docs give examples for is read from
those only). Where several examples show one operation (a queued and a completed job), a field counts only
if all of them show it: a field one status adds is conditional.

A field the example shows because the example's request sent it (an optional request field, echoed) is
expected only when the request sent it: a missing field whose name is a property of the operation's request
schema, and which the request did not send, is not a gap. Other fields the docs show but Akool leaves out on
some answers are `CONDITIONAL`, each with the reason and the page (schemas/NOTES.md #example-fields).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from akool_mock.fixtures import FIXTURES_DIR
from akool_mock.schemas import Operation

# A skeleton: for each field, the skeleton of its value (an object's fields; a list's items as `[skeleton]`),
# or None for a scalar (or a value no example fills).
Skeleton = dict[str, "Shape"]
Shape = Skeleton | list[Skeleton] | None

# (operation, path of the field in the answer) -> why an answer may lack it. Paths as `missing_example_fields`
# names them: `data.result[].url`.
CONDITIONAL: dict[tuple[str, str], str] = {
    **dict.fromkeys(
        [("avatars.create", f"data[].{name}") for name in ("gender", "modify_url", "sort", "thumbnailUrl")]
        + [("avatars.list", f"data[].{name}") for name in ("gender", "thumbnailUrl")],
        "the examples show an official avatar (from 2, Yasmin); an upload (from 3) has no gender, sort, "
        "thumbnail or modified URL: its request gives none (talking-avatar page, Upload Talking Avatar)",
    ),
    ("image2video.create", "data.effect_name"): "the name of the effect_code sent; none without one",
    **{
        ("image2video.get_results", f"data.result[].{name}"): reason
        for names, reason in (
            (("audio_type", "audio_url"), "the audio options the create sent (optional: image2video page)"),
            (("effect_code", "effect_name"), "the effect the create chose (optional: image2video page)"),
            (("video_duration",), "the length of the finished video (the example is a completed one)"),
            (
                ("image_url", "only_add_audio"),
                "a text to video (polled here too: current/ai-tools-suite/text2video.mdx) has no image",
            ),
        )
        for name in names
    },
    ("images.get_result", "data.image"): "the result image, once completed (both examples are completed)",
    **dict.fromkeys(
        [("images.get_result", "data.type"), ("images.get_result", "data.uid")],
        "a variation or upscale (images.create_by_button) shows neither, as its example (image-generate-6)",
    ),
    **dict.fromkeys(
        [("knowledge.list", "data[].docs[].size")]
        + [(f"knowledge.{name}", "data.docs[].size") for name in ("create", "get", "update")],
        "the size the create or update sent with the document (optional: knowledge-base page)",
    ),
    **dict.fromkeys(
        [
            ("voices.clone", "data.gender"),
            ("voices.get", "data.gender"),
            ("voices.list", "data.result[].gender"),
        ],
        "the first gender the clone's voice_options gave (#voices-gender-array-vs-string); none without one",
    ),
    **dict.fromkeys(
        [
            ("voices.list", f"data.result[].{name}")
            for name in ("create_time", "duration", "language", "locale", "preview", "text")
        ],
        "Akool's own voices (type=2) show what the docs show of them: the detail example (voiceLab-15) "
        "has no language or locale, the voice the TTS and changer examples name only their fields "
        "(fixtures/canonical/voices.json)",
    ),
    **dict.fromkeys(
        [("models.list", "data[].durationList"), ("models.list", "data[].maxCount")],
        "the character swap model (type 2101) takes no duration or batch (#models-seeded-catalog)",
    ),
    **dict.fromkeys(
        [
            ("voices.get_resource", "data.result.input_text"),
            ("voices.get_resource", "data.result.language_code"),
            ("voices.list_resources", "data.result[].input_text"),
        ],
        "the text and language of a text to speech; a voice change (voices.change) has neither",
    ),
}


@cache
def _examples() -> tuple[dict[str, Any], ...]:
    docs = FIXTURES_DIR / "docs"
    original = json.loads((docs / "examples.json").read_text("utf-8"))
    current = json.loads((docs / "current_examples.json").read_text("utf-8"))
    newer = {entry["operation"] for entry in current if entry["direction"] == "response"}
    kept = [entry for entry in original if entry["operation"] not in newer] + current
    return tuple(entry for entry in kept if entry["direction"] == "response" and entry["payload"])


def _success(body: Any) -> bool:
    if not isinstance(body, dict):
        return False
    if "code" in body:
        return bool(body["code"] == 1000)
    return body.get("error_code", 0) == 0 and body.get("success") is not False


def _shape(value: Any) -> Shape:
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_shape(item) for item in value if isinstance(item, dict)]
        return [_common(items)] if items else None
    return None


def _common(shapes: list[Any]) -> Any:
    """What every one of `shapes` holds: the fields all of them have, each the common part of its values."""
    if all(isinstance(shape, dict) for shape in shapes):
        keys = set.intersection(*(set(shape) for shape in shapes))
        return {key: _common([shape[key] for shape in shapes]) for key in sorted(keys)}
    if all(isinstance(shape, list) for shape in shapes):
        return [_common([shape[0] for shape in shapes])]
    return None  # a scalar, or an object in one example and a scalar (null) in another


def example_answers(op_id: str) -> list[Any]:
    """The docs' success example answers of `op_id`."""
    return [e["parsed"] for e in _examples() if e["operation"] == op_id and _success(e["parsed"])]


@cache
def example_fields(op_id: str) -> Skeleton | None:
    """The fields every success example of `op_id` carries, or None when the docs give no such example."""
    bodies = example_answers(op_id)
    if not bodies:
        return None
    common: Skeleton = _common([_shape(body) for body in bodies])
    return common


def _walk(shape: Shape, value: Any, path: str) -> Iterator[str]:
    if isinstance(shape, dict) and isinstance(value, Mapping):
        for key, inner in shape.items():
            here = f"{path}.{key}" if path else key
            if key not in value:
                yield here
            else:
                yield from _walk(inner, value[key], here)
    elif isinstance(shape, list) and isinstance(value, list):
        for item in value:
            yield from _walk(shape[0], item, f"{path}[]")


def names(value: Any) -> set[str]:
    """Every key of every object in `value` (a JSON document)."""
    found: set[str] = set()
    if isinstance(value, Mapping):
        for key, inner in value.items():
            found |= {str(key), *names(inner)}
    elif isinstance(value, list):
        for inner in value:
            found |= names(inner)
    return found


def property_names(schema: Any) -> set[str]:
    """Every property name a JSON schema document declares, at any depth (its `$defs` too)."""
    found: set[str] = set()
    if isinstance(schema, Mapping):
        for key, inner in schema.items():
            if key == "properties" and isinstance(inner, Mapping):
                found |= set(inner)
            found |= property_names(inner)
    elif isinstance(schema, list):
        for inner in schema:
            found |= property_names(inner)
    return found


_REQUEST_NAMES: dict[str, frozenset[str]] = {}


def _request_names(op: Operation) -> frozenset[str]:
    if op.id not in _REQUEST_NAMES:
        _REQUEST_NAMES[op.id] = frozenset(property_names(op.request_schema))
    return _REQUEST_NAMES[op.id]


def missing_example_fields(op: Operation, request: Mapping[str, Any], body: Any) -> list[str]:
    """The fields the docs' examples of `op` carry that the success answer `body` to `request` lacks (paths
    such as `data.result[].url`, once each): less the `CONDITIONAL` ones and the echoes of optional request
    fields `request` did not send."""
    unsent = _request_names(op) - names(request)
    missing = dict.fromkeys(_walk(example_fields(op.id), body, ""))
    return [
        path
        for path in missing
        if (op.id, path) not in CONDITIONAL and path.rpartition(".")[2].removesuffix("[]") not in unsent
    ]


@cache
def item_names(poll_id: str, items_path: str) -> frozenset[str]:
    """The fields any docs' example answer of the poll `poll_id` shows for a job (at `items_path`)."""
    found: set[str] = set()
    for body in example_answers(poll_id):
        shown = body
        for part in items_path.split("."):
            shown = shown.get(part) if isinstance(shown, dict) else None
        for item in shown if isinstance(shown, list) else [shown]:
            found |= set(item) if isinstance(item, dict) else set()
    return frozenset(found)


def _same(sent: Any, shown: Any) -> bool:
    # A number may be sent as a string ("type": "1") and shown as the number, as the schemas allow.
    return bool(sent == shown) or str(sent) == str(shown)


def unechoed(op: Operation, poll: Operation, sent: Mapping[str, Any], shown: Mapping[str, Any]) -> list[str]:
    """The values of `op`'s create request `sent` that the poll answer's job `shown` shows otherwise, under
    a name a docs' example poll answer shows: one line per field, sent and shown. The job's own `_id` and
    its result fields (headswap's `video_url` names the source in the request, the result in the poll) are
    not echoes, nor is an empty value (no webhook given: the account's is used)."""
    echoed = item_names(poll.id, poll.poll.items_path if poll.poll else "data")
    echoed -= {"_id", *(op.job.result_fields if op.job else ())}
    return [
        f"{name}: sent {value!r}, shown {shown[name]!r}"
        for name, value in sent.items()
        if name in echoed
        and name in shown
        and isinstance(value, str | int | float)
        and value != ""
        and not _same(value, shown[name])
    ]
