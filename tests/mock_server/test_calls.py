"""What the fake received: calls filtered by operation and account, and assertions that explain failures."""

from __future__ import annotations

import httpx
import pytest
import requests

from akool_mock.mock_server.calls import Call
from akool_mock.mock_server.inprocess import FakeAkool

QUOTA = "https://openapi.akool.com/api/open/v3/faceswap/quota/info"
CREATE = "https://openapi.akool.com/api/open/v3/faceswap/highquality/specifyimage"


def test_calls_by_operation_and_account_from_every_client() -> None:
    with FakeAkool() as akool:
        other = akool.accounts.create()
        httpx.get(QUOTA, headers={"x-api-key": akool.api_key})
        requests.get(QUOTA, headers={"x-api-key": other.api_key}, timeout=5)
        httpx.post(CREATE, json={}, headers={"x-api-key": akool.api_key})
        assert [c.operation for c in akool.calls()] == [
            "faceswap.get_quota",
            "faceswap.get_quota",
            "faceswap.create_image",
        ]
        assert akool.calls.count("faceswap.get_quota") == 2
        [mine] = akool.calls("faceswap.get_quota", account=akool.client_id)
        assert mine == Call(
            "GET",
            "/api/open/v3/faceswap/quota/info",
            "faceswap.get_quota",
            akool.client_id,
            1000,
            200,
            mine.at_ms,
        )
        assert [c.code for c in akool.calls(account=other.client_id)] == [1000]
        assert akool.calls("faceswap.create_image")[0].code == 1003
        assert len(akool.calls) == 3


def test_assert_called_passes_and_returns_the_calls() -> None:
    with FakeAkool() as akool:
        httpx.get(QUOTA, headers={"x-api-key": akool.api_key})
        assert len(akool.assert_called("faceswap.get_quota", times=1)) == 1
        akool.assert_called("faceswap.get_quota")
        akool.assert_not_called("faceswap.create_image")


def test_a_failed_assertion_lists_what_was_called_instead() -> None:
    with FakeAkool() as akool:
        httpx.get(QUOTA, headers={"x-api-key": akool.api_key})
        httpx.get(QUOTA)
        with pytest.raises(AssertionError) as error:
            akool.assert_called("faceswap.create_image", times=2)
    message = str(error.value)
    assert message.startswith("expected faceswap.create_image to be called 2 times, it was called 0 times.")
    assert "The fake received 2 calls:" in message
    assert (
        f"GET /api/open/v3/faceswap/quota/info (faceswap.get_quota by {akool.client_id}) → code 1000"
        in message
    )
    assert "GET /api/open/v3/faceswap/quota/info (faceswap.get_quota) → code 1102" in message


def test_a_failure_with_no_calls_says_so() -> None:
    with (
        FakeAkool() as akool,
        pytest.raises(
            AssertionError, match=r"called once, it was called 0 times\.\nThe fake received no calls"
        ),
    ):
        akool.assert_called("faceswap.get_quota", times=1)


def test_filters_refuse_unknown_names() -> None:
    with FakeAkool() as akool:
        with pytest.raises(ValueError, match=r"did you mean 'faceswap\.get_quota'"):
            akool.calls("faceswap.get_qouta")
        with pytest.raises(ValueError, match="unknown account"):
            akool.calls(account="someone")
