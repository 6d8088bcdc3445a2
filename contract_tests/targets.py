"""Where the suite sends its cases: the in-process fake, a URL (a served fake, staging), or the real API.

Every target gives the suite the same things: SDK clients (`connect()` / `client()`), what it may do
(`controllable`: move the clock, force outcomes, reset; `read_only`: only free operations), and the
controls themselves (`advance`, `complete`, `fail`, `reset`, `job`), the webhooks it received, and `fetch`
for result URLs. A control a target does not have raises `NotControllable`; the suite skips explicitly.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx

from akool_mock.contract_tests.exchange import Connection
from akool_mock.sdk import AkoolClient

LIVE = "live"
INPROCESS = "inprocess"
AKOOL_URL = "https://openapi.akool.com"
SERVE_URL = "http://127.0.0.1:8000"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
CONTROL_TOKEN_HEADER = "x-akool-mock-token"
# What the live target runs by default: reads that cost nothing (token, quota, lists, languages, models,
# effects, voices, avatars, knowledge list). Everything else needs --akool-allow-costly.
FREE_OPERATIONS = frozenset(
    {
        "auth.get_token",
        "faceswap.get_quota",
        "avatars.list",
        "models.list",
        "image2video.list_effects",
        "video_translation.list_languages",
        "voices.list",
        "voices.list_resources",
        "streaming.list_avatars",
        "streaming.list_sessions",
        "knowledge.list",
    }
)


class NotControllable(RuntimeError):
    """The target cannot do this (the real API has no clock to move)."""


@dataclass(frozen=True)
class Credentials:
    """An API key and/or a client id and secret; `secret` is the webhook AES key (the fake: the API key)."""

    client_id: str | None
    api_key: str | None
    client_secret: str | None = None

    @property
    def secret(self) -> str | None:
        return self.client_secret or self.api_key

    def client_options(self) -> dict[str, Any]:
        if self.api_key:
            return {"api_key": self.api_key}
        return {"client_id": self.client_id, "client_secret": self.client_secret}


class Target(Protocol):
    name: str
    controllable: bool
    read_only: bool
    credentials: Credentials
    webhook_url: str | None

    def connect(self) -> Connection: ...
    def client(self) -> AkoolClient: ...
    def active(self) -> Any: ...
    def advance(self, seconds: float) -> None: ...
    def complete(self, job_id: str) -> None: ...
    def fail(self, job_id: str, reason: str) -> None: ...
    def reset(self) -> None: ...
    def job(self, job_id: str) -> dict[str, Any]: ...
    def webhooks(self) -> list[dict[str, Any]]: ...
    def fetch(self, url: str) -> tuple[int, str]: ...
    def stranger(self) -> Credentials: ...
    def close(self) -> None: ...


def may_run(target: Target, op_id: str) -> bool:
    """Whether the suite may send `op_id` to `target` (a read-only target: only the free operations)."""
    return not target.read_only or op_id in FREE_OPERATIONS


def _fetch(url: str) -> tuple[int, str]:
    with httpx.Client(timeout=30.0) as http:
        response = http.get(url)
        return response.status_code, response.headers.get("content-type", "")


class InProcessTarget:
    """The fake inside this process (`FakeAkool`): respx routes https://openapi.akool.com to its pipeline."""

    name = INPROCESS
    controllable = True
    read_only = False
    webhook_url: str | None = "https://hooks.example.com/akool"

    def __init__(self, seed: int = 0) -> None:
        from akool_mock.mock_server import FakeAkool

        self._received: list[dict[str, Any]] = []
        self._active = 0  # nested activations: the module's world, then each of its tests
        self.fake = FakeAkool(seed=seed, receiver=self._receive)
        self.credentials = Credentials(self.fake.client_id, self.fake.api_key)

    def _receive(self, _url: str, body: dict[str, Any]) -> int:
        self._received.append(body)
        return 200

    @contextmanager
    def active(self) -> Iterator[InProcessTarget]:
        """Route to the fake; nested, it starts only once (starting a started fake again would leave its first
        respx router running after the run: a second pytest session in this process, as mutmut runs them,
        would then reach this fake instead of its own)."""
        if self._active:
            self._active += 1
            try:
                yield self
            finally:
                self._active -= 1
            return
        with self.fake:
            self._active = 1
            try:
                yield self
            finally:
                self._active = 0

    def connect(self) -> Connection:
        return Connection(SERVE_URL, max_retries=0, **self.credentials.client_options())

    def client(self) -> AkoolClient:
        return AkoolClient(max_retries=0, **self.credentials.client_options())

    def advance(self, seconds: float) -> None:
        self.fake.clock.advance(seconds)

    def complete(self, job_id: str) -> None:
        self.fake.jobs.complete(job_id)

    def fail(self, job_id: str, reason: str) -> None:
        self.fake.jobs.fail(job_id, reason)

    def reset(self) -> None:
        self.fake.reset()
        self._received.clear()

    def job(self, job_id: str) -> dict[str, Any]:
        from akool_mock.mock_server.control import job_dict

        return job_dict(self.fake.jobs.get(job_id))

    def webhooks(self) -> list[dict[str, Any]]:
        self.fake.settle()
        return list(self._received)

    def fetch(self, url: str) -> tuple[int, str]:
        return _fetch(url)

    def stranger(self) -> Credentials:
        """A second account, made now (a reset removes it): what it may see of the first, nothing."""
        account = self.fake.backend.create_account()
        return Credentials(account.client_id, account.api_key)

    def close(self) -> None:
        self.fake.stop()


