"""Sending a RequestSpec over HTTP: the only module of the SDK that imports httpx.

`Transport` (sync) and `AsyncTransport` share everything but the loop that sends: building the request
(host, auth header, user agent, timeout), turning httpx exceptions into `Outcome`s, and asking
`sdk._core` what an answer means and whether to retry (the retry rules are documented there).

Auth: `x-api-key` when the client has an API key; otherwise a Bearer token from getToken, fetched on first
use, cached, and fetched again once when a request answers 1101 (the token may have expired).
"""

from __future__ import annotations

import inspect
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from akool_mock.sdk import _constants as defaults
from akool_mock.sdk import errors
from akool_mock.sdk._core import (
    Answer,
    Credentials,
    Outcome,
    RequestSpec,
    RetryPolicy,
    auth_headers,
    interpret,
    retry_delay,
)
from akool_mock.sdk._operations import spec_for

HTTPClient = httpx.Client
AsyncHTTPClient = httpx.AsyncClient
Sleep = Callable[[float], None]
AsyncSleep = Callable[[float], Awaitable[None]]
# What `sleep=` may be: the async client also takes a plain function (a fake's `clock.advance`).
SleepLike = Callable[[float], None]
AsyncSleepLike = Callable[[float], Awaitable[None] | None]


class SleepOf:
    """`sleep=` of the blocking client: a plain function (a coroutine function is refused clearly)."""

    def __init__(self, sleep: SleepLike) -> None:
        if inspect.iscoroutinefunction(sleep):
            raise TypeError("AkoolClient(sleep=...) takes a plain function (AsyncAkoolClient: async ones)")
        self._sleep = sleep

    def __call__(self, seconds: float) -> None:
        self._sleep(seconds)


class AsyncSleepOf:
    """`sleep=` of the async client: a coroutine function, or a plain one such as `akool.clock.advance`."""

    def __init__(self, sleep: AsyncSleepLike) -> None:
        self._sleep = sleep

    async def __call__(self, seconds: float) -> None:
        result = self._sleep(seconds)
        if inspect.isawaitable(result):
            await result


log = logging.getLogger("akool_mock.sdk")


@dataclass(frozen=True, slots=True)
class TransportConfig:
    """Everything a transport needs, resolved once by the client."""

    credentials: Credentials
    base_url: str = defaults.BASE_URL
    detect_base_url: str = defaults.DETECT_BASE_URL
    timeout: float = defaults.TIMEOUT
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    user_agent: str = defaults.USER_AGENT


def failure(exc: httpx.HTTPError, spec: RequestSpec) -> Answer:
    """The Outcome of an httpx exception: whether the request provably did not leave, and the SDK error."""
    if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
        return Answer(
            Outcome.NOT_SENT, error=errors.APITimeoutError(f"no connection ({exc})", spec.operation)
        )
    if isinstance(exc, httpx.TimeoutException):
        return Answer(
            Outcome.TIMEOUT, error=errors.APITimeoutError(f"no answer in time ({exc})", spec.operation)
        )
    if isinstance(exc, httpx.ConnectError):
        return Answer(
            Outcome.NOT_SENT, error=errors.APIConnectionError(f"cannot connect ({exc})", spec.operation)
        )
    if isinstance(exc, httpx.TransportError):
        message = f"the connection broke ({type(exc).__name__}: {exc})"
        return Answer(Outcome.LOST, error=errors.APIConnectionError(message, spec.operation))
    return Answer(
        Outcome.FAILED, error=errors.APIConnectionError(f"{type(exc).__name__}: {exc}", spec.operation)
    )


