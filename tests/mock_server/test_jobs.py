"""The job engine: statuses only move forward, terminal states are final, listeners hear each change once."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akool_mock.mock_server.jobs import COMPLETED, FAILED, PROCESSING, QUEUED, Job, JobEngine, JobStateError
from akool_mock.mock_server.settings import Lifecycle

TIME = Lifecycle(durations={"x": (5.0, 10.0)})


def make(engine: JobEngine, lifecycle: Lifecycle = TIME, *, fails: bool = False, job_id: str = "j1") -> Job:
    return engine.create(
        job_id, "x.create", "acct", 0.0, lifecycle, fails=fails, webhook_url=None, cost=1, fields={}
    )


def test_time_policy_moves_at_the_deadlines() -> None:
    engine = JobEngine()
    job = make(engine)
    engine.tick(4.9)
    assert job.status == QUEUED
    engine.tick(5.0)
    assert job.status == PROCESSING
    engine.tick(15.0)
    assert job.status == COMPLETED
    assert job.history == [(QUEUED, 0.0), (PROCESSING, 5.0), (COMPLETED, 15.0)]


def test_a_planned_failure_fails_with_a_reason() -> None:
    engine = JobEngine()
    job = make(engine, fails=True)
    engine.tick(100)
    assert job.status == FAILED
    assert job.failure_reason


def test_polls_policy_steps_every_n_polls() -> None:
    engine = JobEngine()
    job = make(engine, Lifecycle(policy="polls", polls_per_step=2))
    statuses = []
    for _ in range(6):
        engine.polled(job, 0.0)
        statuses.append(job.status)
    assert statuses == [1, 2, 2, 3, 3, 3]


def test_manual_policy_only_moves_when_told() -> None:
    engine = JobEngine()
    job = make(engine, Lifecycle(policy="manual"))
    engine.tick(10_000)
    engine.polled(job, 10_000)
    assert job.status == QUEUED
    engine.step(job, 1)
    assert job.status == PROCESSING


@pytest.mark.parametrize("action", ["complete", "fail", "step"])
def test_terminal_states_are_final(action: str) -> None:
    engine = JobEngine()
    job = make(engine)
    engine.complete(job, 1.0)
    with pytest.raises(JobStateError):
        _apply(engine, job, action, 2.0)
    assert job.status == COMPLETED


@given(
    st.lists(st.sampled_from(["tick", "poll", "step", "complete", "fail"]), max_size=12),
    st.sampled_from(["time", "polls", "manual"]),
)
def test_status_never_goes_back_and_each_change_is_heard_once(actions: list[str], policy: str) -> None:
    engine = JobEngine()
    heard: list[int] = []
    engine.listeners.append(lambda job, status, now: heard.append(status))
    job = make(engine, Lifecycle(policy=policy, durations={"x": (1.0, 1.0)}))  # type: ignore[arg-type]
    now = 0.0
    for action in actions:
        now += 1.0
        try:
            _apply(engine, job, action, now)
        except JobStateError:
            assert job.terminal
    statuses = [status for status, _ in job.history]
    assert statuses == sorted(statuses)
    assert statuses[0] == QUEUED
    assert heard == statuses[1:]
    assert len([s for s in statuses if s in (COMPLETED, FAILED)]) <= 1


def _apply(engine: JobEngine, job: Job, action: str, now: float) -> None:
    if action == "tick":
        engine.tick(now)
    elif action == "poll":
        engine.polled(job, now)
    elif action == "fail":
        engine.fail(job, now, "x")
    else:
        getattr(engine, action)(job, now)


def test_owned_lists_only_live_jobs_of_the_owner() -> None:
    engine = JobEngine()
    a = make(engine, job_id="a")
    make(engine, job_id="b")
    engine.delete(a)
    assert [j.id for j in engine.owned("acct", ("x.create",))] == ["b"]
    assert engine.owned("other", ("x.create",)) == []


# (owner, op, value of the indexed field, delete it?) per job; a lookup happens after each creation.
JOB_SPECS = st.lists(
    st.tuples(
        st.sampled_from(["a", "b"]), st.sampled_from(["op.x", "op.y"]), st.integers(0, 3), st.booleans()
    ),
    max_size=30,
)


@given(JOB_SPECS, st.integers(0, 3), st.booleans())
def test_matching_is_owned_filtered_by_the_field_or_the_planned_value(
    specs: list[tuple[str, str, int, bool]], wanted: int, planned: bool
) -> None:
    """The index answers what a scan of the owner's jobs would, however lookups and creations interleave;
    with `planned=True` it reads the value planned at creation, not the fields."""
    engine = JobEngine()
    ops = ("op.x", "op.y")
    for index, (owner, op_id, value, delete) in enumerate(specs):
        key = {"key": f"v{value}"}
        job = engine.create(
            f"j{index:03d}",
            op_id,
            owner,
            float(index),
            TIME,
            fails=False,
            webhook_url=None,
            cost=0.0,
            fields={"key": "not this one"} if planned else key,
            planned=key if planned else None,
        )
        if delete:
            engine.delete(job)
        for who in ("a", "b"):
            owned = engine.owned(who, ops)
            scanned = [
                j for j in owned if ((j.planned or {}) if planned else j.fields)["key"] == f"v{wanted}"
            ]
            assert engine.matching(who, ops, "key", f"v{wanted}", planned=planned) == scanned
            if planned:
                assert engine.matching(who, ops, "key", f"v{wanted}") == []


def test_history_and_completed_at_derive_from_the_times_of_the_moves() -> None:
    engine = JobEngine()
    job = make(engine)
    assert (job.history, job.completed_at) == ([(QUEUED, 0.0)], None)
    engine.step(job, 2.0)
    assert (job.history, job.completed_at) == ([(QUEUED, 0.0), (PROCESSING, 2.0)], None)
    engine.fail(job, 7.0)
    assert (job.history, job.completed_at) == ([(QUEUED, 0.0), (PROCESSING, 2.0), (FAILED, 7.0)], None)
    done = make(engine, job_id="j2")
    engine.complete(done, 9.0)  # from queued: processing and completed at the same time
    assert done.history == [(QUEUED, 0.0), (PROCESSING, 9.0), (COMPLETED, 9.0)]
    assert done.completed_at == 9.0


@given(st.booleans())
def test_the_immediate_policy_finishes_on_creation_and_tells_each_status(fails: bool) -> None:
    engine = JobEngine()
    heard: list[int] = []
    engine.listeners.append(lambda _job, status, _now: heard.append(status))
    job = make(engine, Lifecycle(policy="immediate"), fails=fails)
    outcome = FAILED if fails else COMPLETED
    assert job.status == outcome
    assert job.history == [(QUEUED, 0.0), (PROCESSING, 0.0), (outcome, 0.0)]
    assert heard == [PROCESSING, outcome]
    assert engine.tick(1e9) == 0  # nothing left scheduled
