"""Every job kind, from creation to completion and to failure, through its poll operation.

On the manual clock (time policy, the clock advanced by the control API) and on the polls policy.
"""

from __future__ import annotations

import pytest

from akool_mock.mock_server.settings import build_settings
from akool_mock.schemas import Operation
from tests.mock_server.conftest import Fake, make_fake
from tests.support.scenarios import create_job, job_operations, status_of, walk_to_completion, walk_to_failure
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
