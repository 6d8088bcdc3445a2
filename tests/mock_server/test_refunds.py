"""What a failed job costs (mock_server/refunds.py): the balance, the poll answer and the webhook agree."""

from __future__ import annotations

import pytest

from akool_mock.mock_server.handlers.common import webhook_fields
from akool_mock.mock_server.refunds import refunds_on_failure
from akool_mock.schemas import Operation
from tests.mock_server.conftest import Fake
from tests.support.scenarios import job_ids, job_operations, poll, valid_body
from tests.support.targets import PipelineApi

HOOK = "http://127.0.0.1:9/hook"
COST_FIELDS = ("deduction_credit", "deduction_duration")
FREE = {
    "voices.clone",
    "headswap.submit_analysis",
}  # clone examples answer deduction_credit 0; a head swap analysis is free (NOTES #headswap-price-webhook)


def _create(fake: Fake, op: Operation) -> str:
    api = PipelineApi(fake)
    body = valid_body(api, op)
    for name in webhook_fields(op)[-1:]:
        body[name] = HOOK
    answer = api.call(op.id, body=body)
    assert answer["code"] == 1000, answer
    return job_ids(op, answer)[0]


def _balance(fake: Fake) -> float:
    return float(next(iter(fake.backend.accounts.values())).credits)


def _payloads(fake: Fake, job_id: str) -> list[dict[str, object]]:
    return [d.payload for d in fake.backend.outbox.for_job(job_id)]


def test_every_job_kind_refunds_a_failure() -> None:
    assert all(refunds_on_failure(op.id) for op in job_operations())
    assert not refunds_on_failure("streaming.create_session")  # settles its unused minutes itself


@pytest.mark.parametrize("op", job_operations(), ids=lambda op: op.id)
def test_a_failed_job_costs_nothing_in_every_answer(fake: Fake, op: Operation) -> None:
    job_id = _create(fake, op)
    job = fake.backend.jobs.get(job_id)
    charged, after_create = job.cost, _balance(fake)
    assert charged > 0 or op.id in FREE, op.id
    fake.request("POST", f"/_mock/jobs/{job_id}/fail", body={"reason": "no face found"})
    assert _balance(fake) == pytest.approx(after_create + charged)
    item = poll(PipelineApi(fake), op, job_id)
    shown = {name: item[name] for name in COST_FIELDS if name in item}
    assert all(value == 0 for value in shown.values()), (op.id, shown)
    if "deduction_status" in item:
        assert item["deduction_status"] == 0
    final = [p for p in _payloads(fake, job_id) if p["status"] == 4]
    if webhook_fields(op) and op.id in fake.backend.catalog.webhook.types:
        assert [p["deduction_credit"] for p in final] == [0], (op.id, final)


@pytest.mark.parametrize("op", job_operations(), ids=lambda op: op.id)
def test_a_completed_job_keeps_its_charge_and_says_so(fake: Fake, op: Operation) -> None:
    job_id = _create(fake, op)
    charged, after_create = fake.backend.jobs.get(job_id).cost, _balance(fake)
    fake.request("POST", f"/_mock/jobs/{job_id}/complete")
    assert _balance(fake) == pytest.approx(after_create)
    item = poll(PipelineApi(fake), op, job_id)
    assert item.get("deduction_status", 1) == 1
    assert item.get("deduction_credit", charged) == pytest.approx(charged), (op.id, item)
    final = [p for p in _payloads(fake, job_id) if p["status"] == 3]
    if webhook_fields(op) and op.id in fake.backend.catalog.webhook.types:
        assert [p["deduction_credit"] for p in final] == [charged], (op.id, final)
