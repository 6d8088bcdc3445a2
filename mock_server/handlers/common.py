"""Building blocks the area handlers share: creating jobs, reading ids, paging, pricing, job views."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from akool_mock.mock_server.errors import NotFound
from akool_mock.mock_server.handlers.base import Call, Reply
from akool_mock.mock_server.jobs import FAILED, Job
from akool_mock.mock_server.plans import enforce, plan_named
from akool_mock.schemas import Operation

PRICING_DIR = Path(__file__).resolve().parent.parent / "data" / "pricing"
JobView = Callable[[Call, Job], dict[str, Any]]


@cache
def _pricing() -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """(default rule, rules by operation) from `data/pricing/*.json` (one file per area)."""
    default: dict[str, Any] = {}
    rules: dict[str, dict[str, Any]] = {}
    for path in sorted(PRICING_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        default.update(data.get("default", {}))
        rules.update(data.get("operations", {}))
    return default, rules


@cache
def _rule(op_id: str) -> dict[str, Any]:
    """The pricing rule of one operation: the defaults overridden by its own entry (merged once)."""
    default, rules = _pricing()
    return {**default, **rules.get(op_id, {})}


def price(op: Operation, body: dict[str, Any]) -> tuple[float, int]:
    """(credits, shortfall code) for one call, from `data/pricing/*.json`."""
    rule = _rule(op.id)
    credits = float(rule["credits"])
    per = rule["per"]
    if per == "1000_characters":
        text = str(body.get(rule.get("text_field", "input_text"), ""))
        credits *= max(len(text), 1) / 1000
    elif per in ("second", "minute"):
        seconds = float(rule.get("assumed_seconds", 10))
        credits *= seconds if per == "second" else seconds / 60
    return round(credits, 4), int(rule["shortfall_code"])


@cache
def webhook_fields(op: Operation) -> tuple[str, ...]:
    """The webhook field names this operation's request schema declares, lower-case spelling first.

    Pages spell it `webhookUrl` or, on some, `webhookurl`; each operation honours the spellings its own page
    uses, so a typo elsewhere is ignored as the real API ignores unknown fields
    (NOTES.md #webhook-url-spelling).
    """
    text = json.dumps(op.request_schema.get("properties", {}).get("body", {}))
    return tuple(name for name in ("webhookurl", "webhookUrl") if f'"{name}"' in text)


def webhook_url(call: Call) -> str | None:
    """The callback URL of this call; an empty string means none."""
    for name in webhook_fields(call.op):
        value = call.body.get(name)
        if isinstance(value, str) and value:
            return value
    return None


def start_job(
    call: Call,
    fields: dict[str, Any],
    *,
    planned: dict[str, Any] | None = None,
    cost: float | None = None,
    charge: bool = True,
    job_id: str | None = None,
) -> Job:
    """Charge the account, then create the job (status 1) that this call asks for.

    `cost` overrides the pricing table where an area computes its price itself; `charge=False` records the
    cost on a job whose credits were already taken (one charge for a whole batch); `job_id` is the id the
    job gets (a new one by default).
    """
    check_plan(call)
    table_cost, shortfall = price(call.op, call.body)
    amount = table_cost if cost is None else cost
    if charge:
        call.backend.charge(call.owner, amount, shortfall)
    return call.backend.create_job(
        call.owner,
        call.op,
        fields,
        webhook_url=webhook_url(call),
        cost=amount,
        planned=planned,
        job_id=job_id,
    )


def team_id(client_id: str) -> str:
    """A stable 24-hex team id per account (every answer carries one; the fake has no teams). One string per
    account, which its jobs' fields share instead of holding a copy each."""
    return account_hex(client_id)


@lru_cache(maxsize=4096)
def account_hex(text: str) -> str:
    """24 hex digits derived from `text` (an account's client id, perhaps prefixed): ids the fake shows per
    account (`team_id`, face swap's `userId`), hashed once per account and shared by every answer."""
    return hashlib.sha1(text.encode()).hexdigest()[:24]


def check_plan(call: Call) -> None:
    """Refuse what the account's plan does not allow (plans.py; schemas/NOTES.md #audit-plans)."""
    plan = plan_named(call.owner.plan)
    clones = 0
    if call.op.id == "voices.clone" and plan.voice_clones is not None:  # counted only where there is a limit
        owned = call.backend.jobs.owned(call.owner.client_id, ("voices.clone",))
        clones = sum(1 for job in owned if job.status != FAILED)
    enforce(plan, call.op.id, call.body, clones)


def split_ids(value: Any) -> list[str]:
    """`a,b` (or a list, where the schema allows one) as ids, blanks dropped, order kept, no repeats."""
    if isinstance(value, str) and "," not in value:  # the common poll: one id
        text = value.strip()
        return [text] if text else []
    raw: Iterable[Any] = value if isinstance(value, list) else str(value or "").split(",")
    seen: dict[str, None] = {}
    for item in raw:
        text = str(item).strip()
        if text:
            seen.setdefault(text, None)
    return list(seen)


def request_value(call: Call, where: str) -> Any:
    """The value at `query.<name>`, `body.<name>` or `path.<name>` of the call."""
    location, _, name = where.partition(".")
    source = {"query": call.query, "body": call.body, "path": call.path}[location]
    return source.get(name)


def producing_ops(call: Call) -> tuple[str, ...]:
    """The operations whose jobs this poll operation reads (catalog: job.poll_operation)."""
    return call.backend.catalog.producers(call.op.id)


def polled_jobs(call: Call, *, missing_code: int = 1008, skip_missing: bool = True) -> list[Job]:
    """The jobs named by the poll's id parameter; each poll counts toward the `polls` lifecycle.

    Only polls that take several ids (`many`) split on commas; a single-id poll reads its value whole, so
    `a,b` is simply an id that does not exist. With `skip_missing=False` a poll that names nothing usable
    answers not-found rather than an empty list.
    """
    spec = call.op.poll
    if spec is None:
        raise RuntimeError(f"{call.op.id} has no poll spec")
    value = request_value(call, spec.id_in)
    ids = split_ids(value) if spec.many else [str(value if value is not None else "").strip()]
    field = spec.id_in.partition(".")[2]
    if not skip_missing and not any(ids):
        raise NotFound(f"{field}: no id given", code=missing_code)
    ops = producing_ops(call)
    jobs: list[Job] = []
    backend = call.backend
    for job_id in ids:
        try:
            job = backend.find_job(call.owner, job_id, ops, missing_code)
        except NotFound:
            if skip_missing:
                continue
            raise NotFound(f"{field}: {job_id} not found", code=missing_code) from None
        backend.jobs.polled(job, backend.now())
        jobs.append(job)
    return jobs


def status_fields(job: Job, status_field: str) -> dict[str, Any]:
    return {"_id": job.id, status_field: job.status}


@lru_cache(maxsize=4096)  # polls show the same creation times again and again
def iso_time(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def ms(seconds: float) -> int:
    return int(seconds * 1000)


def paged(
    call: Call, items: list[Any], *, page_key: str = "page", size_key: str = "size", default_size: int = 10
) -> list[Any]:
    page = int(call.query.get(page_key) or 1)
    size = int(call.query.get(size_key) or default_size)
    start = (max(page, 1) - 1) * size
    return items[start : start + size]


def ok(data: Any = None, msg: str = "OK") -> Reply:
    return Reply(data=data, msg=msg)