@dataclass
class _Inbox:
    bodies: list[dict[str, Any]]
    server: ThreadingHTTPServer

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/akool"


def _start_inbox() -> _Inbox:
    """A local webhook receiver: records every POST body, answers 200."""
    bodies: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            bodies.append(json.loads(self.rfile.read(length) or b"null"))
            self.send_response(200)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *_args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return _Inbox(bodies, server)


class HttpTarget:
    """A base URL (`akool-mock serve`, a staging fake): controllable when its /_mock/ control API answers."""

    read_only = False

    def __init__(self, base_url: str, credentials: Credentials, control_token: str | None = None) -> None:
        self.name = base_url.rstrip("/")
        self.base_url = self.name
        self.credentials = credentials
        headers = {CONTROL_TOKEN_HEADER: control_token} if control_token else {}
        self._control = httpx.Client(base_url=self.base_url, headers=headers, timeout=30.0)
        self.controllable = self._answers_control()
        local = urlsplit(self.base_url).hostname in LOOPBACK
        self._inbox = _start_inbox() if local else None
        self.webhook_url = self._inbox.url if self._inbox else None

    def _answers_control(self) -> bool:
        try:
            response = self._control.get("/_mock/clock")
            return response.status_code == 200 and "now_ms" in response.json()
        except (httpx.HTTPError, ValueError):
            return False

    @contextmanager
    def active(self) -> Iterator[HttpTarget]:
        yield self

    def connect(self) -> Connection:
        options = self.credentials.client_options()
        return Connection(self.base_url, self.base_url, self.base_url, max_retries=0, **options)

    def client(self) -> AkoolClient:
        options = self.credentials.client_options()
        return AkoolClient(base_url=self.base_url, detect_base_url=self.base_url, max_retries=0, **options)

    def _post(self, path: str, body: Mapping[str, Any] | None = None) -> dict[str, Any]:
        if not self.controllable:
            raise NotControllable(f"{self.name} has no /_mock/ control API")
        response = self._control.post(path, json=dict(body or {}))
        response.raise_for_status()
        answer: dict[str, Any] = response.json()
        return answer

    def advance(self, seconds: float) -> None:
        self._post("/_mock/clock/advance", {"seconds": seconds})

    def complete(self, job_id: str) -> None:
        self._post(f"/_mock/jobs/{job_id}/complete")

    def fail(self, job_id: str, reason: str) -> None:
        self._post(f"/_mock/jobs/{job_id}/fail", {"reason": reason})

    def reset(self) -> None:
        # A delivery still being sent would land in the inbox after the clear, naming a forgotten job.
        self._drain()
        self._post("/_mock/reset")
        if self._inbox is not None:
            self._inbox.bodies.clear()

    def _drain(self) -> None:
        """Wait until the fake has no delivery pending (it sends in the background)."""
        if self._inbox is None or not self.controllable:
            return
        for _ in range(100):
            if not self._control.get("/_mock/stats").json().get("webhooks_pending"):
                break
            threading.Event().wait(0.02)

    def job(self, job_id: str) -> dict[str, Any]:
        if not self.controllable:
            raise NotControllable(f"{self.name} has no /_mock/ control API")
        answer: dict[str, Any] = self._control.get(f"/_mock/jobs/{job_id}").json()
        return answer

    def webhooks(self) -> list[dict[str, Any]]:
        if self._inbox is None:
            raise NotControllable(f"{self.name} is not local: its webhooks cannot reach this machine")
        self._drain()
        return list(self._inbox.bodies)

    def fetch(self, url: str) -> tuple[int, str]:
        return _fetch(url)

    def stranger(self) -> Credentials:
        """A second account made through the control API (a reset removes it)."""
        account = self._post("/_mock/accounts", {})
        return Credentials(str(account["client_id"]), str(account["api_key"]))

    def close(self) -> None:
        self._control.close()
        if self._inbox is not None:
            self._inbox.server.shutdown()
            self._inbox.server.server_close()


