"""client.images against the in-process fake: every operation, sync and async."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.mock_server.settings import build_settings
from akool_mock.sdk import APIError, JobFailedError, JobStatus, NotFoundError, ValidationError
from akool_mock.sdk.types.images import ImageJob
from tests.sdk.support import FACE, IMAGE, Client, resolve


@pytest.fixture
def akool() -> Iterator[FakeAkool]:
    """Background Change is deprecated in the 2026 docs and refused by default: these tests serve it."""
    settings = build_settings(
        clock="manual", seed=0, public_url="https://openapi.akool.com", deprecated="serve"
    )
    with FakeAkool(settings) as fake:
        yield fake


pytestmark = pytest.mark.anyio

BACKGROUND: dict[str, Any] = {
    "origin_img": FACE,
    "modify_origin_img_size": (3062, 3828),
    "overlay_origin_x": -72,
    "overlay_origin_y": -84,
    "canvas_size": "3840x3840",
}
UNKNOWN = "0123456789abcdef01234567"


async def test_create_by_prompt_answers_a_queued_job_that_wait_finishes(client: Client) -> None:
    job = await resolve(
        client.images.create_by_prompt(prompt="a red fox", scale="16:9", source_image=IMAGE, webhook_url="")
    )
    assert isinstance(job, ImageJob)
    assert (job.status, job.image, job.operation) == (JobStatus.QUEUED, None, "images.create_by_prompt")
    assert (job.prompt, job.origin_prompt, job.source_image, job.source) == (
        "a red fox",
        "a red fox",
        IMAGE,
        1,
    )
    assert job.buttons == ()
    done = await resolve(client.wait(job))
    assert isinstance(done, ImageJob)
    assert (done.id, done.status) == (job.id, JobStatus.COMPLETED)
    assert done.image
    assert done.buttons == ("U1", "U2", "U3", "U4", "V1", "V2", "V3", "V4")


async def test_create_by_button_and_wait_upscales_a_finished_prompt_job(client: Client) -> None:
    origin = await resolve(client.images.create_by_prompt_and_wait(prompt="a lighthouse"))
    assert origin.status is JobStatus.COMPLETED
    queued = await resolve(client.images.create_by_button(id=origin.id, button="V3", webhook_url=""))
    assert (queued.status, queued.operation) == (JobStatus.QUEUED, "images.create_by_button")
    assert (queued.image_content_model_id, queued.op_button) == (origin.id, "V3")
    assert queued.op_button_message_id
    upscaled = await resolve(client.images.create_by_button_and_wait(id=origin.id, button="U2"))
    assert (upscaled.status, upscaled.op_button) == (JobStatus.COMPLETED, "U2")
    assert upscaled.image
    again = await resolve(client.images.get_result(image_model_id=origin.id))
    assert set(again.used_buttons) == {"U2", "V3"}
    assert again.upscaled_urls == (upscaled.image,)


async def test_create_by_button_needs_a_finished_prompt_job(client: Client) -> None:
    pending = await resolve(client.images.create_by_prompt(prompt="a lighthouse"))
    with pytest.raises(APIError) as caught:
        await resolve(client.images.create_by_button(id=pending.id, button="U1"))
    assert caught.value.code == 1010
    with pytest.raises(NotFoundError) as missing:
        await resolve(client.images.create_by_button(id=UNKNOWN, button="U1"))
    assert missing.value.code == 1008
    done = await resolve(client.wait(pending))
    upscaled = await resolve(client.images.create_by_button_and_wait(id=done.id, button="U1"))
    with pytest.raises(ValidationError, match="button"):
        await resolve(client.images.create_by_button(id=upscaled.id, button="U1"))


async def test_change_background_and_wait(client: Client) -> None:
    queued = await resolve(
        client.images.change_background(
            **BACKGROUND,
            color_code="#aafbe3",
            template_url=IMAGE,
            modify_template_size=(3828, 3828),
            overlay_template_x=2049,
            overlay_template_y=-6,
            remove_bg=False,
            webhook_url="",
        )
    )
    assert (queued.status, queued.operation, queued.version) == (
        JobStatus.QUEUED,
        "images.change_background",
        0,
    )
    assert queued.image_id
    assert queued.error_reasons == ()
    done = await resolve(client.images.change_background_and_wait(**BACKGROUND, remove_bg=True))
    assert (done.status, done.image_sub_status) == (JobStatus.COMPLETED, 3)
    assert done.image
    assert done.external_img


async def test_template_settings_need_a_template(client: Client) -> None:
    with pytest.raises(ValidationError) as caught:
        await resolve(client.images.change_background(**BACKGROUND, modify_template_size="100x100"))
    assert "template_url" in caught.value.msg


async def test_an_empty_prompt_is_refused(client: Client) -> None:
    with pytest.raises(ValidationError) as caught:
        await resolve(client.images.create_by_prompt(prompt=""))
    assert "prompt" in caught.value.msg


async def test_get_result_of_an_unknown_image_is_not_found(client: Client) -> None:
    with pytest.raises(NotFoundError) as caught:
        await resolve(client.images.get_result(image_model_id=UNKNOWN))
    assert caught.value.code == 1008


async def test_a_failed_background_change_raises_with_its_reason(client: Client, akool: FakeAkool) -> None:
    job = await resolve(client.images.change_background(**BACKGROUND))
    akool.jobs.fail(job.id, "foreground image could not be read")
    with pytest.raises(JobFailedError) as caught:
        await resolve(client.wait(job))
    assert (caught.value.job_id, caught.value.operation) == (job.id, "images.change_background")
    assert caught.value.reason == "foreground image could not be read"
    failed = await resolve(client.images.get_result(image_model_id=job.id))
    assert failed.status is JobStatus.FAILED
    assert failed.error_reasons == ("foreground image could not be read",)


async def test_a_failed_prompt_job_raises_job_failed(client: Client, akool: FakeAkool) -> None:
    job = await resolve(client.images.create_by_prompt(prompt="a red fox"))
    akool.jobs.fail(job.id, "generation failed")
    with pytest.raises(JobFailedError) as caught:
        await resolve(client.wait(job))
    assert caught.value.job_id == job.id
    assert (
        caught.value.reason is None
    )  # prompt documents have no reason field (only bg/replace's error_reasons)
