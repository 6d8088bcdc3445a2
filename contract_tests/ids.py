"""Ids in requests: which fields name a thing the target holds, an id no target holds, and which ids of a
request came from the target itself (the world's references).

A field names a thing by id when its schema is `common#/$defs/IdString` (or an array of them): derived from
the request schemas, so a new operation with an id is covered without a list to keep.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from akool_mock.schemas import Operation

ID_REF = "/$defs/IdString"
PARTS = ("body", "query", "path")
# An ObjectId starts with its creation time in seconds: this one was made at 1970-01-01T00:00:00Z, before
# any target existed, so no target holds it (Akool's ids are ObjectIds; the fake makes its own the same way).
UNHELD_ID = "000000000000000000000000"
# An id of spaces only: schema-valid (IdString's minLength counts them) and naming nothing.
BLANK_ID = "   "


def _names_an_id(node: Any) -> bool:
    """`node` is an IdString, or an array of them (directly or through anyOf/allOf/oneOf)."""
    if not isinstance(node, dict):
        return False
    if str(node.get("$ref", "")).endswith(ID_REF):
        return True
    alternatives = [*node.get("anyOf", ()), *node.get("allOf", ()), *node.get("oneOf", ())]
    return _names_an_id(node.get("items")) or any(_names_an_id(part) for part in alternatives)


def _properties(node: Any) -> Iterator[tuple[str, Any]]:
    """Every (name, schema) of every `properties` anywhere in `node`."""
    if isinstance(node, dict):
        yield from (node.get("properties") or {}).items()
        for value in node.values():
            yield from _properties(value)
    elif isinstance(node, list):
        for value in node:
            yield from _properties(value)


@cache
def id_fields(op: Operation) -> tuple[tuple[str, str], ...]:
    """The (part, field) pairs of `op`'s body, query and path that name one thing by id (top level only: the
    thing the operation reads, updates or ends)."""
    parts = op.request_schema.get("properties", {})
    return tuple(
        (part, name)
        for part in PARTS
        for name, sub in (parts.get(part, {}).get("properties") or {}).items()
        if _names_an_id(sub)
    )


@cache
def id_names(op: Operation) -> frozenset[str]:
    """The names of every field of `op`'s request, at any depth, that holds an id (`elements[].avatar_id`)."""
    return frozenset(name for name, sub in _properties(op.request_schema) if _names_an_id(sub))


def _lists_refusals(node: Any) -> bool:
    if isinstance(node, dict):
        items = node.get("items")
        if isinstance(items, dict) and {"_id", "msg"} <= set(items.get("required", ())):
            return True
        return any(_lists_refusals(value) for value in node.values())
    return isinstance(node, list) and any(_lists_refusals(value) for value in node)


@cache
def lists_refusals(op: Operation) -> bool:
    """`op` answers 1000 and lists the ids it did not act on as `{_id, msg}` items (voice delete's
    `noPermissionVoices`): its response schema has such an array."""
    return _lists_refusals(op.response_schema)


def with_unheld(
    op: Operation, request: Mapping[str, Any], unheld: str = UNHELD_ID
) -> tuple[dict[str, Any], list[str]]:
    """`request` with every top-level id field it sends set to `unheld`, and those fields' names."""
    changed = {part: dict(value) if isinstance(value, Mapping) else value for part, value in request.items()}
    names = []
    for part, name in id_fields(op):
        section = changed.get(part)
        if isinstance(section, dict) and name in section:
            section[name] = [unheld] if isinstance(section[name], list) else unheld
            names.append(name)
    return changed, names


def _values(node: Any, names: frozenset[str]) -> Iterator[tuple[str, Any]]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key in names:
                for one in value if isinstance(value, list) else [value]:
                    yield key, one
            yield from _values(value, names)
    elif isinstance(node, list):
        for value in node:
            yield from _values(value, names)


def supplied_ids(op: Operation, request: Mapping[str, Any], refs: Mapping[str, list[Any]]) -> dict[str, str]:
    """The ids in `request` that came from `refs` (the world: things the target listed or made), as
    {id: field name}."""
    return {
        str(value): name
        for name, value in _values(request, id_names(op))
        if isinstance(value, str) and value in refs.get(name, ())
    }
