"""client.knowledge against the in-process fake: every operation, sync and async."""

from __future__ import annotations

import pytest

from akool_mock.sdk import NotFoundError
from akool_mock.sdk.errors import ConflictError
from akool_mock.sdk.types.knowledge import KnowledgeBase
from tests.sdk.support import Client, resolve

pytestmark = pytest.mark.anyio

DOC = {"name": "manual.pdf", "url": "https://example.com/manual.pdf", "size": 1024}


async def test_create_get_update_list_delete(client: Client) -> None:
    created = await resolve(
        client.knowledge.create(
            name="support",
            prologue="Hello!",
            prompt="Answer briefly.",
            docs=[DOC],
            urls=["https://example.com"],
        )
    )
    assert isinstance(created, KnowledgeBase)
    assert (created.name, created.prompt, created.urls) == (
        "support",
        "Answer briefly.",
        ("https://example.com",),
    )
    assert [(doc.name, doc.size) for doc in created.docs] == [("manual.pdf", 1024)]
    assert created.source == 2
    assert created.create_time > 0

    fetched = await resolve(client.knowledge.get(id=created.id))
    assert fetched == created

    updated = await resolve(client.knowledge.update(id=created.id, prompt="Answer in detail."))
    assert (updated.prompt, updated.name) == ("Answer in detail.", "support")

    listed = await resolve(client.knowledge.list(page=1, size=10, name="support", source=2))
    assert [base.id for base in listed] == [created.id]
    assert await resolve(client.knowledge.list(name="other")) == ()

    assert await resolve(client.knowledge.delete(id=created.id)) is None
    with pytest.raises(NotFoundError) as caught:
        await resolve(client.knowledge.get(id=created.id))
    assert caught.value.code == 1232


async def test_create_without_fields(client: Client) -> None:
    created = await resolve(client.knowledge.create())
    assert created.id
    assert created.docs == ()


async def test_a_duplicate_name_is_a_conflict(client: Client) -> None:
    await resolve(client.knowledge.create(name="twice"))
    with pytest.raises(ConflictError) as caught:
        await resolve(client.knowledge.create(name="twice"))
    assert caught.value.code == 1233


async def test_unknown_ids_are_not_found(client: Client) -> None:
    missing = "0123456789abcdef01234567"
    for call in (
        lambda: client.knowledge.update(id=missing, name="x"),
        lambda: client.knowledge.delete(id=missing),
    ):
        with pytest.raises(NotFoundError):
            await resolve(call())
