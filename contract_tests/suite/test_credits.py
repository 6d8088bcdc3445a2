"""Credits: what a create charges is the docs' price for that request, computed by the suite from
fixtures/docs/prices.json (contract_tests.prices), not from the fake's tables; a refused create charges
nothing.

The lifecycle machines reconcile the balance with each job's own recorded cost, so a wrong price passes
there; here the charge (the balance before and after, read with `faceswap.get_quota`) is compared with the
price table. A price the docs leave open (or a media length the request only names) is akool-mock's
assumption (schemas/NOTES.md #contract-prices): checked on a controllable target only.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akool_mock.contract_tests import checks, profiles
from akool_mock.contract_tests.exchange import Exchange
from akool_mock.contract_tests.prices import Charge, Facts, expected_charge, priced
from akool_mock.contract_tests.stateful import NEEDS, Harness
from akool_mock.contract_tests.strategies import valid_requests
from akool_mock.contract_tests.targets import may_run
from akool_mock.contract_tests.world import World, build_world
from akool_mock.schemas import Operation, load_catalog

PRICED = [op for op in load_catalog().operations if priced(op.id) and not op.raw.get("deprecated")]
BATCHES = ("image2video.create_batch", "text2video.create_batch")  # `count` videos, default 1 (pages)
TOLERANCE = 1e-3  # answers show credits to 4 decimals


@pytest.fixture
def priced_world(harness: Harness, request: pytest.FixtureRequest) -> World:
    """A reset target (a fresh balance for each operation) and what its creates must name; a target that
    cannot be reset keeps its state and gets the free reads only."""
    op: Operation = request.node.callspec.params["op"]
    target = harness.target
    if target.controllable and not target.read_only:
        target.reset()
        return build_world(harness.conn, target, only=NEEDS.get(op.id, ()))
    return build_world(harness.conn, target, only=())


def _facts(harness: Harness, op: Operation, body: dict[str, Any]) -> Facts:
    """What the price depends on that only the target knows: the models' unit credits (a batch naming a
    model), the length of the video audio is added to."""
    if op.id == "image2video.create_batch" and body.get("model_name"):
        listed = harness.call("models.list", query={"types[]": 1501}).data or {}
        items = listed.get("result", []) if isinstance(listed, dict) else listed
        return Facts(models={str(m.get("value")): m for m in items if isinstance(m, dict)})
    if op.id == "image2video.update_audio":
        polled = harness.call("image2video.get_results", body={"_ids": str(body.get("pre_video_id"))})
        items = (polled.data or {}).get("result", []) if polled.code == checks.SUCCESS else []
        seconds = float(items[0]["video_duration"]) if items else None
        return Facts(video_seconds=seconds)
    return Facts()


def made_by(exchange: Exchange, body: dict[str, Any]) -> int:
    """How many things a successful create made: the videos of a batch (which must account for every one
    of `count`, default 1), the languages of a translation; else one."""
    op_id = exchange.op.id
    data = exchange.data if isinstance(exchange.data, dict) else {}
    if op_id in BATCHES:
        made, refused = len(data.get("successList") or []), len(data.get("errorList") or [])
        count = int(body.get("count") or 1)
        if made + refused != count:
            raise checks.CheckFailure(
                exchange, f"count {count} (default 1) answered {made} videos made and {refused} refused"
            )
        return made
    if op_id == "video_translation.create":
        results = exchange.body.get("all_results") if isinstance(exchange.body, dict) else None
        if isinstance(results, list):
            return sum(
                1 for result in results if isinstance(result, dict) and result.get("code") == checks.SUCCESS
            )
    return 1


def heard(exchange: Exchange, facts: Facts) -> Facts:
    """A voice change is priced per minute of its source audio, whose length its answer shows at once
    (`duration` in ms: 12800 at status 1 in the Create Voice Changer example, voiceLab.mdx)."""
    data = exchange.data if isinstance(exchange.data, dict) else {}
    duration = data.get("duration")
    if not isinstance(duration, int | float) or isinstance(duration, bool) or duration <= 0:
        raise checks.CheckFailure(
            exchange, f"a voice change answers the source audio's length as duration (ms), not {duration!r}"
        )
    return dataclasses.replace(facts, audio_seconds=duration / 1000)


def charged_as_priced(exchange: Exchange, charged: float, expected: Charge) -> None:
    if abs(charged - expected.credits) > TOLERANCE:
        raise checks.CheckFailure(
            exchange, f"the create charged {round(charged, 4)} credits; the docs' price is {expected.credits}"
        )


@pytest.mark.parametrize("op", PRICED, ids=lambda op: op.id)
@settings(max_examples=profiles.budget("machine"))
@given(data=st.data())
def test_a_create_charges_the_docs_price(
    op: Operation, data: st.DataObject, harness: Harness, priced_world: World
) -> None:
    """A create charges the docs' price for what it asked (price tables by length and resolution, per
    video of a batch, per second, per minute, per 1000 characters, per language; fixtures/docs/prices.json)
    and a batch accounts for each of its `count` videos (default 1); a refused create charges nothing."""
    target = harness.target
    if not may_run(target, op.id):
        pytest.skip(f"{op.id} costs credits: the live target runs it only with --akool-allow-costly")
    request = data.draw(valid_requests(op, priced_world.refs_for(op)), label="request")
    body = request.get("body") or {}
    facts = _facts(harness, op, body)
    if not target.controllable and not expected_charge(op.id, body, facts=facts).documented:
        pytest.skip(f"{op.id}: the docs leave this price open (schemas/NOTES.md #contract-prices)")
    before = harness.credit()
    exchange = harness.send(op, request)
    charged = before - harness.credit()
    checks.business_code_expected(exchange)
    if exchange.code != checks.SUCCESS:
        charged_as_priced(exchange, charged, Charge(0.0, True))
        return
    if op.id == "voices.change":
        facts = heard(exchange, facts)
    charged_as_priced(
        exchange, charged, expected_charge(op.id, body, made=made_by(exchange, body), facts=facts)
    )
