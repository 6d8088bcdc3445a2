"""sdk._operations is the SDK's own copy of the catalog (the SDK never imports schemas): it must agree."""

from __future__ import annotations

import pytest

from akool_mock.schemas import Operation, load_catalog
from akool_mock.sdk._operations import JOBS, POLLS, ROUTES, spec_for

CATALOG = load_catalog()
OPERATIONS = {op.id: op for op in CATALOG.operations}
HOSTS = {"openapi.akool.com": "api", "sg3.akool.com": "detect"}


def test_every_catalog_operation_has_a_route_and_no_other() -> None:
    assert set(ROUTES) == set(OPERATIONS)


@pytest.mark.parametrize("op", CATALOG.operations, ids=lambda op: op.id)
def test_route(op: Operation) -> None:
    route = ROUTES[op.id]
    assert (route.method, route.path, route.host) == (op.method, op.path, HOSTS[op.host])
    # The SDK reads getToken's and createbytranslate's answers whole; everything else as the catalog says.
    whole = op.envelope == "token" or op.id == "video_translation.create"
    assert route.envelope == ("whole" if whole else op.envelope)
    assert route.auth == (op.auth == "required")
    # Only reads and polls are retried after a failure that may have reached the server.
    assert route.idempotent == (op.method == "GET" or op.kind == "job_poll")


def test_jobs_agree_with_the_catalog() -> None:
    expected = {op.id: op.job for op in CATALOG.operations if op.job is not None}
    assert set(JOBS) == set(expected)
    for op_id, spec in expected.items():
        job = JOBS[op_id]
        assert (job.poll_operation, job.status_field, job.failure_field) == (
            spec.poll_operation,
            spec.status_field,
            spec.failure_field,
        ), op_id
        assert POLLS[job.poll_operation].status_field == job.status_field


def test_polls_agree_with_the_catalog() -> None:
    expected = {op.id: op.poll for op in CATALOG.operations if op.poll is not None}
    assert set(POLLS) == set(expected)
    for op_id, spec in expected.items():
        poll = POLLS[op_id]
        assert f"{poll.id_in}.{poll.id_name}" == spec.id_in
        assert poll.many == spec.many
        assert ".".join(("data", *poll.items_path)) == spec.items_path
        assert poll.status_field == spec.status_field


def test_spec_for() -> None:
    spec = spec_for("voices.get_resource", path={"_id": "a b/c"})
    assert spec.path == "/api/open/v4/voice/resource/detail/a%20b%2Fc"
    assert (spec.method, spec.idempotent, spec.auth) == ("GET", True, True)
    token = spec_for("auth.get_token", json={"clientId": "i"})
    assert (token.envelope, token.auth, token.idempotent) == ("whole", False, False)
    assert spec_for("face_detection.detect_legacy").host == "detect"
