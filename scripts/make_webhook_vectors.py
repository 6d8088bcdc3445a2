#!/usr/bin/env python3
"""Write the webhook known-answer vectors: ``fixtures/webhooks/vectors.json``.

The algorithm is the docs' Python sample (pages/ai-tools-suite__webhook.md), written again here with
pycryptodome, on purpose independent of ``mock_server/crypto.py`` (``cryptography``) and of the SDK's own
code, so that one bug cannot make the server and a receiver agree::

    iv          = clientId.encode("utf-8")[:16], NUL-padded to 16 bytes when shorter (the docs' Python)
    dataEncrypt = base64(AES-CBC(key = clientSecret.encode("utf-8") (24 or 32 bytes), iv,
                                 PKCS#7 to 16-byte blocks of the UTF-8 JSON text))
    signature   = sha1_hex("".join(sorted([clientId, str(timestamp), str(nonce), dataEncrypt])))

AES-CBC with a fixed IV is deterministic, so the file is reproducible byte for byte. Vectors marked
``expected_valid: false`` carry a ``reason`` and ``fails_at`` (``signature`` or ``decrypt``).

Usage::

    python scripts/make_webhook_vectors.py            # (re)write the file
    python scripts/make_webhook_vectors.py --check    # write nothing; exit 1 if the file differs

Needs pycryptodome (``pip install pycryptodome``, in the ``test`` extra).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from Crypto.Cipher import AES
from Crypto.Util.Padding import unpad

REPO_ROOT: Final = Path(__file__).resolve().parent.parent
DEFAULT_OUT: Final = REPO_ROOT / "fixtures" / "webhooks" / "vectors.json"
BLOCK: Final = 16

# Credentials. Real clientIds are 24-character base64-like strings and real API keys 32 characters
# (notes/real-world-quirks.md "Webhooks"); the docs' prose says 24-byte keys.
ID_REAL: Final = "AKX5brZQk3pYPzCGur2xQbE="
ID_16: Final = "AKDt8rWEczpYPzCG"
ID_SHORT: Final = "AKshortId"
ID_UTF8: Final = "AKé测试clien😀Id"  # 21 UTF-8 bytes: the 16-byte IV ends inside the emoji
KEY_32: Final = "tcMhvgV0fYk2WQ2eIoEY70rNiA8s7Lqd"
KEY_24: Final = "nmwUjMAK0PJpl0MOiXLOOOwZ"
KEY_OTHER_32: Final = "Zq8vX2mLw4NcR7tYb1KdH5sJf0GpE3uA"

TS_1: Final = 1710757981609
TS_2: Final = 1735689600123
TS_3: Final = 1767225599999

JOB_ID: Final = "684f8fb744b8795862e45cbe"
DONE_FACESWAP: Final = (
    '{"_id":"684f8fb744b8795862e45cbe","status":3,"type":"faceswap",'
    '"url":"https://example.com/result.png","deduction_credit":1}'
)
PROCESSING_IMAGE: Final = '{"_id":"684f8fb744b8795862e45cbe","status":2,"type":"image"}'
FAILED_TRANSLATION: Final = (
    '{"_id":"66160f989dfc997ac289037b","status":4,"type":"video translate","url":"",'
    '"video_status":4,"video":"","video_id":"66160f989dfc997ac289037b","progress":40,'
    '"error_code":1015,"error_reason":"Video processing error"}'
)

# The docs' delivery and the credentials of its verify sample (pages/ai-tools-suite__webhook.md).
DOC_CLIENT_ID: Final = "AKDt8rWEczpYPzCGur2xE="
DOC_CLIENT_SECRET: Final = "nmwUjMAK0PJpl0MOiXLOOOwZADm0gkLo"
DOC_SIGNATURE: Final = "04e30dd43d9d8f95dd7c127dad617f0929d61c1d"
DOC_DATA_ENCRYPT: Final = (
    "LuG1OVSVIwOO/xpW00eSYo77Ncxa9h4VKmOJRjwoyoAmCIS/8FdJRJ+BpZn90BVA"
    "Ag8xpU1bMmcDlAYDT010Wa9tNi1jivX25Ld03iA4EKs="
)
DOC_TIMESTAMP: Final = 1710757981609
DOC_REASON: Final = (
    "the docs' own example does not verify: the documented algorithm gives signature "
    "4e1d22f8037c2647d3616692829492f41dbf0a56 for these inputs, not the example's, and dataEncrypt has no "
    "valid PKCS#7 padding under the given clientSecret (schemas/NOTES.md#webhook-doc-vector)"
)


# ----------------------------------------------------------------------------- the docs' algorithm


def iv_for(client_id: str) -> bytes:
    """The docs' Python: the first 16 UTF-8 bytes, NUL-padded when shorter."""
    iv = client_id.encode("utf-8")
    return iv[:16] if len(iv) >= 16 else iv.ljust(16, b"\0")


