"""Every id a client may correlate agrees across the create answer, the poll answer and the webhooks.

One test over every job kind (the catalog's job-creating operations): create with a webhook URL, complete,
and compare each id-like field (`_id`, `job_id`, `video_id`, `task_id`, ...) wherever two places show it.
"""

from __future__ import annotations

from typing import Any

import pytest

from akool_mock.mock_server.handlers.common import webhook_fields
from akool_mock.schemas import Operation
from tests.mock_server.conftest import Fake
from tests.support.scenarios import job_ids, job_operations, poll, valid_body
from tests.support.targets import PipelineApi

HOOK = "http://127.0.0.1:9/hook"
NOT_CORRELATION_IDS = {"uid", "team_id", "voice_model_id", "effect_id"}  # the account's or an input's


def _created_item(op: Operation, answer: dict[str, Any], job_id: str) -> dict[str, Any]:
    data = answer["data"]
    items = data["successList"] if isinstance(data, dict) and "successList" in data else data
    items = items if isinstance(items, list) else [items]
    return next(item for item in items if item["_id"] == job_id)


def _ids(item: dict[str, Any]) -> dict[str, str]:
    return {
        key: value
        for key, value in item.items()
        if (key == "_id" or key.endswith("_id")) and key not in NOT_CORRELATION_IDS and value
    }


@pytest.mark.parametrize("op", job_operations(), ids=lambda op: op.id)
def test_every_id_agrees_across_answers_and_webhooks(fake: Fake, op: Operation) -> None:
    api = PipelineApi(fake)
    body = valid_body(api, op)
    for name in webhook_fields(op)[-1:]:
        body[name] = HOOK
    answer = api.call(op.id, body=body)
    job_id = job_ids(op, answer)[0]
    created = _ids(_created_item(op, answer, job_id))
    fake.request("POST", f"/_mock/jobs/{job_id}/complete")
    polled = _ids(poll(api, op, job_id))
    payloads = [_ids(d.payload) for d in fake.backend.outbox.for_job(job_id)]
    assert created["_id"] == polled["_id"] == job_id
    places = [("create", created), ("poll", polled)] + [(f"webhook {i}", p) for i, p in enumerate(payloads)]
    seen: dict[str, tuple[str, str]] = {}
    for place, ids in places:
        for key, value in ids.items():
            first = seen.setdefault(key, (place, value))
            assert first[1] == value, f"{op.id}: {key} is {first[1]} in {first[0]}, {value} in {place}"
    if webhook_fields(op) and op.id in fake.backend.catalog.webhook.types:
        assert payloads, f"{op.id}: no webhook"
        assert all(p["_id"] == job_id for p in payloads)


def test_video_translation_webhook_names_the_video_id_of_the_answers(fake: Fake) -> None:
    """The audit's case: create and poll answered one `video_id`, the webhook another."""
    body = {"url": "https://example.com/talk.mp4", "language": "fr", "lipsync": False, "webhookUrl": HOOK}
    data = fake.post("/api/open/v3/content/video/createbytranslate", body)["data"]
    fake.request("POST", f"/_mock/jobs/{data['_id']}/complete")
    [payload] = [d.payload for d in fake.backend.outbox.for_job(data["_id"]) if d.payload["status"] == 3]
    assert (payload["_id"], payload["video_id"]) == (data["_id"], data["video_id"])
    assert payload["video_id"] != payload["_id"]
