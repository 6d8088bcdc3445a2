"""har.py and redact.py: every exchange as a HAR 1.2 entry, and no secret survives into it."""

from __future__ import annotations

import json
import string
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from akool_mock.mock_server.drift import ExchangeValidator
from akool_mock.mock_server.har import HarRecorder, har_entry
from akool_mock.mock_server.proxy import Observed
from akool_mock.mock_server.redact import REDACTED, Redactor

VALIDATOR = ExchangeValidator()
TOKEN_URL = "https://openapi.akool.com/api/open/v3/getToken"
CREATE_URL = "https://openapi.akool.com/api/open/v3/faceswap/highquality/specifyimage"
URL_SAFE = string.ascii_letters + string.digits + "-._~"
HEADER_SAFE = URL_SAFE + "+/="


def observed(
    url: str,
    request_body: Any,
    answer: Any,
    headers: list[tuple[str, str]] | None = None,
    answer_headers: list[tuple[str, str]] | None = None,
) -> Observed:
    body = request_body if isinstance(request_body, bytes) else json.dumps(request_body).encode()
    content = answer if isinstance(answer, bytes) else json.dumps(answer, ensure_ascii=False).encode()
    raw = [(k.encode(), v.encode("latin-1")) for k, v in (headers or [("content-type", "application/json")])]
    out = [
        (k.encode(), v.encode("latin-1"))
        for k, v in (answer_headers or [("content-type", "application/json")])
    ]
    result = VALIDATOR.check("POST", url, status=200, response_body=content, request_body=body)
    return Observed(datetime.now(UTC), "POST", url, raw, body, 200, out, content, 12.5, result)


def strings(value: Any) -> list[str]:
    """Every string value of a JSON document, and of the JSON documents held in its strings."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    if isinstance(value, str):
        try:
            inner = json.loads(value)
        except ValueError:
            return [value]
        return [value, *strings(inner)] if isinstance(inner, dict | list) else [value]
    return []


def test_an_entry_is_har_1_2_with_the_operation_and_its_drift() -> None:
    entry = har_entry(observed(CREATE_URL, {"webhookURL": "x"}, {"code": 1000, "msg": "OK", "data": {}}))
    request, response = entry["request"], entry["response"]
    for name in (
        "method",
        "url",
        "httpVersion",
        "cookies",
        "headers",
        "queryString",
        "headersSize",
        "bodySize",
    ):
        assert name in request
    for name in ("status", "statusText", "httpVersion", "cookies", "headers", "content", "redirectURL"):
        assert name in response
    assert {"startedDateTime", "time", "cache", "timings"} <= set(entry)
    assert entry["startedDateTime"].endswith("Z")
    assert entry["_akool"]["operation"] == "faceswap.create_image"
    assert not entry["_akool"]["conforms"]
    assert request["postData"] == {"mimeType": "application/json", "text": '{"webhookURL": "x"}'}


def test_bodies_without_secrets_keep_their_exact_bytes_and_binary_is_base64(tmp_path: Path) -> None:
    text = '{"code":1000,  "msg":"é OK","data":{}}'
    entry = har_entry(observed(CREATE_URL, {}, text.encode()))
    assert entry["response"]["content"]["text"] == text
    binary = har_entry(observed(CREATE_URL, {}, b"\x89PNG\xff\x00"))
    assert binary["response"]["content"]["encoding"] == "base64"
    recorder = HarRecorder(tmp_path / "s.har")
    recorder(observed(CREATE_URL, {}, text.encode()))
    document = json.loads(recorder.write().read_text())
    assert document["log"]["version"] == "1.2"
    assert document["log"]["creator"]["name"] == "akool-mock"
    assert len(document["log"]["entries"]) == 1


def test_the_redactor_by_name_and_by_value() -> None:
    redactor = Redactor()
    assert redactor.header("X-Api-Key", "k" * 32) == REDACTED
    assert redactor.header("content-type", "application/json") == "application/json"
    assert redactor.url("https://bob:pw123456@my.app/hook?token=abcdefgh&job=1") == (
        f"https://{REDACTED}@my.app/hook?token={REDACTED}&job=1"
    )
    assert redactor.url("https://my.app/hook?job=1&") == "https://my.app/hook?job=1&"  # untouched: no secret
    assert redactor.json({"clientId": "AKid", "clientSecret": "s3cret-value", "n": [{"agora_token": 5}]}) == {
        "clientId": "AKid",
        "clientSecret": REDACTED,
        "n": [{"agora_token": REDACTED}],
    }
    assert redactor.scrub({"echo": "the key s3cret-value was bad", "k": "k" * 32}) == {
        "echo": f"the key {REDACTED} was bad",
        "k": REDACTED,
    }


ANY_TEXT = st.characters(exclude_categories=["Cs"])
SECRETS = st.tuples(
    st.text(HEADER_SAFE, min_size=8, max_size=40),  # x-api-key
    st.text(HEADER_SAFE, min_size=8, max_size=40),  # Authorization: Bearer
    st.text(ANY_TEXT, min_size=8, max_size=40),  # clientSecret in a body
    st.text(ANY_TEXT, min_size=8, max_size=40),  # a token in an answer
    st.text(URL_SAFE, min_size=8, max_size=20),  # a webhook URL's password
    st.text(URL_SAFE, min_size=8, max_size=20),  # a webhook URL's token parameter
)


@given(SECRETS)
def test_no_secret_survives_into_the_recording(secrets: tuple[str, str, str, str, str, str]) -> None:
    api_key, bearer, client_secret, token, password, url_token = secrets
    for secret in secrets:
        assume(REDACTED not in secret and secret not in REDACTED * 2)
    hook = f"https://me:{password}@my.app/akool?token={url_token}"
    request = {"clientId": "AKmockClientId0000000001", "clientSecret": client_secret, "webhookUrl": hook}
    answer = {
        "code": 1000,
        "token": token,
        "data": {"credentials": {"agora_token": token}, "echo": f"sent {client_secret} to {hook}"},
    }
    headers = [
        ("x-api-key", api_key),
        ("authorization", f"Bearer {bearer}"),
        ("content-type", "application/json"),
    ]
    url = f"{TOKEN_URL}?api_key={api_key}"
    entry = har_entry(observed(url, request, answer, headers, [("set-cookie", f"s={bearer}")]))
    # Every value, and every value of the JSON bodies held as text (so escaped spellings count): key names of
    # HAR itself (`startedDateTime`) are not secrets even when a generated secret happens to spell one.
    values = strings(entry)
    for secret in secrets:
        assert not any(secret in value for value in values), secret
