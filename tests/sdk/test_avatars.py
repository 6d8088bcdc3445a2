"""client.avatars against the in-process fake, sync and async."""

from __future__ import annotations

import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk import JobFailedError, JobStatus, NotFoundError, ValidationError
from akool_mock.sdk.errors import ConflictError
from akool_mock.sdk.types.avatars import Avatar, AvatarRecord
from tests.sdk.support import VIDEO, Client, resolve

pytestmark = pytest.mark.anyio

STOCK_ID = "655ffeada6976ea317087193"  # the docs' official avatar (fixtures/canonical/avatars.json)
UNKNOWN = "0123456789abcdef01234567"


async def test_list_official_avatars(client: Client) -> None:
    avatars = await resolve(client.avatars.list(source=2, type=1, page=1, size=5))
    assert len(avatars) == 5
    assert all(isinstance(avatar, Avatar) for avatar in avatars)
    first = avatars[0]
    assert (first.id, first.avatar_id, first.source, first.status) == (
        STOCK_ID,
        "Yasmin_in_White_shirt_20231121",
        2,
        JobStatus.COMPLETED,
    )
    assert first.thumbnail_url
    assert first.url


async def test_create_answers_a_queued_record_that_wait_finishes(client: Client) -> None:
    record = await resolve(
        client.avatars.create(url=VIDEO, avatar_id="stream1", name="Me", type=2, url_from=1, webhook_url="")
    )
    assert isinstance(record, AvatarRecord)
    assert (record.status, record.operation, record.source, record.type) == (
        JobStatus.QUEUED,
        "avatars.create",
        3,
        2,
    )
    assert (record.avatar_id, record.available) == ("stream1", False)
    done = await resolve(client.wait(record, interval=1))
    assert isinstance(done, AvatarRecord)
    assert (done.id, done.status, done.available) == (record.id, JobStatus.COMPLETED, True)
    mine = await resolve(client.avatars.list(source=3))
    assert [(avatar.id, avatar.status) for avatar in mine] == [(record.id, JobStatus.COMPLETED)]


async def test_create_and_wait_then_get(client: Client) -> None:
    record = await resolve(
        client.avatars.create_and_wait(url=VIDEO, avatar_id="talking1", name="Me", type=1, interval=1)
    )
    assert (record.status, record.operation) == (JobStatus.COMPLETED, "avatars.get")
    again = await resolve(client.avatars.get(id=record.id))
    assert (again.id, again.avatar_id, again.name, again.status) == (
        record.id,
        "talking1",
        "Me",
        JobStatus.COMPLETED,
    )
    stock = await resolve(client.avatars.get(id=STOCK_ID))
    assert (stock.source, stock.gender) == (2, "female")


async def test_unknown_ids_are_not_found(client: Client) -> None:
    with pytest.raises(NotFoundError) as caught:
        await resolve(client.avatars.get(id=UNKNOWN))
    assert caught.value.code == 1008


async def test_an_avatar_id_in_use_is_a_conflict(client: Client) -> None:
    await resolve(client.avatars.create(url=VIDEO, avatar_id="twice", name="Me", type=1))
    with pytest.raises(ConflictError) as caught:
        await resolve(client.avatars.create(url=VIDEO, avatar_id="twice", name="Me", type=1))
    assert caught.value.code == 1222


async def test_a_failed_upload_raises_job_failed(client: Client, akool: FakeAkool) -> None:
    record = await resolve(client.avatars.create(url=VIDEO, avatar_id="broken", name="Me", type=1))
    akool.jobs.fail(record.id, "no face in the video")
    with pytest.raises(JobFailedError) as caught:
        await resolve(client.wait(record))
    assert caught.value.job_id == record.id


async def test_a_bad_avatar_id_is_a_validation_error_naming_it(client: Client) -> None:
    with pytest.raises(ValidationError) as caught:
        await resolve(client.avatars.create(url=VIDEO, avatar_id="with_underscore", name="Me", type=1))
    assert "avatar_id" in caught.value.msg
