"""webhook_check.py and `akool-mock validate-webhook`: verify, decrypt, validate a delivery Akool sent."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from akool_mock.fixtures import FIXTURES_DIR
from akool_mock.mock_server import crypto
from akool_mock.mock_server.cli import main
from akool_mock.mock_server.webhook_check import check_delivery

VECTORS = {
    v["name"]: v for v in json.loads((FIXTURES_DIR / "webhooks" / "vectors.json").read_text())["vectors"]
}
REAL = VECTORS["real-id-key32-nonce-string"]
CLIENT_ID, SECRET = REAL["client_id"], REAL["client_secret"]


def delivery(vector: dict[str, Any]) -> dict[str, Any]:
    return {k: vector[k] for k in ("signature", "timestamp", "nonce")} | {
        "dataEncrypt": vector["data_encrypt"]
    }


def where(result: Any) -> list[tuple[str, str]]:
    return [(d.operation, d.path) for d in result.problems]


def test_a_known_answer_vector_verifies_decrypts_and_conforms() -> None:
    result = check_delivery(delivery(REAL), client_id=CLIENT_ID, client_secret=SECRET)
    assert (result.ok, result.payload) == (True, json.loads(REAL["payload"]))


def test_a_tampered_signature_is_refused() -> None:
    body = delivery(VECTORS["negative-tampered-signature"])
    vector = VECTORS["negative-tampered-signature"]
    result = check_delivery(body, client_id=vector["client_id"], client_secret=vector["client_secret"])
    assert where(result) == [("webhook.delivery", "signature")]
    assert result.payload is None


def test_the_wrong_secret_does_not_decrypt() -> None:
    result = check_delivery(delivery(REAL), client_id=CLIENT_ID, client_secret="x" * 32)
    assert where(result) == [("webhook.delivery", "dataEncrypt")]


def test_a_payload_that_breaks_the_schema_is_named_by_field() -> None:
    body = crypto.seal(
        {"_id": "684f8fb744b8795862e45cbe", "status": "done", "type": "faceswap"}, CLIENT_ID, SECRET, 1, "2"
    )
    result = check_delivery(body, client_id=CLIENT_ID, client_secret=SECRET)
    assert set(where(result)) == {("webhook.payload", "status")}
    assert result.payload is not None


def test_a_body_that_is_not_a_delivery_says_what_is_missing() -> None:
    result = check_delivery(
        {"signature": "x", "timestamp": 1, "nonce": "1"}, client_id=CLIENT_ID, client_secret=SECRET
    )
    assert ("webhook.delivery", "dataEncrypt") in where(result)


def test_the_command_reads_a_file_json_or_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    good = json.dumps(delivery(REAL))
    path = tmp_path / "body.json"
    path.write_text(good)
    keys = ["--client-id", CLIENT_ID, "--client-secret", SECRET]
    assert main(["validate-webhook", *keys, str(path)]) == 0
    assert "the delivery verifies and conforms" in capsys.readouterr().out
    assert main(["validate-webhook", *keys, good]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(good))
    assert main(["validate-webhook", *keys, "-"]) == 0
    capsys.readouterr()
    assert main(["validate-webhook", "--client-id", CLIENT_ID, "--client-secret", "y" * 32, good]) == 1
    assert "dataEncrypt does not decrypt" in capsys.readouterr().out
    assert main(["validate-webhook", *keys, str(tmp_path / "missing.json")]) == 2
