"""The docs' example fields of answers, and what a create's poll must echo."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from akool_mock.contract_tests import shapes
from akool_mock.schemas import load_catalog

CATALOG = load_catalog()
OPS_WITH_EXAMPLES = [op for op in CATALOG.operations if shapes.example_fields(op.id) is not None]


def paths(shape: Any, prefix: str = "") -> list[str]:
    """Every path of a skeleton, as missing_example_fields names them."""
    found: list[str] = []
    if isinstance(shape, dict):
        for key, inner in shape.items():
            here = f"{prefix}.{key}" if prefix else key
            found += [here, *paths(inner, here)]
    elif isinstance(shape, list):
        found += paths(shape[0], f"{prefix}[]")
    return found


def drop(body: Any, path: str) -> None:
    """Remove the field at `path` from `body` (from every item, under `[]`)."""
    head, _, rest = path.partition(".")
    key, many = head.removesuffix("[]"), head.endswith("[]")
    if not rest:
        body.pop(key, None)
        return
    inner = body.get(key)
    for item in inner if many and isinstance(inner, list) else [inner]:
        if isinstance(item, dict):
            drop(item, rest)


def test_every_docs_example_carries_its_own_fields() -> None:
    for op in OPS_WITH_EXAMPLES:
        for body in shapes.example_answers(op.id):
            assert shapes.missing_example_fields(op, {}, body) == [], op.id


def test_the_2026_examples_are_read() -> None:
    # current/ai-tools-suite/audio.mdx gives audio.list_voices items an accent; the original has no example
    assert "accent" in shapes.example_fields("audio.list_voices")["data"][0]  # type: ignore[index]
    bodies = shapes.example_answers("headswap.get_task")
    assert bodies
    assert all("source_video_url" in body["data"] for body in bodies)


def test_a_field_only_some_examples_show_is_not_expected() -> None:
    # videos.get_result: the queued examples have no result URL, the completed ones do
    assert "video" not in shapes.example_fields("videos.get_result")["data"]  # type: ignore[index]


@given(data=st.data())
def test_a_dropped_field_is_named_unless_conditional_or_an_unsent_echo(data: st.DataObject) -> None:
    op = data.draw(st.sampled_from(OPS_WITH_EXAMPLES), label="op")
    body = copy.deepcopy(data.draw(st.sampled_from(shapes.example_answers(op.id)), label="example"))
    candidates = [path for path in paths(shapes.example_fields(op.id)) if path not in ("code", "msg")]
    if not candidates:
        return
    path = data.draw(st.sampled_from(candidates), label="path")
    drop(body, path)
    sent = {"body": {"anything": 1}}
    missing = shapes.missing_example_fields(op, sent, body)
    leaf = path.rpartition(".")[2].removesuffix("[]")
    excused = (op.id, path) in shapes.CONDITIONAL or leaf in shapes.property_names(op.request_schema)
    assert (path in missing) != excused


def test_an_echo_is_expected_once_the_request_sent_it() -> None:
    op = CATALOG.operation("text2video.create_batch")
    body = copy.deepcopy(shapes.example_answers(op.id)[0])
    drop(body, "data.successList[].model_name")
    assert shapes.missing_example_fields(op, {"body": {"prompt": "a cat"}}, body) == []
    sent = {"body": {"prompt": "a cat", "model_name": "x"}}
    assert shapes.missing_example_fields(op, sent, body) == ["data.successList[].model_name"]


def test_a_poll_that_shows_another_value_than_the_create_sent_is_named() -> None:
    create, poll = CATALOG.operation("image2video.create"), CATALOG.operation("image2video.get_results")
    shown = {"_id": "j1", "prompt": "", "resolution": "720p", "webhookUrl": "https://hooks.example.com/a"}
    sent = {"prompt": "a cat", "resolution": "720p", "webhookUrl": "", "_id": "other", "video_length": "5"}
    assert shapes.unechoed(create, poll, sent, shown) == ["prompt: sent 'a cat', shown ''"]
    assert shapes.unechoed(create, poll, {"resolution": 720}, {"resolution": "720"}) == []


def test_a_result_field_named_like_a_request_field_is_not_an_echo() -> None:
    create, poll = CATALOG.operation("headswap.create_task"), CATALOG.operation("headswap.get_task")
    assert "video_url" in shapes.item_names(poll.id, "data")
    assert shapes.unechoed(create, poll, {"video_url": "https://v/in.mp4"}, {"video_url": None}) == []
