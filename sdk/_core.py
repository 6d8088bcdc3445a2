"""The pure core shared by the sync and the async client: no I/O, no httpx.

- `RequestSpec`: what to send (the transport turns it into HTTP).
- `unwrap` / `interpret`: read Akool's answer. Business errors arrive as HTTP 200 with `code != 1000`
  (pages/ai-tools-suite__error-code.md); getToken answers `{code, token}` with no `data`; the face detection
  APIs answer bare bodies (`{error_code, error_msg, ...}` or `{success, ...}`).
- `error_for`: THE mapping from a business code to an exception class.
- `retry_delay`: whether and when to try again.

Retries. Akool has no idempotency keys, so reads are always safe to retry and creates only when the request
provably did not reach the server:

- connection failures before the request was sent (connect errors): always retried, creates included;
- 1005 "frequent operation", 5xx answers, timeouts and connections dropped after sending: retried for reads
  (and polls) only. A create (a job, a clone, a session) that reached the server may have been processed, even
  when the answer says otherwise, and sending it again could run and bill it twice; the error is raised and
  the caller decides (for 1005: wait, then send it again);
- everything else (business errors, 4xx): never retried.

Pauses grow exponentially from `BACKOFF_BASE` up to `BACKOFF_CAP` with "equal jitter" (half fixed, half
random), and at most `max_retries` retries follow the first attempt.
"""

from __future__ import annotations

import enum
import json as jsonlib
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

from akool_mock.sdk import _constants as defaults
from akool_mock.sdk import errors

Host = Literal["api", "detect"]
Envelope = Literal["akool", "whole", "bare"]
SUCCESS: Final = 1000
DETECTION_REFUSED: Final = 1
"""The face detection APIs' `error_code` for a refused or unusable input (the only one their pages show);
analyze_frames' `success: false` carries no code and is given this one."""

ERROR_CLASSES: Final[Mapping[int, type[errors.APIError]]] = {
    DETECTION_REFUSED: errors.DetectionError,  # only the bare face detection answers use it
    1003: errors.ValidationError,
    1005: errors.RateLimitError,
    1006: errors.InsufficientCreditError,
    1104: errors.InsufficientCreditError,
    1008: errors.NotFoundError,
    1014: errors.NotFoundError,
    1216: errors.NotFoundError,
    1232: errors.NotFoundError,
    1009: errors.PermissionDeniedError,
    1213: errors.PermissionDeniedError,  # "Requires subscription user to use": the plan lacks the feature
    1221: errors.PermissionDeniedError,  # "Account not subscribed"
    1101: errors.AuthenticationError,
    1102: errors.AuthenticationError,
    1200: errors.AccountBannedError,
    1222: errors.ConflictError,
    1233: errors.ConflictError,
}
"""Business code → exception class; a code not listed here becomes a plain `APIError`."""


@dataclass(frozen=True, slots=True)
class RequestSpec:
    """One request of one catalog operation, before any HTTP: the transport adds host, auth and retries."""

    operation: str
    method: str
    path: str
    host: Host = "api"
    params: Mapping[str, Any] | None = None
    json: Any = None
    idempotent: bool = False
    envelope: Envelope = "akool"
    auth: bool = True


class Outcome(enum.Enum):
    """What one attempt came to, as far as retrying is concerned."""

    OK = "ok"
    NOT_SENT = "not sent"  # the connection failed before the request left
    LOST = "lost"  # the connection dropped after the request may have arrived
    TIMEOUT = "timeout"
    SERVER_ERROR = "server error"  # HTTP 5xx
    RATE_LIMITED = "rate limited"  # code 1005
    TOKEN_REJECTED = "token rejected"  # code 1101: a cached token may have expired
    FAILED = "failed"  # final: raise the error


@dataclass(frozen=True, slots=True)
class Answer:
    """The outcome of one attempt: the unwrapped data when OK, else the error to raise if not retried."""

    outcome: Outcome
    data: Any = None
    error: errors.AkoolError | None = None


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_retries: int = defaults.MAX_RETRIES
    base: float = defaults.BACKOFF_BASE
    cap: float = defaults.BACKOFF_CAP


def error_for(code: int, msg: str, op_id: str) -> errors.APIError:
    """The exception for business code `code`: the one place where codes become classes."""
    return ERROR_CLASSES.get(code, errors.APIError)(code, msg, op_id)