class _TransportBase:
    def __init__(self, config: TransportConfig, rng: random.Random | None) -> None:
        self.config = config
        self._rng = rng or random.Random()
        self._token: str | None = None

    def _build(self, client: httpx.Client | httpx.AsyncClient, spec: RequestSpec) -> httpx.Request:
        base = self.config.base_url if spec.host == "api" else self.config.detect_base_url
        headers = {"User-Agent": self.config.user_agent, "Accept": "application/json"}
        if spec.auth:
            headers.update(auth_headers(self.config.credentials, self._token))
        params = {key: value for key, value in (spec.params or {}).items() if value is not None}
        return client.build_request(
            spec.method,
            base.rstrip("/") + spec.path,
            params=params or None,
            json=spec.json,
            headers=headers,
            timeout=self.config.timeout,
        )

    def _needs_token(self, spec: RequestSpec) -> bool:
        return spec.auth and self.config.credentials.uses_token and self._token is None

    def _renews(self, spec: RequestSpec, answer: Answer, renewed: bool) -> bool:
        """A 1101 on a token we cached: forget it and try once more with a new one."""
        if renewed or answer.outcome is not Outcome.TOKEN_REJECTED:
            return False
        if not (spec.auth and self.config.credentials.uses_token):
            return False
        log.debug("%s: token rejected (1101), fetching a new one", spec.operation)
        self._token = None
        return True

    def _delay(self, spec: RequestSpec, answer: Answer, attempt: int) -> float:
        """Seconds before the next attempt, or raise the answer's error when it must not be retried."""
        delay = retry_delay(attempt, answer.outcome, spec.idempotent, self._rng, self.config.retry)
        if delay is None:
            raise answer.error or errors.AkoolError(f"{spec.operation}: {answer.outcome.value}")
        log.info("%s: %s, retry %d in %.2f s", spec.operation, answer.outcome.value, attempt + 1, delay)
        return delay

    def _token_spec(self) -> RequestSpec:
        credentials = self.config.credentials
        body = {"clientId": credentials.client_id, "clientSecret": credentials.client_secret}
        return spec_for("auth.get_token", json=body)

    @staticmethod
    def _token_of(data: Any) -> str:
        token = data.get("token") if isinstance(data, dict) else None
        if not isinstance(token, str) or not token:
            raise errors.UnexpectedResponseError("getToken answered no token", "auth.get_token")
        return token


class Transport(_TransportBase):
    """Sends RequestSpecs with a blocking httpx.Client (its own, or the one given)."""

    def __init__(
        self,
        config: TransportConfig,
        *,
        http_client: httpx.Client | None = None,
        sleep: Sleep,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__(config, rng)
        self._owns_client = http_client is None
        self._client = http_client or httpx.Client()
        self._sleep = sleep

    def send(self, spec: RequestSpec) -> Any:
        """The unwrapped data of `spec`'s answer, after retries; raises an sdk.errors.AkoolError."""
        attempt, renewed = 0, False
        while True:
            if self._needs_token(spec):
                self._token = self._token_of(self.send(self._token_spec()))
            answer = self._attempt(spec)
            if answer.outcome is Outcome.OK:
                return answer.data
            if self._renews(spec, answer, renewed):
                renewed = True
                continue
            self._sleep(self._delay(spec, answer, attempt))
            attempt += 1

    def _attempt(self, spec: RequestSpec) -> Answer:
        try:
            response = self._client.send(self._build(self._client, spec))
        except httpx.HTTPError as exc:
            return failure(exc, spec)
        return interpret(spec, response.status_code, response.content)

    def close(self) -> None:
        if self._owns_client:
            self._client.close()


class AsyncTransport(_TransportBase):
    """Sends RequestSpecs with an httpx.AsyncClient (its own, or the one given)."""

    def __init__(
        self,
        config: TransportConfig,
        *,
        http_client: httpx.AsyncClient | None = None,
        sleep: AsyncSleep,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__(config, rng)
        self._owns_client = http_client is None
        self._client = http_client or httpx.AsyncClient()
        self._sleep = sleep

    async def send(self, spec: RequestSpec) -> Any:
        """The unwrapped data of `spec`'s answer, after retries; raises an sdk.errors.AkoolError."""
        attempt, renewed = 0, False
        while True:
            if self._needs_token(spec):
                self._token = self._token_of(await self.send(self._token_spec()))
            answer = await self._attempt(spec)
            if answer.outcome is Outcome.OK:
                return answer.data
            if self._renews(spec, answer, renewed):
                renewed = True
                continue
            await self._sleep(self._delay(spec, answer, attempt))
            attempt += 1

    async def _attempt(self, spec: RequestSpec) -> Answer:
        try:
            response = await self._client.send(self._build(self._client, spec))
        except httpx.HTTPError as exc:
            return failure(exc, spec)
        return interpret(spec, response.status_code, response.content)

    async def close(self) -> None:
        if self._owns_client:
            await self._client.aclose()
