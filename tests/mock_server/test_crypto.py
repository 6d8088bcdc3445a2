"""mock_server/crypto.py against the known-answer vectors of fixtures/webhooks (made with pycryptodome)."""

from __future__ import annotations

import base64
import importlib.util
import json
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akool_mock.mock_server import crypto

REPO = Path(__file__).resolve().parents[2]
VECTORS = REPO / "fixtures" / "webhooks" / "vectors.json"
SCRIPT = REPO / "scripts" / "make_webhook_vectors.py"

KEYS = {24: "nmwUjMAK0PJpl0MOiXLOOOwZ", 32: "tcMhvgV0fYk2WQ2eIoEY70rNiA8s7Lqd"}
CLIENT_ID = "AKX5brZQk3pYPzCGur2xQbE="


def _vectors() -> list[dict[str, Any]]:
    vectors: list[dict[str, Any]] = json.loads(VECTORS.read_text(encoding="utf-8"))["vectors"]
    return vectors


HAS_PYCRYPTODOME = importlib.util.find_spec("Crypto") is not None
needs_pycryptodome = pytest.mark.skipif(not HAS_PYCRYPTODOME, reason="the generator needs pycryptodome")
ALL = _vectors()
VALID = [v for v in ALL if v["expected_valid"]]
INVALID = [v for v in ALL if not v["expected_valid"]]


@cache
def generator() -> ModuleType:
    """scripts/make_webhook_vectors.py, imported by path (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("make_webhook_vectors", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


def verifies(v: dict[str, Any]) -> bool:
    return crypto.signature(v["client_id"], v["timestamp"], v["nonce"], v["data_encrypt"]) == v["signature"]


# ------------------------------------------------------------------------- the vectors file


@needs_pycryptodome
def test_vectors_file_is_current() -> None:
    assert generator().is_current(VECTORS), "rerun: python scripts/make_webhook_vectors.py"
    assert generator().main(["--check", "--out", str(VECTORS)]) == 0


def test_vectors_cover_what_they_promise() -> None:
    assert {len(v["client_secret"].encode()) for v in VALID} == {24, 32}
    id_sizes = {len(v["client_id"].encode()) for v in VALID}
    assert 16 in id_sizes, "a clientId of exactly 16 bytes"
    assert min(id_sizes) < 16, "a short clientId (NUL-padded IV)"
    assert max(id_sizes) > 16, "a long clientId (truncated IV)"
    assert any(len(v["client_id"].encode()) != len(v["client_id"]) for v in VALID), "a multi-byte clientId"
    assert {type(v["nonce"]) for v in VALID} == {str, int}
    assert {15, 16, 17} <= {v["payload_bytes"] for v in VALID}
    assert all(v["timestamp"] > 10**12 for v in ALL), "timestamps are milliseconds"
    assert {v["fails_at"] for v in INVALID} == {"signature", "decrypt"}
    assert all(v.get("reason") for v in INVALID)
    assert any(v["name"].startswith("docs-example") for v in INVALID)
    assert len({v["name"] for v in ALL}) == len(ALL)


# ------------------------------------------------------------------------- known answers


@pytest.mark.parametrize("v", VALID, ids=lambda v: v["name"])
def test_valid_vector(v: dict[str, Any]) -> None:
    assert crypto.iv_for(v["client_id"]).hex() == v["iv_hex"]
    assert crypto.encrypt(v["payload"], v["client_id"], v["client_secret"]) == v["data_encrypt"]
    assert crypto.signature(v["client_id"], v["timestamp"], v["nonce"], v["data_encrypt"]) == v["signature"]
    assert crypto.decrypt(v["data_encrypt"], v["client_id"], v["client_secret"]) == v["payload"]


@pytest.mark.parametrize("v", INVALID, ids=lambda v: v["name"])
def test_invalid_vector(v: dict[str, Any]) -> None:
    if v["fails_at"] == "signature":
        assert not verifies(v), v["reason"]
        return
    assert verifies(v), "a decrypt-stage vector carries a good signature"
    with pytest.raises(ValueError, match=r"(?i)padding|utf-8"):
        crypto.decrypt(v["data_encrypt"], v["client_id"], v["client_secret"])


def test_seal_builds_what_the_vectors_describe() -> None:
    """seal() = the JSON text the server writes, encrypted and signed like a vector."""
    v = next(v for v in VALID if v["name"] == "real-id-key32-nonce-string")
    payload = json.loads(v["payload"])
    body = crypto.seal(payload, v["client_id"], v["client_secret"], v["timestamp"], v["nonce"])
    assert body == {
        "signature": v["signature"],
        "dataEncrypt": v["data_encrypt"],
        "timestamp": v["timestamp"],
        "nonce": v["nonce"],
    }, "the server serialises payloads compactly, in insertion order, as the vector's payload text"


def test_unicode_payloads_are_sealed_as_utf8() -> None:
    v = next(v for v in VALID if v["name"] == "unicode-cjk-key32")
    body = crypto.seal(json.loads(v["payload"]), v["client_id"], v["client_secret"], v["timestamp"], "1529")
    assert body["dataEncrypt"] == v["data_encrypt"], "ensure_ascii=False: raw UTF-8, not \\u escapes"


# ------------------------------------------------------------------------- properties

key_lengths = st.sampled_from(sorted(KEYS))
client_ids = st.text(min_size=16, max_size=40).filter(lambda s: len(s.encode("utf-8")) >= 16)


@given(text=st.text(), key_length=key_lengths, client_id=client_ids)
def test_round_trip_any_unicode(text: str, key_length: int, client_id: str) -> None:
    secret = KEYS[key_length]
    data_encrypt = crypto.encrypt(text, client_id, secret)
    raw = base64.b64decode(data_encrypt, validate=True)
    assert len(raw) == (len(text.encode("utf-8")) // 16 + 1) * 16
    assert crypto.decrypt(data_encrypt, client_id, secret) == text


@given(payload=st.dictionaries(st.text(), st.text() | st.integers()), key_length=key_lengths)
def test_seal_round_trip(payload: dict[str, Any], key_length: int) -> None:
    secret = KEYS[key_length]
    body = crypto.seal(payload, CLIENT_ID, secret, 1710757981609, "1529")
    assert (
        crypto.signature(CLIENT_ID, body["timestamp"], body["nonce"], body["dataEncrypt"])
        == body["signature"]
    )
    assert json.loads(crypto.decrypt(body["dataEncrypt"], CLIENT_ID, secret)) == payload


@needs_pycryptodome
@given(text=st.text(), key_length=key_lengths, client_id=st.text(min_size=1, max_size=24))
def test_agrees_with_the_independent_generator(text: str, key_length: int, client_id: str) -> None:
    """Differential: the server's `cryptography` code and the generator's pycryptodome code agree."""
    secret = KEYS[key_length]
    ours = crypto.encrypt(text, client_id, secret)
    assert ours == generator().aes_encrypt(text, client_id, secret)
    assert crypto.signature(client_id, 1, "n", ours) == generator().signature(client_id, 1, "n", ours)


@given(nonce=st.integers(min_value=0, max_value=10**9), timestamp=st.integers(min_value=0, max_value=2**53))
def test_nonce_and_timestamp_sign_as_strings(nonce: int, timestamp: int) -> None:
    data_encrypt = VALID[0]["data_encrypt"]
    assert crypto.signature(CLIENT_ID, timestamp, nonce, data_encrypt) == crypto.signature(
        CLIENT_ID, str(timestamp), str(nonce), data_encrypt
    )
