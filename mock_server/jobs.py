"""Job lifecycles: 1 queued → 2 processing → 3 completed | 4 failed, and nothing else.

A job's policy decides what moves it: `time` (two deadlines on the clock, kept in a heap so a poll costs
O(1) and a tick pops only what is due), `polls` (one step every N polls), `manual` (only the control API), or
`immediate` (queued → processing → its outcome as it is created: each status still happens, and is told).
Every change goes through `_move`, which refuses to go back or to leave a terminal state and tells the
listeners (webhooks, result URLs) exactly once per change.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from typing import Any

from akool_mock.mock_server.job_fields import (
    COMPUTED,
    CREATED_MS,
    LAYOUTS,
    JobFields,
    Layout,
    layout_of,
    read,
    stored,
    stored_values,
)
from akool_mock.mock_server.settings import Lifecycle, Policy

QUEUED, PROCESSING, COMPLETED, FAILED = 1, 2, 3, 4
TERMINAL = frozenset({COMPLETED, FAILED})
DEFAULT_FAILURE = "The input could not be processed (failure chosen by akool-mock's lifecycle rules)"
MAX_SHARED_COSTS = 4096


class JobStateError(ValueError):
    """A transition the lifecycle does not allow (e.g. completing a failed job)."""


@dataclass(slots=True, eq=False)
class Job:
    """One async job. `fields` holds what the area's answers show besides status (request echoes, results),
    stored as a shared `layout` of key names and a tuple of `values` (job_fields.py).

    Its history is not stored: a job always moves 1 → 2 → 3|4 (`_move`), so the times of its statuses are
    `created_at`, `processing_at` and, once terminal, `updated_at` (`history`, `completed_at` derive them).
    """

    id: str
    op_id: str
    owner: str
    created_at: float
    policy: Policy
    polls_per_step: int
    outcome: int
    webhook_url: str | None
    cost: float
    layout: Layout
    values: tuple[Any, ...]
    planned: dict[str, Any] | None = None
    status: int = QUEUED
    polls: int = 0
    updated_at: float = 0.0
    processing_at: float | None = None
    failure_reason: str | None = None
    deleted: bool = False
    # Its acknowledged webhook deliveries, each folded into one int (webhooks.py `Outbox.fold`).
    delivered: tuple[int, ...] = ()

    @property
    def fields(self) -> JobFields:
        """The job's fields, read and written as a dict."""
        return JobFields(self)

    def field(self, key: str, default: Any = None) -> Any:
        """`fields.get(key, default)`, without making the view (answers read a few fields per poll)."""
        position = self.layout.index.get(key)
        if position is None:
            return default
        value = self.values[position]
        return read(value, self) if value.__class__ in COMPUTED else value

    def field_dict(self) -> dict[str, Any]:
        """The fields as a new dict, derived and packed values computed (`fields.as_dict()`)."""
        layout = self.layout
        data = dict(zip(layout.keys, self.values, strict=True))
        for position in layout.computed:
            data[layout.keys[position]] = read(self.values[position], self)
        return data

    def planned_dict(self) -> dict[str, Any] | None:
        """`planned` with its values as they were given (they are kept `stored`: job_fields.py)."""
        return None if self.planned is None else {name: read(v, self) for name, v in self.planned.items()}

    @property
    def terminal(self) -> bool:
        return self.status in TERMINAL

    @property
    def completed_at(self) -> float | None:
        return self.updated_at if self.status == COMPLETED else None

    def status_at(self, status: int) -> float:
        """When the job took `status` (one it has had)."""
        if status == QUEUED:
            return self.created_at
        if status == PROCESSING:
            return self.created_at if self.processing_at is None else self.processing_at
        return self.updated_at

    @property
    def history(self) -> list[tuple[int, float]]:
        """Each status the job has had and when it began, oldest first."""
        history = [(QUEUED, self.created_at)]
        if self.status >= PROCESSING:
            history.append((PROCESSING, self.status_at(PROCESSING)))
        if self.status in TERMINAL:
            history.append((self.status, self.updated_at))
        return history


Listener = Callable[[Job, int, float], None]


# A deadline in the heap: (at, sequence, job id, then), ordered by (at, sequence) as the engine always did. A
# queued job has one entry, for its move to processing, whose `then` is the processing duration: when it is
# popped, the entry of the final move (due `then` later, with the next sequence number, both reserved when the
# job was scheduled) is pushed, so a job costs one heap entry instead of two. A final entry has `then`
# None and moves the job to its outcome. The moves, their times and their order are exactly those of two
# entries pushed at creation: the final entry always sorts after its own processing entry, so it is in the
# heap before it can be the smallest.
Deadline = tuple[float, int, str, float | None]