class LiveTarget(HttpTarget):
    """The real Akool API: never controllable; read-only unless costly operations are allowed."""

    def __init__(self, credentials: Credentials, base_url: str = AKOOL_URL, allow_costly: bool = False):
        self.name = LIVE
        self.base_url = base_url.rstrip("/")
        self.credentials = credentials
        self._control = httpx.Client(timeout=30.0)
        self.controllable = False
        self.read_only = not allow_costly
        self._inbox = None
        self.webhook_url = None

    def connect(self) -> Connection:
        return Connection(self.base_url, self.base_url, **self.credentials.client_options())

    def client(self) -> AkoolClient:
        return AkoolClient(base_url=self.base_url, **self.credentials.client_options())


def credentials_from(environ: Mapping[str, str], default: Credentials | None = None) -> Credentials:
    """AKOOL_API_KEY, or AKOOL_CLIENT_ID with AKOOL_CLIENT_SECRET; `default` when none is set."""
    key, client_id = environ.get("AKOOL_API_KEY"), environ.get("AKOOL_CLIENT_ID")
    secret = environ.get("AKOOL_CLIENT_SECRET")
    if key or (client_id and secret):
        return Credentials(client_id, key, secret)
    if default is None:
        raise ValueError("the live target needs AKOOL_API_KEY (or AKOOL_CLIENT_ID and AKOOL_CLIENT_SECRET)")
    return default


def make_target(
    spec: str, *, seed: int = 0, environ: Mapping[str, str] | None = None, allow_costly: bool = False
) -> Target:
    """`inprocess`, `live`, or a base URL (http://127.0.0.1:8000)."""
    environ = environ or {}
    if spec == INPROCESS:
        return InProcessTarget(seed)
    if spec == LIVE:
        return LiveTarget(credentials_from(environ), environ.get("AKOOL_BASE_URL") or AKOOL_URL, allow_costly)
    if not spec.startswith(("http://", "https://")):
        raise ValueError(f"--akool-target must be inprocess, live or a base URL, not {spec!r}")
    from akool_mock.mock_server.settings import DEFAULT_API_KEY, DEFAULT_CLIENT_ID

    credentials = credentials_from(environ, Credentials(DEFAULT_CLIENT_ID, DEFAULT_API_KEY))
    return HttpTarget(spec, credentials, environ.get("AKOOL_MOCK_CONTROL_TOKEN"))
