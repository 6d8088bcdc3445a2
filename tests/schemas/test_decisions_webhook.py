"""Decisions of schemas/NOTES.md: the delivery and payload schemas, the type strings and the crypto.

The crypto here is a small reference built on `cryptography`, independent of the server's and the SDK's
implementations; the known-answer vectors below were cross-checked with pycryptodome when they were made.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from akool_mock.schemas import load_catalog

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "fixtures" / "docs" / "examples.json"
NOTES = ROOT / "schemas" / "NOTES.md"

DOCUMENTED_TYPES = {
    "faceswap",
    "image",
    "audio",
    "talking photo",
    "video translate",
    "background change",
    "avatar",
    "lipsync",
}

# ai-tools-suite__webhook: the delivery and credentials of the verify/decrypt samples
DOC_CLIENT_ID = "AKDt8rWEczpYPzCGur2xE="
DOC_CLIENT_SECRET = "nmwUjMAK0PJpl0MOiXLOOOwZADm0gkLo"
DOC_DELIVERY: dict[str, Any] = {
    "signature": "04e30dd43d9d8f95dd7c127dad617f0929d61c1d",
    "dataEncrypt": (
        "LuG1OVSVIwOO/xpW00eSYo77Ncxa9h4VKmOJRjwoyoAmCIS/8FdJRJ+BpZn90BVAAg8xpU1bMmcDlAYDT010Wa9tNi1jivX25Ld03iA4EKs="
    ),
    "timestamp": 1710757981609,
    "nonce": 1529,
}
# What the documented algorithm gives for the page's inputs (catalogue C §6.5 found the same).
DOC_INPUTS_SIGNATURE = "4e1d22f8037c2647d3616692829492f41dbf0a56"

# Our own known-answer vectors: clientId of the getToken example (24 characters), a 24- and a 32-byte key.
KAT_CLIENT_ID = "64db241f6d9e5c4bd136c187"
KAT_TIMESTAMP = 1710757981609
KAT_NONCE = "1529"
KAT_PLAINTEXT = (
    '{"_id":"684f8fb744b8795862e45cbe","status":3,"type":"faceswap","url":"https://example.com/result.png"}'
)
KAT = {
    "nmwUjMAK0PJpl0MOiXLOOOwZ": (
        "6dNnQyPAPbR+JICG5tAQffeSKG0CDiemMGEKoMM1u/GEqm3p3dMhtTb2a7bZLZDdIFj+g3CFZsrtyn5AxBrf2oU2ZOX237Pi71cvZTDLnDF3"
        "KalKsvtj2sDP5SjK7e9DmBFPgZi1d4GvnKIgaw1oFg==",
        "fc7d81cba5655aac82263c50da8fe2c3122b1d24",
    ),
    "nmwUjMAK0PJpl0MOiXLOOOwZADm0gkLo": (
        "u7rwuipBWY4ZKws0p5FVc1JOohS1fdXNjaPBy34r/VNV7NZzKyEsRJp//tjfyk0+mFkoM2qTXBadxsmVnw3vZyj+ObP43BBm2ERPYpqniPqb"
        "ofnN/0JGId/z4w6UzfkExNUOY+SW+k1yKX1+uAjZhw==",
        "30d1ef44513eaebedd796b95d196760e8f6133c1",
    ),
}


def sign(client_id: str, timestamp: Any, nonce: Any, data_encrypt: str) -> str:
    joined = "".join(sorted([client_id, str(timestamp), str(nonce), data_encrypt]))
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()


def iv_of(client_id: str, fill: bytes = b"\0") -> bytes:
    raw = client_id.encode("utf-8")
    return raw[:16] if len(raw) >= 16 else raw.ljust(16, fill)


def encrypt(plaintext: str, client_id: str, secret: str) -> str:
    padder = padding.PKCS7(128).padder()
    data = padder.update(plaintext.encode("utf-8")) + padder.finalize()
    encryptor = Cipher(algorithms.AES(secret.encode("utf-8")), modes.CBC(iv_of(client_id))).encryptor()
    return base64.b64encode(encryptor.update(data) + encryptor.finalize()).decode("ascii")


def decrypt_raw(data_encrypt: str, key: bytes, iv: bytes) -> bytes:
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(base64.b64decode(data_encrypt)) + decryptor.finalize()


def decrypt(data_encrypt: str, client_id: str, secret: str) -> str:
    raw = decrypt_raw(data_encrypt, secret.encode("utf-8"), iv_of(client_id))
    unpadder = padding.PKCS7(128).unpadder()
    return (unpadder.update(raw) + unpadder.finalize()).decode("utf-8")


def has_valid_pkcs7(raw: bytes) -> bool:
    size = raw[-1]
    return 1 <= size <= 16 and raw[-size:] == bytes([size]) * size


@pytest.fixture(scope="module")
def cat() -> Any:
    return load_catalog()


def delivery_errors(cat: Any, body: Any) -> list[Any]:
    return cat.store.violations(cat.webhook.delivery_schema, body)


def payload_errors(cat: Any, payload: Any) -> list[Any]:
    return cat.store.violations(cat.webhook.payload_schema, payload)


def paths(errors: list[Any]) -> list[str]:
    return [e.path for e in errors]


def kat_delivery(secret: str, nonce: Any = KAT_NONCE) -> dict[str, Any]:
    data_encrypt, _ = KAT[secret]
    return {
        "signature": sign(KAT_CLIENT_ID, KAT_TIMESTAMP, nonce, data_encrypt),
        "dataEncrypt": data_encrypt,
        "timestamp": KAT_TIMESTAMP,
        "nonce": nonce,
    }


# ---------------------------------------------------------------- catalog entry


def test_catalog_webhook_entry(cat: Any) -> None:
    hook = cat.webhook
    assert hook.id == "webhook.delivery"
    assert hook.delivery_schema == "urn:akool-mock:schemas:webhook.delivery"
    assert hook.payload_schema == "urn:akool-mock:schemas:webhook.payload"
    assert hook.raw["method"] == "POST"
    assert hook.raw["content_type"] == "application/json"
    assert hook.docs == ("ai-tools-suite__webhook",)


# ---------------------------------------------------------------- nonce and timestamp


def test_nonce_string_or_number(cat: Any) -> None:
    for nonce in ("1529", 1529, "a1b2c3"):
        assert delivery_errors(cat, kat_delivery(next(iter(KAT)), nonce)) == [], nonce
    for nonce in ("", 15.29, True, None, -1):
        body = {**kat_delivery(next(iter(KAT))), "nonce": nonce}
        assert "nonce" in paths(delivery_errors(cat, body)), nonce


def test_nonce_type_does_not_change_signature() -> None:
    data_encrypt, expected = KAT["nmwUjMAK0PJpl0MOiXLOOOwZ"]
    assert sign(KAT_CLIENT_ID, KAT_TIMESTAMP, "1529", data_encrypt) == expected
    assert sign(KAT_CLIENT_ID, KAT_TIMESTAMP, 1529, data_encrypt) == expected


def test_timestamp_is_a_number(cat: Any) -> None:
    body = kat_delivery(next(iter(KAT)))
    assert "timestamp" in paths(delivery_errors(cat, {**body, "timestamp": str(KAT_TIMESTAMP)}))
    assert "timestamp" in paths(delivery_errors(cat, {**body, "timestamp": -5}))
    for member in ("signature", "dataEncrypt", "timestamp", "nonce"):
        missing = {k: v for k, v in body.items() if k != member}
        assert member in paths(delivery_errors(cat, missing))


# ---------------------------------------------------------------- key, IV and ciphertext


def test_key_lengths_declared(cat: Any) -> None:
    crypto = cat.webhook.raw["crypto"]
    assert crypto["cipher"] == "AES-CBC"
    assert crypto["key_lengths"] == [24, 32]
    assert crypto["client_id_min_bytes"] == 16
    assert crypto["success_status"] == 200


@pytest.mark.parametrize("secret", sorted(KAT), ids=lambda s: f"key{len(s)}")
def test_known_answer_vectors(cat: Any, secret: str) -> None:
    data_encrypt, signature = KAT[secret]
    assert encrypt(KAT_PLAINTEXT, KAT_CLIENT_ID, secret) == data_encrypt
    assert sign(KAT_CLIENT_ID, KAT_TIMESTAMP, KAT_NONCE, data_encrypt) == signature
    assert decrypt(data_encrypt, KAT_CLIENT_ID, secret) == KAT_PLAINTEXT
    delivery = kat_delivery(secret)
    assert delivery_errors(cat, delivery) == []
    assert payload_errors(cat, json.loads(KAT_PLAINTEXT)) == []
    other = next(key for key in KAT if key != secret)
    assert decrypt(KAT[other][0], KAT_CLIENT_ID, other) == KAT_PLAINTEXT
    assert KAT[other][0] != data_encrypt, "AES-192 and AES-256 give different ciphertexts"


@pytest.mark.parametrize("length", [15, 22, 23, 25, 31, 33])
def test_other_key_lengths_are_not_aes_keys(length: int) -> None:
    with pytest.raises(ValueError, match="Invalid key size"):
        algorithms.AES(b"k" * length)


def test_short_client_id_padding_disagrees() -> None:
    short = "shortClientId"
    assert iv_of(short, b"\0") != iv_of(short, b" "), "NUL (docs' Python) and space (face-swap demo) padding"
    assert iv_of(KAT_CLIENT_ID, b"\0") == iv_of(KAT_CLIENT_ID, b" ") == KAT_CLIENT_ID.encode()[:16]


def test_data_encrypt_is_base64_of_whole_blocks() -> None:
    for secret, (data_encrypt, _) in KAT.items():
        raw = base64.b64decode(data_encrypt, validate=True)
        assert len(raw) % 16 == 0, secret
        assert len(raw) == (len(KAT_PLAINTEXT.encode()) // 16 + 1) * 16
    # 20 bytes of plaintext pad to 32 bytes (16-byte blocks), not to 24 as the prose's "K = 24" would.
    assert len(base64.b64decode(encrypt("x" * 20, KAT_CLIENT_ID, next(iter(KAT))))) == 32


def test_delivery_rejects_non_base64(cat: Any) -> None:
    body = kat_delivery(next(iter(KAT)))
    for bad in ("not base64!", "", "QUJD", "u7rw uipB" * 4):
        assert "dataEncrypt" in paths(delivery_errors(cat, {**body, "dataEncrypt": bad})), bad
    assert "signature" in paths(delivery_errors(cat, {**body, "signature": body["signature"].upper()}))


# ---------------------------------------------------------------- the docs' example vector


def test_doc_example_vector_does_not_verify() -> None:
    computed = sign(
        DOC_CLIENT_ID, DOC_DELIVERY["timestamp"], DOC_DELIVERY["nonce"], DOC_DELIVERY["dataEncrypt"]
    )
    assert computed == DOC_INPUTS_SIGNATURE
    assert computed != DOC_DELIVERY["signature"]
    values = [
        DOC_CLIENT_ID,
        str(DOC_DELIVERY["timestamp"]),
        str(DOC_DELIVERY["nonce"]),
        DOC_DELIVERY["dataEncrypt"],
    ]
    for order in itertools.permutations(values):
        for separator in ("", ",", "&", "\n"):
            digest = hashlib.sha1(separator.join(order).encode()).hexdigest()
            assert digest != DOC_DELIVERY["signature"]
    secret = DOC_CLIENT_SECRET.encode()
    keys = [secret, secret[:24], secret[:16], base64.b64decode(DOC_CLIENT_SECRET)]
    for key in keys:
        raw = decrypt_raw(DOC_DELIVERY["dataEncrypt"], key, iv_of(DOC_CLIENT_ID))
        assert len(raw) == 80
        assert not has_valid_pkcs7(raw), f"a {len(key)}-byte key unexpectedly decrypts the doc example"


def test_doc_examples_match_delivery_shape(cat: Any) -> None:
    assert delivery_errors(cat, DOC_DELIVERY) == []
    assert delivery_errors(cat, {**DOC_DELIVERY, "nonce": "1529"}) == []
    if not EXAMPLES.exists():
        pytest.skip("fixtures/docs/examples.json is not there yet")
    entries = [
        e for e in json.loads(EXAMPLES.read_text(encoding="utf-8")) if e["page"] == "ai-tools-suite__webhook"
    ]
    deliveries = [e for e in entries if e["direction"] == "webhook_delivery"]
    assert len(deliveries) == 2
    assert {type(e["parsed"]["nonce"]) for e in deliveries} == {str, int}
    for entry in deliveries:
        assert delivery_errors(cat, entry["parsed"]) == [], entry["id"]


# ---------------------------------------------------------------- payload


def test_type_strings(cat: Any) -> None:
    enum = set(cat.store.documents[cat.webhook.payload_schema]["properties"]["type"]["enum"])
    assert enum == DOCUMENTED_TYPES | {"sentiment analysis"}  # Jarvis: the docs leave it open
    assert set(cat.webhook.types.values()) <= enum
    base = {"_id": "684f8fb744b8795862e45cbe", "status": 2}
    for kind in sorted(enum):
        assert payload_errors(cat, {**base, "type": kind}) == [], kind
    for kind in ("talking_photo", "video_translate", "Faceswap", "voice", "video", ""):
        assert "type" in paths(payload_errors(cat, {**base, "type": kind})), kind


def test_types_cover_job_operations(cat: Any) -> None:
    types = cat.webhook.types
    job_ops = {op.id for op in cat.operations if op.kind == "job_create"}
    assert set(types) <= job_ops, "types are keyed by job-creating operation ids"
    assert job_ops - set(types) == {"headswap.submit_analysis"}
    assert {op for op, kind in types.items() if kind == "audio"} == {
        "voices.clone",
        "voices.tts",
        "voices.change",
        "audio.create_tts",  # the legacy v3 voice API of the 2026 docs (NOTES.md #audio-legacy-v3)
        "audio.clone",
    }
    assert types["avatars.create"] == "avatar"
    assert types["faceswap.reage_image"] == types["faceswap.reage_video"] == "faceswap"
    assert types["images.change_background"] == "background change"
    assert types["video_translation.create"] == "video translate"


def test_types_agree_with_job_specs(cat: Any) -> None:
    """Where an area's catalog entry names its webhook type, it is the one declared here."""
    for op in cat.operations:
        if op.job is not None and op.job.webhook_type is not None:
            assert cat.webhook.types.get(op.id) == op.job.webhook_type, op.id


