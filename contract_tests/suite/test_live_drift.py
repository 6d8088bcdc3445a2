"""Live only: the free operations of the real API, each answer checked against the schemas.

An answer that does not conform is drift: the contract (or the fake built from it) no longer matches Akool.
It is recorded in the report and fails the test with the violations. Never part of CI.
"""

from __future__ import annotations

from typing import Any

import pytest

from akool_mock.contract_tests import checks
from akool_mock.contract_tests.stateful import Harness
from akool_mock.contract_tests.targets import LIVE
from akool_mock.schemas import load_catalog

PLAIN_REQUESTS: dict[str, dict[str, Any]] = {
    "faceswap.get_quota": {"query": {}},
    "avatars.list": {"query": {"page": 1, "size": 10}},
    "models.list": {"query": {"types[]": [1501]}},
    "image2video.list_effects": {"query": {}},
    "video_translation.list_languages": {"query": {}},
    "voices.list": {"query": {"type": 2, "page": 1, "size": 10}},
    "voices.list_resources": {"query": {"type": 1}},
    "streaming.list_avatars": {"query": {"page": 1, "size": 10}},
    "streaming.list_sessions": {"query": {"page": 1, "size": 10}},
    "knowledge.list": {"query": {"page": 1, "size": 10}},
}


@pytest.mark.parametrize("op_id", sorted(PLAIN_REQUESTS))
def test_free_operation_answers_conform(op_id: str, harness: Harness) -> None:
    """Live only: the real API's answer to a plain request conforms to the response schema (else drift)."""
    if harness.target.name != LIVE:
        pytest.skip("drift is measured against the real API only (--akool-target=live)")
    exchange = harness.send(load_catalog().operation(op_id), PLAIN_REQUESTS[op_id])
    checks.run(exchange, [checks.succeeded, checks.sdk_agrees])


def test_token_answer_conforms(harness: Harness) -> None:
    """Live only: the real API's token answer conforms to the response schema."""
    if harness.target.name != LIVE:
        pytest.skip("drift is measured against the real API only (--akool-target=live)")
    creds = harness.target.credentials
    if not (creds.client_id and creds.client_secret):
        pytest.skip("getToken needs AKOOL_CLIENT_ID and AKOOL_CLIENT_SECRET")
    body = {"clientId": creds.client_id, "clientSecret": creds.client_secret}
    exchange = harness.send(load_catalog().operation("auth.get_token"), {"body": body})
    checks.run(exchange, [checks.succeeded])
