"""Paging: every list operation with `page` and `size` honours them. A page never holds more than `size`
items, and pages of one item are the first items of a page of two, in order (so page 2 is not page 1).
A list asked without `page` and `size` is page 1 at the size the docs give as the default."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akool_mock.contract_tests import checks
from akool_mock.contract_tests.stateful import Harness
from akool_mock.contract_tests.strategies import request_schema, valid_requests
from akool_mock.contract_tests.world import World, items_of
from akool_mock.schemas import Operation, load_catalog

IDENTITY = ("_id", "id", "voice_id", "avatar_id", "resource_id", "uid")


def _paged(op: Operation) -> bool:
    query = request_schema(op).get("properties", {}).get("query", {}).get("properties", {})
    return op.kind == "list" and {"page", "size"} <= set(query)


PAGED = [op for op in load_catalog().operations if _paged(op)]


def identity(item: Any) -> str:
    if isinstance(item, dict):
        for key in IDENTITY:
            if item.get(key) not in (None, ""):
                return f"{key}={item[key]}"
    return json.dumps(item, sort_keys=True)


@pytest.mark.parametrize("op", PAGED, ids=lambda op: op.id)
@settings(max_examples=1)
@given(data=st.data())
def test_page_and_size_are_honoured(
    op: Operation, data: st.DataObject, harness: Harness, world: World
) -> None:
    """A page holds at most `size` items, and pages 1 and 2 of size 1 are page 1 of size 2, in order."""
    drawn = data.draw(valid_requests(op, world.refs_for(op)), label="request")
    required = set(request_schema(op)["properties"]["query"].get("required", ()))
    base = {k: v for k, v in (drawn.get("query") or {}).items() if k in required}

    def page(number: int, size: int) -> list[str]:
        exchange = harness.send(op, {"query": {**base, "page": number, "size": size}})
        checks.succeeded(exchange)
        shown = [identity(item) for item in items_of(exchange.data)]
        if len(shown) > size:
            raise checks.CheckFailure(exchange, f"page {number} of size {size} holds {len(shown)} items")
        return shown

    two = page(1, 2)
    first, second = page(1, 1), page(2, 1)
    if len(two) == 2 and first + second != two:
        exchange = harness.send(op, {"query": {**base, "page": 2, "size": 1}})
        raise checks.CheckFailure(
            exchange, f"pages 1 and 2 of size 1 hold {first + second}, page 1 of size 2 holds {two}"
        )


SIZED = [
    op
    for op in PAGED
    if "default" in request_schema(op)["properties"]["query"]["properties"]["size"]
    and not request_schema(op)["properties"]["query"].get("required")
]


@pytest.mark.parametrize("op", SIZED, ids=lambda op: op.id)
def test_a_list_without_page_or_size_is_the_first_page_of_the_default_size(
    op: Operation, harness: Harness
) -> None:
    """A list asked without `page` and `size` holds the items of page 1 at the documented default size
    (avatars.list: "Default is 100"), on a fresh target whose seeded items it then shows alike."""
    if not harness.target.controllable:
        pytest.skip(f"a fresh target is known only on a controllable one: {harness.target.name}")
    harness.target.reset()
    size = request_schema(op)["properties"]["query"]["properties"]["size"]["default"]
    plain = harness.send(op, {"query": {}})
    sized = harness.send(op, {"query": {"page": 1, "size": size}})
    checks.succeeded(plain)
    checks.succeeded(sized)
    shown, expected = [identity(i) for i in items_of(plain.data)], [identity(i) for i in items_of(sized.data)]
    if shown != expected:
        raise checks.CheckFailure(
            plain, f"without page and size it lists {len(shown)} items, page 1 of size {size} {len(expected)}"
        )
