"""AI model list (mock_server/handlers/models.py, fixtures/canonical/ai_models.json)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akool_mock.mock_server.handlers.models import requested_types
from akool_mock.mock_server.settings import DEFAULT_API_KEY
from akool_mock.mock_server.wire import WireRequest, parse_query
from akool_mock.schemas import load_catalog
from tests.mock_server.conftest import Fake

MODELS = "/api/open/v4/aigModel/list"
TYPES = (1501, 1502, 2101)
DOC_VALUES = ["AkoolImage2VideoFastV1", "seedance-1-0-lite-i2v-250428"]  # the page's example, in its order


def list_models(fake: Fake, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """GET with repeated query parameters (Fake.get takes one value per name)."""
    wire = WireRequest(
        "GET", MODELS, parse_query(pairs), {"x-api-key": DEFAULT_API_KEY}, b"", "openapi.akool.com"
    )
    body: dict[str, Any] = json.loads(fake.pipeline.handle(wire).body)
    op = load_catalog().operation("models.list")
    assert op.response_errors(body) == [], body
    return body


def test_lists_the_docs_models_for_1501(fake: Fake) -> None:
    answer = fake.get(MODELS, **{"types[]": "1501"})
    assert answer["code"] == 1000
    assert [m["value"] for m in answer["data"]] == DOC_VALUES
    assert answer["data"][0]["resolutionList"][2] == {
        "label": "4k",
        "value": "4k",
        "width": 3840,
        "height": 2160,
        "unit_credit": 20,
    }


def test_plain_types_name_is_accepted(fake: Fake) -> None:
    answer = fake.get(MODELS, types="2101")
    assert [m["value"] for m in answer["data"]] == ["wavespeed-ai/wan-2.2/animate"]


def test_type_without_models_lists_nothing(fake: Fake) -> None:
    assert fake.get(MODELS, **{"types[]": "1502"})["data"] == []


def test_several_types_are_merged_highest_sort_first(fake: Fake) -> None:
    answer = list_models(fake, [("types[]", "2101"), ("types[]", "1501")])
    sorts = [m["sort"] for m in answer["data"]]
    assert sorts == sorted(sorts, reverse=True)
    assert {m["type"] for m in answer["data"]} == {1501, 2101}
    assert len(answer["data"]) == 3


@pytest.mark.parametrize("query", [{}, {"types[]": "9999"}, {"types[]": "video"}, {"types": "1501,1502"}])
def test_bad_or_missing_types_answer_1003(fake: Fake, query: dict[str, str]) -> None:
    assert fake.get(MODELS, **query)["code"] == 1003


def test_requested_types_reads_every_shape() -> None:
    assert requested_types({"types[]": [1501, "2101"]}) == {1501, 2101}
    assert requested_types({"types": "1502"}) == {1502}
    assert requested_types({"types[]": ["x", None], "types": 1501}) == {1501}
    assert requested_types({}) == set()


def test_answer_does_not_share_the_seeded_catalog(fake: Fake) -> None:
    fake.get(MODELS, **{"types[]": "1501"})
    seeded = fake.backend.seeded["ai_models"]
    assert [m["value"] for m in seeded if m["type"] == 1501] == DOC_VALUES


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(chosen=st.lists(st.sampled_from(TYPES), min_size=1, max_size=4))
def test_only_requested_types_come_back_sorted(fake: Fake, chosen: list[int]) -> None:
    answer = list_models(fake, [("types[]", str(t)) for t in chosen])
    data = answer["data"]
    assert all(m["type"] in chosen for m in data)
    assert [m["sort"] for m in data] == sorted((m["sort"] for m in data), reverse=True)
    expected = [m for m in fake.backend.seeded["ai_models"] if m["type"] in chosen]
    assert len(data) == len(expected)
