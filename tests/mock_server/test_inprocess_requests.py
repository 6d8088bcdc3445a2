"""FakeAkool with `requests`, written as Akool's own demo backends and Flask apps write it: a Session with
the API key, timeouts, urllib3 retries, a job polled until it finishes, webhooks to a Python receiver."""

from __future__ import annotations

import importlib.util
import json
from typing import Any

import pytest
import requests
import responses
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.sdk.webhooks import verify_and_decrypt
from tests.support.servers import receiver

BASE = "https://openapi.akool.com"
QUOTA = f"{BASE}/api/open/v3/faceswap/quota/info"
CREATE = f"{BASE}/api/open/v3/faceswap/highquality/specifyimage"
POLL = f"{BASE}/api/open/v3/faceswap/result/listbyids"
FACE = {"path": "https://example.com/me.png", "opts": "262,175:363,175:313,215:272,279"}
BODY = {"sourceImage": [FACE], "targetImage": [FACE], "face_enhance": 0, "modifyImage": FACE["path"]}


def session_for(akool: FakeAkool, retries: int = 0) -> requests.Session:
    session = requests.Session()
    session.headers["x-api-key"] = akool.api_key
    retry = Retry(total=retries, backoff_factor=0, status_forcelist=[502, 503], allowed_methods=None)
    session.mount("https://", HTTPAdapter(max_retries=retry))
    return session


def wait_done(akool: FakeAkool, session: requests.Session, job_id: str) -> dict[str, Any]:
    """A user's own polling loop; the fake's clock stands in for time.sleep."""
    for _ in range(30):
        answer = session.get(POLL, params={"_ids": job_id}, timeout=10).json()
        item: dict[str, Any] = answer["data"]["result"][0]
        if item["faceswap_status"] in (3, 4):
            return item
        akool.clock.advance(5)
    raise AssertionError("the job never finished")


def test_a_job_created_polled_to_completion_and_its_webhooks_reach_a_python_receiver() -> None:
    received: list[dict[str, Any]] = []

    def app(url: str, body: dict[str, Any]) -> int:
        event = verify_and_decrypt(
            body, client_id=akool.client_id, client_secret=akool.api_key, tolerance=None
        )
        received.append({"url": url, "status": event.status, "id": event.id})
        return 200

    with FakeAkool(receiver=app) as akool, session_for(akool) as session:
        hook = "https://my-app.example.com/akool/webhook"
        created = session.post(CREATE, json={**BODY, "webhookUrl": hook}, timeout=10).json()
        assert created["code"] == 1000
        job_id = created["data"]["_id"]
        item = wait_done(akool, session, job_id)
        assert item["faceswap_status"] == 3
        assert item["url"].endswith(f"/_mock/media/{job_id}.png")
        assert received == [
            {"url": hook, "status": 2, "id": job_id},
            {"url": hook, "status": 3, "id": job_id},
        ]
        assert [entry["operation"] for entry in akool.journal][:2] == [
            "faceswap.create_image",
            "faceswap.list_results",
        ]


def test_form_bodies_and_query_strings_arrive_as_sent() -> None:
    with FakeAkool() as akool:
        answer = requests.post(CREATE, data="not json", headers={"x-api-key": akool.api_key}, timeout=5)
        assert answer.status_code == 200
        assert answer.json()["code"] == 1003
        assert "not valid JSON" in answer.json()["msg"]
        missing = requests.get(QUOTA, timeout=5).json()
        assert missing["code"] == 1102


def test_urllib3_retries_ride_over_injected_503s() -> None:
    with FakeAkool() as akool, session_for(akool, retries=3) as session:
        akool.faults.add(operation="faceswap.get_quota", http_status=503, count=2)
        answer = session.get(QUOTA, timeout=5)
        assert answer.status_code == 200
        assert answer.json()["code"] == 1000
        assert [e["http_status"] for e in akool.journal] == [503, 503, 200]


def test_faults_reach_requests_as_its_own_exceptions() -> None:
    with FakeAkool() as akool, session_for(akool) as session:
        akool.faults.add(delay_s=5, count=1)
        with pytest.raises(requests.exceptions.ReadTimeout):
            session.get(QUOTA, timeout=(1, 0.5))
        akool.faults.add(drop=True, count=1)
        with pytest.raises(requests.exceptions.ConnectionError):
            session.get(QUOTA, timeout=5)
        assert session.get(QUOTA, timeout=5).json()["code"] == 1000


def test_a_streamed_answer_reads_the_same() -> None:
    with (
        FakeAkool() as akool,
        session_for(akool) as session,
        session.get(QUOTA, stream=True, timeout=5) as answer,
    ):
        assert json.loads(b"".join(answer.iter_content(7)))["code"] == 1000


def test_other_hosts_pass_through_to_the_network() -> None:
    with receiver() as hook, FakeAkool() as akool:
        assert requests.post(hook.url, json={"ping": 1}, timeout=5).status_code == 200
        assert hook.wait_for(1) == [{"ping": 1}]
        assert akool.journal == []


def test_nothing_is_intercepted_after_the_context() -> None:
    with FakeAkool():
        pass
    with pytest.raises(requests.exceptions.ConnectionError):  # the real host, refused by the suite's guard
        requests.get(QUOTA, timeout=2)


def test_a_responses_mock_started_first_answers_its_own_hosts() -> None:
    """Fixture order: the test's own `responses` mock first, then FakeAkool (which chains to it)."""
    with responses.RequestsMock() as rsps, FakeAkool() as akool:
        rsps.get("https://api.example.com/users/1", json={"id": 1})
        assert requests.get("https://api.example.com/users/1", timeout=5).json() == {"id": 1}
        assert requests.get(QUOTA, headers={"x-api-key": akool.api_key}, timeout=5).json()["code"] == 1000
        assert len(rsps.calls) == 1


def test_a_responses_mock_started_inside_refuses_akool_calls() -> None:
    """Started after FakeAkool, a `responses` mock sees every call first and refuses what it does not know:
    nothing reaches the network, but nothing reaches the fake either. Start FakeAkool last."""
    with FakeAkool() as akool, responses.RequestsMock(assert_all_requests_are_fired=False):
        with pytest.raises(requests.exceptions.ConnectionError, match="Connection refused by Responses"):
            requests.get(QUOTA, headers={"x-api-key": akool.api_key}, timeout=5)
        assert akool.journal == []


def test_without_responses_installed_akool_calls_are_refused_not_sent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None if name == "responses" else real(name))
    with (
        FakeAkool() as akool,
        pytest.raises(requests.exceptions.ConnectionError, match=r"akool-mock\[requests\]"),
    ):
        requests.get(QUOTA, headers={"x-api-key": akool.api_key}, timeout=5)
