"""`akool-mock trigger` and `akool-mock listen`: Stripe-CLI-like webhook helpers over the control API.

`trigger OPERATION` creates a job of that kind on the served fake with a valid body (the docs' first example
that passes the request schema, else `data/trigger_bodies.json`), completes it through the control API and
waits for its webhooks. `listen --forward-to URL` asks the fake to send every delivery to URL (whatever
`webhookUrl` the job carries) and prints each attempt until stopped; on exit the fake's own URLs apply again.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from akool_mock.fixtures import FIXTURES_DIR
from akool_mock.mock_server.control_client import ControlClient, ControlFailed
from akool_mock.schemas import Catalog, Operation

POLL_S = 0.2
SETTLED = ("delivered", "refused")


def _examples() -> list[dict[str, Any]]:
    """The docs' examples: the original text's, then the 2026 pages' (fixtures/docs/current_examples.json)."""
    data: list[dict[str, Any]] = []
    for name in ("examples.json", "current_examples.json"):
        data.extend(json.loads((FIXTURES_DIR / "docs" / name).read_text("utf-8")))
    return data


def _data() -> dict[str, Any]:
    text = resources.files("akool_mock.mock_server").joinpath("data/trigger_bodies.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _declared() -> dict[str, dict[str, Any]]:
    return {key: value for key, value in _data().items() if not key.startswith("_")}


Fill = Callable[[dict[str, Any], dict[str, Any]], None]  # (the earlier finished job, the body to fill)


def prerequisite(op_id: str) -> tuple[str, Fill] | None:
    """(operation, how its finished job fills the body) when `op_id` acts on an earlier finished job."""
    if op_id in FOLLOW_UPS:
        return FOLLOW_UPS[op_id]
    found = _data()["_requires"].get(op_id)
    if not found:
        return None
    field_name = str(found[1])
    return str(found[0]), lambda earlier, body: body.__setitem__(field_name, earlier["id"])


def _after_analysis(analysis: dict[str, Any], body: dict[str, Any]) -> None:
    """A head swap task names the video and a person that a finished person analysis found."""
    fields = analysis["fields"]
    persons = [item["obj_id"] for item in fields["analysis_result"]["media"]]
    body["video_url"] = fields["video_url"]
    body["mappings"] = [{**body["mappings"][0], "obj_id": persons[0]}]


# Operations whose body takes more of an earlier finished job than its id (else `_requires`, in the JSON).
FOLLOW_UPS: dict[str, tuple[str, Fill]] = {
    "headswap.create_task": ("headswap.submit_analysis", _after_analysis),
}


def job_operations(catalog: Catalog) -> list[str]:
    """Operations `trigger` can run: job creates that send a webhook and are not deprecated."""
    return [
        op.id
        for op in catalog.operations
        if op.kind == "job_create" and op.id in catalog.webhook.types and "deprecated" not in op.raw
    ]


def trigger_body(catalog: Catalog, op_id: str) -> dict[str, Any]:
    """A body the request schema accepts: the docs' first valid example, else the declared one."""
    op = catalog.operation(op_id)
    for example in _examples():
        parsed = example.get("parsed")
        if (
            example.get("operation") == op_id
            and example.get("direction") == "request"
            and isinstance(parsed, dict)
            and not op.request_errors({"body": parsed})
        ):
            return dict(parsed)
    declared = _declared().get(op_id)
    if declared is None:
        raise ControlFailed(f"no valid request body is known for {op_id}")
    return dict(declared)


def webhook_field(op: Operation) -> str | None:
    """The body's webhook URL field as the docs spell it for this operation (`webhookUrl` or `webhookurl`)."""
    declared = op.request_schema.get("properties", {}).get("body", {}).get("properties", {})
    return next((name for name in ("webhookUrl", "webhookurl") if name in declared), None)


@dataclass(slots=True)
class Triggered:
    job: dict[str, Any]
    answer: dict[str, Any]
    deliveries: list[dict[str, Any]] = field(default_factory=list)


def trigger(
    client: ControlClient, catalog: Catalog, op_id: str, webhook_url: str | None, wait_s: float
) -> Triggered:
    if op_id not in job_operations(catalog):
        raise ControlFailed(f"{op_id!r} is not a job operation; one of: {', '.join(job_operations(catalog))}")
    job, answer = _create_and_complete(client, catalog, op_id, webhook_url)
    result = Triggered(job, answer)
    deadline = time.monotonic() + wait_s
    while True:
        result.deliveries = client.get("webhooks", job=job["id"])["deliveries"]
        if all(d["state"] in SETTLED for d in result.deliveries) or time.monotonic() >= deadline:
            return result
        time.sleep(POLL_S)


def _create_and_complete(
    client: ControlClient, catalog: Catalog, op_id: str, webhook_url: str | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Create one job of `op_id` (and first the finished job it acts on, if any), then complete it."""
    op = catalog.operation(op_id)
    body = trigger_body(catalog, op_id)
    for spelling in ("webhookUrl", "webhookurl"):
        body.pop(spelling, None)
    name = webhook_field(op)
    if webhook_url and name:
        body[name] = webhook_url
    needed = prerequisite(op_id)
    if needed is not None:
        earlier, _ = _create_and_complete(client, catalog, needed[0], None)
        needed[1](earlier, body)
    before = {job["id"] for job in client.get("jobs", operation=op_id)["jobs"]}
    answer = client.api(op.method, op.path, body)
    if answer.get("code") != 1000:
        raise ControlFailed(f"{op.method} {op.path} answered code {answer.get('code')}: {answer.get('msg')}")
    created = [job for job in client.get("jobs", operation=op_id)["jobs"] if job["id"] not in before]
    if not created:
        raise ControlFailed(f"{op_id} answered 1000 but no job appeared on {client.settings.url}")
    return client.post(f"jobs/{created[-1]['id']}/complete"), answer


def attempt_line(delivery: dict[str, Any], attempt: dict[str, Any]) -> str:
    status = attempt["http_status"]
    outcome = "delivered" if status == 200 else f"failed ({attempt['error'] or f'HTTP {status}'})"
    payload = json.dumps(delivery["payload"], separators=(",", ":"))
    url = attempt.get("url") or delivery["url"]
    head = f"{delivery['id']} job={delivery['job_id']} status={delivery['payload'].get('status')}"
    return f"{head} -> {url}  {outcome}  {payload}"


def new_attempts(
    client: ControlClient, seen: dict[str, int]
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Attempts not seen before, oldest delivery first; `seen` counts attempts per delivery."""
    for delivery in client.get("webhooks")["deliveries"]:
        attempts = delivery["attempts"]
        for attempt in attempts[seen.get(delivery["id"], 0) :]:
            yield delivery, attempt
        seen[delivery["id"]] = len(attempts)


def listen(
    client: ControlClient,
    forward_to: str,
    show: Callable[[str], None],
    stopped: Callable[[], bool],
    max_events: int | None = None,
) -> int:
    """Forward every delivery to `forward_to` and show each attempt until stopped; returns attempts shown."""
    seen: dict[str, int] = {}
    for delivery in client.get("webhooks")["deliveries"]:  # what happened before is not news
        seen[delivery["id"]] = len(delivery["attempts"])
    client.post("webhooks/forward", {"url": forward_to})
    shown = 0
    try:
        show(f"forwarding every webhook delivery of {client.settings.url} to {forward_to} (Ctrl+C to stop)")
        while not stopped() and (max_events is None or shown < max_events):
            for delivery, attempt in new_attempts(client, seen):
                show(attempt_line(delivery, attempt))
                shown += 1
            time.sleep(POLL_S)
    finally:
        try:
            client.post("webhooks/forward", {"url": None})
        except ControlFailed as exc:
            show(f"could not stop forwarding: {exc}")
    return shown
