"""Generated positive cases: for every operation, valid requests from its schema through the SDK.

Each answer must conform to the response schema, carry 1000 (or a code the docs give the operation for a
request naming something the target does not hold: contract_tests.checks.ALLOWED), and the SDK must agree
with it (data on success, the right exception otherwise). A success must carry the fields of the docs'
example answer (contract_tests.shapes; the harness checks it on every exchange of the suite).
An operation the 2026 docs call deprecated is refused (1008, nothing charged) by the in-process fake with
its default setting (schemas/NOTES.md#deprecated-operations).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akool_mock.contract_tests import checks, ids, profiles
from akool_mock.contract_tests.stateful import Harness
from akool_mock.contract_tests.strategies import valid_requests
from akool_mock.contract_tests.targets import may_run
from akool_mock.contract_tests.world import World
from akool_mock.schemas import Operation, load_catalog

OPERATIONS = load_catalog().operations


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.id)
@settings(max_examples=profiles.budget("positive"))
@given(data=st.data())
def test_generated_requests_get_conforming_answers(
    op: Operation, data: st.DataObject, harness: Harness, world: World
) -> None:
    """Valid requests generated from the schema answer 1000 (or a documented not-found code, never for an id
    the target listed or made itself) with a body that conforms to the response schema and carries every field
    of the docs' example answer, and the SDK agrees with the wire; a voice change is named after its source
    file."""
    if not may_run(harness.target, op.id):
        pytest.skip(f"{op.id} costs credits: the live target runs it only with --akool-allow-costly")
    request = data.draw(valid_requests(op, world.refs_for(op)), label="request")
    # On a target reset for this module, every id the world gathered is held until a request got 1000 with it
    # (a delete or close may have ended it). The real API's lists may name things it will not use.
    held = ids.supplied_ids(op, request, world.refs_for(op)) if harness.target.controllable else {}
    held = {value: name for value, name in held.items() if value not in world.answered}
    exchange = harness.send(op, request)
    checks.run(
        exchange,
        [
            checks.business_code_expected,
            checks.holds_what_it_gave(held),
            checks.sdk_agrees,
            checks.names_the_change_after_its_source,
        ],
    )
    if exchange.code == checks.SUCCESS:
        world.answered.update(held)


DEPRECATED = [op for op in OPERATIONS if op.raw.get("deprecated")]
GONE = 1008  # what a refused deprecated operation answers (schemas/NOTES.md#deprecated-operations)


@pytest.mark.parametrize("op", DEPRECATED, ids=lambda op: op.id)
@settings(max_examples=1)
@given(data=st.data())
def test_a_deprecated_operation_is_refused_by_default(
    op: Operation, data: st.DataObject, harness: Harness, world: World
) -> None:
    """An operation the 2026 docs call deprecated ("no longer available") answers 1008 and charges nothing,
    on the fake with its default setting (`deprecated = "refuse"`); what the live API answers is not known."""
    fake = getattr(harness.target, "fake", None)
    if fake is None or fake.backend.settings.deprecated != "refuse":
        pytest.skip(f"only the in-process fake's setting is known: {harness.target.name}")
    request = data.draw(valid_requests(op, world.refs_for(op)), label="request")
    before = harness.credit()
    exchange = harness.send(op, request)
    if exchange.code != GONE:
        raise checks.CheckFailure(
            exchange, f"a deprecated operation answered code {exchange.code}, not {GONE}"
        )
    if harness.credit() != before:
        raise checks.CheckFailure(exchange, "a refused deprecated operation charged credits")
