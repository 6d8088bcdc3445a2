"""Every error the SDK raises, as one tree; each message ends with what to do about it.

    AkoolError                          base of everything below; `.message`, `.hint`
    ├── APIError                        Akool answered a business code other than 1000: `.code`, `.msg`
    │   ├── AuthenticationError         1101 invalid or expired credentials, 1102 none sent
    │   ├── AccountBannedError          1200 the account is blocked
    │   ├── PermissionDeniedError       1009 not allowed, 1213 / 1221 not in this account's plan
    │   ├── NotFoundError               1008, 1014, 1216, 1232 no such resource
    │   ├── ConflictError               1222, 1233 the resource already exists
    │   ├── InsufficientCreditError     1006, 1104 not enough credits
    │   ├── RateLimitError              1005 too many requests (reads are retried before it is raised)
    │   └── ValidationError             1003 a request field is wrong; `.msg` names it
    │       └── DetectionError          face detection refused the input (`error_code` 1, `success: false`)
    ├── APIStatusError                  an HTTP error status (5xx, or 404 for an unknown path)
    ├── APIConnectionError              the connection failed or dropped before an answer
    │   └── APITimeoutError             no answer within `timeout`
    ├── UnexpectedResponseError         the answer does not have the documented shape
    ├── ConfigurationError              the client was built without usable credentials
    ├── JobFailedError                  a job ended with status 4 (failed): `.reason`
    │   └── SessionFailedError          a streaming session failed or ended before it went live
    ├── WaitTimeoutError                `wait` ran out of time before the job finished
    │   └── SessionWaitTimeoutError     a streaming session was not live in time
    └── WebhookVerificationError        a webhook delivery was refused (see sdk.webhooks)
        ├── BadSignature                the signature does not match
        │   └── DecryptionFailed        the signature matches but the payload does not decrypt
        ├── StaleTimestamp              the delivery is older (or newer) than the tolerance
        ├── ReplayedNonce               the delivery was seen before
        └── MalformedWebhook            the body is not a webhook delivery

Which business code becomes which class is decided in one place, `sdk._core.error_for`.
"""

from __future__ import annotations

from typing import ClassVar


class AkoolError(Exception):
    """Base of every SDK error; `str(error)` is the message followed by the hint."""

    hint: ClassVar[str] = "See the Akool API docs."

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(f"{message} {self.hint}")


class APIError(AkoolError):
    """Akool answered a business error: `code` (not 1000) and `msg`, for the catalog operation `operation`."""

    hint = "Look the code up in Akool's error code table (docs: AI Tools Suite, Error Code)."

    def __init__(self, code: int, msg: str, operation: str) -> None:
        self.code = code
        self.msg = msg
        self.operation = operation
        super().__init__(f"{operation}: Akool answered code {code} ({msg}).")


class AuthenticationError(APIError):
    hint = (
        "Check the API key (or client_id and client_secret): pass api_key= or set AKOOL_API_KEY; "
        "an expired token was already renewed once."
    )


class AccountBannedError(APIError):
    hint = "The account is blocked: contact Akool support."


class PermissionDeniedError(APIError):
    hint = "This account may not use this resource or feature: check its plan and who owns the resource."


class NotFoundError(APIError):
    hint = "Check the id: it may be mistyped, deleted, or belong to another account."


class ConflictError(APIError):
    hint = "Choose another name, or update the existing resource instead."


class InsufficientCreditError(APIError):
    hint = "Add credits to the Akool account, or make a smaller request."


class RateLimitError(APIError):
    hint = (
        "Slow down: reads were already retried with backoff, creates are never resent automatically "
        "(they could run twice); wait, then send again, or space the calls."
    )


class ValidationError(APIError):
    hint = "Fix the request field the message names (see the operation's docs)."


class DetectionError(ValidationError):
    """A face detection API refused its input or could not use it (bad or missing `url`/`img`, media that
    cannot be downloaded or read, no face found): `error_code` 1 (analyze_frames' `success: false` has no
    code and is given 1 too), `msg` is Akool's reason."""

    hint = (
        "Check the input: a public http(s) URL or a base64 image (JPEG, PNG, BMP, WEBP; videos only for "
        "detect_faces) showing a face of at least 80x80 pixels. analyze_frames gives no code: when the "
        "message is about a token or key, check the credentials instead."
    )


class APIStatusError(AkoolError):
    """An HTTP error status; `code` and `msg` are those of the body when it had an Akool envelope."""

    hint = "A 5xx is a server problem: retry later. A 404 means an unknown path: check base_url."

    def __init__(self, status_code: int, operation: str, code: int | None = None, msg: str | None = None):
        self.status_code = status_code
        self.operation = operation
        self.code = code
        self.msg = msg
        detail = f" (code {code}: {msg})" if code is not None else ""
        super().__init__(f"{operation}: HTTP {status_code}{detail}.")


