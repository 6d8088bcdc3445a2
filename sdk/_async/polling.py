"""`wait`: poll a job with the catalog's poll operation until it finishes, fails or time runs out.

The pauses start at `interval` and grow by POLL_BACKOFF up to POLL_INTERVAL_CAP, never past the deadline.
Time is read from the client's `clock` and spent with its `sleep`, so tests can drive a manual clock.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from akool_mock.sdk import _constants as defaults
from akool_mock.sdk._jobs import failure_reason, job_item, plan, status_of
from akool_mock.sdk._transport import AsyncSleep, AsyncTransport
from akool_mock.sdk.errors import JobFailedError, WaitTimeoutError
from akool_mock.sdk.types._base import JobRef, JobStatus, WireModel, from_wire

M = TypeVar("M", bound=WireModel)
Clock = Callable[[], float]


async def wait_for(
    transport: AsyncTransport,
    job: JobRef[M],
    *,
    timeout: float,
    interval: float,
    sleep: AsyncSleep,
    clock: Clock,
) -> M:
    """The finished result of `job`; raises JobFailedError (status 4) or WaitTimeoutError."""
    poll = plan(job.id, job.operation)
    started = clock()
    pause = interval
    while True:
        item = job_item(poll, await transport.send(poll.spec))
        status = status_of(poll, item)
        if status is JobStatus.COMPLETED:
            return from_wire(job.result_type, item, poll.poll_operation)
        if status is JobStatus.FAILED:
            raise JobFailedError(job.id, job.operation, failure_reason(poll, item))
        waited = clock() - started
        if waited >= timeout:
            raise WaitTimeoutError(job.id, job.operation, int(status), waited)
        await sleep(min(pause, timeout - waited))
        pause = min(pause * defaults.POLL_BACKOFF, defaults.POLL_INTERVAL_CAP)