def test_payload_status_and_url(cat: Any) -> None:
    done = {
        "_id": "684f8fb744b8795862e45cbe",
        "status": 3,
        "type": "image",
        "url": "https://example.com/a.png",
    }
    assert payload_errors(cat, done) == []
    for status in (1, 2, 4):
        assert payload_errors(cat, {**done, "status": status, "url": ""}) == [], status
        no_url = {k: v for k, v in done.items() if k != "url"}
        assert payload_errors(cat, {**no_url, "status": status}) == [], status
    assert "url" in paths(payload_errors(cat, {k: v for k, v in done.items() if k != "url"}))
    assert "url" in paths(payload_errors(cat, {**done, "url": ""}))
    for status in ("3", 0, 5, 3.0001):
        assert "status" in paths(payload_errors(cat, {**done, "status": status})), status
    for member in ("_id", "status", "type"):
        assert member in paths(payload_errors(cat, {k: v for k, v in done.items() if k != member}))


def test_video_translation_payload(cat: Any) -> None:
    payload = {
        "_id": "66160f989dfc997ac289037b",
        "status": 4,
        "type": "video translate",
        "url": "",
        "video_status": 4,
        "video": "",
        "video_id": "8ddc4a27-d173-4cf5-aa37-13e340fed8f3",
        "progress": 40,
        "error_code": 1015,
        "error_reason": "Video processing error",
        "deduction_credit": 0,
        "task_id": "66160b3ee3ef778679dfd30f",
    }
    assert payload_errors(cat, payload) == []
    assert payload_errors(cat, {**payload, "error_code": "E1015"}) == []
    assert "progress" in paths(payload_errors(cat, {**payload, "progress": 140}))
    assert "deduction_credit" in paths(payload_errors(cat, {**payload, "deduction_credit": -1}))
