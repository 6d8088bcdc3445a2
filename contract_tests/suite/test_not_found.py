"""Not found: every operation that names a thing by id (its request schema's IdString fields: details,
polls, updates, deletes, closes) answers an id no target holds with the code the docs give it for that,
and a message naming the id's field."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akool_mock.contract_tests import checks, ids
from akool_mock.contract_tests.stateful import Harness
from akool_mock.contract_tests.strategies import valid_requests
from akool_mock.contract_tests.world import World
from akool_mock.schemas import Operation, load_catalog

# The operations whose ids name a thing and whose pages give a code for one that does not exist (ALLOWED), or
# that list the ids they did not act on in a 1000 answer (voices.delete). audio.create_tts does neither: it
# takes any voice_id.
OPERATIONS = [
    op
    for op in load_catalog().operations
    if ids.id_fields(op) and (checks.ALLOWED.get(op.id) or ids.lists_refusals(op))
]


# A blank id is sent to every single-id operation; one that takes a list of ids (voices.delete) drops blank
# entries, as a comma-split poll does, so there is nothing to list as not done.
CASES = [
    pytest.param(op, unheld, id=f"{op.id}-{kind}")
    for op in OPERATIONS
    for kind, unheld in (("unheld", ids.UNHELD_ID), ("blank", ids.BLANK_ID))
    if unheld != ids.BLANK_ID or not ids.lists_refusals(op)
]


@pytest.mark.parametrize(("op", "unheld"), CASES)
@settings(max_examples=1)
@given(data=st.data())
def test_an_id_the_target_cannot_hold_answers_not_found_naming_its_field(
    op: Operation, unheld: str, data: st.DataObject, harness: Harness, world: World
) -> None:
    """Not a sample: a valid request whose ids name nothing the target can hold (an id made before any
    target existed, or one of spaces only) answers the operation's documented not-found code (or lists the id
    as not done), with a message that names the id's field (every such operation, every run)."""
    if harness.target.read_only:
        pytest.skip("negative cases are not sent to the real API by default: one it accepts could bill a job")
    request = data.draw(valid_requests(op, world.refs_for(op)), label="request")
    changed, fields = ids.with_unheld(op, request, unheld)
    if not fields:
        raise AssertionError(f"{op.id}: the generated request sends none of its ids {ids.id_fields(op)}")
    exchange = harness.send(op, changed)
    if ids.lists_refusals(op):
        checks.run(exchange, [checks.listed_as_not_held(fields, unheld), checks.sdk_agrees])
    else:
        checks.run(exchange, [checks.refused_as_not_held(fields), checks.sdk_agrees])
