"""Check an app's own Akool traffic where it happens: ready hooks for httpx and requests clients.

    import httpx
    from akool_mock.mock_server.hooks import httpx_hook, requests_hook

    client = httpx.Client(event_hooks={"response": [httpx_hook()]})        # AsyncClient: async_httpx_hook()
    session.hooks["response"].append(requests_hook(raise_on_drift=True))    # a requests.Session

Each answer from an Akool host (or from `hosts=` you give, e.g. a staging fake) is checked with
`validate_exchange`; a violation is logged on the `akool_mock.drift` logger, passed to `on_drift`, or raised
as `DriftError` with `raise_on_drift=True`. Unknown fields are logged at debug level only: the contract allows
them.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

import httpx

from akool_mock.mock_server.drift import AKOOL_HOST, DETECT_HOST, ExchangeResult, default_validator

log = logging.getLogger("akool_mock.drift")
DEFAULT_HOSTS = (AKOOL_HOST, DETECT_HOST)
OnDrift = Callable[[ExchangeResult], None]


class DriftError(Exception):
    """An exchange with Akool broke the contract; `result` holds every finding."""

    def __init__(self, result: ExchangeResult) -> None:
        self.result = result
        lines = "; ".join(str(d) for d in result.violations[:5])
        super().__init__(f"{result.method} {result.path} leaves the Akool contract: {lines}")


def _check(
    method: str,
    url: str,
    *,
    status: int,
    request_body: bytes,
    answer: bytes,
    on_drift: OnDrift | None,
    fail: bool,
) -> None:
    result = default_validator().check(
        method, url, status=status, response_body=answer, request_body=request_body
    )
    if result.operation is None:
        return  # not an operation of the contract (the fake's control API, a media download)
    for item in result.drift:
        if item.kind != "violation":
            log.debug("%s", item)
    if result.conforms:
        return
    if on_drift is not None:
        on_drift(result)
    else:
        for item in result.violations:
            log.warning("akool drift: %s", item)
    if fail:
        raise DriftError(result)


def httpx_hook(
    *, on_drift: OnDrift | None = None, raise_on_drift: bool = False, hosts: Iterable[str] = DEFAULT_HOSTS
) -> Callable[[httpx.Response], None]:
    """A response event hook for `httpx.Client(event_hooks={"response": [...]})`."""
    wanted = frozenset(hosts)

    def hook(response: httpx.Response) -> None:
        request = response.request
        if request.url.host in wanted:
            response.read()
            _check_httpx(response, on_drift, raise_on_drift)

    return hook


def _check_httpx(response: httpx.Response, on_drift: OnDrift | None, fail: bool) -> None:
    """One httpx exchange (its answer read already) checked, for the sync and the async hook alike."""
    request = response.request
    _check(
        request.method,
        str(request.url),
        status=response.status_code,
        request_body=request.content,
        answer=response.content,
        on_drift=on_drift,
        fail=fail,
    )


def async_httpx_hook(
    *, on_drift: OnDrift | None = None, raise_on_drift: bool = False, hosts: Iterable[str] = DEFAULT_HOSTS
) -> Callable[[httpx.Response], Awaitable[None]]:
    """The same for `httpx.AsyncClient` (its hooks are awaited)."""
    wanted = frozenset(hosts)

    async def hook(response: httpx.Response) -> None:
        request = response.request
        if request.url.host in wanted:
            await response.aread()
            _check_httpx(response, on_drift, raise_on_drift)

    return hook


def requests_hook(
    *, on_drift: OnDrift | None = None, raise_on_drift: bool = False, hosts: Iterable[str] = DEFAULT_HOSTS
) -> Callable[..., Any]:
    """A response hook for `requests` (`session.hooks["response"].append(...)`, or `hooks=` per call)."""
    wanted = frozenset(hosts)

    def hook(response: Any, *_args: Any, **_kwargs: Any) -> Any:
        request = response.request
        if (urlsplit(request.url).hostname or "") in wanted:
            body = request.body or b""
            body = body.encode("utf-8") if isinstance(body, str) else body
            body = body if isinstance(body, bytes) else b""  # a streamed upload: not held, not checked
            _check(
                request.method,
                request.url,
                status=response.status_code,
                request_body=body,
                answer=response.content,
                on_drift=on_drift,
                fail=raise_on_drift,
            )
        return response

    return hook