def _ignore(_job_id: str) -> None:
    return None


class JobEngine:
    """All jobs of the fake, their deadlines, and the listeners told of every status change."""

    def __init__(self, *, track_touched: bool = True) -> None:
        self.jobs: dict[str, Job] = {}
        self.by_owner_op: dict[tuple[str, str], list[str]] = {}
        self._deadlines: list[Deadline] = []
        self._sequence = 0
        self.listeners: list[Listener] = []
        # Ids of jobs read or changed since the last save: what a state file must write (persistence.py).
        # Without a state file nobody reads it, and tracking it would cost memory per job: it stays empty.
        self.touched: set[str] = set()
        self._touch: Callable[[str], None] = self.touched.add if track_touched else _ignore
        self._costs: dict[tuple[float, float], float] = {}  # one float object per distinct cost
        # (owner, op_id, field) → [how many of that owner's jobs are indexed, {value: [job ids]}]; built
        # on the first lookup, then only the jobs created since are added: see `matching`.
        self._indexes: dict[tuple[str, str, str], tuple[list[int], dict[Any, list[str]]]] = {}

    def __len__(self) -> int:
        return len(self.jobs)

    def __iter__(self) -> Iterator[Job]:
        return iter(self.jobs.values())

    def get(self, job_id: str) -> Job | None:
        job = self.jobs.get(job_id)
        if job is not None:
            self._touch(job_id)
        return job

    def create(
        self,
        job_id: str,
        op_id: str,
        owner: str,
        now: float,
        lifecycle: Lifecycle,
        *,
        fails: bool,
        webhook_url: str | None,
        cost: float,
        fields: dict[str, Any],
        planned: dict[str, Any] | None = None,
    ) -> Job:
        shown = fields.get("create_time")
        if shown.__class__ is int and shown == int(now * 1000):  # the creation time in ms: read from the job
            fields = {**fields, "create_time": CREATED_MS}
        # Long values packed (job_fields.py). From a list: `tuple(map(...))` would over-allocate (room for 10,
        # then 20 items) and keep the spare slots, 16-24 B a job.
        values = tuple([stored(value) for value in fields.values()])
        keys = tuple(fields)
        layout = LAYOUTS.get(keys)  # the common case, inlined: a layout with no value computed when read
        if layout is None or not COMPUTED.isdisjoint(map(type, values)):
            layout = layout_of(keys, values)
        job = Job(
            id=job_id,
            op_id=op_id,
            owner=owner,
            created_at=now,
            policy=lifecycle.policy,
            polls_per_step=lifecycle.polls_per_step,
            outcome=FAILED if fails else COMPLETED,
            webhook_url=webhook_url,
            cost=self._shared_cost(cost),
            layout=layout,
            values=values,
            planned=None if planned is None else stored_values(planned),
            updated_at=now,
        )
        self.add(job, lifecycle)
        if job.policy == "immediate":
            self._move(job, PROCESSING, now)
            self._move(job, job.outcome, now)
        return job

    def _shared_cost(self, cost: float) -> float:
        """The same float object for equal costs (sign of zero kept): a float per job is 24 bytes."""
        if not isinstance(cost, float) or math.isnan(cost):  # an int stays as it is; NaN equals nothing
            return cost
        key = (cost, math.copysign(1.0, cost))
        shared = self._costs.get(key)
        if shared is None:
            if len(self._costs) >= MAX_SHARED_COSTS:
                return cost
            self._costs[key] = shared = cost
        return shared

    def add(self, job: Job, lifecycle: Lifecycle) -> None:
        """Register a job (new, or restored from a state file) and schedule what is left of its deadlines."""
        self.jobs[job.id] = job
        self._touch(job.id)
        self.by_owner_op.setdefault((job.owner, job.op_id), []).append(job.id)
        if job.policy == "time" and not job.terminal:
            queued, processing = lifecycle.duration(job.op_id)
            if job.status == QUEUED:
                # Sequence numbers for both moves are taken now; the final entry is pushed when this one pops.
                self._sequence += 2
                entry = (job.created_at + queued, self._sequence - 1, job.id, processing)
                heapq.heappush(self._deadlines, entry)
            else:
                self._sequence += 1
                at = job.created_at + queued + processing
                heapq.heappush(self._deadlines, (at, self._sequence, job.id, None))

    def tick(self, now: float) -> int:
        """Apply every deadline that is due; returns how many changes were made."""
        moved = 0
        deadlines = self._deadlines
        while deadlines and deadlines[0][0] <= now:
            at, sequence, job_id, then = heapq.heappop(deadlines)
            job = self.jobs.get(job_id)
            if then is not None:
                # (created_at + queued) + processing: the very float the final deadline always had.
                heapq.heappush(deadlines, (at + then, sequence + 1, job_id, None))
                status = PROCESSING
            elif job is not None:
                status = job.outcome
            else:
                continue
            if job is not None and job.policy == "time" and not job.terminal and status > job.status:
                self._move(job, status, at)
                moved += 1
        return moved

    def polled(self, job: Job, now: float) -> None:
        """Count a poll; under the `polls` policy every Nth poll moves the job one step."""
        self._touch(job.id)
        job.polls += 1
        if job.policy == "polls" and not job.terminal and job.polls % job.polls_per_step == 0:
            self.step(job, now)

    def step(self, job: Job, now: float) -> None:
        """One step forward: queued → processing → the job's planned outcome."""
        if job.terminal:
            raise JobStateError(
                f"job {job.id} is already {'completed' if job.status == COMPLETED else 'failed'}"
            )
        self._move(job, PROCESSING if job.status == QUEUED else job.outcome, now)

    def complete(self, job: Job, now: float) -> None:
        self._finish(job, COMPLETED, now)

    def fail(self, job: Job, now: float, reason: str | None = None) -> None:
        job.failure_reason = reason or DEFAULT_FAILURE
        self._finish(job, FAILED, now)

    def _finish(self, job: Job, status: int, now: float) -> None:
        if job.terminal:
            raise JobStateError(f"job {job.id} is already in terminal status {job.status}")
        job.outcome = status
        if job.status == QUEUED:
            self._move(job, PROCESSING, now)
        self._move(job, status, now)

    def _move(self, job: Job, status: int, now: float) -> None:
        if status <= job.status or job.terminal:
            raise JobStateError(f"job {job.id} cannot go from {job.status} to {status}")
        if status == FAILED and job.failure_reason is None:
            job.failure_reason = DEFAULT_FAILURE
        self._touch(job.id)
        job.status = status
        job.updated_at = now
        if status == PROCESSING:
            job.processing_at = now
        for listener in self.listeners:
            listener(job, status, now)

    def owned(self, owner: str, op_ids: tuple[str, ...]) -> list[Job]:
        """The owner's live jobs of these operations, oldest first."""
        found: list[Job] = []
        for op_id in op_ids:
            for job_id in self.by_owner_op.get((owner, op_id), ()):
                job = self.jobs[job_id]
                if not job.deleted:
                    found.append(job)
                    self._touch(job_id)
        found.sort(key=lambda j: (j.created_at, j.id))
        return found

    def matching(
        self, owner: str, op_ids: tuple[str, ...], field: str, value: Any, *, planned: bool = False
    ) -> list[Job]:
        """The owner's live jobs of these operations whose `field` (a request echo, set at creation; with
        `planned`, a value of `planned`, also set at creation) equals `value`, oldest first: O(matches), not
        O(the owner's jobs) as filtering `owned` would be."""

        def value_of(job: Job) -> Any:
            return read((job.planned or {}).get(field), job) if planned else job.field(field)

        found: list[Job] = []
        for op_id in op_ids:
            ids = self.by_owner_op.get((owner, op_id), [])
            indexed = f"planned.{field}" if planned else field
            done, by_value = self._indexes.setdefault((owner, op_id, indexed), ([0], {}))
            for job_id in ids[done[0] :]:
                key = value_of(self.jobs[job_id])
                if isinstance(key, str | int | float | bool | None):
                    by_value.setdefault(key, []).append(job_id)
            done[0] = len(ids)
            for job_id in by_value.get(value, ()) if isinstance(value, Hashable) else ():
                job = self.jobs[job_id]
                if not job.deleted and value_of(job) == value:
                    found.append(job)
                    self._touch(job_id)
        found.sort(key=lambda j: (j.created_at, j.id))
        return found

    def delete(self, job: Job) -> None:
        self._touch(job.id)
        job.deleted = True
