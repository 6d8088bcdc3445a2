"""In-process: SDK round trips per second through `FakeAkool`, against a respx route answering a constant.

Both sides use the same client on the same httpx transport mock (respx); the baseline route answers the very
bytes FakeAkool answered, so the difference is what the fake does per call (the pipeline and the settle
after each request). The client is `sdk.AkoolClient` (`faceswap.list_results`) when the SDK provides it,
else a plain `httpx.Client` doing the same GET; the report says which.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import respx

from benchmarks.common import API_KEY, CREATE_BODY, CREATE_PATH, POLL_PATH, fmt, ratio, table, verdict

BASE_URL = "https://openapi.akool.com"
TARGET = 0.7


@dataclass(slots=True)
class InProcessReport:
    client: str
    seconds: float
    rounds: int
    calls_per_s: dict[str, float] = field(default_factory=dict)  # best round per side

    @property
    def ratio(self) -> float | None:
        fake, constant = self.calls_per_s.get("FakeAkool"), self.calls_per_s.get("respx constant")
        return ratio(fake, constant) if fake and constant else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "client": self.client,
            "seconds": self.seconds,
            "rounds": self.rounds,
            "calls_per_s": {k: round(v, 1) for k, v in self.calls_per_s.items()},
            "ratio": self.ratio,
        }


def _sdk_poll() -> Callable[[str], Callable[[str], Any]] | None:
    """A factory of `poll(job_id)` through the SDK, or None when the SDK cannot do it (yet)."""
    try:
        from akool_mock.sdk import AkoolClient
    except ImportError:
        return None

    def factory(api_key: str) -> Callable[[str], Any]:
        client = AkoolClient(api_key=api_key, base_url=BASE_URL, max_retries=0)
        lister = getattr(getattr(client, "faceswap", None), "list_results", None)
        if lister is None:
            raise LookupError("the SDK has no faceswap.list_results")
        return lambda job_id: lister(ids=job_id)

    try:
        factory(API_KEY)
    except (LookupError, TypeError, ValueError):
        return None
    return factory


def _httpx_poll(api_key: str) -> Callable[[str], Any]:
    client = httpx.Client(base_url=BASE_URL, headers={"x-api-key": api_key})

    def poll(job_id: str) -> Any:
        answer = client.get(POLL_PATH, params={"_ids": job_id})
        answer.raise_for_status()
        return answer.json()

    return poll


def _rate(poll: Callable[[str], Any], job_id: str, seconds: float, max_calls: int) -> float:
    for _ in range(50):  # warm up
        poll(job_id)
    calls = 0
    started = time.perf_counter()
    deadline = started + seconds
    while calls < max_calls and time.perf_counter() < deadline:
        poll(job_id)
        calls += 1
    return calls / (time.perf_counter() - started)


def run(*, seconds: float, rounds: int, max_calls: int = 200_000) -> InProcessReport:
    from akool_mock.mock_server import FakeAkool

    sdk_factory = _sdk_poll()
    make: Callable[[str], Callable[[str], Any]] = sdk_factory or _httpx_poll
    report = InProcessReport(
        client="sdk.AkoolClient.faceswap.list_results" if sdk_factory else "httpx.Client (the SDK lacks it)",
        seconds=seconds,
        rounds=rounds,
    )
    for _ in range(rounds):
        with FakeAkool() as fake:
            api = httpx.Client(base_url=BASE_URL, headers={"x-api-key": fake.api_key})
            job_id = api.post(CREATE_PATH, json=CREATE_BODY).json()["data"]["_id"]
            constant = api.get(POLL_PATH, params={"_ids": job_id}).content
            api.close()
            fake_rate = _rate(make(fake.api_key), job_id, seconds, max_calls)
        with respx.mock(assert_all_called=False) as router:
            router.route(host="openapi.akool.com").mock(
                return_value=httpx.Response(
                    200, content=constant, headers={"content-type": "application/json"}
                )
            )
            constant_rate = _rate(make(API_KEY), job_id, seconds, max_calls)
        for name, rate in (("FakeAkool", fake_rate), ("respx constant", constant_rate)):
            report.calls_per_s[name] = max(rate, report.calls_per_s.get(name, 0.0))
    return report


def render(report: InProcessReport) -> str:
    rows = [[name, fmt(rate)] for name, rate in report.calls_per_s.items()]
    return "\n".join(
        [
            table(["route", "poll round trips/s"], rows),
            "",
            table(
                ["FakeAkool ÷ respx constant", "target", ""],
                [[fmt(report.ratio, 2), f"≥ {TARGET}", verdict(report.ratio, TARGET)]],
            ),
            "",
            f"Client: {report.client}; {fmt(report.seconds, 1)} s per measurement, best of {report.rounds}.",
        ]
    )
