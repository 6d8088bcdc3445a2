"""sdk.types._base: JobStatus, WireNames and from_wire."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import Any

import pytest

from akool_mock.sdk.errors import UnexpectedResponseError
from akool_mock.sdk.types import JobStatus
from akool_mock.sdk.types._base import WireNames, from_wire, many
from akool_mock.sdk.types.faceswap import NAMES, FaceswapJob, FaceswapResult
from akool_mock.sdk.types.knowledge import NAMES as KNOWLEDGE
from akool_mock.sdk.types.voices import VoiceDeletion


@pytest.mark.parametrize(("value", "status"), [(1, JobStatus.QUEUED), ("3", JobStatus.COMPLETED), (" 4", 4)])
def test_job_status_accepts_numbers_and_numeric_strings(value: Any, status: JobStatus) -> None:
    assert JobStatus(value) == status
    assert JobStatus.parse(value) == status


@pytest.mark.parametrize("value", [0, 5, "done", None, True, 3.0])
def test_job_status_refuses_anything_else(value: Any) -> None:
    with pytest.raises(ValueError, match="not a valid JobStatus"):
        JobStatus.parse(value)


def test_is_terminal() -> None:
    assert [status.is_terminal for status in JobStatus] == [False, False, True, True]


def test_wire_names_both_ways() -> None:
    assert NAMES.python("sourceImage") == "source_image"
    assert NAMES.wire("webhook_url") == "webhookUrl"
    assert NAMES.field_wire("status") == "faceswap_status"
    assert NAMES.python("unlisted") == "unlisted"
    assert KNOWLEDGE.wire("id") == "id"
    assert KNOWLEDGE.field_wire("id") == "_id"
    assert KNOWLEDGE.wire("source") == "from"


def test_to_wire_drops_none_and_makes_plain_json() -> None:
    names = WireNames({"webhookUrl": "webhook_url"})
    body = names.to_wire(
        webhook_url="https://x", name=None, faces=({"path": "p", "opts": None},), status=JobStatus(2)
    )
    assert body == {"webhookUrl": "https://x", "faces": [{"path": "p"}], "status": 2}


def test_from_wire_renames_converts_and_keeps_the_rest() -> None:
    data = {"_id": "a", "faceswap_status": "2", "createdAt": "2024", "surprise": [1], "url": ""}
    result = from_wire(FaceswapResult, data, "faceswap.list_results")
    assert (result.id, result.status, result.created_at, result.url) == (
        "a",
        JobStatus.PROCESSING,
        "2024",
        "",
    )
    assert result.extra == {"surprise": [1]}
    assert result.raw == data
    assert result.job_id is None
    with pytest.raises(FrozenInstanceError):
        result.url = "changed"  # type: ignore[misc]


def test_from_wire_nested_models_and_tuples() -> None:
    deletion = from_wire(
        VoiceDeletion, {"successIds": ["a"], "noPermissionVoices": [{"_id": "b", "msg": "m"}]}
    )
    assert deletion.success_ids == ("a",)
    assert deletion.no_permission_voices[0].id == "b"


def test_local_fields_come_from_the_caller() -> None:
    job = from_wire(FaceswapJob, {"_id": "a", "job_id": "j"}, "op", operation="faceswap.create_image")
    assert (job.operation, job.result_type) == ("faceswap.create_image", FaceswapResult)
    assert from_wire(FaceswapResult, {"_id": "a", "faceswap_status": 1}).operation == "faceswap.list_results"


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {"faceswap_status": 1},
        {"_id": None, "faceswap_status": 1},
        {"_id": "a", "faceswap_status": 9},
    ],
)
def test_from_wire_refuses_what_it_cannot_read(data: Any) -> None:
    with pytest.raises(UnexpectedResponseError, match=r"faceswap\.list_results"):
        from_wire(FaceswapResult, data, "faceswap.list_results")


def test_many() -> None:
    assert many(FaceswapResult, [{"_id": "a", "faceswap_status": 3}])[0].status is JobStatus.COMPLETED
    with pytest.raises(UnexpectedResponseError):
        many(FaceswapResult, {"not": "a list"}, "x.y")
    with pytest.raises(UnexpectedResponseError):
        from_wire(VoiceDeletion, {"successIds": "a", "noPermissionVoices": []})
