"""Webhook encryption and signing exactly as Akool does it (pages/ai-tools-suite__webhook.md).

dataEncrypt = base64(AES-CBC(key = clientSecret as UTF-8 (24 or 32 bytes), IV = first 16 UTF-8 bytes of
clientId, zero-padded if shorter, PKCS#7 to 16-byte blocks)); signature = sha1 hex of the four strings
clientId, str(timestamp), str(nonce), dataEncrypt, sorted and joined. The SDK has its own implementation;
both are checked against fixtures/webhooks vectors made by a third one, so one bug cannot pass on both sides.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

BLOCK_BITS = 128


def iv_for(client_id: str) -> bytes:
    """The docs' Python pads a short clientId with NUL bytes; real clientIds are longer than 16 bytes."""
    raw = client_id.encode("utf-8")
    return raw[:16].ljust(16, b"\0")


def encrypt(plaintext: str, client_id: str, client_secret: str) -> str:
    padder = padding.PKCS7(BLOCK_BITS).padder()
    data = padder.update(plaintext.encode("utf-8")) + padder.finalize()
    encryptor = Cipher(
        algorithms.AES(client_secret.encode("utf-8")), modes.CBC(iv_for(client_id))
    ).encryptor()
    return base64.b64encode(encryptor.update(data) + encryptor.finalize()).decode("ascii")


def decrypt(data_encrypt: str, client_id: str, client_secret: str) -> str:
    decryptor = Cipher(
        algorithms.AES(client_secret.encode("utf-8")), modes.CBC(iv_for(client_id))
    ).decryptor()
    padded = decryptor.update(base64.b64decode(data_encrypt)) + decryptor.finalize()
    unpadder = padding.PKCS7(BLOCK_BITS).unpadder()
    return (unpadder.update(padded) + unpadder.finalize()).decode("utf-8")


def signature(client_id: str, timestamp: int | str, nonce: int | str, data_encrypt: str) -> str:
    joined = "".join(sorted([client_id, str(timestamp), str(nonce), data_encrypt]))
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()


def seal(
    payload: dict[str, Any], client_id: str, client_secret: str, timestamp: int, nonce: int | str
) -> dict[str, Any]:
    """The body Akool POSTs: `{signature, dataEncrypt, timestamp, nonce}`."""
    plaintext = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    data_encrypt = encrypt(plaintext, client_id, client_secret)
    return {
        "signature": signature(client_id, timestamp, nonce, data_encrypt),
        "dataEncrypt": data_encrypt,
        "timestamp": timestamp,
        "nonce": nonce,
    }
