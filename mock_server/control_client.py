"""A thin HTTP client of a served fake's control API (`/_mock/...`), for the `akool-mock` control commands."""

from __future__ import annotations

from typing import Any

import httpx

from akool_mock.mock_server.control import TOKEN_HEADER
from akool_mock.mock_server.settings import ClientSettings

TIMEOUT_S = 10.0


class ControlFailed(Exception):
    """The served fake could not be reached, or refused the call; the message says which and why."""


class ControlClient:
    def __init__(self, settings: ClientSettings, transport: httpx.BaseTransport | None = None) -> None:
        headers = {TOKEN_HEADER: settings.control_token} if settings.control_token else {}
        self.settings = settings
        self.http = httpx.Client(
            base_url=settings.url, headers=headers, timeout=TIMEOUT_S, transport=transport
        )

    def __enter__(self) -> ControlClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.http.close()

    def call(self, method: str, path: str, body: dict[str, Any] | None = None, **params: Any) -> Any:
        """`/_mock/<path>`: the JSON answer, or ControlFailed with the server's error."""
        query = {key: value for key, value in params.items() if value is not None}
        try:
            answer = self.http.request(method, f"/_mock/{path}", json=body, params=query)
        except httpx.HTTPError as exc:
            raise ControlFailed(f"cannot reach {self.settings.url}: {exc or type(exc).__name__}") from None
        try:
            data = answer.json()
        except ValueError:
            raise ControlFailed(
                f"{method} /_mock/{path}: HTTP {answer.status_code}, not JSON "
                f"(is {self.settings.url} akool-mock?)"
            ) from None
        if answer.status_code >= 400:
            error = data.get("error") if isinstance(data, dict) else None
            raise ControlFailed(f"{method} /_mock/{path}: HTTP {answer.status_code}: {error or data}")
        return data

    def get(self, path: str, **params: Any) -> Any:
        return self.call("GET", path, **params)

    def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        return self.call("POST", path, body or {})

    def api(self, method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """A call to the fake Akool API itself, with the configured API key."""
        headers = {"x-api-key": self.settings.api_key}
        try:
            answer = self.http.request(method, path, json=body, headers=headers)
            data: dict[str, Any] = answer.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise ControlFailed(f"{method} {path}: {exc or type(exc).__name__}") from None
        return data