def unwrap(op_id: str, status_code: int, body: Any, envelope: Envelope = "akool") -> Any:
    """The payload of a successful answer, or raise the error it carries.

    `akool`: `data` of `{code: 1000, msg, data}` (None when absent); `whole`: the whole body once its code
    is 1000 (getToken's `{code, token}`; createbytranslate's `data` next to `all_results`); `bare`: the
    whole body unless it says `error_code != 0` or `success: false`.
    """
    if status_code >= 400:
        bare = _bare_error(op_id, body) if envelope == "bare" else None
        raise bare or _status_error(op_id, status_code, body)  # the detect APIs' 400 and 500 bodies say why
    if not isinstance(body, dict):
        raise errors.UnexpectedResponseError(f"expected a JSON object, got {type(body).__name__}", op_id)
    if envelope == "bare":
        return _unwrap_bare(op_id, body)
    code = body.get("code")
    if isinstance(code, str) and code.isdigit():
        code = int(code)
    if not isinstance(code, int) or isinstance(code, bool):
        raise errors.UnexpectedResponseError("the answer has no numeric `code`", op_id)
    if code != SUCCESS:
        raise error_for(code, str(body.get("msg") or ""), op_id)
    return body if envelope == "whole" else body.get("data")


def _unwrap_bare(op_id: str, body: dict[str, Any]) -> Any:
    # face_detection answers without Akool's envelope (notes/real-world-quirks.md); an auth or credit refusal
    # may still come as Akool's {code, msg}, without `error_code` or `success`.
    error = _bare_error(op_id, body)
    if error is not None:
        raise error
    code = body.get("code")
    if "error_code" in body or "success" in body or not isinstance(code, int) or isinstance(code, bool):
        return body
    if code != SUCCESS:
        raise error_for(code, str(body.get("msg") or ""), op_id)
    return body


def _bare_error(op_id: str, body: Any) -> errors.APIError | None:
    """The error a bare body says it is: `error_code` other than 0, or `success: false`."""
    if not isinstance(body, dict):
        return None
    error_code = body.get("error_code")
    if error_code not in (None, 0, "0"):
        code = int(error_code) if str(error_code).lstrip("-").isdigit() else -1
        return error_for(code, str(body.get("error_msg") or ""), op_id)
    if body.get("success") is False:
        message = body.get("error") or body.get("message") or body.get("msg") or "success: false"
        return error_for(DETECTION_REFUSED, str(message), op_id)
    return None


def _status_error(op_id: str, status_code: int, body: Any) -> errors.APIStatusError:
    code = body.get("code") if isinstance(body, dict) else None
    msg = body.get("msg") if isinstance(body, dict) else None
    return errors.APIStatusError(
        status_code, op_id, code if isinstance(code, int) else None, msg if isinstance(msg, str) else None
    )


def interpret(spec: RequestSpec, status_code: int, content: bytes) -> Answer:
    """Classify one HTTP answer: its data, or the error with what it means for retrying."""
    try:
        body = jsonlib.loads(content) if content else None
    except ValueError:
        body = None
        if status_code < 400:
            message = f"HTTP {status_code} with a body that is not JSON"
            return Answer(Outcome.FAILED, error=errors.UnexpectedResponseError(message, spec.operation))
    try:
        return Answer(Outcome.OK, data=unwrap(spec.operation, status_code, body, spec.envelope))
    except errors.RateLimitError as error:
        return Answer(Outcome.RATE_LIMITED, error=error)
    except errors.AuthenticationError as error:
        return Answer(Outcome.TOKEN_REJECTED if error.code == 1101 else Outcome.FAILED, error=error)
    except errors.APIStatusError as error:
        return Answer(Outcome.SERVER_ERROR if status_code >= 500 else Outcome.FAILED, error=error)
    except errors.AkoolError as error:
        return Answer(Outcome.FAILED, error=error)


ALWAYS_RETRIED: Final = frozenset({Outcome.NOT_SENT})
RETRIED_IF_IDEMPOTENT: Final = frozenset(
    {Outcome.RATE_LIMITED, Outcome.LOST, Outcome.TIMEOUT, Outcome.SERVER_ERROR}
)


def retry_delay(
    attempt: int,
    outcome: Outcome,
    idempotent: bool,
    rng: random.Random,
    policy: RetryPolicy = RetryPolicy(),
) -> float | None:
    """Seconds to wait before retry number `attempt + 1`, or None when the failure must be raised."""
    if attempt >= policy.max_retries:
        return None
    if outcome not in ALWAYS_RETRIED and not (idempotent and outcome in RETRIED_IF_IDEMPOTENT):
        return None
    ceiling = min(policy.cap, policy.base * float(2**attempt))
    return ceiling / 2 + rng.uniform(0, ceiling / 2)


@dataclass(frozen=True, slots=True)
class Credentials:
    """An API key (sent as `x-api-key`), or a client id and secret exchanged for a Bearer token."""

    api_key: str | None = None
    client_id: str | None = None
    client_secret: str | None = None

    @property
    def uses_token(self) -> bool:
        return self.api_key is None


def auth_headers(credentials: Credentials, token: str | None) -> dict[str, str]:
    """The auth header of a request: the API key, or the Bearer token (fetched by the transport)."""
    if credentials.api_key is not None:
        return {"x-api-key": credentials.api_key}
    return {"Authorization": f"Bearer {token}"} if token else {}
