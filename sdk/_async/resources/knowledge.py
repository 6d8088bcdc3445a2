"""client.knowledge: knowledge bases (v4) that ground a streaming avatar's answers.

Page: ai-tools-suite__knowledge-base. Pass a knowledge base's `id` as knowledge_id to
streaming.create_session. Unknown ids raise NotFoundError (1232), a name already used ConflictError (1233).
"""

from __future__ import annotations

from collections.abc import Sequence

from akool_mock.sdk._async.resources._base import AsyncResource
from akool_mock.sdk.types._base import from_wire, many
from akool_mock.sdk.types.knowledge import NAMES, KnowledgeBase, KnowledgeDoc, Source


class AsyncKnowledge(AsyncResource):
    async def list(
        self,
        *,
        page: int | None = None,
        size: int | None = None,
        name: str | None = None,
        source: Source | None = None,
    ) -> tuple[KnowledgeBase, ...]:
        """One page (`size` 1 to 100, default 10) of the team's knowledge bases, newest first, optionally
        only those named `name` or from `source` (1 system, 2 user: the default)."""
        params = NAMES.to_wire(page=page, size=size, name=name, source=source)
        return many(KnowledgeBase, await self._call("knowledge.list", params=params), "knowledge.list")

    async def create(
        self,
        *,
        name: str | None = None,
        prologue: str | None = None,
        prompt: str | None = None,
        docs: Sequence[KnowledgeDoc] | None = None,
        urls: Sequence[str] | None = None,
    ) -> KnowledgeBase:
        """Create a knowledge base: a `prompt` for the AI, a `prologue` greeting, documents and web pages."""
        body = NAMES.to_wire(name=name, prologue=prologue, prompt=prompt, docs=docs, urls=urls)
        return from_wire(KnowledgeBase, await self._call("knowledge.create", json=body), "knowledge.create")

    async def get(self, *, id: str) -> KnowledgeBase:
        """One knowledge base by its `id`."""
        data = await self._call("knowledge.get", params=NAMES.to_wire(id=id))
        return from_wire(KnowledgeBase, data, "knowledge.get")

    async def update(
        self,
        *,
        id: str,
        name: str | None = None,
        prologue: str | None = None,
        prompt: str | None = None,
        docs: Sequence[KnowledgeDoc] | None = None,
        urls: Sequence[str] | None = None,
    ) -> KnowledgeBase:
        """Change a knowledge base: the fields given replace the stored ones, the others are kept."""
        body = NAMES.to_wire(id=id, name=name, prologue=prologue, prompt=prompt, docs=docs, urls=urls)
        return from_wire(KnowledgeBase, await self._call("knowledge.update", json=body), "knowledge.update")

    async def delete(self, *, id: str) -> None:
        """Delete a knowledge base by its `id`."""
        await self._call("knowledge.delete", json=NAMES.to_wire(id=id))
