"""A fake on a manual clock, called through the transport-free pipeline (no HTTP, no respx)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest

from akool_mock.mock_server.app import build_pipeline
from akool_mock.mock_server.clock import ManualClock
from akool_mock.mock_server.pipeline import Pipeline
from akool_mock.mock_server.settings import DEFAULT_API_KEY, Settings, build_settings
from akool_mock.mock_server.wire import WireRequest, parse_query
from akool_mock.schemas import load_catalog

AUTH = {"x-api-key": DEFAULT_API_KEY}


@dataclass
class Answer:
    status: int
    body: Any
    raw: bytes
    content_type: str


@dataclass
class Fake:
    """Call the fake as a client would; every JSON answer is checked against the operation's schema."""

    pipeline: Pipeline
    clock: ManualClock

    @property
    def backend(self) -> Any:
        return self.pipeline.backend

    def request(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        query: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
        check: bool = True,
    ) -> Answer:
        sent_headers = dict(AUTH if headers is None else headers)
        payload = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
        if payload and "content-type" not in sent_headers:
            sent_headers["content-type"] = "application/json"
        pairs = [(k, str(v)) for k, v in (query or {}).items()]
        wire = WireRequest(method, path, parse_query(pairs), sent_headers, payload, "openapi.akool.com")
        response = self.pipeline.handle(wire)
        parsed = json.loads(response.body) if response.content_type == "application/json" else None
        if check and parsed is not None and not path.startswith("/_mock/"):
            op = load_catalog().by_route(method, "openapi.akool.com", path) or load_catalog().by_route(
                method, "sg3.akool.com", path
            )
            if op is not None:
                errors = op.response_errors(parsed)
                assert errors == [], (
                    f"{op.id} answered outside its schema: {[str(e) for e in errors]}\n{parsed}"
                )
        return Answer(response.status, parsed, response.body, response.content_type)

    def get(self, path: str, **query: Any) -> Any:
        return self.request("GET", path, query=query).body

    def post(self, path: str, body: Any) -> Any:
        return self.request("POST", path, body=body).body

    def url(self, path: str, query: dict[str, Any]) -> str:
        return f"{path}?{urlencode(query)}"


def make_fake(settings: Settings | None = None) -> Fake:
    clock = ManualClock()
    pipeline = build_pipeline(settings or build_settings(clock="manual", seed=7), clock)
    return Fake(pipeline, clock)


@pytest.fixture
def fake() -> Fake:
    return make_fake()


@pytest.fixture
def fake_factory() -> Callable[..., Fake]:
    return make_fake
