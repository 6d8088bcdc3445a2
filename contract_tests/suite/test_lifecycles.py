"""State machines: every job kind (from the catalog) and every stateful resource, on a controllable target.

They move the clock, force outcomes and reset the target, so they run only where that is possible: the
in-process fake and `akool-mock serve` (its /_mock/ control API). Against the real API they are skipped.
"""

from __future__ import annotations

import pytest
from hypothesis import settings
from hypothesis.stateful import run_state_machine_as_test

from akool_mock.contract_tests import profiles
from akool_mock.contract_tests.resources import RESOURCES, resource_machine
from akool_mock.contract_tests.stateful import Harness, job_machine, job_operations
from akool_mock.schemas import Operation


def _settings() -> settings:
    return settings(max_examples=profiles.budget("machine"), stateful_step_count=profiles.budget("steps"))


def _need_control(harness: Harness) -> None:
    if not harness.target.controllable or harness.target.read_only:
        pytest.skip(
            f"state machines need a controllable target (clock, outcomes, reset): {harness.target.name}"
        )


@pytest.mark.parametrize("op", job_operations(), ids=lambda op: op.id)
def test_job_lifecycle(op: Operation, harness: Harness) -> None:
    """A job's status never goes back and a terminal one is final; its poll shows what its create sent; its
    result serves the right media from completion on; credits are charged once (refunded on failure); a
    deleted job is gone; another account cannot see it; every webhook verifies, names it by its id and
    matches the polled state; a job made with a webhook URL delivers its outcome; a job on the clock's
    lifecycle is finished once the clock has moved past its durations."""
    _need_control(harness)
    run_state_machine_as_test(job_machine(op, harness), settings=_settings())  # type: ignore[no-untyped-call,unused-ignore]  # typed in newer hypothesis


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_resource_lifecycle(name: str, harness: Harness) -> None:
    """A stateful resource's list holds exactly the live ones, a deleted one is gone from its list and detail,
    a status never goes back, a closed session stays closed; a closed live face swap session refuses updates
    with 1010, an open one takes them; closing a streaming session again answers its first closed_at and
    refunds nothing more; an uploaded streaming avatar is listed and makes sessions once ready (1003 naming
    avatar_id before); deleting an id that is no voice of the caller's (an Akool voice too) names it; a
    knowledge base keeps its docs and urls and refuses a rename to another's name (1233)."""
    _need_control(harness)
    machine = resource_machine(name, harness)
    run_state_machine_as_test(machine, settings=_settings())  # type: ignore[no-untyped-call,unused-ignore]  # typed in newer hypothesis
