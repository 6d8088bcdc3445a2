"""A session of every job kind, recorded through the proxy in front of a served fake, replays with identical
answers in-process (`FakeAkool(replay=FILE)`) and over HTTP (`create_replay_app`, what `akool-mock replay`
serves). The fake moves a job one step every second poll, so the recording holds each job going 1 → 2 → 3."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from akool_mock import FakeAkool
from akool_mock.contract_tests.serve import served
from akool_mock.mock_server.drift_report import DriftReport
from akool_mock.mock_server.har import HarRecorder
from akool_mock.mock_server.proxy import Proxy, ProxySettings
from akool_mock.mock_server.replay import Replay, create_replay_app
from akool_mock.mock_server.settings import DEFAULT_API_KEY
from akool_mock.schemas import load_catalog
from tests.support import scenarios
from tests.support.threaded import threaded, threaded_proxy

CATALOG = load_catalog()
AUTH = {"x-api-key": DEFAULT_API_KEY}


@dataclass(frozen=True)
class Sent:
    method: str
    target: str  # path and query, as sent
    body: bytes
    status: int
    answer: bytes


class ProxiedApi:
    """`scenarios.Api` through the proxy; the fake's control API is called directly (it is not Akool's)."""

    def __init__(self, client: httpx.Client, proxy_url: str, fake_url: str) -> None:
        self.client, self.proxy_url, self.fake_url = client, proxy_url, fake_url
        self.log: list[Sent] = []

    def call(
        self,
        op_id: str,
        *,
        body: Any = None,
        query: dict[str, Any] | None = None,
        path: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        op = CATALOG.operation(op_id)
        route = op.path
        for name, value in (path or {}).items():
            route = route.replace("{" + name + "}", value)
        request = self.client.build_request(
            op.method, self.proxy_url + route, json=body, params=query, headers=AUTH
        )
        response = self.client.send(request)
        self.log.append(
            Sent(
                op.method,
                request.url.raw_path.decode(),
                request.content,
                response.status_code,
                response.content,
            )
        )
        answer: dict[str, Any] = response.json()
        return answer

    def advance(self, seconds: float) -> None:
        self.control("POST", "/_mock/clock/advance", {"seconds": seconds})

    def control(self, method: str, path: str, body: Any = None) -> dict[str, Any]:
        answer: dict[str, Any] = self.client.request(method, self.fake_url + path, json=body).json()
        return answer

    def fetch(self, url: str) -> tuple[int, str]:
        response = self.client.get(url)
        return response.status_code, response.headers.get("content-type", "")


@dataclass
class Session:
    har: Path
    log: list[Sent]
    report: DriftReport
    statuses: dict[str, list[int]]


def record_every_job_kind(api: ProxiedApi) -> dict[str, list[int]]:
    """Each job kind: create, then poll until completed; the statuses each poll saw."""
    statuses: dict[str, list[int]] = {}
    for op in scenarios.job_operations():
        job_id = scenarios.create_job(api, op)
        seen = [scenarios.status_of(api, op, job_id) for _ in range(4)]
        statuses[op.id] = seen
    return statuses


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Session:
    folder = tmp_path_factory.mktemp("recorded")
    config = folder / "fake.json"
    config.write_text(json.dumps({"lifecycle": {"policy": "polls", "polls_per_step": 2}}))
    recorder, report = HarRecorder(folder / "session.har"), DriftReport()
    with served("--config", str(config)) as fake_url:
        proxy = Proxy(ProxySettings(fake_url, fake_url), observers=[recorder, report.add])
        with threaded_proxy(proxy) as proxy_url, httpx.Client(timeout=30) as client:
            api = ProxiedApi(client, proxy_url, fake_url)
            statuses = record_every_job_kind(api)
    return Session(recorder.write(), api.log, report, statuses)


def test_the_recorded_session_holds_every_job_kind_moving_one_step_per_poll(session: Session) -> None:
    assert set(session.statuses) == {op.id for op in scenarios.job_operations()}
    assert len(session.statuses) >= 20
    moves = {op_id: statuses for op_id, statuses in session.statuses.items() if statuses != [1, 2, 2, 3]}
    assert moves == {}
    assert session.report.exchanges == len(session.log)
    assert (session.report.drifting, session.report.drift) == (0, [])


def test_the_session_replays_in_process_with_identical_answers(session: Session) -> None:
    with FakeAkool(replay=session.har), httpx.Client() as client:
        replayed = [
            client.request(
                sent.method, "https://openapi.akool.com" + sent.target, content=sent.body, headers=AUTH
            )
            for sent in session.log
        ]
    assert [(r.status_code, r.content) for r in replayed] == [(s.status, s.answer) for s in session.log]


def test_the_session_replays_over_http_with_identical_answers(session: Session) -> None:
    with threaded(create_replay_app(Replay.from_file(session.har))) as base, httpx.Client() as client:
        replayed = [
            client.request(sent.method, base + sent.target, content=sent.body, headers=AUTH)
            for sent in session.log
        ]
    assert [(r.status_code, r.content) for r in replayed] == [(s.status, s.answer) for s in session.log]
