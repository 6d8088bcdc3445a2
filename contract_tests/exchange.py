"""One request sent through the SDK, and everything seen on the wire, as an `Exchange`.

The suite sends every case with `client.call(...)` (the SDK's public API), so auth, envelopes and errors are
exactly what a user gets. The SDK returns only the unwrapped `data`; the whole answer (envelope included) is
read by a response hook on the httpx client the SDK is given, so it can be checked against the schemas.
"""

from __future__ import annotations

import contextlib
import json
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx

from akool_mock.schemas import Operation
from akool_mock.sdk import AkoolClient
from akool_mock.sdk.errors import AkoolError


@dataclass
class Tap:
    """Remembers the last request and response of an httpx client (a response event hook)."""

    request: httpx.Request | None = None
    response: httpx.Response | None = None

    def __call__(self, response: httpx.Response) -> None:
        response.read()
        self.request = response.request
        self.response = response


@dataclass(frozen=True)
class Exchange:
    """What one case came to: the request sent, the HTTP answer, and what the SDK made of it."""

    op: Operation
    request: Mapping[str, Any]
    status: int | None
    body: Any
    data: Any = None
    error: AkoolError | None = None
    curl: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def code(self) -> int | None:
        """The business code: `code` of Akool's envelope, `error_code` of the bare detect APIs."""
        if not isinstance(self.body, dict):
            return None
        for key in ("code", "error_code"):
            value = self.body.get(key)
            if isinstance(value, int) and not isinstance(value, bool):
                return 1000 if key == "error_code" and value == 0 else value
        if self.op.envelope == "bare" and self.body.get("success") is not False:
            return 1000
        return None

    @property
    def item(self) -> Any:
        """`data`, or its first item where the answer is an array (avatars.create of a talking avatar
        answers a one-item array)."""
        return self.data[0] if isinstance(self.data, list) else self.data

    @property
    def msg(self) -> str:
        if not isinstance(self.body, dict):
            return ""
        return str(self.body.get("msg") or self.body.get("error_msg") or self.body.get("error") or "")


AKOOL_URL = "https://openapi.akool.com"
DETECT_URL = "https://sg3.akool.com"


class Connection:
    """An SDK client bound to a target, with a tap on its wire; `send` one case at a time."""

    def __init__(
        self,
        curl_base: str,
        base_url: str = AKOOL_URL,
        detect_base_url: str = DETECT_URL,
        **client_options: Any,
    ) -> None:
        self.tap = Tap()
        self.curl_base = curl_base
        self.base_url, self.detect_base_url = base_url, detect_base_url
        self.http = httpx.Client(event_hooks={"response": [self.tap]}, timeout=30.0)
        self.client = self.new_client(**client_options)

    def new_client(self, **client_options: Any) -> AkoolClient:
        """An SDK client on this wire (its answers are tapped too), e.g. with other credentials."""
        return AkoolClient(
            http_client=self.http,
            base_url=self.base_url,
            detect_base_url=self.detect_base_url,
            **client_options,
        )

    def send_unauthenticated(self, op: Operation, request: Mapping[str, Any]) -> Exchange:
        """`request` with no credentials at all: the SDK cannot send that (it refuses to be built without
        them), so this one goes out with httpx, on the same wire."""
        return self.send_raw(op, request)

    def send_raw(
        self,
        op: Operation,
        request: Mapping[str, Any],
        headers: Mapping[str, str] | None = None,
        suffix: str = "",
    ) -> Exchange:
        """`request` sent with httpx on the same wire, with only `headers` (a Bearer token of our own), to the
        operation's path followed by `suffix` (a path beside it)."""
        base = self.detect_base_url if op.host == "sg3.akool.com" else self.base_url
        path = op.path
        for name, value in (request.get("path") or {}).items():
            path = path.replace("{" + name + "}", quote(str(value), safe=""))
        query = {k: v for k, v in (request.get("query") or {}).items() if v is not None}
        self.tap.request = self.tap.response = None
        url = base.rstrip("/") + path + suffix
        with contextlib.suppress(httpx.HTTPError):  # no answer: the Exchange says so (status None)
            self.http.request(
                op.method, url, params=query or None, json=request.get("body"), headers=dict(headers or {})
            )
        response = self.tap.response
        status = response.status_code if response is not None else None
        return Exchange(op, request, status, _json(response), None, None, self.curl())

    def send(self, op: Operation, request: Mapping[str, Any], client: AkoolClient | None = None) -> Exchange:
        """Send `request` ({body?, query?, path?}) for `op`; `client`: another client on this wire (other
        credentials, built with `self.http`)."""
        sender = client or self.client
        self.tap.request = self.tap.response = None
        data: Any = None
        error: AkoolError | None = None
        try:
            data = sender.call(
                op.id, body=request.get("body"), query=request.get("query"), path=request.get("path")
            )
        except AkoolError as exc:
            error = exc
        response = self.tap.response
        status = response.status_code if response is not None else None
        return Exchange(op, request, status, _json(response), data, error, self.curl())

    def curl(self) -> str:
        """The last request as a curl line against the target (the key is left as $AKOOL_API_KEY)."""
        request = self.tap.request
        if request is None:
            return "(nothing was sent)"
        return curl_line(request, self.curl_base)

    def close(self) -> None:
        self.client.close()
        self.http.close()


def curl_line(request: httpx.Request, base: str) -> str:
    url = base.rstrip("/") + request.url.raw_path.decode("ascii")
    parts = ["curl", "-s", "-X", request.method, shlex.quote(url)]
    if "x-api-key" in request.headers:
        parts += ["-H", '"x-api-key: $AKOOL_API_KEY"']
    if "authorization" in request.headers:
        parts += ["-H", '"Authorization: Bearer $AKOOL_TOKEN"']
    if request.content:
        parts += ["-H", "'content-type: application/json'", "-d", shlex.quote(request.content.decode())]
    return " ".join(parts)


def _json(response: httpx.Response | None) -> Any:
    if response is None:
        return None
    try:
        return json.loads(response.content)
    except ValueError:
        return None
