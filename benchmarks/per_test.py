"""Per-test overhead: a fresh `FakeAkool` entered, called once and left, against a single respx route.

What a suite pays per test for the fake: `with FakeAkool() as akool:` and one call (`faceswap.get_quota` with
the API key), against `with respx.mock() as router:` with one route answering a constant, the same call,
through the same `httpx.Client` (made once: both sides would share a client fixture). The two are measured in
alternating batches in the same process, and the medians compared. The first FakeAkool of a process also
builds what every later one shares (the catalog, compiled checks, the seeded catalogs): it is reported apart.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import respx

from benchmarks.common import API_KEY, fmt, table

QUOTA = "https://openapi.akool.com/api/open/v3/faceswap/quota/info"
TARGET = 3.0
CONSTANT = b'{"code":1000,"msg":"OK","data":{"credit":10000.0}}'


@dataclass(slots=True)
class PerTestReport:
    batches: int
    per_batch: int
    first_ms: float = 0.0
    median_ms: dict[str, float] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        fake, route = self.median_ms.get("FakeAkool"), self.median_ms.get("respx route")
        return fake / route if fake and route else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "batches": self.batches,
            "per_batch": self.per_batch,
            "first_ms": round(self.first_ms, 2),
            "median_ms": {k: round(v, 3) for k, v in self.median_ms.items()},
            "ratio": self.ratio,
        }


def _fake_test(client: httpx.Client) -> Callable[[], None]:
    from akool_mock import FakeAkool

    def one() -> None:
        with FakeAkool() as akool:
            answer = client.get(QUOTA, headers={"x-api-key": akool.api_key})
            assert answer.json()["code"] == 1000

    return one


def _respx_test(client: httpx.Client) -> Callable[[], None]:
    def one() -> None:
        with respx.mock() as router:
            router.get(QUOTA).respond(200, content=CONSTANT, headers={"content-type": "application/json"})
            answer = client.get(QUOTA, headers={"x-api-key": API_KEY})
            assert answer.json()["code"] == 1000

    return one


def _timed(one: Callable[[], None], n: int) -> list[float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        one()
        times.append((time.perf_counter() - started) * 1000)
    return times


def run(*, batches: int = 10, per_batch: int = 50) -> PerTestReport:
    report = PerTestReport(batches, per_batch)
    with httpx.Client() as client:
        fake, route = _fake_test(client), _respx_test(client)
        report.first_ms = _timed(fake, 1)[0]
        route()  # warm both
        fake()
        samples: dict[str, list[float]] = {"FakeAkool": [], "respx route": []}
        for _ in range(batches):
            samples["FakeAkool"] += _timed(fake, per_batch)
            samples["respx route"] += _timed(route, per_batch)
    report.median_ms = {name: statistics.median(times) for name, times in samples.items()}
    return report


def render(report: PerTestReport) -> str:
    rows = [[name, fmt(ms, 2)] for name, ms in report.median_ms.items()]
    return "\n".join(
        [
            table(["per test: enter, one call, exit", "median ms"], rows),
            "",
            table(
                ["FakeAkool ÷ respx route", "target", ""],
                [[fmt(report.ratio, 2), f"≤ {TARGET:g}", _at_most(report.ratio, TARGET)]],
            ),
            "",
            f"{report.batches} alternating batches of {report.per_batch} per side; the first FakeAkool of "
            f"the process (building what the others share) took {fmt(report.first_ms, 1)} ms.",
        ]
    )


def _at_most(value: float | None, target: float) -> str:
    if value is None:
        return "n/a"
    return "met" if value <= target else "**not met**"
