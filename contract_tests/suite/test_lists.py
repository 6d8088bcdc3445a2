"""List filters and seeded lists: a filter parameter keeps exactly the items it names, and the lists of the
target's own catalogue (voices, avatars, models, effects, languages) are not empty."""

from __future__ import annotations

from typing import Any

import pytest

from akool_mock.contract_tests import checks, lists
from akool_mock.contract_tests.stateful import Harness
from akool_mock.contract_tests.strategies import request_schema
from akool_mock.contract_tests.suite.test_paging import identity
from akool_mock.contract_tests.world import items_of
from akool_mock.schemas import load_catalog

CATALOG = load_catalog()
CASES = [(op_id, param, field) for op_id, params in lists.FILTERS.items() for param, field in params.items()]


def _query(op_id: str) -> dict[str, Any]:
    query: dict[str, Any] = request_schema(CATALOG.operation(op_id))["properties"].get("query", {})
    return query


@pytest.mark.parametrize(("op_id", "param", "field"), CASES, ids=[f"{o}?{p}" for o, p, _f in CASES])
def test_filtered_lists_hold_exactly_the_matching_items(
    op_id: str, param: str, field: str, harness: Harness
) -> None:
    """A list filtered by a parameter that names an item field holds only items showing that value, and
    every such item of the unfiltered list."""
    op, schema = CATALOG.operation(op_id), _query(op_id)
    page = lists.one_page(schema)
    base = {**lists.SEEDED.get(op_id, {}), **page}
    base.pop(param, None)
    everything = harness.send(op, {"query": base}) if param not in schema.get("required", ()) else None
    for value in lists.filter_values(schema, param):
        exchange = harness.send(op, {"query": {**base, param: value}})
        checks.succeeded(exchange)
        items = items_of(exchange.data)
        wrong = lists.unmatched(items, field, value)
        if wrong:
            raise checks.CheckFailure(
                exchange, f"{param}={value} lists items whose {field} differs: {wrong[:3]}"
            )
        if everything is None or everything.code != checks.SUCCESS:
            continue
        unfiltered = items_of(everything.data)
        if len(unfiltered) < lists.PAGE:  # the unfiltered list is whole: what matches must be listed
            missing = lists.left_out(
                [identity(i) for i in items], [(identity(i), i) for i in unfiltered], field, value
            )
            if missing:
                raise checks.CheckFailure(
                    exchange, f"{param}={value} leaves out matching items {missing[:5]}"
                )


@pytest.mark.parametrize("op_id", sorted(lists.DETAIL_FILTERS))
def test_filtered_lists_hold_items_whose_detail_matches(op_id: str, harness: Harness) -> None:
    """A list filtered on a field only the detail shows (streaming avatars' `platform`) holds items whose
    detail shows that value."""
    param, detail_id, key = lists.DETAIL_FILTERS[op_id]
    op, schema = CATALOG.operation(op_id), _query(op_id)
    for value in lists.filter_values(schema, param):
        listed = harness.send(op, {"query": {**lists.one_page(schema), param: value}})
        checks.succeeded(listed)
        for item in items_of(listed.data)[:5]:
            detail = harness.send(CATALOG.operation(detail_id), {"query": {key: item[key]}})
            checks.succeeded(detail)
            if not lists.matches(detail.data, param, value):
                shown = detail.data.get(param)
                raise checks.CheckFailure(
                    detail, f"{op_id}?{param}={value} listed {item[key]}: {param} {shown!r}"
                )


@pytest.mark.parametrize("op_id", sorted(lists.SEEDED))
def test_seeded_lists_are_not_empty(op_id: str, harness: Harness) -> None:
    """The lists of the target's own catalogue (Akool's voices, avatars, models, effects, languages) hold
    items on a fresh target."""
    if not harness.target.controllable:
        pytest.skip(f"what a target seeds is known only on a controllable one: {harness.target.name}")
    harness.target.reset()
    exchange = harness.send(CATALOG.operation(op_id), {"query": lists.SEEDED[op_id]})
    checks.succeeded(exchange)
    if not items_of(exchange.data):
        raise checks.CheckFailure(exchange, "the list of the target's own catalogue is empty")
