"""Negative cases: a valid request with ONE rule broken (missing required, wrong type, out of enum or
range, pattern, both of two exclusive fields) must answer 1003 with a message naming the field."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akool_mock.contract_tests import checks, profiles
from akool_mock.contract_tests.stateful import Harness
from akool_mock.contract_tests.strategies import (
    breakable,
    missing_required,
    negative_requests,
    valid_requests,
)
from akool_mock.schemas import Operation, load_catalog

OPERATIONS = [op for op in load_catalog().operations if breakable(op)]


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.id)
@settings(max_examples=profiles.budget("negative"))
@given(data=st.data())
def test_one_broken_rule_answers_1003_naming_the_field(
    op: Operation, data: st.DataObject, harness: Harness
) -> None:
    """A valid request with one rule broken (required, type, enum, range, pattern, exclusive fields) answers
    1003 naming the field (a sample per operation)."""
    if harness.target.read_only:
        pytest.skip("negative cases are not sent to the real API by default: one it accepts could bill a job")
    case = data.draw(negative_requests(op), label="negative case")
    exchange = harness.send(op, case.request)
    harness.recorder.negative(harness.target.name, case.rule, op.id, case.field)
    checks.run(exchange, [checks.names_the_field(case.field), checks.sdk_agrees])


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.id)
@settings(max_examples=1)
@given(data=st.data())
def test_every_required_field_missing_answers_1003_naming_it(
    op: Operation, data: st.DataObject, harness: Harness
) -> None:
    """Not a sample: each required field of one valid request is dropped in turn, every run."""
    if harness.target.read_only:
        pytest.skip("negative cases are not sent to the real API by default: one it accepts could bill a job")
    case = data.draw(valid_requests(op), label="valid case")
    for negative in missing_required(op, case):
        exchange = harness.send(op, negative.request)
        harness.recorder.negative(harness.target.name, "required", op.id, negative.field)
        checks.run(exchange, [checks.names_the_field(negative.field), checks.sdk_agrees])
