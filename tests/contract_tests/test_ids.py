"""Ids in requests: the fields derived from the schemas, the unheld id, the ids the world supplied."""

from __future__ import annotations

from akool_mock.contract_tests import ids
from akool_mock.schemas import load_catalog

CATALOG = load_catalog()


def test_id_fields_come_from_the_schemas_top_level_only() -> None:
    assert ids.id_fields(CATALOG.operation("voices.get")) == (("path", "_id"),)
    assert ids.id_fields(CATALOG.operation("audio.get_result")) == (("query", "audio_model_id"),)
    assert set(ids.id_fields(CATALOG.operation("streaming.close_session"))) == {
        ("body", "id"),
        ("body", "session_id"),
    }
    assert ids.id_fields(CATALOG.operation("voices.delete")) == (("body", "_ids"),)  # an array of ids
    assert ids.id_fields(CATALOG.operation("talking_avatar.create")) == ()  # its ids are in its elements
    assert ids.id_fields(CATALOG.operation("faceswap.get_quota")) == ()


def test_operations_that_list_refused_ids_come_from_their_response_schemas() -> None:
    listing = {op.id for op in CATALOG.operations if ids.lists_refusals(op)}
    assert "voices.delete" in listing
    assert not {"voices.get", "audio.create_tts", "faceswap.get_quota"} & listing


def test_id_names_reach_nested_fields() -> None:
    assert {"avatar_id", "voice_id"} <= ids.id_names(CATALOG.operation("talking_avatar.create"))


def test_with_unheld_replaces_only_the_ids_sent_and_keeps_the_request() -> None:
    op = CATALOG.operation("streaming.close_session")
    request = {"body": {"id": "abc"}}
    changed, names = ids.with_unheld(op, request)
    assert changed == {"body": {"id": ids.UNHELD_ID}}
    assert names == ["id"]
    assert request == {"body": {"id": "abc"}}
    assert not op.request_errors(changed)
    many, names = ids.with_unheld(CATALOG.operation("voices.delete"), {"body": {"_ids": ["a", "b"]}})
    assert many == {"body": {"_ids": [ids.UNHELD_ID]}}
    assert names == ["_ids"]


def test_supplied_ids_are_the_values_the_world_gave_for_that_field() -> None:
    op = CATALOG.operation("talking_avatar.create")
    request = {"body": {"elements": [{"avatar_id": "a1"}, {"voice_id": "v9"}], "avatar_from": 3}}
    refs = {"avatar_id": ["a1", "a2"], "voice_id": ["v1"]}
    assert ids.supplied_ids(op, request, refs) == {"a1": "avatar_id"}
