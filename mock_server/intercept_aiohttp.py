"""aiohttp interception through `aioresponses` (the maintained `aioresponses-ng` fork): calls from any
`aiohttp.ClientSession` to the Akool hosts go to a handler; unmatched calls pass through.

Needs the `akool-mock[aiohttp]` extra. aioresponses 0.7.9 (the last release of the original project) fails
on aiohttp 3.14 (`ClientResponse.__init__() missing ... 'stream_writer'`); the fork works and keeps the
import name `aioresponses`. Its pass-through calls whatever `ClientSession._request` was when it started, so
a test's own `aioresponses` mock started before `FakeAkool` still answers the other hosts. Without the
library, calls to the Akool hosts are refused (never sent to the real Akool) with a message saying what to
install.
"""

from __future__ import annotations

import asyncio
import functools
import importlib.util
import json
from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import Any
from unittest import mock
from urllib.parse import parse_qsl, urlencode

from akool_mock.mock_server.intercept_requests import host_pattern
from akool_mock.mock_server.wire import WireRequest, WireResponse, parse_query

Handle = Callable[[WireRequest], WireResponse]
REQUEST = "aiohttp.client.ClientSession._request"
MISSING = "akool-mock: install akool-mock[aiohttp] (the `aioresponses-ng` library) to fake Akool for aiohttp"
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")


def available() -> bool:
    return importlib.util.find_spec("aiohttp") is not None


class AiohttpInterceptor:
    """Routes aiohttp calls for `hosts` to `handle` while started."""

    name = "aiohttp"

    def __init__(self, hosts: tuple[str, ...], handle: Handle) -> None:
        self._pattern = host_pattern(hosts)
        self._handle = handle
        self._stop: Callable[[], None] | None = None

    def start(self) -> None:
        if importlib.util.find_spec("aioresponses") is None:
            self._stop = self._refuse()
            return
        from aioresponses import aioresponses

        mocker = aioresponses(passthrough_unmatched=True)
        # aioresponses patches with autospec=True, and autospec cannot spec a mock: two of them cannot nest.
        # A plain function in its place lets a test's own aioresponses start before or after this one.
        mocker.patcher = mock.patch(REQUEST, new=_plain(mocker))
        mocker.start()
        for method in METHODS:
            respond = functools.partial(self._respond, method)  # the callback is not told the method
            mocker.add(self._pattern, method=method, callback=respond, repeat=True)
        self._stop = mocker.stop

    def stop(self) -> None:
        if self._stop is not None:
            self._stop()
            self._stop = None

    def _refuse(self) -> Callable[[], None]:
        import aiohttp
        from aiohttp.client import ClientSession

        real = ClientSession._request
        pattern = self._pattern

        async def request(session: Any, method: str, url: Any, *args: Any, **kwargs: Any) -> Any:
            if pattern.match(str(url)):
                raise aiohttp.ClientConnectionError(MISSING)
            return await real(session, method, url, *args, **kwargs)

        patcher = mock.patch(REQUEST, new=request)
        patcher.start()
        stop: Callable[[], None] = patcher.stop
        return stop

    async def _respond(self, method: str, url: Any, **kwargs: Any) -> Any:
        from aioresponses import CallbackResult

        headers = {str(k).lower(): str(v) for k, v in (kwargs.get("headers") or {}).items()}
        body, content_type = _body(kwargs.get("json"), kwargs.get("data"))
        if content_type and "content-type" not in headers:
            headers["content-type"] = content_type
        wire = WireRequest(
            method=method,
            path=url.path or "/",
            query=parse_query(parse_qsl(url.query_string, keep_blank_values=True)),
            headers=headers,
            body=body,
            host=(url.host or "").lower(),
        )
        answer = self._handle(wire)
        await _misbehave(kwargs.get("timeout"), answer)
        return CallbackResult(
            status=answer.status,
            body=answer.body,
            content_type=answer.content_type,
            headers=answer.headers,
            reason=_reason(answer.status),
        )


def _plain(mocker: Any) -> Callable[..., Any]:
    async def request(session: Any, method: str, url: Any, *args: Any, **kwargs: Any) -> Any:
        return await mocker._request_mock(session, method, url, *args, **kwargs)

    return request


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _body(json_value: Any, data: Any) -> tuple[bytes, str | None]:
    """The bytes aiohttp would send for `json=` or `data=` (JSON, text, bytes or a form), and their type."""
    if json_value is not None:
        return json.dumps(json_value).encode("utf-8"), "application/json"
    if data is None:
        return b"", None
    if isinstance(data, bytes | bytearray):
        return bytes(data), "application/octet-stream"
    if isinstance(data, str):
        return data.encode("utf-8"), "text/plain; charset=utf-8"
    if isinstance(data, Mapping | list | tuple):
        return urlencode(list(data.items()) if isinstance(data, Mapping) else data).encode(), (
            "application/x-www-form-urlencoded"
        )
    raise TypeError(f"akool-mock cannot read an aiohttp body of type {type(data).__name__}")


def _read_timeout(timeout: Any) -> float | None:
    if isinstance(timeout, int | float):
        return float(timeout)
    for name in ("sock_read", "total"):
        value = getattr(timeout, name, None)
        if isinstance(value, int | float):
            return float(value)
    return None


async def _misbehave(timeout: Any, answer: WireResponse) -> None:
    """Injected faults as aiohttp would see them: a read timeout, or a dropped connection."""
    import aiohttp

    if answer.delay_s:
        limit = _read_timeout(timeout)
        if limit is not None and answer.delay_s >= limit:
            raise aiohttp.ServerTimeoutError("akool-mock: injected delay exceeded the read timeout")
        await asyncio.sleep(answer.delay_s)
    if answer.drop:
        raise aiohttp.ServerDisconnectedError()
