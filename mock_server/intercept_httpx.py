"""httpx interception through respx: requests to the Akool hosts go to a handler, the rest goes on.

Other hosts are not answered here: when another respx router was started after this one (a test's own
`respx_mock`), it gets the request; otherwise the request passes through to the network (respx's own
pass-through). So a test can combine `FakeAkool` with its own respx routes in either order.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import respx
from respx.mocks import Mocker
from respx.models import AllMockedAssertionError

from akool_mock.mock_server.wire import WireRequest, WireResponse, parse_query

Handle = Callable[[WireRequest], WireResponse]


class HttpxInterceptor:
    """Routes httpx (sync and async clients) for `hosts` to `handle` while started."""

    name = "httpx"

    def __init__(self, hosts: tuple[str, ...], handle: Handle) -> None:
        self._hosts = hosts
        self._handle = handle
        self._router: respx.MockRouter | None = None

    def start(self) -> None:
        router = respx.mock(assert_all_called=False, assert_all_mocked=True)
        # One route that looks at the host itself: each respx route costs a few specced mocks to make.
        router.route().mock(side_effect=self._dispatch)
        router.start()
        self._router = router

    def stop(self) -> None:
        if self._router is not None:
            self._router.stop()
            self._router = None

    def _dispatch(self, request: httpx.Request) -> httpx.Response | httpx.Request:
        if request.url.host in self._hosts:
            return self._respond(request)
        return self._elsewhere(request)

    def _elsewhere(self, request: httpx.Request) -> httpx.Request:
        """Leave a request for another host to a respx router started after ours, else pass it through."""
        routers = Mocker.registry["httpcore"].routers
        if self._router in routers and routers.index(self._router) < len(routers) - 1:
            raise AllMockedAssertionError(f"akool-mock: {request.url.host} is not an Akool host")
        return request  # respx: a side effect answering the request itself passes it through

    def _respond(self, request: httpx.Request) -> httpx.Response:
        wire = WireRequest(
            method=request.method,
            path=request.url.path,
            query=parse_query(list(request.url.params.multi_items())),
            headers={k.lower(): v for k, v in request.headers.items()},
            body=request.read(),
            host=request.url.host,
        )
        return _to_httpx(request, self._handle(wire))


def _to_httpx(request: httpx.Request, answer: WireResponse) -> httpx.Response:
    if answer.delay_s:
        timeout = request.extensions.get("timeout", {}).get("read")
        if timeout is not None and answer.delay_s >= timeout:
            raise httpx.ReadTimeout("akool-mock: injected delay exceeded the read timeout", request=request)
        time.sleep(answer.delay_s)
    if answer.drop:
        raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)
    headers = {"content-type": answer.content_type, **answer.headers}
    return httpx.Response(answer.status, content=answer.body, headers=headers)
