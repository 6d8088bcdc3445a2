"""The store's checks (jsonschema-rs) agree with jsonschema on every schema, for all inputs.

jsonschema-rs answers on the hot path, so any disagreement with the reference implementation would let a
bad request through or refuse a good one. Each schema is fed the docs' examples, one-leaf mutations of them,
and arbitrary JSON. Violations are described from jsonschema-rs's errors, at most `limit` of them.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akool_mock.fixtures import FIXTURES_DIR
from akool_mock.schemas import load_catalog

CATALOG = load_catalog()
STORE = CATALOG.store
EXAMPLES: list[dict[str, Any]] = json.loads((FIXTURES_DIR / "docs" / "examples.json").read_text("utf-8"))
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
LEAVES: list[Any] = [None, True, 0, -1, 1.5, 10**30, "", "x", "https://e.com/a.png", [], {}]


def agree(schema_id: str, instance: Any) -> None:
    expected = STORE.validator(schema_id).is_valid(instance)
    assert STORE.check(schema_id)(instance) == expected, (schema_id, instance)
    assert (not STORE.violations(schema_id, instance, limit=1)) == expected, (schema_id, instance)


def mutations(value: Any) -> list[Any]:
    """The value itself and every copy with one leaf replaced (bounded)."""
    out = [value]
    if isinstance(value, dict):
        for key in list(value)[:12]:
            out += [{**value, key: leaf} for leaf in LEAVES]
            out.append({k: v for k, v in value.items() if k != key})
    elif isinstance(value, list) and value:
        out += [[leaf, *value[1:]] for leaf in LEAVES]
    return out


def instances_of(example: dict[str, Any]) -> list[tuple[str, Any]]:
    op = CATALOG.operation(example["operation"])
    parsed = example["parsed"]
    if example["direction"] == "response":
        return [(op.response_schema_id, m) for m in mutations(parsed)]
    if example["direction"] == "request" and "body" in op.request_schema.get("properties", {}):
        return [(op.request_schema_id, {"body": m}) for m in mutations(parsed)]
    return []


@pytest.mark.parametrize(
    "example",
    [e for e in EXAMPLES if e["payload"] and e["operation"]],
    ids=lambda e: e["id"],
)
def test_agree_on_the_docs_examples_and_their_mutations(example: dict[str, Any]) -> None:
    for schema_id, instance in instances_of(example):
        agree(schema_id, instance)


def test_violations_name_the_field_and_the_rule() -> None:
    schema_id = "urn:akool-mock:schemas:faceswap.create_image.request"
    body = {"sourceImage": "x", "targetImage": [{"path": 5}], "modifyImage": "", "face_enhance": "no"}
    found = {str(v) for v in STORE.violations(schema_id, {"body": body})}
    assert "body.sourceImage: must be of type array" in found
    assert "body.targetImage[0].path: must be of type string" in found


def test_a_limit_stops_collecting_violations() -> None:
    schema_id = "urn:akool-mock:schemas:faceswap.create_image.request"
    body = {"sourceImage": [{"path": n} for n in range(1000)], "targetImage": [], "modifyImage": ""}
    assert len(STORE.violations(schema_id, {"body": body})) > 1000
    limited = STORE.violations(schema_id, {"body": body}, limit=6)
    assert len(limited) == 6
    assert all(v.path.startswith("body.sourceImage[") for v in limited)


def test_bad_items_beyond_the_first_are_still_found() -> None:
    schema_id = "urn:akool-mock:schemas:faceswap.create_image.request"
    good = {"path": "https://e.com/a.png", "opts": "1,2:3,4:5,6:7,8"}
    body = {"sourceImage": [good] * 500 + [{"path": 1, "opts": "1,2:3,4:5,6:7,8"}], "targetImage": [good],
            "modifyImage": "https://e.com/b.png"}  # fmt: skip
    found = STORE.violations(schema_id, {"body": body}, limit=6)
    assert [str(v) for v in found] == ["body.sourceImage[500].path: must be of type string"]


def test_alternatives_that_each_miss_a_property_are_named_together() -> None:
    schema = {"oneOf": [{"required": ["a"]}, {"required": ["b"]}]}
    [violation] = STORE.violations(schema, {})
    assert violation.message == "one of 'a', 'b' is required"


def test_a_combinator_is_described_by_its_deepest_cause() -> None:
    branches = [{"type": "string"}, {"properties": {"y": {"type": "integer"}}}]
    schema = {"properties": {"x": {"anyOf": branches}}}
    [violation] = STORE.violations(schema, {"x": {"y": "s"}})
    assert str(violation) == "x.y: must be of type integer"
    assert violation.expected == "type: 'integer'"
    assert violation.found == '"s"'


@settings(max_examples=60)
@given(st.sampled_from(sorted(STORE.documents)), JSON)
def test_agree_on_arbitrary_json(schema_id: str, value: Any) -> None:
    agree(schema_id, value)
    agree(schema_id, {"body": value})
    agree(schema_id, {"code": 1000, "msg": "OK", "data": value})


def test_an_object_key_that_looks_like_a_number_stays_a_key() -> None:
    schema = {"properties": {"faces": {"additionalProperties": {"items": {"type": "string"}}}}}
    [violation] = STORE.violations(schema, {"faces": {"0": [1]}})
    assert violation.path == "faces.0[0]"


def test_a_message_shows_the_value_short() -> None:
    schema = {"properties": {"url": {"anyOf": [{"pattern": "^https://"}, {"pattern": "^http://"}]}}}
    [violation] = STORE.violations(schema, {"url": "ftp://example.com/a.jpg"})
    assert violation.message.startswith('"ftp://example.com/a.jpg" is not valid under any of the schemas')
    [long] = STORE.violations(schema, {"url": "ftp://" + "x" * 10_000})
    assert len(long.message) < 200
