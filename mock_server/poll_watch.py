"""A guard against the silent hang: polling a job on a frozen manual clock, where nothing can ever change.

In-process, the clock is manual by default: jobs under the `time` lifecycle move only when the test moves the
clock. A wait loop that sleeps in real time instead (`AkoolClient(...)` without `sleep=akool.clock.advance`)
polls the same job for up to 600 s and then times out. The watch counts identical poll requests in a row,
made while neither the fake's clock nor any job moved, for a job only the clock can move; when they repeat
over real seconds (a loop that sleeps), or very many times (a loop that does not), it raises
`FrozenClockError` saying how to move time. Real (monotonic) time is read here on purpose: what is measured
is the test's own waiting, not the fake's time.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

from akool_mock.mock_server.jobs import Job
from akool_mock.mock_server.state import Backend
from akool_mock.mock_server.wire import WireRequest

REPEATS_OVER_TIME = 3  # identical polls ...
OVER_SECONDS = 3.0  # ... spread over this many real seconds: a loop that sleeps in real time
REPEATS_AT_ONCE = 200  # identical polls however fast: a loop that does not sleep at all
OBJECT_ID = re.compile(r"[0-9a-f]{24}")

ADVICE = (
    "Move the fake's time: AkoolClient(..., sleep=akool.clock.advance) or AsyncAkoolClient(..., "
    "sleep=akool.clock.advance) for client.wait(), akool.clock.advance(seconds) in your own loop, "
    "or a lifecycle that needs no clock: FakeAkool(lifecycle='immediate') or lifecycle='polls'."
)


class FrozenClockError(RuntimeError):
    """The same job was polled again and again while the fake's manual clock stood still."""


class PollWatch:
    """Counts identical polls between moves of the clock or of any job."""

    def __init__(self, backend: Backend, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.backend = backend
        self.monotonic = monotonic  # a seam for tests
        self._polls = frozenset(op.id for op in backend.catalog.operations if op.kind == "job_poll")
        self._key: tuple[Any, ...] | None = None
        self._count = 0
        self._first = 0.0
        self._moves = 0

    def _moved(self, _job: Job, _status: int, _now: float) -> None:
        self._moves += 1

    def seen(self, request: WireRequest) -> None:
        """Call after each request the fake answered; raises FrozenClockError on a hopeless wait."""
        backend = self.backend
        if backend.clock.speed != 0 or not backend.journal:
            return  # a real clock moves by itself
        operation = backend.journal[-1].operation
        if operation not in self._polls:
            self._key = None  # only polls in a row count
            return
        if self._moved not in backend.jobs.listeners:  # a reset made a new job engine
            backend.jobs.listeners.append(self._moved)
        key = (request.method, request.path, tuple(sorted(request.query.items())), backend.now(), self._moves)
        if key != self._key:
            self._key, self._count, self._first = key, 0, self.monotonic()
        self._count += 1
        waited = self.monotonic() - self._first
        hopeless = (self._count >= REPEATS_OVER_TIME and waited >= OVER_SECONDS) or (
            self._count >= REPEATS_AT_ONCE
        )
        if hopeless and self._waiting_on_time(request):
            self._key = None
            raise FrozenClockError(
                f"akool-mock: {operation} was polled {self._count} times over {waited:.1f} s while "
                "the fake's manual clock stood still, and nothing moved: jobs under the 'time' lifecycle "
                f"only move when the clock does. {ADVICE}"
            )

    def _waiting_on_time(self, request: WireRequest) -> bool:
        """The poll names a job (ObjectId-shaped, in the path, query or body) that only the clock can move."""
        named = f"{request.path} {request.query} {request.body[:4096]!r}"
        jobs = self.backend.jobs.jobs
        for job_id in set(OBJECT_ID.findall(named)):
            job = jobs.get(job_id)
            if job is not None and job.policy == "time" and not job.terminal:
                return True
        return False
