"""Every payload example of the docs validates against its operation's schema, or is a recorded doc defect.

A defect is listed in `fixtures/docs/defects/*.json` (example id → field and reason, with the NOTES.md anchor)
and must really fail, on the field it names: a defect that starts validating is a stale record.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from akool_mock.fixtures import FIXTURES_DIR
from akool_mock.schemas import Violation, load_catalog

CATALOG = load_catalog()
EXAMPLES: list[dict[str, Any]] = json.loads((FIXTURES_DIR / "docs" / "examples.json").read_text("utf-8"))
NOTES = (
    (CATALOG.store.root / "NOTES.md").read_text("utf-8") if (CATALOG.store.root / "NOTES.md").exists() else ""
)


def _defects() -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for path in sorted((FIXTURES_DIR / "docs" / "defects").glob("*.json")):
        for example_id, defect in json.loads(path.read_text("utf-8")).items():
            assert example_id not in found, f"{example_id} is recorded twice"
            found[example_id] = defect
    return found


DEFECTS = _defects()
PAYLOADS = [e for e in EXAMPLES if e["payload"]]
# Data-channel messages are not REST payloads, but they have a documented shape of their own.
CHECKED = PAYLOADS + [e for e in EXAMPLES if e["direction"] == "streaming_message"]


STREAMING_MESSAGES = "urn:akool-mock:schemas:streaming.messages"


def violations(example: dict[str, Any]) -> list[Violation]:
    direction, parsed = example["direction"], example["parsed"]
    if direction == "streaming_message":
        return CATALOG.store.violations(STREAMING_MESSAGES, parsed)
    if direction == "webhook_delivery":
        return CATALOG.store.violations(CATALOG.webhook.delivery_schema, parsed)
    if direction == "webhook_payload":
        return CATALOG.store.violations(CATALOG.webhook.payload_schema, parsed)
    op = CATALOG.operation(example["operation"])
    if direction == "response":
        return op.response_errors(parsed)
    return op.request_errors(_request_parts(op.request_schema, parsed))


def _request_parts(schema: dict[str, Any], parsed: Any) -> dict[str, Any]:
    """A doc request example is a body, or (for GET operations) the query it shows."""
    members = schema.get("properties", {})
    if "body" in members:
        return {"body": parsed}
    if "query" in members:
        return {"query": parsed}
    return {"path": parsed}


@pytest.mark.parametrize("example", CHECKED, ids=lambda e: e["id"])
def test_payload_example_validates_or_is_a_recorded_defect(example: dict[str, Any]) -> None:
    found = violations(example)
    defect = DEFECTS.get(example["id"])
    if defect is None:
        assert found == [], (
            f"{example['id']} ({example['page']}) does not validate: {[str(v) for v in found]}"
        )
        return
    assert found, f"{example['id']} is recorded as a defect but validates: remove the record"
    paths = [v.path for v in found]
    assert any(defect["field"] in path or path in defect["field"] for path in paths), (defect, paths)
    assert f"{{#{defect['notes']}}}" in NOTES, f"NOTES.md has no entry #{defect['notes']}"


def test_non_payload_examples_say_why() -> None:
    for example in EXAMPLES:
        if not example["payload"]:
            assert example["note"], example["id"]


def test_counts(capsys: pytest.CaptureFixture[str]) -> None:
    blocks = [e for e in EXAMPLES if e["source"] == "json_block"]
    curls = [e for e in EXAMPLES if e["source"] == "curl_data"]
    valid = [e for e in PAYLOADS if e["id"] not in DEFECTS]
    with capsys.disabled():
        print(
            f"\ndoc examples: {len(blocks)} JSON blocks "
            f"({sum(e['parses'] for e in blocks)} parse as written), "
            f"{len(curls)} cURL bodies; {len(PAYLOADS)} payloads: {len(valid)} validate, "
            f"{len(PAYLOADS) - len(valid)} recorded defects; {len(EXAMPLES) - len(PAYLOADS)} not payloads"
        )
    assert len(blocks) == 121
    assert sum(e["parses"] for e in blocks) == 90
