"""Webhook deliveries: one per status change of a job created with a webhook URL, at least once, in order.

The outbox only decides what to send and when, on the fake's clock; a dispatcher (sync for the in-process
fake, async under uvicorn) does the sending and reports back through `settle`. A delivery is retried on
anything but HTTP 200 (or on a timeout or refused connection) after the delays of `webhook_retry_s`, the
last delay repeating, until acknowledged. A job's next delivery waits until the previous one is
acknowledged, so each receiver sees a job's statuses in order (unless the account asked for disorder).
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from akool_mock.mock_server.jobs import COMPLETED, FAILED, Job

HELD = float("inf")
STALE_BY_MS = 3_600_000
TRANSLATION = "video_translation.create"


@dataclass(slots=True)
class Modes:
    """Adversarial delivery modes per account, for testing receivers (all off by default)."""

    duplicate: bool = False
    out_of_order: bool = False
    tamper_signature: bool = False
    stale_timestamp: bool = False
    replay_nonce: bool = False
    delay_s: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(slots=True)
class Attempt:
    at_ms: int
    status: int | None
    error: str | None
    bodies: int = 1
    url: str | None = None  # where this attempt went (the forward URL while `akool-mock listen` runs)

    def as_dict(self) -> dict[str, Any]:
        return {
            "at": self.at_ms,
            "http_status": self.status,
            "error": self.error,
            "bodies": self.bodies,
            "url": self.url,
        }


@dataclass(slots=True, eq=False)
class Delivery:
    id: str
    job_id: str
    account: str
    url: str
    payload: dict[str, Any]
    created_at: float
    next_at: float
    attempts: list[Attempt] = field(default_factory=list)
    state: str = "pending"  # pending, in_flight, delivered, refused
    last_body: dict[str, Any] | None = None

    @property
    def _waiting(self) -> bool:
        return self.state == "pending" and self.next_at != HELD

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "job_id": self.job_id,
            "account": self.account,
            "url": self.url,
            "state": self.state,
            "payload": self.payload,
            "created_at": int(self.created_at * 1000),
            "next_attempt_at": int(self.next_at * 1000) if self._waiting else None,
            "attempts": [a.as_dict() for a in self.attempts],
            "body": self.last_body,
        }


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One POST to make: its delivery and the JSON bodies to send (more than one when duplicating)."""

    delivery: Delivery
    bodies: tuple[dict[str, Any], ...]
    url: str = ""  # where to send it: the delivery's URL, or the forward URL of `akool-mock listen`


def payload_for(job: Job, webhook_type: str, result_fields: tuple[str, ...]) -> dict[str, Any]:
    """The decrypted payload receivers read (schemas/webhook/payload.json)."""
    payload: dict[str, Any] = {"_id": job.id, "status": job.status, "type": webhook_type}
    url = next((job.fields[f] for f in result_fields if str(job.fields.get(f, "")).startswith("http")), None)
    if job.status == COMPLETED and url:
        payload["url"] = url
        payload["deduction_credit"] = job.cost
    if job.op_id == TRANSLATION:
        # Akool's video-translation receivers read these too (notes/real-world-quirks.md).
        payload.update(video_status=job.status, video=url or "", video_id=job.id)
        payload["progress"] = job.fields.get("progress", 100 if job.status == COMPLETED else 0)
        if job.status == FAILED:
            payload.update(
                error_code=job.fields.get("error_code", 1015), error_reason=job.failure_reason or ""
            )
    return payload