class APIConnectionError(AkoolError):
    hint = "Check the network and base_url; the SDK already retried where that was safe."

    def __init__(self, message: str, operation: str) -> None:
        self.operation = operation
        super().__init__(f"{operation}: {message}.")


class APITimeoutError(APIConnectionError):
    hint = (
        "Raise timeout= or retry later; a create may still have been processed, "
        "so check (e.g. list the results) before sending it again."
    )


class UnexpectedResponseError(AkoolError):
    hint = "The API may have changed: please report it to the SDK maintainers with the answer."

    def __init__(self, message: str, operation: str) -> None:
        self.operation = operation
        super().__init__(f"{operation}: {message}.")


class ConfigurationError(AkoolError):
    hint = (
        "Pass api_key= (or client_id= and client_secret=) to the client, "
        "or set AKOOL_API_KEY (or AKOOL_CLIENT_ID and AKOOL_CLIENT_SECRET)."
    )


class JobFailedError(AkoolError):
    """A job ended with status 4; `reason` is the failure reason Akool gave, if any."""

    hint = "Check the job's inputs (media URLs reachable, faces visible, formats supported), then retry it."

    def __init__(self, job_id: str, operation: str, reason: str | None) -> None:
        self.job_id = job_id
        self.operation = operation
        self.reason = reason
        why = f": {reason}" if reason else " (Akool gave no reason)"
        super().__init__(f"job {job_id} ({operation}) failed{why}.")


class WaitTimeoutError(AkoolError):
    """`wait` gave up after `waited` seconds; the job was last seen with `status` (it may still finish)."""

    hint = "Wait longer (timeout=), or call client.wait(job) again later: the job is still running."

    def __init__(self, job_id: str, operation: str, status: int | None, waited: float) -> None:
        self.job_id = job_id
        self.operation = operation
        self.status = status
        self.waited = waited
        super().__init__(f"job {job_id} ({operation}) not finished after {waited:g} s (status {status}).")


class SessionFailedError(JobFailedError):
    """A streaming session failed (status 4), or ended (status 3), before its avatar went live."""

    hint = (
        "Create a new session (the unused credits of this one are refunded); check that the avatar is "
        "available (client.streaming.get_avatar)."
    )

    def __init__(self, session_id: str, operation: str, reason: str | None) -> None:
        self.job_id = session_id
        self.operation = operation
        self.reason = reason
        AkoolError.__init__(self, f"session {session_id} ({operation}): {reason or 'failed'}.")


class SessionWaitTimeoutError(WaitTimeoutError):
    """A streaming session was not live after `waited` seconds; it was last seen with `status`."""

    hint = (
        "The session is still open and its credits are pre-charged: read it again later "
        "(client.streaming.get_session), or close it (client.streaming.close_session)."
    )

    def __init__(self, session_id: str, operation: str, status: int | None, waited: float) -> None:
        self.job_id = session_id
        self.operation = operation
        self.status = status
        self.waited = waited
        AkoolError.__init__(self, f"session {session_id} not live after {waited:g} s (status {status}).")


class WebhookVerificationError(AkoolError):
    hint = "Refuse the delivery (sdk.webhooks.asgi_receiver answers 401 or 400)."


class BadSignature(WebhookVerificationError):
    hint = "Check that client_id and client_secret are those of the account that created the job."


class DecryptionFailed(BadSignature):
    hint = "The signature matched, so the client_secret (the AES key) is probably wrong."


class StaleTimestamp(WebhookVerificationError):
    hint = "Check this machine's clock, or raise tolerance= if deliveries are legitimately late."


class ReplayedNonce(WebhookVerificationError):
    hint = "This delivery was already received: ignore it."


class MalformedWebhook(WebhookVerificationError):
    hint = "Akool deliveries are JSON {signature, dataEncrypt, timestamp, nonce}: check what posts here."


__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AccountBannedError",
    "AkoolError",
    "AuthenticationError",
    "BadSignature",
    "ConfigurationError",
    "ConflictError",
    "DecryptionFailed",
    "DetectionError",
    "InsufficientCreditError",
    "JobFailedError",
    "MalformedWebhook",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ReplayedNonce",
    "SessionFailedError",
    "SessionWaitTimeoutError",
    "StaleTimestamp",
    "UnexpectedResponseError",
    "ValidationError",
    "WaitTimeoutError",
    "WebhookVerificationError",
]
