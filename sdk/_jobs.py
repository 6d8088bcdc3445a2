"""The pure half of waiting for a job: which operation polls it, how, and what its answer says.

The loop that sends polls and sleeps is in sdk/_async/polling.py (and its generated sync twin); the
tables it reads (`JOBS`, `POLLS`) are in sdk/_operations.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from akool_mock.sdk._core import RequestSpec
from akool_mock.sdk._operations import JOBS, POLLS, PollKind, spec_for
from akool_mock.sdk.errors import UnexpectedResponseError
from akool_mock.sdk.types._base import JobStatus

REASON_FIELDS: Final = ("error_reason", "failure_reason", "fail_reason", "error_msg", "error_reasons")
"""Where a failure reason may be when the catalog names no failure field for the job's operation."""


@dataclass(frozen=True, slots=True)
class PollPlan:
    """How to poll one job: the request, where the job is in the answer, and where its failure reason is."""

    job_id: str
    operation: str
    poll_operation: str
    kind: PollKind
    spec: RequestSpec
    failure_field: str | None


def plan(job_id: str, operation: str) -> PollPlan:
    """The poll plan of job `job_id`, made (or last read) by catalog operation `operation`."""
    if operation in JOBS:
        job = JOBS[operation]
        poll_op, failure_field = job.poll_operation, job.failure_field
    elif operation in POLLS:
        poll_op, failure_field = operation, None
    else:
        raise ValueError(f"{operation!r} neither creates nor polls jobs: there is nothing to wait for")
    kind = POLLS[poll_op]
    location = {kind.id_name: job_id}
    if kind.id_in == "query":
        spec = spec_for(poll_op, params=location)
    elif kind.id_in == "body":
        spec = spec_for(poll_op, json=location)
    else:
        spec = spec_for(poll_op, path=location)
    return PollPlan(job_id, operation, poll_op, kind, spec, failure_field)


def job_item(plan: PollPlan, data: Any) -> Mapping[str, Any]:
    """The job's object in the unwrapped poll answer `data`."""
    found: Any = data
    for key in plan.kind.items_path:
        found = found.get(key) if isinstance(found, Mapping) else None
    if isinstance(found, list):
        # A poll of several ids lists their jobs; avatars.get (one id) answers its record in an array.
        found = next(
            (item for item in found if isinstance(item, Mapping) and item.get("_id") == plan.job_id), None
        )
    if not isinstance(found, Mapping):
        raise UnexpectedResponseError(f"job {plan.job_id} is not in the answer", plan.poll_operation)
    return found


def status_of(plan: PollPlan, item: Mapping[str, Any]) -> JobStatus:
    try:
        return JobStatus.parse(item.get(plan.kind.status_field))
    except ValueError as exc:
        message = f"job {plan.job_id} has no valid `{plan.kind.status_field}`: {exc}"
        raise UnexpectedResponseError(message, plan.poll_operation) from exc


def failure_reason(plan: PollPlan, item: Mapping[str, Any]) -> str | None:
    """Why a failed job failed, when the answer says it."""
    fields = (plan.failure_field, *REASON_FIELDS) if plan.failure_field else REASON_FIELDS
    for name in fields:
        value = item.get(name)
        if isinstance(value, list):
            value = "; ".join(str(entry) for entry in value if entry)
        if value:
            return str(value)
    return None
