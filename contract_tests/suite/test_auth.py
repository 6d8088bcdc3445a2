"""Credentials: every operation that needs them answers 1102 when none are sent, 1101 when they are wrong
(a wrong API key, or a Bearer token the target never issued)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akool_mock.contract_tests import checks, profiles
from akool_mock.contract_tests.stateful import Harness
from akool_mock.contract_tests.strategies import valid_requests
from akool_mock.contract_tests.targets import may_run
from akool_mock.schemas import Operation, load_catalog

OPERATIONS = [op for op in load_catalog().operations if op.auth == "required"]
WRONG_KEY = "wrong-key-for-the-contract-suite00"
WRONG_TOKEN = "wrong.token.for-the-contract-suite"


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.id)
@settings(max_examples=profiles.budget("auth"))
@given(data=st.data())
def test_missing_and_wrong_credentials(op: Operation, data: st.DataObject, harness: Harness) -> None:
    """Missing credentials answer 1102, a wrong key or Bearer token 1101, and the SDK raises the matching
    error."""
    if not may_run(harness.target, op.id):
        pytest.skip(f"{op.id} costs credits: the live target runs it only with --akool-allow-costly")
    request = data.draw(valid_requests(op), label="request")
    missing = harness.checked(harness.conn.send_unauthenticated(op, request))
    checks.run(missing, [checks.answers(checks.MISSING_AUTH)])
    harness.recorder.auth(harness.target.name, checks.MISSING_AUTH, op.id)
    wrong = harness.conn.new_client(api_key=WRONG_KEY, max_retries=0)
    exchange = harness.checked(harness.conn.send(op, request, client=wrong))
    checks.run(exchange, [checks.answers(checks.INVALID_AUTH), checks.sdk_agrees])
    bearer = {"Authorization": f"Bearer {WRONG_TOKEN}"}
    checks.answers(checks.INVALID_AUTH)(harness.checked(harness.conn.send_raw(op, request, bearer)))
    harness.recorder.auth(harness.target.name, checks.INVALID_AUTH, op.id)
