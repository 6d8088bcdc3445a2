"""Every job kind, from creation to completion and to failure, through its poll operation.

On the manual clock (time policy, the clock advanced by the control API) and on the polls policy.
"""

from __future__ import annotations

from typing import Any

import pytest

from akool_mock.mock_server.settings import build_settings
from akool_mock.schemas import Operation
from tests.mock_server.conftest import Fake, make_fake
from tests.support.scenarios import (
    create_job,
    job_operations,
    poll,
    status_of,
    walk_to_completion,
    walk_to_failure,
)
from tests.support.targets import PipelineApi

JOBS = job_operations()


def test_every_job_kind_is_covered() -> None:
    assert len(JOBS) >= 20


@pytest.mark.parametrize("op", JOBS, ids=lambda op: op.id)
def test_job_completes_on_the_manual_clock(fake: Fake, op: Operation) -> None:
    transcript = walk_to_completion(PipelineApi(fake), op)
    assert transcript[0][2] == 1
    assert transcript[1][2] == 3


@pytest.mark.parametrize("op", JOBS, ids=lambda op: op.id)
def test_job_fails_with_its_reason(fake: Fake, op: Operation) -> None:
    assert walk_to_failure(PipelineApi(fake), op)[0][2] == 4


@pytest.mark.parametrize("op", JOBS, ids=lambda op: op.id)
def test_job_moves_a_step_every_n_polls(op: Operation) -> None:
    fake = make_fake(
        build_settings({"lifecycle": {"policy": "polls", "polls_per_step": 2}}, clock="manual", seed=3)
    )
    api = PipelineApi(fake)
    job_id = create_job(api, op)
    seen = [status_of(api, op, job_id) for _ in range(6)]
    assert seen[0] == 1
    assert seen == sorted(seen), seen
    assert seen[-1] == 3, seen


def _shape(value: Any) -> Any:
    """A JSON value's structure: keys, list lengths and the type of each leaf (ids and times differ)."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(item) for item in value]
    return type(value).__name__


@pytest.mark.parametrize("op", JOBS, ids=lambda op: op.id)
def test_a_job_finished_as_it_is_created_shows_what_one_finished_on_the_clock_shows(op: Operation) -> None:
    """The immediate lifecycle completes a job inside its create: whatever the handler plans for the result
    (a head swap analysis, a voice_id) must be there by then, not set after the job was made."""
    immediate = make_fake(build_settings({"lifecycle": {"policy": "immediate"}}, clock="manual", seed=3))
    api = PipelineApi(immediate)
    item = poll(api, op, create_job(api, op))
    clocked = PipelineApi(make_fake(build_settings(clock="manual", seed=3)))
    job_id = create_job(clocked, op)
    clocked.advance(3600)
    expected = poll(clocked, op, job_id)
    assert _shape(item) == _shape(expected)
