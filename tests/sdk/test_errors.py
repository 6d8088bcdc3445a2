"""sdk.errors and the one code-to-class mapping (sdk._core.error_for)."""

from __future__ import annotations

import pytest

from akool_mock.sdk import errors
from akool_mock.sdk._core import ERROR_CLASSES, error_for

EXPECTED = {
    1: errors.DetectionError,  # the face detection APIs' error_code (bare answers only)
    1101: errors.AuthenticationError,
    1102: errors.AuthenticationError,
    1200: errors.AccountBannedError,
    1009: errors.PermissionDeniedError,
    1213: errors.PermissionDeniedError,
    1221: errors.PermissionDeniedError,
    1008: errors.NotFoundError,
    1014: errors.NotFoundError,
    1216: errors.NotFoundError,
    1232: errors.NotFoundError,
    1006: errors.InsufficientCreditError,
    1104: errors.InsufficientCreditError,
    1005: errors.RateLimitError,
    1003: errors.ValidationError,
    1222: errors.ConflictError,
    1233: errors.ConflictError,
}


@pytest.mark.parametrize(("code", "cls"), sorted(EXPECTED.items()))
def test_error_for_maps_each_documented_code(code: int, cls: type[errors.APIError]) -> None:
    error = error_for(code, "the server's message", "area.op")
    assert type(error) is cls
    assert (error.code, error.msg, error.operation) == (code, "the server's message", "area.op")


@pytest.mark.parametrize("code", [1004, 1007, 1015, 1109, 1500, 99999, -1])
def test_other_codes_are_a_general_api_error(code: int) -> None:
    error = error_for(code, "whatever", "area.op")
    assert type(error) is errors.APIError
    assert f"code {code}" in str(error)


def test_the_table_is_exactly_the_documented_mapping() -> None:
    assert dict(ERROR_CLASSES) == EXPECTED


def test_validation_errors_carry_the_servers_message() -> None:
    error = error_for(1003, "sourceImage[0].path: must match", "faceswap.create_image")
    assert "sourceImage[0].path: must match" in str(error)


def instances() -> list[errors.AkoolError]:
    return [
        errors.APIError(1234, "m", "a.b"),
        *(cls(1, "m", "a.b") for cls in set(EXPECTED.values())),
        errors.APIStatusError(503, "a.b"),
        errors.APIStatusError(404, "a.b", 1008, "Not Found"),
        errors.APIConnectionError("refused", "a.b"),
        errors.APITimeoutError("slow", "a.b"),
        errors.UnexpectedResponseError("odd", "a.b"),
        errors.ConfigurationError("none"),
        errors.JobFailedError("j", "a.b", "no face"),
        errors.JobFailedError("j", "a.b", None),
        errors.WaitTimeoutError("j", "a.b", 2, 30.0),
        errors.BadSignature("x"),
        errors.DecryptionFailed("x"),
        errors.StaleTimestamp("x"),
        errors.ReplayedNonce("x"),
        errors.MalformedWebhook("x"),
    ]


@pytest.mark.parametrize("error", instances(), ids=lambda e: type(e).__name__)
def test_every_message_ends_with_what_to_do(error: errors.AkoolError) -> None:
    assert str(error).endswith(error.hint)
    assert error.hint
    assert error.hint != errors.AkoolError.hint
    assert str(error).startswith(error.message)


def test_the_tree() -> None:
    for cls in EXPECTED.values():
        assert issubclass(cls, errors.APIError)
    assert issubclass(errors.APITimeoutError, errors.APIConnectionError)
    assert issubclass(errors.DecryptionFailed, errors.BadSignature)
    for name in errors.__all__:
        cls = getattr(errors, name)
        assert issubclass(cls, errors.AkoolError)
        assert name in (errors.__doc__ or ""), f"{name} is not drawn in the module docstring"


def test_job_errors_say_which_job() -> None:
    failed = errors.JobFailedError("abc", "voices.tts", "bad audio")
    assert "abc" in str(failed)
    assert "bad audio" in str(failed)
    assert failed.reason == "bad audio"
    assert "no reason" in str(errors.JobFailedError("abc", "voices.tts", None))
    late = errors.WaitTimeoutError("abc", "voices.tts", 2, 12.5)
    assert "12.5 s" in str(late)
    assert late.status == 2
