"""sdk._core: unwrapping Akool's answers, classifying them, and the retry rules (no I/O)."""

from __future__ import annotations

import json
import random

import pytest

from akool_mock.sdk import errors
from akool_mock.sdk._core import (
    Credentials,
    Outcome,
    RequestSpec,
    RetryPolicy,
    auth_headers,
    interpret,
    retry_delay,
    unwrap,
)

READ = RequestSpec("x.read", "GET", "/read", idempotent=True)
CREATE = RequestSpec("x.create", "POST", "/create")


def test_unwrap_akool_envelope() -> None:
    assert unwrap("x.op", 200, {"code": 1000, "msg": "Please be patient!", "data": {"a": 1}}) == {"a": 1}
    assert unwrap("x.op", 200, {"code": 1000, "msg": "OK"}) is None
    assert unwrap("x.op", 200, {"code": "1000", "data": []}) == []


def test_unwrap_business_error_is_raised_with_code_and_msg() -> None:
    with pytest.raises(errors.ValidationError) as caught:
        unwrap("faceswap.create_image", 200, {"code": 1003, "msg": "modifyImage: required"})
    assert (caught.value.code, caught.value.msg, caught.value.operation) == (
        1003,
        "modifyImage: required",
        "faceswap.create_image",
    )


def test_unwrap_token_envelope_keeps_the_body() -> None:
    body = {"code": 1000, "token": "abc"}
    assert unwrap("auth.get_token", 200, body, "whole") == body
    with pytest.raises(errors.AuthenticationError):
        unwrap("auth.get_token", 200, {"code": 1101, "msg": "Invalid clientId"}, "whole")


def test_unwrap_bare_bodies() -> None:
    ok = {"error_code": 0, "error_msg": "SUCCESS", "landmarks": []}
    assert unwrap("face_detection.detect_legacy", 200, ok, "bare") == ok
    with pytest.raises(errors.APIError) as caught:
        unwrap("face_detection.detect_legacy", 200, {"error_code": 2, "error_msg": "no face"}, "bare")
    assert (caught.value.code, caught.value.msg) == (2, "no face")
    assert unwrap("face_detection.analyze_frames", 200, {"success": True, "faces": []}, "bare")["success"]
    with pytest.raises(errors.APIError, match="bad frame"):
        unwrap("face_detection.analyze_frames", 200, {"success": False, "message": "bad frame"}, "bare")


@pytest.mark.parametrize("body", [[1, 2], "text", None, {"msg": "no code"}, {"code": True}])
def test_unwrap_unexpected_shapes(body: object) -> None:
    with pytest.raises(errors.UnexpectedResponseError):
        unwrap("x.op", 200, body)


def test_unwrap_http_errors() -> None:
    with pytest.raises(errors.APIStatusError) as caught:
        unwrap("x.op", 404, {"code": 1008, "msg": "Not Found"})
    assert (caught.value.status_code, caught.value.code, caught.value.msg) == (404, 1008, "Not Found")
    with pytest.raises(errors.APIStatusError) as plain:
        unwrap("x.op", 502, None)
    assert plain.value.code is None


@pytest.mark.parametrize(
    ("status", "body", "outcome"),
    [
        (200, {"code": 1000, "data": 1}, Outcome.OK),
        (200, {"code": 1005, "msg": "Frequent operation"}, Outcome.RATE_LIMITED),
        (200, {"code": 1101, "msg": "Illegal token"}, Outcome.TOKEN_REJECTED),
        (200, {"code": 1102, "msg": "token cannot be empty"}, Outcome.FAILED),
        (200, {"code": 1006, "msg": "Insufficient quota balance"}, Outcome.FAILED),
        (503, {"code": 503, "msg": "busy"}, Outcome.SERVER_ERROR),
        (500, {"code": 1500, "msg": "internal"}, Outcome.SERVER_ERROR),
        (404, {"code": 1008, "msg": "Not Found"}, Outcome.FAILED),
    ],
)
def test_interpret(status: int, body: dict[str, object], outcome: Outcome) -> None:
    answer = interpret(READ, status, json.dumps(body).encode())
    assert answer.outcome is outcome
    assert (answer.error is None) == (outcome is Outcome.OK)


def test_interpret_non_json() -> None:
    assert interpret(READ, 200, b"<html>").outcome is Outcome.FAILED
    assert interpret(READ, 502, b"<html>bad gateway</html>").outcome is Outcome.SERVER_ERROR
    assert interpret(READ, 200, b"").outcome is Outcome.FAILED


RULES = [
    (Outcome.NOT_SENT, True, True),
    (Outcome.NOT_SENT, False, True),
    (Outcome.RATE_LIMITED, True, True),
    (Outcome.RATE_LIMITED, False, False),
    (Outcome.SERVER_ERROR, True, True),
    (Outcome.SERVER_ERROR, False, False),
    (Outcome.TIMEOUT, True, True),
    (Outcome.TIMEOUT, False, False),
    (Outcome.LOST, True, True),
    (Outcome.LOST, False, False),
    (Outcome.FAILED, True, False),
    (Outcome.TOKEN_REJECTED, True, False),
    (Outcome.OK, True, False),
]


@pytest.mark.parametrize(("outcome", "idempotent", "retried"), RULES)
def test_retry_rules(outcome: Outcome, idempotent: bool, retried: bool) -> None:
    delay = retry_delay(0, outcome, idempotent, random.Random(1))
    assert (delay is not None) == retried


def test_retry_delays_grow_with_jitter_up_to_the_cap_and_stop_at_max_retries() -> None:
    policy = RetryPolicy(max_retries=10, base=0.5, cap=8.0)
    rng = random.Random(7)
    delays = [retry_delay(attempt, Outcome.NOT_SENT, False, rng, policy) for attempt in range(10)]
    for attempt, delay in enumerate(delays):
        ceiling = min(8.0, 0.5 * 2**attempt)
        assert delay is not None
        assert ceiling / 2 <= delay <= ceiling
    assert retry_delay(10, Outcome.NOT_SENT, True, rng, policy) is None
    assert retry_delay(0, Outcome.NOT_SENT, True, rng, RetryPolicy(max_retries=0)) is None


def test_auth_headers() -> None:
    assert auth_headers(Credentials(api_key="k"), "ignored") == {"x-api-key": "k"}
    token_auth = Credentials(client_id="i", client_secret="s")
    assert token_auth.uses_token
    assert auth_headers(token_auth, "t") == {"Authorization": "Bearer t"}
    assert auth_headers(token_auth, None) == {}


def test_the_retry_rules_are_documented_where_they_are_decided() -> None:
    from akool_mock.sdk import _core

    doc = " ".join((_core.__doc__ or "").split())
    assert "Akool has no idempotency keys" in doc
    assert "always retried, creates included" in doc
    assert '1005 "frequent operation", 5xx answers, timeouts' in doc
    assert "retried for reads (and polls) only" in doc
