"""`FakeAkool`: the whole fake inside the test process, no sockets.

Inside it, every request to https://openapi.akool.com or https://sg3.akool.com from httpx (through respx),
`requests` (through `responses`) and aiohttp (through `aioresponses`) reaches the same pipeline
`akool-mock serve` uses; other hosts pass through untouched. The clock is manual by default, the controls
are plain Python, and webhooks stay in the process unless sending them is asked for:

    with FakeAkool(receiver=my_app_handler) as akool:
        ...                                   # call Akool with any of the three clients
        akool.clock.advance(60)               # jobs move, due webhooks go to the receiver
        akool.jobs.fail(job_id, "bad face")
        akool.assert_called("faceswap.create_image", times=1)
"""

from __future__ import annotations

import contextlib
import copy
import functools
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import httpx

from akool_mock.mock_server.app import build_pipeline, make_clock
from akool_mock.mock_server.calls import Call, Calls
from akool_mock.mock_server.clock import Clock, ManualClock
from akool_mock.mock_server.control import Control
from akool_mock.mock_server.dispatch import SyncSender, httpx_sync_sender, send_sync
from akool_mock.mock_server.fake_config import AccountArg, LifecycleArg, inprocess_settings
from akool_mock.mock_server.fake_controls import (
    FakeAccounts,
    FakeClock,
    FakeFaults,
    FakeJobs,
    FakeWebhooks,
    Receiver,
)
from akool_mock.mock_server.fake_server import FakeServer
from akool_mock.mock_server.pipeline import Pipeline
from akool_mock.mock_server.poll_watch import FrozenClockError, PollWatch
from akool_mock.mock_server.settings import Settings
from akool_mock.mock_server.state import Backend
from akool_mock.mock_server.wire import WireRequest, WireResponse
from akool_mock.schemas import load_catalog

if TYPE_CHECKING:
    from akool_mock.mock_server.replay import Replay

AKOOL_HOSTS = ("openapi.akool.com", "sg3.akool.com")
WEBHOOK_TIMEOUT_S = 10.0
F = TypeVar("F", bound=Callable[..., Any])
__all__ = ["AKOOL_HOSTS", "Call", "FakeAkool", "FrozenClockError", "Receiver"]


class Interceptor(Protocol):
    """One HTTP client library's seam: while started, its calls to Akool reach `FakeAkool.handle`."""

    name: str

    def start(self) -> None: ...

    def stop(self) -> None: ...


def _interceptors(handle: Callable[[WireRequest], WireResponse]) -> list[Interceptor]:
    from akool_mock.mock_server import intercept_aiohttp, intercept_requests
    from akool_mock.mock_server.intercept_httpx import HttpxInterceptor

    found: list[Interceptor] = [HttpxInterceptor(AKOOL_HOSTS, handle)]
    if intercept_requests.available():
        found.append(intercept_requests.RequestsInterceptor(AKOOL_HOSTS, handle))
    if intercept_aiohttp.available():
        found.append(intercept_aiohttp.AiohttpInterceptor(AKOOL_HOSTS, handle))
    return found


@functools.lru_cache(maxsize=1)
def _template() -> Pipeline:
    return build_pipeline(Settings(clock="manual", seed=0), ManualClock())


def _pipeline(settings: Settings, clock: Clock) -> Pipeline:
    """A pipeline on a new Backend. What a Pipeline derives from the catalog (handlers, routes, compiled
    checks, query types: ~5 ms) is the same for every fake, so it is made once per process and shared by a
    shallow copy; only the Backend and its control API are per fake."""
    backend = Backend(settings, clock, load_catalog())
    pipeline = copy.copy(_template())
    pipeline.backend = backend
    pipeline.control = Control(backend, settings.control_token)
    return pipeline


