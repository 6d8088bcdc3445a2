"""The served fake's log: a line per request and per webhook attempt, text or JSON, colour only on a tty."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akool_mock.mock_server.dispatch import send_sync
from akool_mock.mock_server.logs import configure_logging, observe
from akool_mock.mock_server.settings import DEFAULT_API_KEY, DEFAULT_CLIENT_ID
from tests.mock_server.conftest import Fake

CREATE = "/api/open/v3/faceswap/highquality/specifyimage"
FACE = {"path": "https://example.com/face.png", "opts": "10,10:20,20:30,30:40,40"}
JOB = {"sourceImage": [FACE], "targetImage": [FACE], "face_enhance": 0, "modifyImage": "https://e.com/m.png"}
HOOK = "http://127.0.0.1:9/hooks"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    root = logging.getLogger("akool_mock")
    saved = (list(root.handlers), root.level, root.propagate)
    yield
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])
    root.propagate = saved[2]


def logged(
    fake: Fake, fmt: str = "text", level: str = "info", stream: io.StringIO | None = None
) -> io.StringIO:
    stream = stream if stream is not None else io.StringIO()
    configure_logging(level, fmt, stream)
    observe(fake.backend)
    return stream


def test_a_refusal_is_one_line_with_operation_account_code_status_latency_and_message(fake: Fake) -> None:
    stream = logged(fake)
    fake.request("POST", CREATE, body={"targetImage": [FACE]})
    [line] = stream.getvalue().splitlines()
    assert f"POST {CREATE}" in line
    assert "faceswap.create_image" in line
    assert f"account={DEFAULT_CLIENT_ID}" in line
    assert "code=1003 http=200" in line
    assert "ms" in line
    assert '"sourceImage: required' in line
    assert DEFAULT_API_KEY not in line
    assert "\x1b[" not in line  # not a terminal: no colour


def test_json_lines_carry_the_same_fields(fake: Fake) -> None:
    stream = logged(fake, "json")
    fake.request("GET", "/api/open/v3/faceswap/quota/info")
    fake.request("GET", "/api/open/v3/faceswap/quota/info", headers={"x-api-key": "wrong" * 6})
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["event"] == "request"
    assert (first["operation"], first["account"], first["code"], first["level"]) == (
        "faceswap.get_quota",
        DEFAULT_CLIENT_ID,
        1000,
        "info",
    )
    assert first["message"] is None
    assert isinstance(first["latency_ms"], float)
    assert first["time"].endswith("Z")
    assert (second["code"], second["level"], second["account"]) == (1101, "warning", None)
    assert "wrong" not in json.dumps(second)


def test_colour_only_on_a_terminal(fake: Fake) -> None:
    stream = logged(fake, stream=Terminal())
    fake.request("GET", "/api/open/v3/faceswap/quota/info")
    assert "\x1b[32m" in stream.getvalue()


def test_log_level_warning_keeps_only_refusals(fake: Fake) -> None:
    stream = logged(fake, level="warning")
    fake.request("GET", "/api/open/v3/faceswap/quota/info")
    fake.request("GET", "/api/open/v3/faceswap/quota/info", headers={})
    [line] = stream.getvalue().splitlines()
    assert "code=1102" in line


def test_unknown_paths_are_logged_without_an_operation(fake: Fake) -> None:
    stream = logged(fake)
    fake.request("GET", "/nothing/here")
    assert "GET /nothing/here  -  account=- code=" in stream.getvalue()


def test_each_webhook_attempt_is_a_line_with_outcome_and_next_retry(fake: Fake) -> None:
    stream = logged(fake)
    job_id = fake.post(CREATE, {**JOB, "webhookUrl": HOOK})["data"]["_id"]
    fake.backend.jobs.step(fake.backend.jobs.get(job_id), fake.backend.now())
    answers = iter([500, 200])

    def sender(url: str, _body: bytes, _headers: dict[str, str]) -> int:
        assert url == HOOK
        return next(answers)

    send_sync(fake.backend, sender)
    fake.clock.advance(5)
    send_sync(fake.backend, sender)
    lines = [line for line in stream.getvalue().splitlines() if " webhook " in line]
    assert len(lines) == 2
    assert f"job={job_id} status=2 -> {HOOK}  failed (HTTP 500), next retry in 5s" in lines[0]
    assert lines[1].endswith("delivered")


def test_webhook_json_lines_name_the_error(fake: Fake) -> None:
    stream = logged(fake, "json")
    job_id = fake.post(CREATE, {**JOB, "webhookUrl": HOOK})["data"]["_id"]
    fake.backend.jobs.step(fake.backend.jobs.get(job_id), fake.backend.now())

    def refused(_url: str, _body: bytes, _headers: dict[str, str]) -> int:
        raise ConnectionRefusedError("refused")

    send_sync(fake.backend, refused)
    hooks: list[dict[str, Any]] = [
        json.loads(line) for line in stream.getvalue().splitlines() if '"event":"webhook"' in line
    ]
    [attempt] = hooks
    assert (attempt["outcome"], attempt["http_status"], attempt["job"]) == ("failed", None, job_id)
    assert "ConnectionRefusedError" in attempt["error"]
    assert attempt["next_retry_in_s"] == 5


def test_the_journal_carries_query_and_message(fake: Fake) -> None:
    fake.request("GET", "/api/open/v3/faceswap/result/listbyids", query={"_ids": "nope"})
    fake.request("POST", CREATE, body={})
    poll, create = fake.get("/_mock/journal", limit=2)["entries"]
    assert poll["query"] == {"_ids": "nope"}
    assert create["message"].startswith("sourceImage: required")
    assert (poll["code"], poll["message"]) == (1000, None)


def test_observing_twice_logs_once(fake: Fake) -> None:
    stream = logged(fake)
    observe(fake.backend)
    fake.request("GET", "/api/open/v3/faceswap/quota/info")
    assert len(stream.getvalue().splitlines()) == 1


def test_an_applications_own_handlers_still_see_every_line(fake: Fake) -> None:
    """With a handler of its own on a child logger, lines go through `logging` (the fast path steps aside)."""
    stream = logged(fake)
    seen: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record)

    requests = logging.getLogger("akool_mock.requests")
    keep = Keep()
    requests.addHandler(keep)
    try:
        fake.request("GET", "/api/open/v3/faceswap/quota/info")
    finally:
        requests.removeHandler(keep)
    [record] = seen
    assert record.fields["code"] == 1000  # type: ignore[attr-defined]
    assert "code=1000" in stream.getvalue()  # and the console line was still written


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
# A `~` (which no line holds) in every key, so a leak cannot hide behind a key that is also ordinary text.
@given(key=st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=12).map("~".__add__))
def test_no_key_or_token_ever_reaches_a_line(fake: Fake, key: str) -> None:
    stream = logged(fake, "json")
    fake.request("GET", "/api/open/v3/faceswap/quota/info", headers={"x-api-key": key})
    fake.request("GET", "/api/open/v3/faceswap/quota/info", headers={"authorization": f"Bearer {key}"})
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [line["code"] for line in lines] == [1101, 1101]  # both refused, both logged
    assert key not in stream.getvalue()
