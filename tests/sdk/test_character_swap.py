"""client.character_swap against the in-process fake, sync and async."""

from __future__ import annotations

from typing import Any

import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk import JobFailedError, JobStatus, ValidationError
from akool_mock.sdk.types.character_swap import NAMES, CharacterSwapJob
from tests.sdk.support import IMAGE, VIDEO, Client, resolve

pytestmark = pytest.mark.anyio

HOOK = "https://example.com/hook"
SWAP: dict[str, Any] = {"image": IMAGE, "video": VIDEO}


async def test_create_answers_the_job_with_its_cost(client: Client) -> None:
    job = await resolve(
        client.character_swap.create(
            **SWAP,
            duration=12,
            resolution="720p",
            mode="replace",
            prompt="keep the lighting",
            model_name="wavespeed-ai/wan-2.2/animate",
            webhook_url=HOOK,
        )
    )
    assert isinstance(job, CharacterSwapJob)
    assert (job.status, job.operation) == (JobStatus.QUEUED, "character_swap.create")
    assert job.deduction_credit == 30  # three started 5-second blocks at 10 credits (720p)
    assert (job.image_url, job.video_url, job.mode, job.prompt) == (
        IMAGE,
        VIDEO,
        "replace",
        "keep the lighting",
    )
    # Sent as `webhookurl` (the documented request spelling); the answer echoes `webhookUrl`.
    assert NAMES.to_wire(webhook_url=HOOK) == {"webhookurl": HOOK}
    assert (job.webhook_url, job.raw["webhookUrl"]) == (HOOK, HOOK)
    result = await resolve(client.wait(job, interval=1))
    assert (result.id, result.status) == (job.id, JobStatus.COMPLETED)
    assert result.video


async def test_create_and_wait(client: Client) -> None:
    result = await resolve(client.character_swap.create_and_wait(**SWAP, resolution="1080p", interval=1))
    assert result.status is JobStatus.COMPLETED
    assert (result.resolution, result.deduction_credit) == ("1080p", 30)  # 10 s assumed, 15 credits per 5 s


async def test_a_failed_job_raises_job_failed_with_the_reason(client: Client, akool: FakeAkool) -> None:
    job = await resolve(client.character_swap.create(**SWAP))
    akool.jobs.fail(job.id, "no character found")
    with pytest.raises(JobFailedError) as caught:
        await resolve(client.wait(job))
    assert caught.value.reason == "no character found"  # faceswap_fail_reason
    assert "no character found" in str(caught.value)


async def test_a_long_prompt_is_a_validation_error_naming_it(client: Client) -> None:
    with pytest.raises(ValidationError) as caught:
        await resolve(client.character_swap.create(**SWAP, prompt="x" * 501))
    assert "prompt" in caught.value.msg
