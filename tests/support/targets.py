"""`Api` implementations: the pipeline itself, or an HTTP base URL (FakeAkool via respx, or `serve`)."""

from __future__ import annotations

from typing import Any

import httpx

from akool_mock.schemas import load_catalog
from tests.mock_server.conftest import Fake

CATALOG = load_catalog()


def _fill(path: str, params: dict[str, str] | None) -> str:
    for name, value in (params or {}).items():
        path = path.replace("{" + name + "}", value)
    return path


class PipelineApi:
    """Straight into the pipeline (fastest; every answer checked against its schema by `Fake`)."""

    def __init__(self, fake: Fake, api_key: str | None = None) -> None:
        self.fake = fake
        self.headers = {"x-api-key": api_key} if api_key else None  # None: the fake's default account

    def call(
        self,
        op_id: str,
        *,
        body: Any = None,
        query: dict[str, Any] | None = None,
        path: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        op = CATALOG.operation(op_id)
        answer: dict[str, Any] = self.fake.request(
            op.method, _fill(op.path, path), body=body, query=query, headers=self.headers
        ).body
        return answer

    def advance(self, seconds: float) -> None:
        self.fake.request("POST", "/_mock/clock/advance", body={"seconds": seconds})

    def control(self, method: str, path: str, body: Any = None) -> dict[str, Any]:
        path, _, query = path.partition("?")
        params = dict(pair.split("=", 1) for pair in query.split("&")) if query else None
        answer: dict[str, Any] = self.fake.request(method, path, body=body, query=params).body
        return answer

    def fetch(self, url: str) -> tuple[int, str]:
        path = "/" + url.split("/", 3)[3]
        answer = self.fake.request("GET", path)
        return answer.status, answer.content_type


class HttpApi:
    """Over HTTP with httpx: `hosts` maps each Akool host to the base URL that serves it."""

    def __init__(self, client: httpx.Client, hosts: dict[str, str], api_key: str) -> None:
        self.client = client
        self.hosts = hosts
        self.headers = {"x-api-key": api_key}

    def call(
        self,
        op_id: str,
        *,
        body: Any = None,
        query: dict[str, Any] | None = None,
        path: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        op = CATALOG.operation(op_id)
        url = self.hosts[op.host] + _fill(op.path, path)
        response = self.client.request(op.method, url, json=body, params=query, headers=self.headers)
        answer: dict[str, Any] = response.json()
        return answer

    def advance(self, seconds: float) -> None:
        self.control("POST", "/_mock/clock/advance", {"seconds": seconds})

    def control(self, method: str, path: str, body: Any = None) -> dict[str, Any]:
        response = self.client.request(method, self.hosts["openapi.akool.com"] + path, json=body)
        answer: dict[str, Any] = response.json()
        return answer

    def fetch(self, url: str) -> tuple[int, str]:
        response = self.client.get(url)
        return response.status_code, response.headers.get("content-type", "")
