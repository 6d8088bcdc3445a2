"""`requests` interception through `responses`: calls to the Akool hosts go to a handler, the rest goes on.

Needs the `akool-mock[requests]` extra (the `responses` library). The mock is made when started, and its
"real" send is whatever `HTTPAdapter.send` was at that moment: a test's own `responses` mock started before
`FakeAkool` still answers the other hosts; otherwise they reach the network as usual. Without `responses`
installed, calls to the Akool hosts are refused (never sent to the real Akool) with a message saying what
to install.
"""

from __future__ import annotations

import importlib.util
import re
import time
from collections.abc import Callable
from typing import Any
from unittest import mock
from urllib.parse import parse_qsl, urlsplit

from akool_mock.mock_server.wire import WireRequest, WireResponse, parse_query

Handle = Callable[[WireRequest], WireResponse]
SEND = "requests.adapters.HTTPAdapter.send"
MISSING = "akool-mock: install akool-mock[requests] (the `responses` library) to fake Akool for requests"


def available() -> bool:
    return importlib.util.find_spec("requests") is not None


def host_pattern(hosts: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(re.escape(host) for host in hosts)
    return re.compile(rf"^https?://({names})(:\d+)?(/|\?|$)", re.IGNORECASE)


class RequestsInterceptor:
    """Routes `requests` calls for `hosts` to `handle` while started."""

    name = "requests"

    def __init__(self, hosts: tuple[str, ...], handle: Handle) -> None:
        self._pattern = host_pattern(hosts)
        self._handle = handle
        self._stop: Callable[[], None] | None = None

    def start(self) -> None:
        if importlib.util.find_spec("responses") is None:
            self._stop = self._refuse()
            return
        import requests.adapters
        import responses

        current: Any = requests.adapters.HTTPAdapter.send  # a test's own mock, when one is active
        rsps = responses.RequestsMock(assert_all_requests_are_fired=False, real_adapter_send=current)
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"):
            rsps.add_callback(method, self._pattern, callback=self._respond, content_type=None)
        rsps.add_passthru(re.compile(".*"))
        rsps.start()
        self._stop = rsps.stop

    def stop(self) -> None:
        if self._stop is not None:
            self._stop()
            self._stop = None

    def _refuse(self) -> Callable[[], None]:
        import requests.adapters
        import requests.exceptions

        real = requests.adapters.HTTPAdapter.send
        pattern = self._pattern

        def send(adapter: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
            if pattern.match(str(request.url)):
                raise requests.exceptions.ConnectionError(MISSING, request=request)
            return real(adapter, request, *args, **kwargs)

        patcher = mock.patch(SEND, new=send)
        patcher.start()
        stop: Callable[[], None] = patcher.stop
        return stop

    def _respond(self, request: Any) -> tuple[int, dict[str, str], bytes]:
        url = urlsplit(str(request.url))
        body = request.body or b""
        wire = WireRequest(
            method=str(request.method),
            path=url.path or "/",
            query=parse_query(parse_qsl(url.query, keep_blank_values=True)),
            headers={k.lower(): v for k, v in request.headers.items()},
            body=body.encode("utf-8") if isinstance(body, str) else bytes(body),
            host=(url.hostname or "").lower(),
        )
        answer = self._handle(wire)
        _misbehave(request, answer)
        return answer.status, {"content-type": answer.content_type, **answer.headers}, answer.body


def _read_timeout(request: Any) -> float | None:
    timeout = getattr(request, "req_kwargs", {}).get("timeout")
    if isinstance(timeout, tuple):
        timeout = timeout[1]
    return None if timeout is None else float(timeout)


def _misbehave(request: Any, answer: WireResponse) -> None:
    """Injected faults as `requests` would see them: a read timeout, or a dropped connection."""
    import requests.exceptions

    if answer.delay_s:
        timeout = _read_timeout(request)
        if timeout is not None and answer.delay_s >= timeout:
            raise requests.exceptions.ReadTimeout(
                "akool-mock: injected delay exceeded the read timeout", request=request
            )
        time.sleep(answer.delay_s)
    if answer.drop:
        raise requests.exceptions.ConnectionError(
            "('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))",
            request=request,
        )
