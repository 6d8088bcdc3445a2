"""Receive Akool webhooks: verify the signature, refuse stale or replayed deliveries, decrypt the payload.

Akool POSTs `{signature, dataEncrypt, timestamp, nonce}` (pages/ai-tools-suite__webhook.md):

    signature   = sha1_hex("".join(sorted([clientId, str(timestamp), str(nonce), dataEncrypt])))
    dataEncrypt = base64(AES-CBC(key = clientSecret as UTF-8 (24 or 32 bytes),
                                 IV = first 16 UTF-8 bytes of clientId (NUL-padded), PKCS#7))

and retries until the receiver answers 200. Use `verify_and_decrypt` in any web framework, or mount
`asgi_receiver(handler, ...)` in Starlette or FastAPI. The crypto here is the SDK's own (with
`cryptography`), checked against fixtures/webhooks/vectors.json like the fake's independent one.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import inspect
import json
import time
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any, Final, Protocol

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from akool_mock.sdk.errors import (
    BadSignature,
    DecryptionFailed,
    MalformedWebhook,
    ReplayedNonce,
    StaleTimestamp,
    UnexpectedResponseError,
    WebhookVerificationError,
)
from akool_mock.sdk.types._base import JobStatus, WireModel, WireNames, from_wire

TOLERANCE: Final = 300.0
"""Seconds a delivery's timestamp may be off this machine's clock, by default."""
MAX_BODY_BYTES: Final = 1024 * 1024
AES_KEY_BYTES: Final = (16, 24, 32)

__all__ = [
    "BadSignature",
    "DecryptionFailed",
    "MalformedWebhook",
    "MemoryNonceStore",
    "NonceStore",
    "ReplayedNonce",
    "StaleTimestamp",
    "WebhookEvent",
    "WebhookVerificationError",
    "asgi_receiver",
    "decrypt",
    "signature_of",
    "verify_and_decrypt",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class WebhookEvent(WireModel):
    """A decrypted delivery: the job's `id`, its `status`, the job `type` ("faceswap", "audio", "video
    translate", ...) and the result `url` when completed; other fields (video_status, error_reason,
    deduction_credit, ...) are in `extra`."""

    _names = WireNames({"_id": "id"})

    id: str
    status: JobStatus
    type: str
    url: str | None = None


class NonceStore(Protocol):
    """Remembers the deliveries already accepted, to refuse replays."""

    def add(self, key: str, expires_at: float) -> bool:
        """Record `key` until `expires_at` (seconds); False when it was already there."""
        ...

    def discard(self, key: str) -> None:
        """Forget `key` (the delivery was not handled, so Akool's retry must be accepted)."""
        ...


class MemoryNonceStore:
    """A NonceStore in this process's memory; use a shared one (e.g. Redis SET NX) with several workers."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._seen: dict[str, float] = {}
        self._clock = clock

    def add(self, key: str, expires_at: float) -> bool:
        now = self._clock()
        self._seen = {seen: until for seen, until in self._seen.items() if until > now}
        if key in self._seen:
            return False
        self._seen[key] = expires_at
        return True

    def discard(self, key: str) -> None:
        self._seen.pop(key, None)


def signature_of(client_id: str, timestamp: int | str, nonce: int | str, data_encrypt: str) -> str:
    """The signature Akool sends: sha1 hex of the four values as strings, sorted and joined."""
    joined = "".join(sorted([client_id, str(timestamp), str(nonce), data_encrypt]))
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()


def decrypt(data_encrypt: str, *, client_id: str, client_secret: str) -> str:
    """The plaintext of `dataEncrypt`; DecryptionFailed when it is not base64 of valid ciphertext."""
    key = client_secret.encode("utf-8")
    if len(key) not in AES_KEY_BYTES:
        raise ValueError(f"client_secret must be 24 or 32 bytes in UTF-8 (the AES key), not {len(key)}")
    iv = client_id.encode("utf-8")[:16].ljust(16, b"\0")
    try:
        ciphertext = base64.b64decode(data_encrypt, validate=True)
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        padded = decryptor.update(ciphertext) + decryptor.finalize()
        unpadder = padding.PKCS7(128).unpadder()
        return (unpadder.update(padded) + unpadder.finalize()).decode("utf-8")
    except (binascii.Error, ValueError) as exc:
        raise DecryptionFailed(f"dataEncrypt does not decrypt with this client_secret ({exc}).") from exc


def verify_and_decrypt(
    body: bytes | str | Mapping[str, Any],
    *,
    client_id: str,
    client_secret: str,
    tolerance: float | None = TOLERANCE,
    nonce_store: NonceStore | None = None,
    now: float | None = None,
) -> WebhookEvent:
    """Check one delivery and return its event.

    `body` is the raw POST body (or its parsed JSON). The signature is compared in constant time; the
    timestamp (ms) must be within `tolerance` seconds of `now` (default: time.time(); None disables the
    check); with a `nonce_store`, a delivery seen before raises ReplayedNonce. Raises a
    WebhookVerificationError subclass: BadSignature (or DecryptionFailed), StaleTimestamp, ReplayedNonce,
    MalformedWebhook.
    """
    delivery = _delivery(body)
    signature, data_encrypt, timestamp, nonce = delivery
    expected = signature_of(client_id, timestamp, nonce, data_encrypt)
    if not hmac.compare_digest(expected.encode("ascii"), signature.encode("utf-8")):
        raise BadSignature("The webhook signature does not match.")
    current = time.time() if now is None else now
    if tolerance is not None and abs(current - timestamp / 1000) > tolerance:
        raise StaleTimestamp(f"The webhook timestamp is {current - timestamp / 1000:.0f} s off this clock.")
    payload = _payload(decrypt(data_encrypt, client_id=client_id, client_secret=client_secret))
    if nonce_store is not None:
        keep_until = current + (tolerance if tolerance is not None else TOLERANCE)
        if not nonce_store.add(signature, keep_until):
            raise ReplayedNonce(
                f"The webhook with nonce {nonce} and timestamp {timestamp} was already received."
            )
    return payload


def _delivery(body: bytes | str | Mapping[str, Any]) -> tuple[str, str, int, str]:
    """(signature, dataEncrypt, timestamp, nonce as a string) of a delivery, or MalformedWebhook."""
    try:
        parsed = json.loads(body) if isinstance(body, bytes | str) else body
    except ValueError as exc:
        raise MalformedWebhook(f"The webhook body is not JSON ({exc}).") from exc
    if not isinstance(parsed, Mapping):
        raise MalformedWebhook("The webhook body is not a JSON object.")
    signature, data_encrypt = parsed.get("signature"), parsed.get("dataEncrypt")
    timestamp, nonce = parsed.get("timestamp"), parsed.get("nonce")
    if not isinstance(signature, str) or not isinstance(data_encrypt, str):
        raise MalformedWebhook("The webhook body lacks a string `signature` or `dataEncrypt`.")
    if isinstance(timestamp, bool) or not isinstance(timestamp, int):
        raise MalformedWebhook("The webhook `timestamp` is not an integer (milliseconds).")
    if isinstance(nonce, bool) or not isinstance(nonce, str | int) or nonce == "":
        raise MalformedWebhook("The webhook `nonce` is not a string or an integer.")
    return signature, data_encrypt, timestamp, str(nonce)


def _payload(plaintext: str) -> WebhookEvent:
    try:
        data = json.loads(plaintext)
    except ValueError as exc:
        raise MalformedWebhook(f"The decrypted payload is not JSON ({exc}).") from exc
    try:
        return from_wire(WebhookEvent, data, "webhook")
    except UnexpectedResponseError as exc:
        raise MalformedWebhook(f"The decrypted payload is not a webhook event ({exc.message})") from exc


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
Handler = Callable[[WebhookEvent], Awaitable[None] | None]


def asgi_receiver(
    handler: Handler,
    *,
    client_id: str,
    client_secret: str,
    tolerance: float | None = TOLERANCE,
    nonce_store: NonceStore | None = None,
    clock: Callable[[], float] = time.time,
) -> ASGIApp:
    """A tiny ASGI app that receives Akool webhooks and calls `handler(event)` (sync or async).

    It answers 200 once the handler returns, 401 for a bad signature or a stale timestamp, 400 for a
    malformed body, 405 for anything but POST, 413 for a body over 1 MiB, and 500 when the handler raises
    (Akool then retries). A replayed delivery (with a `nonce_store`) answers 200 without calling the
    handler again: the delivery was already handled, and anything but 200 would make Akool resend it.

        app.mount("/akool/webhook", asgi_receiver(on_event, client_id=..., client_secret=...))
    """
    return _Receiver(
        handler=handler,
        client_id=client_id,
        client_secret=client_secret,
        tolerance=tolerance,
        nonce_store=nonce_store,
        clock=clock,
    )


@dataclass(frozen=True, slots=True)
class _Receiver:
    handler: Handler
    client_id: str
    client_secret: str
    tolerance: float | None
    nonce_store: NonceStore | None
    clock: Callable[[], float]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        if scope.get("method") != "POST":
            await _respond(send, 405, {"error": "POST only"})
            return
        body = await _read(receive)
        if body is None:
            await _respond(send, 413, {"error": "body too large"})
            return
        status, answer = await self._handle(body)
        await _respond(send, status, answer)

    async def _handle(self, body: bytes) -> tuple[int, dict[str, Any]]:
        try:
            event = verify_and_decrypt(
                body,
                client_id=self.client_id,
                client_secret=self.client_secret,
                tolerance=self.tolerance,
                nonce_store=self.nonce_store,
                now=self.clock(),
            )
        except ReplayedNonce:
            return 200, {"ok": True, "duplicate": True}
        except MalformedWebhook as exc:
            return 400, {"error": exc.message}
        except WebhookVerificationError as exc:
            return 401, {"error": exc.message}
        try:
            result = self.handler(event)
            if inspect.isawaitable(result):
                await result
        except Exception:
            if self.nonce_store is not None:
                self.nonce_store.discard(_delivery(body)[0])  # let Akool's retry through
            raise
        return 200, {"ok": True}


async def _read(receive: Receive) -> bytes | None:
    """The request body, or None when it is larger than MAX_BODY_BYTES."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _respond(send: Send, status: int, answer: Mapping[str, Any]) -> None:
    content = json.dumps(answer).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(content)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": content})


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
