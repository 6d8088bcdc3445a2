"""`FakeAkool`: the whole fake inside the test process, no sockets.

Inside it, every httpx request (sync or async client) to https://openapi.akool.com or https://sg3.akool.com
is routed through respx to the same pipeline `akool-mock serve` uses; other hosts pass through untouched.
The clock is manual by default, and the controls are plain Python:

    with FakeAkool() as akool:
        ...                                   # call Akool with any httpx-based client
        akool.clock.advance(60)               # jobs move, due webhooks are delivered
        akool.jobs.fail(job_id, "bad face")
        akool.webhooks.deliveries
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

import httpx
import respx

from akool_mock.mock_server.app import build_pipeline
from akool_mock.mock_server.clock import Clock, ManualClock, SystemClock
from akool_mock.mock_server.dispatch import SyncSender, httpx_sync_sender, send_sync
from akool_mock.mock_server.jobs import Job
from akool_mock.mock_server.settings import Settings, build_settings
from akool_mock.mock_server.state import Account, Backend
from akool_mock.mock_server.wire import WireRequest, WireResponse, parse_query

AKOOL_HOSTS = ("openapi.akool.com", "sg3.akool.com")
DEFAULT_BASE_URL = "https://openapi.akool.com"
Receiver = Callable[[str, dict[str, Any]], int | None]
F = TypeVar("F", bound=Callable[..., Any])


class _Clock:
    def __init__(self, fake: FakeAkool) -> None:
        self._fake = fake

    def now(self) -> float:
        return self._fake.backend.now()

    def now_ms(self) -> int:
        return self._fake.backend.now_ms()

    def advance(self, seconds: float) -> None:
        """Move time on: jobs due by then move, and due webhooks are delivered."""
        self._fake.backend.clock.advance(seconds)
        self._fake.settle()


class _Jobs:
    def __init__(self, fake: FakeAkool) -> None:
        self._fake = fake

    def get(self, job_id: str) -> Job:
        job = self._fake.backend.jobs.get(job_id)
        if job is None:
            raise KeyError(f"no job {job_id}")
        return job

    def all(self, operation: str | None = None, account: str | None = None) -> list[Job]:
        return [
            j for j in self._fake.backend.jobs if operation in (None, j.op_id) and account in (None, j.owner)
        ]

    def complete(self, job_id: str) -> Job:
        return self._act(job_id, self._fake.backend.jobs.complete)

    def fail(self, job_id: str, reason: str | None = None) -> Job:
        return self._act(job_id, lambda job, now: self._fake.backend.jobs.fail(job, now, reason))

    def advance(self, job_id: str) -> Job:
        return self._act(job_id, self._fake.backend.jobs.step)

    def _act(self, job_id: str, action: Callable[[Job, float], None]) -> Job:
        job = self.get(job_id)
        action(job, self._fake.backend.now())
        self._fake.settle()
        return job


class _Accounts:
    def __init__(self, fake: FakeAkool) -> None:
        self._fake = fake

    def create(self, credits: float | None = None, **kwargs: Any) -> Account:
        return self._fake.backend.create_account(credits=credits, **kwargs)

    def get(self, client_id: str) -> Account:
        return self._fake.backend.account(client_id)

    def set_credits(self, client_id: str, credits: float) -> None:
        self._fake.backend.update_account(self.get(client_id), credits=credits)

    def ban(self, client_id: str, banned: bool = True) -> None:
        self._fake.backend.update_account(self.get(client_id), banned=banned)

    def set_plan(self, client_id: str, plan: str) -> None:
        """free, pro, max, business or enterprise (the default): what the account may use (plans.py)."""
        self._fake.backend.update_account(self.get(client_id), plan=plan)


class _Webhooks:
    def __init__(self, fake: FakeAkool) -> None:
        self._fake = fake
        self.receiver: Receiver | None = None

    @property
    def deliveries(self) -> list[dict[str, Any]]:
        return [d.as_dict() for d in self._fake.backend.outbox.for_job(None)]

    def for_job(self, job_id: str) -> list[dict[str, Any]]:
        return [d.as_dict() for d in self._fake.backend.outbox.for_job(job_id)]

    def modes(self, client_id: str, **flags: Any) -> None:
        self._fake.backend.outbox.set_modes(client_id, **flags)

    def redeliver(self, delivery_id: str) -> None:
        self._fake.backend.outbox.redeliver(delivery_id, self._fake.backend.now())
        self._fake.settle()


class _Faults:
    def __init__(self, fake: FakeAkool) -> None:
        self._fake = fake

    def add(self, **rule: Any) -> None:
        """e.g. `add(operation="faceswap.create_image", count=2, code=1005)`, `add(drop=True, count=1)`."""
        self._fake.backend.faults.add(rule)

    def rate_limit(self, client_id: str, per_second: float | None) -> None:
        limits = self._fake.backend.faults.rate_limits
        if per_second is None:
            limits.pop(client_id, None)
        else:
            limits[client_id] = per_second

    def clear(self) -> None:
        self._fake.backend.faults.clear()


class FakeAkool(contextlib.ContextDecorator):
    """The fake Akool API for one test: a context manager, or a decorator of sync and async tests."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        seed: int | None = 0,
        clock: Clock | None = None,
        base_url: str = DEFAULT_BASE_URL,
        receiver: Receiver | None = None,
    ) -> None:
        self.settings = settings or build_settings(clock="manual", seed=seed, public_url=base_url)
        if clock is None:
            clock = ManualClock() if self.settings.clock == "manual" else SystemClock(self.settings.speed)
        self.pipeline = build_pipeline(self.settings, clock)
        self.backend: Backend = self.pipeline.backend
        self.clock = _Clock(self)
        self.jobs = _Jobs(self)
        self.accounts = _Accounts(self)
        self.webhooks = _Webhooks(self)
        self.webhooks.receiver = receiver
        self.faults = _Faults(self)
        self._router: respx.MockRouter | None = None
        self._passthrough = httpx.Client(timeout=10.0)

    # ----- the default account -----------------------------------------------------------------------
    @property
    def api_key(self) -> str:
        return self.settings.accounts[0].api_key

    @property
    def client_id(self) -> str:
        return self.settings.accounts[0].client_id

    @property
    def journal(self) -> list[dict[str, Any]]:
        return [entry.as_dict() for entry in self.backend.journal]

    def reset(self) -> None:
        self.backend.reset()

    # ----- routing ------------------------------------------------------------------------------------
    def start(self) -> FakeAkool:
        router = respx.mock(assert_all_called=False, assert_all_mocked=False)
        for host in AKOOL_HOSTS:
            router.route(host=host).mock(side_effect=self._respond)
        router.route().pass_through()
        router.start()
        self._router = router
        return self

    def stop(self) -> None:
        if self._router is not None:
            self._router.stop()
            self._router = None

    def __enter__(self) -> FakeAkool:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __call__(self, func: F) -> F:
        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                with self:
                    return await func(*args, **kwargs)

            return cast(F, async_wrapper)
        wrapped: F = super().__call__(func)
        return wrapped

    def _respond(self, request: httpx.Request) -> httpx.Response:
        wire = WireRequest(
            method=request.method,
            path=request.url.path,
            query=parse_query(list(request.url.params.multi_items())),
            headers={k.lower(): v for k, v in request.headers.items()},
            body=request.read(),
            host=request.url.host,
        )
        answer = self.pipeline.handle(wire)
        self.settle()
        return self._deliver(request, answer)

    @staticmethod
    def _deliver(request: httpx.Request, answer: WireResponse) -> httpx.Response:
        if answer.delay_s:
            timeout = request.extensions.get("timeout", {}).get("read")
            if timeout is not None and answer.delay_s >= timeout:
                raise httpx.ReadTimeout(
                    "akool-mock: injected delay exceeded the read timeout", request=request
                )
            time.sleep(answer.delay_s)
        if answer.drop:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            )
        headers = {"content-type": answer.content_type, **answer.headers}
        return httpx.Response(answer.status, content=answer.body, headers=headers)

    # ----- webhooks -----------------------------------------------------------------------------------
    def settle(self) -> None:
        """Apply due job changes and deliver due webhooks (to the receiver, or over HTTP)."""
        self.backend.tick()
        send_sync(self.backend, self._sender())

    def _sender(self) -> SyncSender:
        receiver = self.webhooks.receiver
        if receiver is None:
            return httpx_sync_sender(self._passthrough)

        def to_receiver(url: str, body: bytes, _headers: dict[str, str]) -> int:
            import json

            status = receiver(url, json.loads(body))
            return 200 if status is None else status

        return to_receiver
