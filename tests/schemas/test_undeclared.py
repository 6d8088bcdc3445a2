"""undeclared.py: the fields an instance carries that its schema never declares, through every branch."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from akool_mock.schemas import load_catalog
from akool_mock.schemas.undeclared import UndeclaredFinder, undeclared_fields

CATALOG = load_catalog()
FINDER = UndeclaredFinder(CATALOG.store)
POLL = CATALOG.operation("faceswap.list_results")
ITEM = {"_id": "6774858a0d40cbe7f2bcd2c2", "faceswap_status": 1}


def poll(*items: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"code": 1000, "msg": "OK", "data": {"result": list(items)}, **extra}


def test_unknown_fields_are_named_at_every_depth_through_refs_and_arrays() -> None:
    found = FINDER.find(POLL.response_schema_id, poll(ITEM, {**ITEM, "new": 1}, extra=True))
    assert found == ["data.result[1].new", "extra"]
    assert FINDER.find(POLL.response_schema_id, poll(ITEM)) == []


def test_an_open_map_holds_no_unknown_fields() -> None:
    op = CATALOG.operation("video_translation.create")
    voice = {"fixed_words": {"any word": "x", "another": "y"}, "fixd_words": {}}
    body = {"url": "https://e.com/v.mp4", "studio_voice": voice}
    assert FINDER.find(op.request_schema_id, {"body": body}) == ["body.studio_voice.fixd_words"]


def test_error_envelopes_and_fragments_are_read_by_their_id() -> None:
    envelope = POLL.response_schema_for({"code": 1101})
    assert undeclared_fields(CATALOG.store, envelope, {"code": 1101, "msg": "bad", "trace": "x"}) == ["trace"]


@given(st.dictionaries(st.sampled_from(["_id", "faceswap_status", "url", "job_id"]), st.integers()))
def test_declared_names_are_never_reported_whatever_their_values(item: dict[str, Any]) -> None:
    assert FINDER.find(POLL.response_schema_id, poll(item)) == []
