"""Tokens: auth.get_token with the target's clientId and clientSecret gives a Bearer token that authenticates
an operation; a wrong secret answers 1101. The fakes' credentials are known; the real API's only when
AKOOL_CLIENT_ID and AKOOL_CLIENT_SECRET are given."""

from __future__ import annotations

import pytest

from akool_mock.contract_tests import checks
from akool_mock.contract_tests.stateful import Harness
from akool_mock.contract_tests.targets import LIVE, Target
from akool_mock.schemas import load_catalog

WRONG_SECRET = "wrong-secret-for-the-contract-suite"
OPERATION = "faceswap.get_quota"  # free on every target


def token_credentials(target: Target) -> tuple[str, str] | None:
    """The target's clientId and clientSecret: a fake's secret is its API key, the real API's is given."""
    creds = target.credentials
    secret = creds.client_secret if target.name == LIVE else creds.secret
    return (creds.client_id, secret) if creds.client_id and secret else None


def test_a_token_from_the_right_secret_works_and_a_wrong_secret_answers_1101(harness: Harness) -> None:
    """auth.get_token with the account's clientId and clientSecret answers 1000 and a token that, sent as
    `Authorization: Bearer`, authenticates an operation (also through the SDK's token flow); a wrong secret
    answers 1101."""
    pair = token_credentials(harness.target)
    if pair is None:
        pytest.skip("the target's clientId and secret are unknown (AKOOL_CLIENT_ID, AKOOL_CLIENT_SECRET)")
    client_id, secret = pair
    catalog = load_catalog()
    get_token, operation = catalog.operation("auth.get_token"), catalog.operation(OPERATION)
    issued = harness.send(get_token, {"body": {"clientId": client_id, "clientSecret": secret}})
    checks.run(issued, [checks.succeeded, checks.sdk_agrees])
    token = issued.body.get("token")
    bearer = harness.checked(
        harness.conn.send_raw(operation, {"query": {}}, {"Authorization": f"Bearer {token}"})
    )
    checks.succeeded(bearer)
    client = harness.conn.new_client(client_id=client_id, client_secret=secret, max_retries=0)
    through_sdk = harness.send(operation, {"query": {}}, client=client)
    checks.run(through_sdk, [checks.succeeded, checks.sdk_agrees])
    sent = harness.conn.tap.request
    if sent is None or "x-api-key" in sent.headers or not sent.headers.get("authorization"):
        raise checks.CheckFailure(through_sdk, "the SDK with a client id and secret sent no Bearer token")
    wrong = harness.send(get_token, {"body": {"clientId": client_id, "clientSecret": WRONG_SECRET}})
    checks.run(wrong, [checks.answers(checks.INVALID_AUTH), checks.sdk_agrees])