class Outbox:
    """Every delivery, the per-job queues, and each account's adversarial modes."""

    def __init__(self, retry_s: tuple[float, ...], allowlist: tuple[str, ...], rng: random.Random) -> None:
        self.retry_s = retry_s or (5.0,)
        self.allowlist = allowlist
        self.rng = rng
        self.deliveries: dict[str, Delivery] = {}
        self.queues: dict[str, deque[Delivery]] = {}
        self.modes: dict[str, Modes] = {}
        self.sent_bodies: dict[str, list[dict[str, Any]]] = {}
        self.sequence = 0
        self.touched: set[str] = set()  # delivery ids changed since the last save (persistence.py)
        self.on_attempt: Callable[[Delivery, Attempt], None] | None = None  # the webhook log line
        self.forward_to: str | None = None  # `akool-mock listen`: every delivery goes here instead

    def mode(self, account: str) -> Modes:
        return self.modes.get(account) or Modes()

    def set_modes(self, account: str, **flags: Any) -> Modes:
        """Replace the account's adversarial modes; unknown names are refused."""
        unknown = set(flags) - set(Modes.__slots__)
        if unknown:
            raise ValueError(f"unknown webhook modes {sorted(unknown)}; known: {list(Modes.__slots__)}")
        modes = Modes()
        for name, value in flags.items():
            setattr(modes, name, float(value) if name == "delay_s" else bool(value))
        self.modes[account] = modes
        return modes

    def enqueue(self, job: Job, payload: dict[str, Any], now: float) -> Delivery:
        self.sequence += 1
        modes = self.mode(job.owner)
        delivery = Delivery(
            f"wh_{self.sequence:08d}", job.id, job.owner, job.webhook_url or "", payload, now, now
        )
        delivery.next_at = now + modes.delay_s
        self.deliveries[delivery.id] = delivery
        self.touched.add(delivery.id)
        if not self._allowed(delivery.url):
            self._refuse(delivery, now)
            return delivery
        queue = self.queues.setdefault(job.id, deque())
        queue.append(delivery)
        if modes.out_of_order:
            self._disorder(queue, job, delivery.next_at)
        return delivery

    @staticmethod
    def _disorder(queue: deque[Delivery], job: Job, due: float) -> None:
        """Hold a job's earlier deliveries until its final one exists, then send the newest first."""
        if job.status not in (COMPLETED, FAILED):
            queue[-1].next_at = HELD
            return
        reordered = sorted(queue, key=lambda d: d.payload["status"], reverse=True)
        queue.clear()
        queue.extend(reordered)
        for delivery in queue:
            if delivery.next_at == HELD:
                delivery.next_at = due

    def _allowed(self, url: str) -> bool:
        if not self.allowlist:
            return True
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:  # e.g. "http://[x": not a destination anyone could allow
            return False
        return host in self.allowlist

    def take_due(self, now: float, seal_for: Any) -> list[Outgoing]:
        """Deliveries due now (the head of each job's queue), marked in flight, with their sealed bodies."""
        out: list[Outgoing] = []
        for queue in self.queues.values():
            if not queue:
                continue
            head = queue[0]
            if head.state != "pending" or head.next_at > now:
                continue
            head.state = "in_flight"
            self.touched.add(head.id)
            out.append(Outgoing(head, self._bodies(head, now, seal_for), self.forward_to or head.url))
        return out

    def _bodies(self, delivery: Delivery, now: float, seal_for: Any) -> tuple[dict[str, Any], ...]:
        modes = self.mode(delivery.account)
        timestamp = int(now * 1000) - (STALE_BY_MS if modes.stale_timestamp else 0)
        nonce = str(self.rng.randint(1000, 9999))  # digits in a string, as decided (#webhook-nonce-type)
        body: dict[str, Any] = seal_for(delivery.account, delivery.payload, timestamp, nonce)
        if modes.tamper_signature:
            flipped = "0" if body["signature"][0] != "0" else "1"
            body = {**body, "signature": flipped + body["signature"][1:]}
        delivery.last_body = body
        bodies = [body, body] if modes.duplicate else [body]
        previous = self.sent_bodies.get(delivery.account)
        if modes.replay_nonce and previous:
            bodies.append(previous[-1])  # an earlier delivery, verbatim: same nonce and signature
        return tuple(bodies)

    def settle(
        self,
        delivery: Delivery,
        status: int | None,
        error: str | None,
        now: float,
        bodies: int = 1,
        *,
        url: str | None = None,
    ) -> None:
        """Record an attempt; 200 acknowledges, anything else schedules the next try."""
        attempt = Attempt(int(now * 1000), status, error, bodies, url or delivery.url)
        delivery.attempts.append(attempt)
        self.touched.add(delivery.id)
        queue = self.queues.get(delivery.job_id)
        if status != 200:
            delivery.state = "pending"
            index = min(len(delivery.attempts) - 1, len(self.retry_s) - 1)
            delivery.next_at = now + self.retry_s[index]
        if self.on_attempt is not None:
            self.on_attempt(delivery, attempt)
        if status == 200:
            delivery.state = "delivered"
            if delivery.last_body is not None:
                self.sent_bodies.setdefault(delivery.account, []).append(delivery.last_body)
                del self.sent_bodies[delivery.account][:-10]
            if queue and queue[0] is delivery:
                queue.popleft()
            if queue is not None and not queue:
                del self.queues[delivery.job_id]

    def redeliver(self, delivery_id: str, now: float) -> Delivery:
        original = self.deliveries[delivery_id]
        self.sequence += 1
        copy = Delivery(
            f"wh_{self.sequence:08d}",
            original.job_id,
            original.account,
            original.url,
            dict(original.payload),
            now,
            now,
        )
        self.deliveries[copy.id] = copy
        self.touched.add(copy.id)
        if not self._allowed(copy.url):
            self._refuse(copy, now)
            return copy
        self.queues.setdefault(copy.job_id, deque()).append(copy)
        return copy

    @staticmethod
    def _refuse(delivery: Delivery, now: float) -> None:
        delivery.state = "refused"
        delivery.attempts.append(
            Attempt(int(now * 1000), None, "destination not in the webhook allowlist", 0)
        )

    def pending(self) -> int:
        return sum(len(q) for q in self.queues.values())

    def for_job(self, job_id: str | None) -> list[Delivery]:
        return [d for d in self.deliveries.values() if job_id in (None, d.job_id)]
