"""client.headswap against the in-process fake: every operation, sync and async."""

from __future__ import annotations

import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk import JobFailedError, JobStatus, NotFoundError, ValidationError
from akool_mock.sdk.errors import InsufficientCreditError
from akool_mock.sdk.types.headswap import CreatedHeadSwapTask, HeadSwapTask, PersonAnalysis
from tests.sdk.support import Client, resolve

pytestmark = pytest.mark.anyio
VIDEO = "https://example.com/videos/source.mp4"
FACE = "https://example.com/faces/reference.jpeg"


async def test_analysis_then_task_to_a_video(client: Client) -> None:
    analysis = await resolve(client.headswap.submit_analysis(video_url=VIDEO))
    assert isinstance(analysis, PersonAnalysis)
    assert (analysis.status, analysis.analysis_result, analysis.type) == (JobStatus.QUEUED, None, "head")
    done = await resolve(client.wait(analysis))
    assert done.status is JobStatus.COMPLETED
    assert done.analysis_result is not None
    person = done.analysis_result.media[0]
    task = await resolve(
        client.headswap.create_task(
            video_url=VIDEO, mappings=[{"obj_id": person.obj_id, "img_url": FACE}], resolution="720p"
        )
    )
    assert isinstance(task, CreatedHeadSwapTask)
    assert (task.status, task.deduction_lock_duration, task.model_name) == (
        JobStatus.QUEUED,
        100,
        "akool-premium",
    )
    finished = await resolve(client.wait(task))
    assert isinstance(finished, HeadSwapTask)
    assert finished.status is JobStatus.COMPLETED
    assert str(finished.video_url).endswith(".mp4")
    again = await resolve(client.headswap.get_task(id=task.id))
    assert again.video_url == finished.video_url
    assert (await resolve(client.headswap.get_analysis(id=analysis.id))).status is JobStatus.COMPLETED


async def test_the_and_wait_helpers(client: Client) -> None:
    analysis = await resolve(client.headswap.submit_analysis_and_wait(video_url=VIDEO))
    assert analysis.analysis_result is not None
    task = await resolve(
        client.headswap.create_task_and_wait(
            video_url=VIDEO, mappings=[{"obj_id": 0, "img_url": FACE}], resolution="480p", webhook_url=""
        )
    )
    assert (task.status, task.resolution) == (JobStatus.COMPLETED, "480p")


async def test_errors_the_pages_document(client: Client, akool: FakeAkool) -> None:
    with pytest.raises(ValidationError, match="video_url"):
        await resolve(
            client.headswap.create_task(
                video_url=VIDEO, mappings=[{"obj_id": 0, "img_url": FACE}], resolution="720p"
            )
        )
    with pytest.raises(NotFoundError) as caught:
        await resolve(client.headswap.get_task(id="0123456789abcdef01234567"))
    assert caught.value.code == 1014
    await resolve(client.headswap.submit_analysis_and_wait(video_url=VIDEO))
    akool.backend.accounts[akool.client_id].credits = 1
    with pytest.raises(InsufficientCreditError):
        await resolve(
            client.headswap.create_task(
                video_url=VIDEO, mappings=[{"obj_id": 0, "img_url": FACE}], resolution="720p"
            )
        )


async def test_a_failed_task_raises_with_its_reason(client: Client, akool: FakeAkool) -> None:
    await resolve(client.headswap.submit_analysis_and_wait(video_url=VIDEO))
    task = await resolve(
        client.headswap.create_task(
            video_url=VIDEO, mappings=[{"obj_id": 0, "img_url": FACE}], resolution="720p"
        )
    )
    akool.jobs.fail(task.id, "no head found")
    with pytest.raises(JobFailedError, match="no head found"):
        await resolve(client.wait(task))
