"""replay.py: recorded answers for matching requests, in order; a clear miss naming the closest recording."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from akool_mock import FakeAkool
from akool_mock.mock_server.replay import Replay, UnusableRecording, create_replay_app
from akool_mock.mock_server.wire import WireRequest, parse_query
from tests.support.threaded import threaded

BASE = "https://openapi.akool.com"
POLL = "/api/open/v3/faceswap/result/listbyids"
TOKEN = "/api/open/v3/getToken"
VOICE = "/api/open/v4/voice/detail/"


def entry(method: str, target: str, answer: Any, body: Any = None, status: int = 200) -> dict[str, Any]:
    request: dict[str, Any] = {"method": method, "url": BASE + target, "headers": [], "queryString": []}
    if body is not None:
        request["postData"] = {"mimeType": "application/json", "text": json.dumps(body)}
    content = {"mimeType": "application/json", "text": json.dumps(answer), "size": 0}
    return {"request": request, "response": {"status": status, "headers": [], "content": content}}


def poll(status: int) -> dict[str, Any]:
    return {"code": 1000, "msg": "OK", "data": {"result": [{"_id": "a1", "faceswap_status": status}]}}


@pytest.fixture
def har(tmp_path: Path) -> Path:
    entries = [
        entry(
            "POST",
            TOKEN,
            {"code": 1000, "token": "REDACTED"},
            {"clientId": "AK1", "clientSecret": "REDACTED"},
        ),
        entry("GET", f"{POLL}?_ids=a1", poll(1)),
        entry("GET", f"{POLL}?_ids=a1", poll(2)),
        entry("GET", f"{POLL}?_ids=a1", poll(3)),
        entry("GET", VOICE + "6774858a0d40cbe7f2bcd2c2", {"code": 1000, "msg": "OK", "data": {"_id": "v"}}),
        {"request": {"method": "GET", "url": BASE + "/x"}, "response": {"status": 0, "content": {}}},
    ]
    path = tmp_path / "r.har"
    path.write_text(json.dumps({"log": {"version": "1.2", "entries": entries}}))
    return path


def ask(replay: Replay, method: str, target: str, body: Any = None) -> tuple[int, Any]:
    path, _, query = target.partition("?")
    pairs = [tuple(p.split("=", 1)) for p in query.split("&")] if query else []
    raw = json.dumps(body).encode() if body is not None else b""
    answer = replay.answer(WireRequest(method, path, parse_query(pairs), {}, raw))  # type: ignore[arg-type]
    return answer.status, json.loads(answer.body)


def test_a_repeated_poll_is_answered_in_recorded_order_then_the_last_answer_repeats(har: Path) -> None:
    replay = Replay.from_file(har)
    statuses = [
        ask(replay, "GET", f"{POLL}?_ids=a1")[1]["data"]["result"][0]["faceswap_status"] for _ in range(5)
    ]
    assert statuses == [1, 2, 3, 3, 3]
    replay.reset()
    assert ask(replay, "GET", f"{POLL}?_ids=a1")[1] == poll(1)


def test_secrets_and_key_order_do_not_count_when_matching(har: Path) -> None:
    replay = Replay.from_file(har)
    status, body = ask(
        replay, "POST", TOKEN, {"clientSecret": "my-real-secret-000000000000", "clientId": "AK1"}
    )
    assert (status, body) == (200, {"code": 1000, "token": "REDACTED"})


def test_an_id_bearing_request_with_another_id_gets_the_recording_of_the_same_shape(har: Path) -> None:
    replay = Replay.from_file(har)
    assert ask(replay, "GET", VOICE + "0000000000000000000000ff")[1]["data"] == {"_id": "v"}
    assert ask(replay, "GET", f"{POLL}?_ids=b2")[1] == poll(1)


def test_an_unrecorded_request_is_an_akool_error_naming_the_closest_recording(har: Path) -> None:
    replay = Replay.from_file(har)
    status, body = ask(replay, "POST", TOKEN, {"clientId": "AK2", "clientSecret": "x"})
    assert (status, body["code"]) == (404, 1008)
    assert body["msg"].startswith(
        f'akool-mock replay: no recorded answer for POST {TOKEN} with body {{"clientId":"AK2"'
    )
    assert f"the closest recorded request is POST {TOKEN} with body" in body["msg"]
    assert '"clientId":"AK1"' in body["msg"]
    assert "#entries[0]" in body["msg"]
    unknown = ask(replay, "GET", "/api/open/v3/nothing")[1]["msg"]
    assert "no recorded answer for GET /api/open/v3/nothing" in unknown


def test_an_entry_without_an_answer_is_skipped_and_an_empty_recording_says_so(
    tmp_path: Path, har: Path
) -> None:
    assert len(Replay.from_file(har).entries) == 5
    empty = tmp_path / "empty.har"
    empty.write_text(json.dumps({"log": {"entries": []}}))
    assert "the recording is empty" in ask(Replay.from_file(empty), "GET", POLL)[1]["msg"]


@pytest.mark.parametrize("text", ["not json", "{}", '{"log": {"entries": [{"request": {}}]}}'])
def test_a_file_that_is_not_a_recording_is_refused_clearly(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.har"
    path.write_text(text)
    with pytest.raises(UnusableRecording, match=r"bad\.har"):
        Replay.from_file(path)


def test_fake_akool_and_the_replay_app_answer_alike(har: Path) -> None:
    with FakeAkool(replay=har), httpx.Client() as client:
        inprocess = [client.get(f"{BASE}{POLL}?_ids=a1").json() for _ in range(3)]
        miss = client.get(f"{BASE}/api/open/v3/nothing")
    with threaded(create_replay_app(Replay.from_file(har))) as base, httpx.Client() as client:
        served = [client.get(f"{base}{POLL}?_ids=a1").json() for _ in range(3)]
        served_miss = client.get(f"{base}/api/open/v3/nothing")
    assert inprocess == served == [poll(1), poll(2), poll(3)]
    assert (miss.status_code, miss.json()) == (served_miss.status_code, served_miss.json())
    assert served_miss.headers["x-akool-mock-replay"] == "miss"
