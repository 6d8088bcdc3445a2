"""HTTP statuses: Akool answers every operation with HTTP 200, its business errors too (every exchange of
the suite checks that: checks.conforms_to_schema), and an unknown path with HTTP 404 and code 1008
(schemas/NOTES.md #http-statuses; notes/real-world-quirks.md)."""

from __future__ import annotations

import json

import pytest

from akool_mock.contract_tests import ids
from akool_mock.contract_tests.stateful import Harness
from akool_mock.schemas import Operation, load_catalog

UNKNOWN = "/not-an-akool-operation"
OPERATIONS = load_catalog().operations


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.id)
def test_a_path_beside_an_operation_answers_404_with_1008(op: Operation, harness: Harness) -> None:
    """A path no operation serves, next to this one's (its path and one more segment), answers HTTP 404 with
    code 1008 (the operations' own answers, errors included, are HTTP 200: every exchange checks that)."""
    if harness.target.read_only:
        pytest.skip("negative cases are not sent to the real API by default")
    request = {"path": dict.fromkeys(op.path_params, ids.UNHELD_ID)}
    exchange = harness.conn.send_raw(op, request, headers=_auth(harness), suffix=UNKNOWN)
    harness.recorder.checked(harness.target.name, op.id)
    code = exchange.body.get("code") if isinstance(exchange.body, dict) else None
    if exchange.status != 404 or code != 1008:
        raise AssertionError(
            f"{op.method} {op.path}{UNKNOWN}: expected HTTP 404 with code 1008, got HTTP {exchange.status} "
            f"{json.dumps(exchange.body)[:200]}\n  reproduce: {exchange.curl}"
        )


def _auth(harness: Harness) -> dict[str, str]:
    key = harness.target.credentials.api_key
    return {"x-api-key": key} if key else {}