class FakeAkool(contextlib.ContextDecorator):
    """The fake Akool API for one test: a context manager, or a decorator of sync and async tests.

    Keywords mean what the served fake's config says (`seed`, `clock` "manual" | "real" or a Clock,
    `speed`, `lifecycle` "time" | "polls" | "manual" | "immediate" or a mapping, `credits` of the default
    account, `accounts`, `config=PATH`); `settings=` is the same thing built already, and never combines
    silently with keywords. `receiver(url, payload_body)` gets the webhooks; without one they are only
    recorded, unless `send_webhooks=True` POSTs them to their URLs. Used as a decorator, each call of the
    test starts from a fresh fake.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        seed: int | None = None,
        clock: str | Clock | None = None,
        speed: float | None = None,
        lifecycle: LifecycleArg | None = None,
        credits: float | None = None,
        accounts: list[AccountArg] | None = None,
        receiver: Receiver | None = None,
        config: str | Path | None = None,
        base_url: str | None = None,
        send_webhooks: bool = False,
        replay: str | Path | None = None,
    ) -> None:
        self.settings = inprocess_settings(
            settings,
            config=config,
            base_url=base_url,
            clock=clock,
            seed=seed,
            speed=speed,
            lifecycle=lifecycle,
            credits=credits,
            accounts=accounts,
        )
        self._clock = None if isinstance(clock, str) else clock
        self.send_webhooks = send_webhooks
        self.clock = FakeClock(self)
        self.jobs = FakeJobs(self)
        self.accounts = FakeAccounts(self)
        self.webhooks = FakeWebhooks(self, receiver)
        self.faults = FakeFaults(self)
        self._network: httpx.Client | None = None
        self._interceptors: list[Interceptor] = []
        self._server: FakeServer | None = None
        self.lock = threading.RLock()  # the Backend sees one request at a time (serve() adds a thread)
        # replay=FILE: the Akool hosts are answered from a HAR recording instead of the backend (replay.py).
        self._replay: Replay | None = None
        if replay is not None:
            from akool_mock.mock_server.replay import Replay

            self._replay = Replay.from_file(replay)
        self._build()

    def _build(self) -> None:
        self.pipeline = _pipeline(self.settings, self._clock or make_clock(self.settings))
        self.backend: Backend = self.pipeline.backend
        self.calls = Calls(self.backend)
        self.watch = PollWatch(self.backend)

    # ----- the default account and what was received ----------------------------------------------------
    @property
    def api_key(self) -> str:
        return self.settings.accounts[0].api_key

    @property
    def client_id(self) -> str:
        return self.settings.accounts[0].client_id

    @property
    def journal(self) -> list[dict[str, Any]]:
        return [entry.as_dict() for entry in self.backend.journal]

    def assert_called(
        self, operation: str, *, times: int | None = None, account: str | None = None
    ) -> list[Call]:
        """`operation` was called (exactly `times` times); the failure lists what was called instead."""
        return self.calls.assert_called(operation, times=times, account=account)

    def assert_not_called(self, operation: str, *, account: str | None = None) -> None:
        self.calls.assert_not_called(operation, account=account)

    def reset(self) -> None:
        self.backend.reset()

    # ----- routing ------------------------------------------------------------------------------------
    def start(self) -> FakeAkool:
        """Intercept httpx, and `requests` and aiohttp where installed, for the Akool hosts. Starting a fake
        that is started does nothing (a second set of interceptors would outlive `stop`)."""
        if self._interceptors:
            return self
        self._interceptors = _interceptors(self.handle)
        started: list[Interceptor] = []
        try:
            for interceptor in self._interceptors:
                interceptor.start()
                started.append(interceptor)
        except BaseException:
            for interceptor in reversed(started):
                interceptor.stop()
            raise
        return self

    def serve(self, port: int = 0) -> str:
        """Also answer on http://127.0.0.1:<port> (a free one by default), from this same fake: for
        subprocesses, Node scripts and browsers. Returns the base URL; the port closes when the fake stops.
        """
        if self._server is None:
            self._server = FakeServer(self, port).start()
        return self._server.url

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None
        for interceptor in reversed(self._interceptors):
            interceptor.stop()
        self._interceptors = []
        if self._network is not None:
            self._network.close()
            self._network = None

    def __enter__(self) -> FakeAkool:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _recreate_cm(self) -> FakeAkool:
        """ContextDecorator asks for this on every call of a decorated test: a fresh fake each time."""
        self._build()
        return self

    def __call__(self, func: F) -> F:
        import inspect

        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                with self._recreate_cm():
                    return await func(*args, **kwargs)

            return async_wrapper  # type: ignore[return-value]
        wrapped: F = super().__call__(func)
        return wrapped

    def handle(self, request: WireRequest) -> WireResponse:
        """One request from any intercepted client: the pipeline's answer, then due changes and webhooks."""
        with self.lock:
            answer = self._replay.answer(request) if self._replay else self.pipeline.handle(request)
            self.settle()
            self.watch.seen(request)
        return answer

    # ----- webhooks -----------------------------------------------------------------------------------
    def settle(self) -> None:
        """Apply due job changes and hand due webhooks to the receiver (or the network, if asked).

        With neither a receiver nor `send_webhooks=True`, deliveries are recorded (`webhooks.deliveries`,
        state `pending`) and nothing is sent: a test never POSTs to an app's real `webhookUrl` by accident.
        """
        with self.lock:
            self.backend.tick()
            sender = self._sender()
            if sender is None:
                self.backend.persist()
            else:
                send_sync(self.backend, sender)

    def _sender(self) -> SyncSender | None:
        receiver = self.webhooks.receiver
        if receiver is not None:
            return _to_receiver(receiver)
        if not self.send_webhooks:
            return None
        if self._network is None:
            self._network = httpx.Client(timeout=WEBHOOK_TIMEOUT_S)
        return httpx_sync_sender(self._network)


def _to_receiver(receiver: Receiver) -> SyncSender:
    def send(url: str, body: bytes, _headers: dict[str, str]) -> int:
        status = receiver(url, json.loads(body))
        return 200 if status is None else status

    return send
