"""HTTP statuses: Akool answers every operation with HTTP 200, its business errors too (every exchange of
the suite checks that: checks.conforms_to_schema), and an unknown path with HTTP 404 and code 1008
(schemas/NOTES.md #http-statuses; notes/real-world-quirks.md)."""

from __future__ import annotations

import json

import pytest

from akool_mock.contract_tests import ids
from akool_mock.contract_tests.exchange import curl_line
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
    conn = harness.conn
    base = conn.detect_base_url if op.host == "sg3.akool.com" else conn.base_url
    path = op.path
    for name in op.path_params:
        path = path.replace("{" + name + "}", ids.UNHELD_ID)
    response = conn.http.request(op.method, base.rstrip("/") + path + UNKNOWN, headers=_auth(harness))
    harness.recorder.checked(harness.target.name, op.id)
    try:
        body = json.loads(response.content)
    except ValueError:
        body = None
    code = body.get("code") if isinstance(body, dict) else None
    if response.status_code != 404 or code != 1008:
        raise AssertionError(
            f"{op.method} {path}{UNKNOWN}: expected HTTP 404 with code 1008, got HTTP {response.status_code} "
            f"{response.content[:200]!r}\n  reproduce: {curl_line(response.request, conn.curl_base)}"
        )


def _auth(harness: Harness) -> dict[str, str]:
    key = harness.target.credentials.api_key
    return {"x-api-key": key} if key else {}
