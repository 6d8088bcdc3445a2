"""sdk._jobs: the pure half of waiting (which operation polls a job, and what its answer says)."""

from __future__ import annotations

from typing import Any

import pytest

from akool_mock.sdk._jobs import failure_reason, job_item, plan, status_of
from akool_mock.sdk.errors import UnexpectedResponseError
from akool_mock.sdk.types import JobStatus


def test_plan_puts_the_id_where_the_poll_operation_takes_it() -> None:
    query = plan("a1", "faceswap.create_image")
    assert (query.poll_operation, query.spec.method, query.spec.params) == (
        "faceswap.list_results",
        "GET",
        {"_ids": "a1"},
    )
    assert query.spec.idempotent
    body = plan("b2", "image2video.create")
    assert (body.poll_operation, body.spec.method, body.spec.json) == (
        "image2video.get_results",
        "POST",
        {"_ids": "b2"},
    )
    path = plan("c/3", "voices.clone")
    assert (path.poll_operation, path.spec.path) == ("voices.get", "/api/open/v4/voice/detail/c%2F3")
    assert plan("d4", "video_translation.create").failure_field == "error_reason"


def test_a_poll_operation_polls_itself() -> None:
    assert plan("x", "faceswap.list_results").poll_operation == "faceswap.list_results"
    assert plan("x", "voices.get_resource").failure_field is None


def test_operations_without_jobs_cannot_be_waited_for() -> None:
    with pytest.raises(ValueError, match="nothing to wait for"):
        plan("x", "knowledge.create")


def test_job_item_finds_the_job() -> None:
    many = plan("b", "faceswap.create_image")
    data = {"result": [{"_id": "a", "faceswap_status": 1}, {"_id": "b", "faceswap_status": "3"}]}
    assert job_item(many, data) == {"_id": "b", "faceswap_status": "3"}
    assert status_of(many, job_item(many, data)) is JobStatus.COMPLETED
    nested = plan("r", "voices.tts")
    assert job_item(nested, {"result": {"_id": "r", "status": 2}})["status"] == 2
    direct = plan("v", "voices.clone")
    assert job_item(direct, {"_id": "v", "status": 1})["_id"] == "v"
    in_array = plan("r", "avatars.create")  # avatars.get answers its one record in an array
    assert job_item(in_array, [{"_id": "r", "status": 3}])["status"] == 3
    with pytest.raises(UnexpectedResponseError, match="not in the answer"):
        job_item(in_array, [{"_id": "other", "status": 3}])


@pytest.mark.parametrize("data", [{"result": []}, {"result": [{"_id": "other"}]}, None, {"result": "x"}])
def test_a_job_missing_from_the_answer(data: Any) -> None:
    with pytest.raises(UnexpectedResponseError, match="not in the answer"):
        job_item(plan("b", "faceswap.create_image"), data)


def test_a_bad_status_is_unexpected() -> None:
    poll = plan("v", "voices.clone")
    with pytest.raises(UnexpectedResponseError, match="status"):
        status_of(poll, {"_id": "v", "status": "done"})


def test_failure_reason() -> None:
    translation = plan("t", "video_translation.create")
    assert failure_reason(translation, {"error_reason": "bad audio", "msg": "x"}) == "bad audio"
    swap = plan("s", "character_swap.create")
    assert failure_reason(swap, {"faceswap_fail_reason": "no face", "error_reason": "other"}) == "no face"
    images = plan("i", "images.create_by_prompt")
    assert failure_reason(images, {"error_reasons": ["blurry", "", "dark"]}) == "blurry; dark"
    assert failure_reason(images, {"image_status": 4}) is None
