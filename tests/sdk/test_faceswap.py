"""client.faceswap against the in-process fake: every operation, sync and async."""

from __future__ import annotations

from typing import Any

import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk import JobFailedError, JobStatus, ValidationError
from akool_mock.sdk.types.faceswap import FaceswapJob, FaceswapResult, FaceswapUrlJob, Quota
from tests.sdk.support import FACE, IMAGE, VIDEO, Client, resolve

pytestmark = pytest.mark.anyio

OPTS = "262,175:363,175:313,215:272,279"
CREATES: dict[str, dict[str, Any]] = {
    "create_image": {
        "source_image": [{"path": FACE}],
        "target_image": [{"path": FACE}],
        "modify_image": IMAGE,
        "face_enhance": True,  # sent as 1: v3 refuses booleans
    },
    "create_image_pro": {
        "source_image": [{"path": FACE}],
        "target_image": [{"path": IMAGE}],
        "face_enhance": False,
        "single_face_mode": True,
    },
    "create_image_plus": {
        "source_url": FACE,
        "target_url": IMAGE,
        "face_mapping": [
            {
                "source_face_info": {"face_url": FACE},
                "target_face_info": {"face_url": IMAGE, "bbox": [1, 2, 3, 4]},
            }
        ],
        "model_style": "realistic",
    },
    "create_video": {
        "source_image": [{"path": FACE, "opts": OPTS}, {"path": FACE, "opts": OPTS}],
        "target_image": [{"path": FACE, "opts": OPTS}, {"path": FACE, "opts": OPTS}],
        "modify_video": VIDEO,
        "webhook_url": "https://example.com/hook",
    },
    "reage_image": {"target_image": [{"path": FACE, "opts": OPTS}], "face_reage": 10, "modify_image": IMAGE},
    "reage_video": {"target_image": [{"path": FACE, "opts": OPTS}], "face_reage": -10, "modify_video": VIDEO},
}


@pytest.mark.parametrize("method", sorted(CREATES))
async def test_create_returns_a_job_that_wait_finishes(client: Client, method: str) -> None:
    job = await resolve(getattr(client.faceswap, method)(**CREATES[method]))
    assert isinstance(job, FaceswapJob)
    assert job.operation == f"faceswap.{method}"
    assert job.id
    assert job.job_id
    result = await resolve(client.wait(job))
    assert isinstance(result, FaceswapResult)
    assert (result.id, result.status) == (job.id, JobStatus.COMPLETED)
    assert result.url
    assert result.url.startswith("https://")


@pytest.mark.parametrize("method", sorted(CREATES))
async def test_create_and_wait(client: Client, method: str) -> None:
    result = await resolve(getattr(client.faceswap, f"{method}_and_wait")(**CREATES[method], interval=1))
    assert isinstance(result, FaceswapResult)
    assert result.status is JobStatus.COMPLETED
    assert result.operation == "faceswap.list_results"


async def test_v3_answer_carries_the_url_at_submit_time(client: Client) -> None:
    job = await resolve(client.faceswap.create_image(**CREATES["create_image"]))
    assert isinstance(job, FaceswapUrlJob)
    assert job.url  # allocated before the job finishes (notes/real-world-quirks.md)
    pro = await resolve(client.faceswap.create_image_pro(**CREATES["create_image_pro"]))
    assert type(pro) is FaceswapJob


async def test_list_results_by_several_ids(client: Client) -> None:
    first = await resolve(client.faceswap.create_image(**CREATES["create_image"]))
    second = await resolve(client.faceswap.reage_image(**CREATES["reage_image"]))
    results = await resolve(client.faceswap.list_results(ids=[first.id, second.id]))
    assert {result.id for result in results} == {first.id, second.id}
    assert all(result.status is JobStatus.QUEUED for result in results)
    assert all(result.created_at and result.uid for result in results)
    by_string = await resolve(client.faceswap.list_results(ids=first.id))
    assert [result.id for result in by_string] == [first.id]


async def test_delete_results(client: Client) -> None:
    job = await resolve(client.faceswap.create_image(**CREATES["create_image"]))
    assert await resolve(client.faceswap.delete_results(ids=[job.id])) is None
    assert await resolve(client.faceswap.list_results(ids=[job.id])) == ()


async def test_cancel_job_fails_the_job(client: Client) -> None:
    job = await resolve(client.faceswap.create_video(**CREATES["create_video"]))
    assert await resolve(client.faceswap.cancel_job(job_ids=[job.job_id])) is None
    with pytest.raises(JobFailedError) as caught:
        await resolve(client.wait(job))
    assert caught.value.job_id == job.id
    assert str(caught.value).endswith(JobFailedError.hint)


async def test_get_quota_is_charged_by_creates(client: Client) -> None:
    before = await resolve(client.faceswap.get_quota())
    assert isinstance(before, Quota)
    await resolve(client.faceswap.create_image(**CREATES["create_image"]))
    after = await resolve(client.faceswap.get_quota())
    assert after.credit < before.credit


async def test_a_bad_field_is_a_validation_error_naming_it(client: Client) -> None:
    with pytest.raises(ValidationError) as caught:
        await resolve(
            client.faceswap.create_image(**{**CREATES["create_image"], "modify_image": "not a url"})
        )
    assert caught.value.code == 1003
    assert "modifyImage" in caught.value.msg


async def test_failed_job_raises_job_failed(client: Client, akool: FakeAkool) -> None:
    job = await resolve(client.faceswap.create_image(**CREATES["create_image"]))
    akool.jobs.fail(job.id, "no face found")
    with pytest.raises(JobFailedError):
        await resolve(client.wait(job))