def aes_encrypt(data: str, client_id: str, client_secret: str) -> str:
    """The docs' generate_aes_encrypt: PKCS#7 by hand to the AES block, then AES-CBC, then base64."""
    data_bytes = data.encode("utf-8")
    padding_len = AES.block_size - len(data_bytes) % AES.block_size
    padded = data_bytes + bytes([padding_len]) * padding_len
    cipher = AES.new(client_secret.encode("utf-8"), AES.MODE_CBC, iv_for(client_id))
    return base64.b64encode(cipher.encrypt(padded)).decode("ascii")


def aes_decrypt_strict(data_encrypt: str, client_id: str, client_secret: str) -> str:
    """Decrypt and check the padding (the docs' sample trusts the last byte; this one refuses bad padding)."""
    cipher = AES.new(client_secret.encode("utf-8"), AES.MODE_CBC, iv_for(client_id))
    raw = cipher.decrypt(base64.b64decode(data_encrypt, validate=True))
    return unpad(raw, AES.block_size, style="pkcs7").decode("utf-8")


def signing_string(client_id: str, timestamp: int | str, nonce: int | str, data_encrypt: str) -> str:
    return "".join(sorted([client_id, str(timestamp), str(nonce), data_encrypt]))


def signature(client_id: str, timestamp: int | str, nonce: int | str, data_encrypt: str) -> str:
    """The docs' generate_msg_signature, with str() on the timestamp and nonce (both may be numbers)."""
    joined = signing_string(client_id, timestamp, nonce, data_encrypt)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()


def decrypt_fails(data_encrypt: str, client_id: str, client_secret: str) -> bool:
    try:
        aes_decrypt_strict(data_encrypt, client_id, client_secret)
    except ValueError:  # bad padding, or not UTF-8 (UnicodeDecodeError is a ValueError)
        return True
    return False


# ----------------------------------------------------------------------------- vectors


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    client_id: str
    client_secret: str
    timestamp: int
    nonce: int | str
    payload: str
    note: str = ""


