"""List filters: which items match, which the filtered list left out, which values a filter takes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from akool_mock.contract_tests import lists
from akool_mock.contract_tests.strategies import request_schema
from akool_mock.schemas import load_catalog

CATALOG = load_catalog()
items = st.lists(st.fixed_dictionaries({"id": st.text(max_size=4), "from": st.sampled_from([2, 3, "2"])}))


@given(listed=items, wanted=st.sampled_from([2, 3]))
def test_unmatched_are_exactly_the_items_showing_another_value(
    listed: list[dict[str, object]], wanted: int
) -> None:
    wrong = lists.unmatched(listed, "from", wanted)
    assert all(str(item["from"]) != str(wanted) for item in wrong)
    assert len(wrong) == sum(str(item["from"]) != str(wanted) for item in listed)


def test_an_item_without_the_field_is_not_unmatched_but_never_matches() -> None:
    assert lists.unmatched([{"name": "a"}], "from", 2) == []
    assert not lists.matches({"name": "a"}, "from", 2)
    assert lists.matches({"type": 1501}, "type", [1501, 1502])


@given(listed=items, wanted=st.sampled_from([2, 3]))
def test_left_out_names_the_matching_items_the_filtered_list_lacks(
    listed: list[dict[str, object]], wanted: int
) -> None:
    pairs = [(f"{n}", item) for n, item in enumerate(listed)]
    kept = [key for key, item in pairs if lists.matches(item, "from", wanted)]
    assert lists.left_out(kept, pairs, "from", wanted) == []
    if kept:
        assert lists.left_out(kept[1:], pairs, "from", wanted) == kept[:1]


def test_filter_values_come_from_the_request_schema() -> None:
    query = request_schema(CATALOG.operation("avatars.list"))["properties"]["query"]
    assert lists.filter_values(query, "from") == [2, 3]
    sessions = request_schema(CATALOG.operation("streaming.list_sessions"))["properties"]["query"]
    assert lists.filter_values(sessions, "status") == [1, 2, 3, 4]  # an enum under allOf
    models = request_schema(CATALOG.operation("models.list"))["properties"]["query"]
    assert [1501] in lists.filter_values(models, "types[]")  # an array parameter: each value alone
    assert lists.one_page(query) == {"size": lists.PAGE}


def test_every_filter_and_seeded_list_names_a_list_operation_and_its_parameter() -> None:
    for op_id, params in lists.FILTERS.items():
        query = request_schema(CATALOG.operation(op_id))["properties"]["query"]["properties"]
        assert CATALOG.operation(op_id).kind == "list", op_id
        assert set(params) <= set(query), op_id
    for op_id in [*lists.SEEDED, *lists.DETAIL_FILTERS]:
        assert CATALOG.operation(op_id).kind == "list", op_id
