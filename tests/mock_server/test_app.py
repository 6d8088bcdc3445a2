"""The Starlette edge: a large body is read in steps before the pipeline, and answers as if read in one go."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest

from akool_mock.mock_server.app import create_app
from akool_mock.mock_server.json_stream import STEPWISE_ABOVE
from akool_mock.mock_server.settings import DEFAULT_API_KEY, build_settings
from tests.mock_server.conftest import make_fake

CREATE = "/api/open/v3/faceswap/highquality/specifyimage"
FACE = {"path": "https://example.com/me.png", "opts": "262,175:363,175:313,215:272,279"}
PAD = "x" * (STEPWISE_ABOVE + 1024)  # a string long enough to make any body go the stepwise way
KEY = {"x-api-key": DEFAULT_API_KEY, "content-type": "application/json"}


def over_http(requests: list[tuple[str, str, bytes, dict[str, str]]]) -> list[dict[str, Any]]:
    """Each request through the app over httpx's ASGI transport (no socket); the JSON answers."""

    async def send() -> list[dict[str, Any]]:
        transport = httpx.ASGITransport(app=create_app(build_settings(clock="manual", seed=7)))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as client:
            answers = []
            for method, path, body, headers in requests:
                answers.append((await client.request(method, path, content=body, headers=headers)).json())
            return answers

    return asyncio.run(send())


def in_one_go(method: str, path: str, body: bytes, headers: dict[str, str]) -> dict[str, Any]:
    answer: dict[str, Any] = make_fake().request(method, path, raw=body, headers=headers).body
    return answer


CASES = {
    "NaN after a long string": (
        "POST",
        CREATE,
        json.dumps({"note": PAD}).encode()[:-1] + b', "face_enhance": NaN}',
        KEY,
    ),
    "a long string where an array belongs": ("POST", CREATE, json.dumps({"sourceImage": PAD}).encode(), KEY),
    "not JSON after a long string": ("POST", CREATE, json.dumps({"a": PAD}).encode() + b" x", KEY),
    "no API key: auth is checked before the body": (
        "POST",
        CREATE,
        b'{"a": "' + PAD.encode() + b'", "b": NaN}',
        {"content-type": "application/json"},
    ),
    "an unknown path: routing comes before the body": ("POST", "/api/open/v3/nope", b"[" * 300_000, KEY),
    "a valid create whose one field is long": (
        "POST",
        CREATE,
        json.dumps(
            {
                "sourceImage": [FACE],
                "targetImage": [FACE],
                "face_enhance": 0,
                "modifyImage": FACE["path"],
                "webhookUrl": "",
                "extra": PAD,
            }
        ).encode(),
        KEY,
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_large_body_answers_as_if_read_in_one_go(case: str) -> None:
    method, path, body, headers = CASES[case]
    assert len(body) > STEPWISE_ABOVE
    [served] = over_http([(method, path, body, headers)])
    direct = in_one_go(method, path, body, headers)
    assert served.get("code") == direct.get("code"), (served, direct)
    assert served.get("msg") == direct.get("msg")


def test_the_edge_reads_a_large_body_before_the_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pipeline gets what the edge read (it does not read the body again)."""
    from akool_mock.mock_server import json_stream

    def no_second_reading(*_args: object) -> None:
        raise AssertionError("the body was read again in the pipeline")

    monkeypatch.setattr(json_stream, "read_json_any", no_second_reading)
    [answer] = over_http([("POST", CREATE, json.dumps({"sourceImage": PAD}).encode(), KEY)])
    assert answer["code"] == 1003
    assert answer["msg"].startswith("targetImage: required")