def valid_vector(case: Case) -> dict[str, Any]:
    json.loads(case.payload)  # every payload is JSON text
    data_encrypt = aes_encrypt(case.payload, case.client_id, case.client_secret)
    size = len(base64.b64decode(data_encrypt))
    assert size == (len(case.payload.encode("utf-8")) // BLOCK + 1) * BLOCK, case.name
    assert aes_decrypt_strict(data_encrypt, case.client_id, case.client_secret) == case.payload, case.name
    vector: dict[str, Any] = {
        "name": case.name,
        "client_id": case.client_id,
        "client_secret": case.client_secret,
        "timestamp": case.timestamp,
        "nonce": case.nonce,
        "payload": case.payload,
        "payload_bytes": len(case.payload.encode("utf-8")),
        "iv_hex": iv_for(case.client_id).hex(),
        "data_encrypt": data_encrypt,
        "signing_string": signing_string(case.client_id, case.timestamp, case.nonce, data_encrypt),
        "signature": signature(case.client_id, case.timestamp, case.nonce, data_encrypt),
        "expected_valid": True,
    }
    if case.note:
        vector["note"] = case.note
    return vector


def credential_cases() -> list[Case]:
    """Every clientId shape with both key lengths, nonces as strings and numbers."""
    short_note = (
        "clientId shorter than 16 bytes: IV NUL-padded as the docs' Python does; Akool's face-swap receiver "
        "pads with spaces instead, so the fake refuses such accounts (schemas/NOTES.md#webhook-iv)"
    )
    utf8_note = "the IV is the first 16 UTF-8 bytes: it ends inside the emoji (bytes, not characters)"
    return [
        Case("real-id-key32-nonce-string", ID_REAL, KEY_32, TS_1, "1529", DONE_FACESWAP),
        Case(
            "real-id-key32-nonce-number",
            ID_REAL,
            KEY_32,
            TS_1,
            1529,
            DONE_FACESWAP,
            "same signature as real-id-key32-nonce-string: the nonce is signed as str(nonce)",
        ),
        Case("real-id-key24-nonce-string", ID_REAL, KEY_24, TS_2, "8472", PROCESSING_IMAGE),
        Case("real-id-key24-nonce-number", ID_REAL, KEY_24, TS_2, 8472, PROCESSING_IMAGE),
        Case("id16-key32", ID_16, KEY_32, TS_1, "3141", DONE_FACESWAP, "clientId of exactly 16 bytes"),
        Case("id16-key24", ID_16, KEY_24, TS_3, 2718, FAILED_TRANSLATION, "clientId of exactly 16 bytes"),
        Case("short-id-key32-nul-padded-iv", ID_SHORT, KEY_32, TS_2, "1001", DONE_FACESWAP, short_note),
        Case("short-id-key24-nul-padded-iv", ID_SHORT, KEY_24, TS_3, 9999, PROCESSING_IMAGE, short_note),
        Case("utf8-id-key32", ID_UTF8, KEY_32, TS_1, "4242", DONE_FACESWAP, utf8_note),
        Case("utf8-id-key24", ID_UTF8, KEY_24, TS_2, 4242, FAILED_TRANSLATION, utf8_note),
        Case(
            "nonce-leading-zeros-string",
            ID_REAL,
            KEY_32,
            TS_3,
            "0042",
            PROCESSING_IMAGE,
            "the string nonce '0042' is signed as written; the number 42 would sign differently",
        ),
        Case("nonce-non-numeric-string", ID_REAL, KEY_32, TS_3, "zz-nonce", PROCESSING_IMAGE),
    ]


def unicode_cases() -> list[Case]:
    base = '{"_id":"684f8fb744b8795862e45cbe","status":4,"type":"faceswap","url":"","error_reason":'
    reasons = {
        "emoji": '"face not found 😢🎉👩🏽‍💻"',
        "cjk": '"未检测到人脸，请更换图片"',
        "rtl": '"لم يتم العثور على وجه — לא נמצאו פנים"',
        "escaped-quotes": r'"the \"target\" image\\path is bad\nline two\t\/end"',
        "ascii-escaped-cjk": r'"\u672a\u68c0\u6d4b\u5230\u4eba\u8138 \ud83d\ude22"',
    }
    cases = [
        Case(f"unicode-{label}-key32", ID_REAL, KEY_32, TS_1, "1529", base + reason + "}")
        for label, reason in reasons.items()
    ]
    cases += [
        Case(f"unicode-{label}-key24", ID_REAL, KEY_24, TS_2, 7, base + reason + "}")
        for label, reason in reasons.items()
        if label in ("emoji", "cjk", "rtl")
    ]
    return cases


def block_edge_cases() -> list[Case]:
    """Payloads of 15, 16, 17 and 32 bytes: PKCS#7 adds 1 byte, a whole block, 15 bytes, a whole block."""
    payloads = {
        15: '{"status":3333}',
        16: '{"status":33333}',
        17: '{"status":333333}',
        32: '{"_id":"0123456789a","status":3}',
    }
    cases: list[Case] = []
    for size, text in payloads.items():
        assert len(text.encode("utf-8")) == size, size
        for key_name, key in (("key32", KEY_32), ("key24", KEY_24)):
            cases.append(Case(f"block-edge-{size}-bytes-{key_name}", ID_REAL, key, TS_1, "1529", text))
    multibyte = '{"t":"é测试"}'  # 16 bytes in 11 characters: padding counts bytes
    assert len(multibyte.encode("utf-8")) == 16
    note = "16 UTF-8 bytes but 11 characters: padding counts bytes, so a whole block of padding"
    cases.append(Case("block-edge-16-bytes-multibyte", ID_REAL, KEY_32, TS_1, "1529", multibyte, note))
    return cases


def negative_vectors(valid: dict[str, Any]) -> list[dict[str, Any]]:
    """Deliveries a receiver must refuse, made from one valid vector."""
    base = {k: valid[k] for k in ("client_id", "client_secret", "timestamp", "nonce", "payload")}
    sig, data = valid["signature"], valid["data_encrypt"]
    flipped_sig = ("0" if sig[0] != "0" else "1") + sig[1:]
    raw = bytearray(base64.b64decode(data))
    raw[-1] ^= 0x01
    flipped_data = base64.b64encode(bytes(raw)).decode("ascii")
    wrong_secret_data = aes_encrypt(valid["payload"], valid["client_id"], KEY_OTHER_32)
    assert decrypt_fails(wrong_secret_data, valid["client_id"], valid["client_secret"])
    unsorted = hashlib.sha1(
        f"{valid['client_id']}{valid['timestamp']}{valid['nonce']}{data}".encode()
    ).hexdigest()
    cases: list[tuple[str, dict[str, Any], str, str]] = [
        (
            "negative-tampered-signature",
            {"data_encrypt": data, "signature": flipped_sig},
            "signature",
            "the first hex digit of a valid signature was changed",
        ),
        (
            "negative-uppercase-signature",
            {"data_encrypt": data, "signature": sig.upper()},
            "signature",
            "signatures are lower-case hex and compared as strings (the docs compare with == / ===)",
        ),
        (
            "negative-unsorted-signature",
            {"data_encrypt": data, "signature": unsorted},
            "signature",
            "sha1 of clientId+timestamp+nonce+dataEncrypt in that order: the four values must be sorted",
        ),
        (
            "negative-tampered-data-encrypt",
            {"data_encrypt": flipped_data, "signature": sig},
            "signature",
            "one bit of the ciphertext was flipped and the old signature kept",
        ),
        (
            "negative-tampered-timestamp",
            {"data_encrypt": data, "signature": sig, "timestamp": valid["timestamp"] + 1},
            "signature",
            "the timestamp was changed and the old signature kept",
        ),
        (
            "negative-wrong-secret",
            {
                "data_encrypt": wrong_secret_data,
                "signature": signature(
                    valid["client_id"], valid["timestamp"], valid["nonce"], wrong_secret_data
                ),
            },
            "decrypt",
            "encrypted with another clientSecret: the signature verifies (it does not involve the secret) "
            "but decryption ends in invalid PKCS#7 padding",
        ),
    ]
    vectors: list[dict[str, Any]] = []
    for name, changes, stage, reason in cases:
        vector = {
            "name": name,
            **base,
            **changes,
            "expected_valid": False,
            "fails_at": stage,
            "reason": reason,
        }
        vectors.append(vector)
    return vectors


def docs_example_vectors() -> list[dict[str, Any]]:
    """The page's delivery, with the nonce as a string (first example) and a number (second)."""
    computed = signature(DOC_CLIENT_ID, DOC_TIMESTAMP, 1529, DOC_DATA_ENCRYPT)
    assert computed != DOC_SIGNATURE
    assert decrypt_fails(DOC_DATA_ENCRYPT, DOC_CLIENT_ID, DOC_CLIENT_SECRET)
    return [
        {
            "name": f"docs-example-nonce-{kind}",
            "client_id": DOC_CLIENT_ID,
            "client_secret": DOC_CLIENT_SECRET,
            "timestamp": DOC_TIMESTAMP,
            "nonce": nonce,
            "payload": None,
            "data_encrypt": DOC_DATA_ENCRYPT,
            "signature": DOC_SIGNATURE,
            "computed_signature": computed,
            "expected_valid": False,
            "fails_at": "signature",
            "reason": DOC_REASON,
        }
        for kind, nonce in (("string", "1529"), ("number", 1529))
    ]


def build_vectors() -> list[dict[str, Any]]:
    valid = [valid_vector(case) for case in credential_cases() + unicode_cases() + block_edge_cases()]
    names = [v["name"] for v in valid]
    assert len(names) == len(set(names))
    by_name = {v["name"]: v for v in valid}
    assert (
        by_name["real-id-key32-nonce-string"]["signature"]
        == by_name["real-id-key32-nonce-number"]["signature"]
    )
    return valid + negative_vectors(by_name["real-id-key32-nonce-string"]) + docs_example_vectors()


def render() -> str:
    document = {
        "description": (
            "Known-answer vectors for Akool webhook deliveries (pages/ai-tools-suite__webhook.md), made by "
            "scripts/make_webhook_vectors.py with pycryptodome; see fixtures/webhooks/README.md."
        ),
        "algorithm": {
            "iv": "clientId.encode('utf-8')[:16], NUL-padded to 16 bytes when shorter",
            "data_encrypt": "base64(AES-CBC(key=clientSecret UTF-8, 24 or 32 bytes; iv; PKCS#7 to 16 bytes))",
            "signature": "sha1_hex(''.join(sorted([clientId, str(timestamp), str(nonce), dataEncrypt])))",
        },
        "vectors": build_vectors(),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def is_current(path: Path = DEFAULT_OUT) -> bool:
    """Whether the file holds exactly what this script writes."""
    return path.exists() and path.read_text(encoding="utf-8") == render()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if --out differs")
    args = parser.parse_args(argv)
    if args.check:
        if not is_current(args.out):
            print(f"{args.out} is out of date; rerun scripts/make_webhook_vectors.py", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
