"""The dashboard's HTML builders: escaped values, times on the fake's clock, links that keep the filters."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from akool_mock.mock_server.dashboard.render import e, link, status_badge, when


@settings(max_examples=50)
@given(st.text())
def test_every_value_is_escaped(value: str) -> None:
    out = e(value)
    assert "<" not in out
    assert ">" not in out
    assert '"' not in out


def test_times_are_utc_on_the_fakes_clock() -> None:
    assert when(1_735_689_600_000) == "2025-01-01 00:00:00"
    assert when(None) == "-"


@settings(max_examples=30)
@given(st.dictionaries(st.sampled_from(["status", "operation", "account"]), st.text(min_size=1), max_size=3))
def test_links_keep_the_filters(filters: dict[str, str]) -> None:
    from urllib.parse import parse_qs, urlsplit

    url = link(filters, job="abc")
    query = {k: v[0] for k, v in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}
    assert query == {**filters, "job": "abc"}


def test_status_badges_name_the_status() -> None:
    assert "3 completed" in status_badge(3)
    assert 'data-status="4"' in status_badge(4)
