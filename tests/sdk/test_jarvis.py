"""client.jarvis against the in-process fake: every operation, sync and async."""

from __future__ import annotations

import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk import JobFailedError, JobStatus, NotFoundError, ValidationError
from akool_mock.sdk.errors import PermissionDeniedError
from akool_mock.sdk.types.jarvis import Analysis, ContentType
from tests.sdk.support import IMAGE, Client, close, make_client, resolve

pytestmark = pytest.mark.anyio


async def test_create_analysis_answers_a_queued_analysis_that_wait_finishes(client: Client) -> None:
    analysis = await resolve(
        client.jarvis.create_analysis(
            content="Buy now with this discount code!", type=ContentType.TEXT, language="en", webhook_url=""
        )
    )
    assert isinstance(analysis, Analysis)
    assert (analysis.status, analysis.operation) == (JobStatus.QUEUED, "jarvis.create_analysis")
    assert (analysis.type, analysis.result, analysis.final_conclusion) == (ContentType.TEXT, "", None)
    done = await resolve(client.wait(analysis))
    assert isinstance(done, Analysis)
    assert (done.id, done.status, done.final_conclusion) == (
        analysis.id,
        JobStatus.COMPLETED,
        "Non-Compliant",
    )
    assert done.result is not None
    assert done.result.endswith("Result: Non-Compliant")


async def test_create_analysis_and_wait_with_a_custom_label(client: Client) -> None:
    done = await resolve(
        client.jarvis.create_analysis_and_wait(content="A calm day at the lake.", type=4, input="lake")
    )
    assert done.status is JobStatus.COMPLETED
    assert done.result is not None
    assert "customized content" in done.result
    media = await resolve(client.jarvis.create_analysis_and_wait(content=IMAGE, type=ContentType.IMAGE))
    assert media.final_conclusion in ("Compliant", "Non-Compliant", "Unknown")
    assert media.type is ContentType.IMAGE


async def test_get_analysis(client: Client) -> None:
    analysis = await resolve(client.jarvis.create_analysis(content="Hello there", type=4))
    pending = await resolve(client.jarvis.get_analysis(id=analysis.id))
    assert (pending.id, pending.status, pending.final_conclusion) == (analysis.id, JobStatus.QUEUED, "")
    await resolve(client.wait(analysis))
    done = await resolve(client.jarvis.get_analysis(id=analysis.id))
    assert (done.status, done.final_conclusion) == (JobStatus.COMPLETED, "Compliant")


async def test_unknown_analysis_is_not_found(client: Client) -> None:
    with pytest.raises(NotFoundError) as caught:
        await resolve(client.jarvis.get_analysis(id="0123456789abcdef01234567"))
    assert caught.value.code == 1008


async def test_media_content_must_be_a_url(client: Client) -> None:
    with pytest.raises(ValidationError) as caught:
        await resolve(client.jarvis.create_analysis(content="not a url", type=ContentType.VIDEO))
    assert "content" in caught.value.msg


async def test_a_failed_analysis_raises_job_failed(client: Client, akool: FakeAkool) -> None:
    analysis = await resolve(client.jarvis.create_analysis(content=IMAGE, type=1))
    akool.jobs.fail(analysis.id, "unreadable media")
    with pytest.raises(JobFailedError) as caught:
        await resolve(client.wait(analysis))
    assert (caught.value.job_id, caught.value.operation) == (analysis.id, "jarvis.create_analysis")
    assert caught.value.reason is None  # the page documents no failure field (schemas/NOTES.md#jarvis-failed)


async def test_an_account_below_enterprise_is_refused_jarvis(akool: FakeAkool) -> None:
    """schemas/NOTES.md #audit-plans: Jarvis is enterprise-only; 1213 is a PermissionDeniedError."""
    akool.accounts.set_plan(akool.client_id, "business")
    for kind in ("sync", "async"):
        client = make_client(kind, akool)
        try:
            with pytest.raises(PermissionDeniedError) as caught:
                await resolve(client.jarvis.create_analysis(content="hello", type=ContentType.TEXT))
            assert (caught.value.code, "enterprise" in caught.value.msg) == (1213, True)
        finally:
            await close(client)
