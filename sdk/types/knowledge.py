"""Types of the knowledge area: knowledge bases that ground a streaming avatar's answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NotRequired, TypedDict

from akool_mock.sdk.types._base import WireModel, WireNames

NAMES = WireNames({"_id": "id", "from": "source"}, params={"source": "from"})
"""`from` (1 system, 2 user) is a Python keyword, so it is `source` here, in results and in list().
Answers call the id `_id`, requests `id` (query and body): both are `id` in Python."""

Source = Literal[1, 2]


class KnowledgeDoc(TypedDict):
    """A document for a knowledge base: its file name, where Akool downloads it, and its size in bytes."""

    name: str
    url: str
    size: NotRequired[int]


@dataclass(frozen=True, slots=True, kw_only=True)
class KnowledgeDocument(WireModel):
    _names = NAMES

    name: str | None = None
    url: str | None = None
    size: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class KnowledgeBase(WireModel):
    """A knowledge base; pass its `id` as knowledge_id when creating a streaming session."""

    _names = NAMES

    id: str
    create_time: int
    update_time: int
    team_id: str | None = None
    uid: int | None = None
    user_type: int | None = None
    source: int | None = None
    name: str | None = None
    prologue: str | None = None
    prompt: str | None = None
    docs: tuple[KnowledgeDocument, ...] = ()
    urls: tuple[str, ...] = ()
