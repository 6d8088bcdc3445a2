"""`akool-mock validate-webhook`: is this body one Akool could have sent to this account?

The checks, in order, each reported as a `Drift` (direction "webhook"): the delivery's shape
(`{signature, dataEncrypt, timestamp, nonce}`, schemas/webhook/delivery.json); the signature (sha1 of the four
values sorted, compared in constant time); decryption with the account's clientId (IV) and clientSecret (key);
the payload's shape (schemas/webhook/payload.json). The crypto is the fake's own (`crypto.py`), the one
checked against the known-answer vectors in fixtures/webhooks.
"""

from __future__ import annotations

import binascii
import hmac
import json
from dataclasses import dataclass
from typing import Any

from akool_mock.mock_server import crypto
from akool_mock.mock_server.drift import Drift, ExchangeResult
from akool_mock.schemas import Catalog, load_catalog

DELIVERY = "webhook.delivery"
PAYLOAD = "webhook.payload"


@dataclass(frozen=True, slots=True)
class WebhookCheck:
    problems: tuple[Drift, ...]
    payload: dict[str, Any] | None  # the decrypted payload, when it decrypted to a JSON object

    @property
    def ok(self) -> bool:
        return not self.problems


def _drift(operation: str, path: str, expected: str, found: str, message: str) -> Drift:
    return Drift(operation, "webhook", path, expected, found, message)


def check_delivery(
    body: Any, *, client_id: str, client_secret: str, catalog: Catalog | None = None
) -> WebhookCheck:
    catalog = catalog or load_catalog()
    webhook, store = catalog.webhook, catalog.store
    problems = [
        _drift(DELIVERY, v.path, v.expected, v.found, v.message)
        for v in store.violations(webhook.delivery_schema, body)
    ]
    if problems or not isinstance(body, dict):
        return WebhookCheck(tuple(problems), None)
    data_encrypt = str(body["dataEncrypt"])
    expected = crypto.signature(client_id, body["timestamp"], body["nonce"], data_encrypt)
    if not hmac.compare_digest(expected, str(body["signature"]).lower()):
        message = (
            "the signature does not verify with this clientId "
            "(sha1 of sorted clientId, timestamp, nonce, dataEncrypt)"
        )
        return WebhookCheck((_drift(DELIVERY, "signature", expected, str(body["signature"]), message),), None)
    try:
        plaintext = crypto.decrypt(data_encrypt, client_id, client_secret)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        message = f"dataEncrypt does not decrypt with this clientId and clientSecret: {exc}"
        return WebhookCheck(
            (_drift(DELIVERY, "dataEncrypt", "AES-CBC ciphertext", "undecryptable", message),), None
        )
    try:
        payload = json.loads(plaintext)
    except ValueError:
        message = "the decrypted payload is not JSON"
        return WebhookCheck((_drift(PAYLOAD, "", "a JSON object", plaintext[:80], message),), None)
    problems = [
        _drift(PAYLOAD, v.path, v.expected, v.found, v.message)
        for v in store.violations(webhook.payload_schema, payload)
    ]
    return WebhookCheck(tuple(problems), payload if isinstance(payload, dict) else None)


DELIVERY_KEYS = frozenset({"signature", "dataEncrypt", "timestamp", "nonce"})


@dataclass(frozen=True, slots=True)
class WebhookFront:
    """The proxy in front of your webhook receiver: deliveries POSTed to the proxy go to `receiver` and are
    checked with the account's credentials."""

    receiver: str
    client_id: str
    client_secret: str

    def takes(self, method: str, body: bytes) -> bool:
        """A POST whose body is shaped like a delivery (the proxy sends everything else upstream)."""
        if method.upper() != "POST" or not body.lstrip().startswith(b"{"):
            return False
        try:
            parsed = json.loads(body)
        except ValueError:
            return False
        return isinstance(parsed, dict) and parsed.keys() >= DELIVERY_KEYS

    def owns(self, url: str) -> bool:
        return url.startswith(self.receiver.rstrip("/") + "/")

    def result(self, method: str, path: str, body: bytes, status: int | None) -> ExchangeResult:
        """The delivery checked; a receiver that does not answer 200 is told too (Akool would retry)."""
        check = check_delivery(json.loads(body), client_id=self.client_id, client_secret=self.client_secret)
        problems = list(check.problems)
        if status != 200:
            message = "Akool retries a delivery until the receiver answers HTTP 200"
            problems.append(_drift(DELIVERY, "(receiver status)", "200", str(status), message))
        return ExchangeResult(method, path, DELIVERY, status, tuple(problems))
