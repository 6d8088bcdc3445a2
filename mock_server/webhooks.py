"""Webhook deliveries: one per status change of a job created with a webhook URL, each at least once.

The outbox only decides what to send and when, on the fake's clock; a dispatcher (sync for the in-process
fake, async under uvicorn) does the sending and reports back through `settle`. A delivery is retried on
anything but HTTP 200 (or on a timeout or refused connection) after the delays of `webhook_retry_s`, the
last delay repeating, until acknowledged. Each status is delivered on its own, with its own retries, as
nothing in Akool's docs promises an order: a receiver that refuses status 2 still gets status 3. The
`ordered` mode (per account) holds a job's next delivery until the previous one is acknowledged instead.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from akool_mock.mock_server.destinations import Destinations, Refused
from akool_mock.mock_server.job_fields import shared_in
from akool_mock.mock_server.jobs import COMPLETED, FAILED, QUEUED, TERMINAL, Job, JobEngine
from akool_mock.mock_server.spelling import check_names

HELD = float("inf")
STALE_BY_MS = 3_600_000
TRANSLATION = "video_translation.create"


@dataclass(slots=True)
class Modes:
    """Delivery modes per account, for testing receivers (all off by default).

    `ordered`: a job's next delivery waits until the previous one is acknowledged (head-of-line blocking).
    """

    ordered: bool = False
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


MAX_LAYOUTS = 1024
_LAYOUTS: dict[tuple[str, ...], tuple[str, ...]] = {}


def _layout(keys: tuple[str, ...]) -> tuple[str, ...]:
    """One tuple object per distinct payload layout (a kind's payload has the same keys, in the same order,
    by construction of `payload_for`): a delivery keeps the values only."""
    return shared_in(_LAYOUTS, keys, lambda: keys, MAX_LAYOUTS)


class Delivery:
    """One webhook delivery: a payload for one status of a job, and its tries.

    Compact, as there is one per status change of every job with a webhook: the payload is kept as its
    values with a shared key layout (`payload` rebuilds the dict), the attempts as a tuple, and the body of
    the last try (~600 B; the dashboard and GET /_mock/webhooks show it raw) only until it is acknowledged:
    then `sealed_as` (see `seal_key`) says how it was sealed and `Outbox.body_of` seals it again. The
    encryption has a fixed IV, so the same payload, keys, timestamp and nonce give the same bytes.
    """

    __slots__ = (
        "_keys",
        "_values",
        "account",
        "attempts",
        "created_at",
        "id",
        "job_id",
        "last_body",
        "next_at",
        "scheduled",
        "sealed_as",
        "state",
        "url",
    )
    # What a state file row holds (persistence.py), in this order.
    RECORD = ("id", "job_id", "account", "url", "payload", "created_at", "next_at", "attempts", "state")

    def __init__(
        self,
        *,
        id: str,
        job_id: str,
        account: str,
        url: str,
        payload: dict[str, Any],
        created_at: float,
        next_at: float,
        attempts: tuple[Attempt, ...] = (),
        state: str = "pending",  # pending, in_flight, delivered, refused
        last_body: dict[str, Any] | None = None,
        sealed_as: int | None = None,
    ) -> None:
        self.id = id
        self.job_id = job_id
        self.account = account
        self.url = url
        self._keys = _layout(tuple(payload))
        self._values = tuple(payload.values())
        self.created_at = created_at
        self.next_at = next_at
        self.attempts = attempts
        self.state = state
        self.last_body = last_body
        self.sealed_as = sealed_as
        self.scheduled = False  # in its outbox's `_due` heap

    def __lt__(self, other: Delivery) -> bool:
        """Order in the outbox's `_due` heap: the earlier due first, then the older (ids are `wh_%08d`)."""
        return (self.next_at, self.id) < (other.next_at, other.id)

    @property
    def payload(self) -> dict[str, Any]:
        """The decrypted payload receivers read (a new dict each time)."""
        return dict(zip(self._keys, self._values, strict=True))

    @property
    def status(self) -> Any:
        """The job status this delivery tells."""
        return self._values[self._keys.index("status")]

    @property
    def _waiting(self) -> bool:
        return self.state == "pending" and self.next_at != HELD

    def as_dict(self, body: dict[str, Any] | None = None) -> dict[str, Any]:
        """The delivery as the control API shows it; `body` is the last try's (`Outbox.body_of`)."""
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
            "body": self.last_body if body is None else body,
        }


NONCES = 100_000  # a nonce is "1000" to "9999" (`Outbox._bodies`)


def seal_key(timestamp: int, nonce: str, tampered: bool) -> int:
    """What makes a sealed body of a delivery, besides its payload and account's keys, as one int."""
    return (timestamp * NONCES + int(nonce)) * 2 + tampered


def unseal_key(key: int) -> tuple[int, str, bool]:
    rest, tampered = divmod(key, 2)
    timestamp, nonce = divmod(rest, NONCES)
    return timestamp, str(nonce), bool(tampered)


# An acknowledged delivery folded into its job (`Outbox.fold`) is one int: from the most significant part,
# its seal key, sequence number (its id), the job status it told, each attempt (time in ms, HTTP status,
# bodies sent) and how many attempts. Everything else is its job's: account, URL, payload, created_at.
SEQUENCES = 1 << 40
AT_MS = 1 << 50
HTTP = 1000
BODIES = 8
ATTEMPTS = 64


def fold_record(sequence: int, status: int, attempts: tuple[Attempt, ...], key: int) -> int:
    record = (key * SEQUENCES + sequence) * 4 + status - 1
    for attempt in attempts:
        record = ((record * AT_MS + attempt.at_ms) * HTTP + (attempt.status or 0)) * BODIES + attempt.bodies
    return record * ATTEMPTS + len(attempts)


def unfold_record(record: int) -> tuple[int, int, list[tuple[int, int, int]], int]:
    """(sequence, status, [(at_ms, http status, bodies)], seal key) of a folded delivery."""
    record, count = divmod(record, ATTEMPTS)
    attempts: list[tuple[int, int, int]] = []
    for _ in range(count):
        record, bodies = divmod(record, BODIES)
        record, status = divmod(record, HTTP)
        record, at_ms = divmod(record, AT_MS)
        attempts.append((at_ms, status, bodies))
    attempts.reverse()
    record, status = divmod(record, 4)
    key, sequence = divmod(record, SEQUENCES)
    return sequence, status + 1, attempts, key


def sequence_of(delivery_id: str) -> int | None:
    """The sequence number in a delivery id `wh_00000042` (None for any other spelling)."""
    digits = delivery_id[3:]
    if not delivery_id.startswith("wh_") or not digits.isdigit():
        return None
    sequence = int(digits)
    return sequence if 0 < sequence < SEQUENCES and delivery_id == f"wh_{sequence:08d}" else None


def sealed(seal_for: Any, delivery: Delivery, key: int) -> dict[str, Any]:
    """The delivery's body as sealed under `key` (`seal_key`): when it is sent, and again when it is shown
    after the sent one was dropped, so both are made by this one function."""
    timestamp, nonce, tampered = unseal_key(key)
    body: dict[str, Any] = seal_for(delivery.account, delivery.payload, timestamp, nonce)
    return tamper(body) if tampered else body


def tamper(body: dict[str, Any]) -> dict[str, Any]:
    """The body with its signature's first digit changed (the `tamper_signature` mode)."""
    flipped = "0" if body["signature"][0] != "0" else "1"
    return {**body, "signature": flipped + body["signature"][1:]}


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One POST to make: its delivery and the JSON bodies to send (more than one when duplicating)."""

    delivery: Delivery
    bodies: tuple[dict[str, Any], ...]
    url: str = ""  # where to send it: the delivery's URL, or the forward URL of `akool-mock listen`


def payload_for(
    job: Job, webhook_type: str, result_fields: tuple[str, ...], status: int | None = None
) -> dict[str, Any]:
    """The decrypted payload receivers read (schemas/webhook/payload.json) for the job's `status` (its
    current one by default; an earlier one rebuilds what was sent then: see `Outbox.fold`)."""
    status = job.status if status is None else status
    payload: dict[str, Any] = {"_id": job.id, "status": status, "type": webhook_type}
    url = None
    if status == COMPLETED:
        url = next((job.field(f) for f in result_fields if str(job.field(f, "")).startswith("http")), None)
    if url:
        payload["url"] = url
    if status in TERMINAL:
        payload["deduction_credit"] = job.cost  # 0 once a failed job was refunded (refunds.py)
    if job.op_id == TRANSLATION:
        # Akool's video-translation receivers read these too (notes/real-world-quirks.md).
        # `video_id` is the job's own (the UUID the create and poll answers show), never its `_id`.
        payload.update(video_status=status, video=url or "", video_id=job.field("video_id", job.id))
        payload["progress"] = job.field("progress", 100 if status == COMPLETED else 0)
        if status == FAILED:
            payload.update(error_code=job.field("error_code", 1015), error_reason=job.failure_reason or "")
    return payload


def _ignore(_delivery_id: str) -> None:
    return None


class Outbox:
    """Every delivery, the per-job queues, and each account's adversarial modes."""

    def __init__(
        self,
        retry_s: tuple[float, ...],
        destinations: Destinations,
        rng: random.Random,
        *,
        track_touched: bool = True,
    ) -> None:
        self.retry_s = retry_s or (5.0,)
        self.destinations = destinations
        self.rng = rng
        # The deliveries not folded into their job (`fold`), by id: pending and in flight (also in `queues`),
        # refused, and the rare acknowledged one that cannot be (a redelivered copy, an attempt with an
        # error), which are also in `_kept` by job.
        self.deliveries: dict[str, Delivery] = {}
        self._kept: dict[str, list[Delivery]] = {}
        self._job_of: list[str | None] = []  # the job id of each sequence number (its delivery's id)
        self.jobs: JobEngine | None = None  # where acknowledged deliveries are folded (the Backend's)
        # The payload of a job's delivery for one of its statuses (the Backend's `webhook_payload`).
        self.payload_of: Callable[[Job, int], dict[str, Any]] | None = None
        self.queues: dict[str, list[Delivery]] = {}  # a job's unacknowledged ones (a list: a deque is ~600 B)
        # The pending deliveries that will fall due (not the held ones), earliest first (`Delivery.__lt__`):
        # `take_due` pops what is due instead of walking every queue, so a tick with 100,000 deliveries
        # waiting for their retry costs nothing (the walk took ~40 ms). A delivery is in it at most once
        # (`scheduled`), and only while pending, so its `next_at` never changes while it is in it.
        self._due: list[Delivery] = []
        self.modes: dict[str, Modes] = {}
        self.sent_bodies: dict[str, list[dict[str, Any]]] = {}
        self.sequence = 0
        self.touched: set[str] = set()  # delivery ids changed since the last save (persistence.py)
        self.on_attempt: Callable[[Delivery, Attempt], None] | None = None  # the webhook log line
        self.forward_to: str | None = None  # `akool-mock listen`: every delivery goes here instead
        # Seals a body again (the Backend's `seal_for`), for acknowledged deliveries: see `body_of`.
        self.seal_for: Callable[[str, dict[str, Any], int, str], dict[str, Any]] | None = None
        # Only a state file reads `touched`: without one it stays empty instead of growing per delivery.
        self._touch: Callable[[str], None] = self.touched.add if track_touched else _ignore

    def mode(self, account: str) -> Modes:
        return self.modes.get(account) or Modes()

    def set_modes(self, account: str, **flags: Any) -> Modes:
        """Replace the account's adversarial modes; unknown names are refused."""
        check_names(flags, Modes.__slots__, "webhook mode")
        modes = Modes()
        for name, value in flags.items():
            setattr(modes, name, float(value) if name == "delay_s" else bool(value))
        self.modes[account] = modes
        for queue in self.queues.values():
            if queue and queue[0].account == account:
                for delivery in queue:
                    self._schedule(delivery)
        return modes

    def _schedule(self, delivery: Delivery) -> None:
        """Put a pending delivery in the `_due` heap, unless it is there already or held."""
        if delivery.state == "pending" and not delivery.scheduled and delivery.next_at != HELD:
            delivery.scheduled = True
            heapq.heappush(self._due, delivery)

    def restore_pending(self, delivery: Delivery) -> None:
        """A pending delivery read back from a state file: in its job's queue, and scheduled."""
        self.queues.setdefault(delivery.job_id, []).append(delivery)
        self._schedule(delivery)

    def enqueue(self, job: Job, payload: dict[str, Any], now: float) -> Delivery:
        self.sequence += 1
        modes = self.mode(job.owner)
        delivery = Delivery(
            id=f"wh_{self.sequence:08d}",
            job_id=job.id,
            account=job.owner,
            url=job.webhook_url or "",
            payload=payload,
            created_at=now,
            next_at=now,
        )
        delivery.next_at = now + modes.delay_s
        self.register(delivery, job.id)
        self._touch(delivery.id)
        if (reason := self._refusal(delivery.url)) is not None:
            self._refuse(delivery, now, reason)
            return delivery
        queue = self.queues.setdefault(job.id, [])
        queue.append(delivery)
        if modes.out_of_order:
            self._disorder(queue, job, delivery.next_at)
        for waiting in queue:  # this one, and any `_disorder` released
            self._schedule(waiting)
        return delivery

    @staticmethod
    def _disorder(queue: list[Delivery], job: Job, due: float) -> None:
        """Hold a job's earlier deliveries until its final one exists, then send the newest first."""
        if job.status not in (COMPLETED, FAILED):
            queue[-1].next_at = HELD
            return
        reordered = sorted(queue, key=lambda d: d.status, reverse=True)
        queue.clear()
        queue.extend(reordered)
        for delivery in queue:
            if delivery.next_at == HELD:
                delivery.next_at = due

    def _refusal(self, url: str) -> str | None:
        """Why the destination policy refuses this URL as written (before any DNS), or None."""
        try:
            self.destinations.screen(url)
        except Refused as exc:
            return str(exc)
        return None

    def take_due(self, now: float, seal_for: Any, limit: int | None = None) -> list[Outgoing]:
        """Deliveries due now, earliest first, marked in flight, with their sealed bodies: every due one of a
        job, or only the head of its queue when the account wants them in order (or out of order, which is
        an order too; the others are scheduled again when they head their queue). At most `limit` of them:
        the rest stay due. O(what is taken, and the entries gone stale, × log n)."""
        out: list[Outgoing] = []
        due = self._due
        while due and due[0].next_at <= now and (limit is None or len(out) < limit):
            delivery = heapq.heappop(due)
            delivery.scheduled = False
            if delivery.state != "pending":
                continue
            modes = self.mode(delivery.account)
            if modes.ordered or modes.out_of_order:
                queue = self.queues.get(delivery.job_id)
                if not queue or queue[0] is not delivery:
                    continue  # scheduled again when it heads its queue (`_dequeue`)
            delivery.state = "in_flight"
            self._touch(delivery.id)
            bodies = self._bodies(delivery, now, seal_for)
            out.append(Outgoing(delivery, bodies, self.forward_to or delivery.url))
        return out

    def _bodies(self, delivery: Delivery, now: float, seal_for: Any) -> tuple[dict[str, Any], ...]:
        modes = self.mode(delivery.account)
        timestamp = int(now * 1000) - (STALE_BY_MS if modes.stale_timestamp else 0)
        nonce = str(self.rng.randint(1000, 9999))  # digits in a string, as decided (#webhook-nonce-type)
        delivery.sealed_as = seal_key(timestamp, nonce, modes.tamper_signature)
        body = delivery.last_body = sealed(seal_for, delivery, delivery.sealed_as)
        bodies = [body, body] if modes.duplicate else [body]
        sent = self.sent_bodies.setdefault(delivery.account, [])
        if modes.replay_nonce and sent:
            bodies.append(sent[-1])  # an earlier delivery, verbatim: same nonce and signature
        sent.append(body)  # the account's last 10 bodies sent, for replays
        del sent[:-10]
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
        delivery.attempts = (*delivery.attempts, attempt)
        self._touch(delivery.id)
        if status == 200:
            delivery.state = "delivered"
            delivery.next_at = delivery.created_at  # never read again: no float of its own (24 B)
            if delivery.sealed_as is not None and self.seal_for is not None:
                delivery.last_body = None  # sealed again when shown: `body_of`
            self._dequeue(delivery)
            if not self.fold(delivery):
                self.keep(delivery)
        else:
            delivery.state = "pending"
            index = min(len(delivery.attempts) - 1, len(self.retry_s) - 1)
            # The next try counts from when this one was due, so a long clock jump makes every try that fell
            # due inside it (a sync sender makes them at once), instead of collapsing them into one.
            due = delivery.next_at if delivery.next_at <= now else now
            delivery.next_at = due + self.retry_s[index]
            self._schedule(delivery)
        if self.on_attempt is not None:
            self.on_attempt(delivery, attempt)

    def redeliver(self, delivery_id: str, now: float) -> Delivery:
        original = self.get(delivery_id)
        if original is None:
            raise KeyError(delivery_id)
        self.sequence += 1
        copy = Delivery(
            id=f"wh_{self.sequence:08d}",
            job_id=original.job_id,
            account=original.account,
            url=original.url,
            payload=original.payload,
            created_at=now,
            next_at=now,
        )
        self.register(copy, original.job_id)
        self._touch(copy.id)
        if (reason := self._refusal(copy.url)) is not None:
            self._refuse(copy, now, reason)
            return copy
        self.queues.setdefault(copy.job_id, []).append(copy)
        self._schedule(copy)
        return copy

    def refuse(self, delivery: Delivery, reason: str, now: float) -> None:
        """The destination policy refused the delivery when it was to be sent (its name resolved to a
        forbidden address): it is never sent, and never retried."""
        self._refuse(delivery, now, reason)
        self._dequeue(delivery)

    def _dequeue(self, delivery: Delivery) -> None:
        queue = self.queues.get(delivery.job_id)
        if queue is not None and delivery in queue:
            queue.remove(delivery)
            if queue:
                self._schedule(queue[0])  # its turn, in the modes that send a queue's head only
        if queue is not None and not queue:
            del self.queues[delivery.job_id]
            if not self.queues:
                self.queues = {}  # a dict keeps its table as keys go: a burst's would stay allocated

    def _refuse(self, delivery: Delivery, now: float, reason: str) -> None:
        delivery.state = "refused"
        delivery.attempts = (*delivery.attempts, Attempt(int(now * 1000), None, reason, 0))
        self.keep(delivery)
        self._touch(delivery.id)

    def body_of(self, delivery: Delivery) -> dict[str, Any] | None:
        """The body of the delivery's last try, as sent: kept while it may be tried again, sealed again
        (the same bytes) once acknowledged."""
        if delivery.last_body is not None or delivery.sealed_as is None or self.seal_for is None:
            return delivery.last_body
        return sealed(self.seal_for, delivery, delivery.sealed_as)

    def describe(self, delivery: Delivery) -> dict[str, Any]:
        """The delivery as the control API, the dashboard and `akool.webhooks` show it."""
        return delivery.as_dict(self.body_of(delivery))

    def pending(self) -> int:
        return sum(len(q) for q in self.queues.values())

    def register(self, delivery: Delivery, job_id: str) -> None:
        """Keep a delivery (new, or restored from a state file) by id and by job; `job_id` is its job's own
        string, shared instead of copied."""
        self.deliveries[delivery.id] = delivery
        sequence = sequence_of(delivery.id)
        if sequence is not None:
            if len(self._job_of) < sequence:
                self._job_of.extend([None] * (sequence - len(self._job_of)))
            self._job_of[sequence - 1] = job_id

    def keep(self, delivery: Delivery) -> None:
        """Keep a delivery that is out of its job's queue and not folded (refused, or not foldable)."""
        self._kept.setdefault(delivery.job_id, []).append(delivery)

    def fold(self, delivery: Delivery) -> bool:
        """Fold an acknowledged delivery into its job as one int (`fold_record`), when everything else it
        holds is its job's and rebuilds exactly (`_unfold`): ~450 B of objects become ~50 B. Else False."""
        job = self.jobs.jobs.get(delivery.job_id) if self.jobs is not None else None
        sequence = sequence_of(delivery.id)
        status = delivery.status
        if (
            job is None
            or delivery.state != "delivered"
            or sequence is None
            or delivery.sealed_as is None
            or self.seal_for is None
            or self.payload_of is None
            or delivery.last_body is not None
            or not (isinstance(status, int) and QUEUED <= status <= job.status)
            or (status in TERMINAL and status != job.status)
            or (delivery.account, delivery.url) != (job.owner, job.webhook_url or "")
            or delivery.created_at != job.status_at(status)
            or len(delivery.attempts) >= ATTEMPTS
            or not all(_foldable(attempt, delivery.url) for attempt in delivery.attempts)
            or delivery.payload != self.payload_of(job, status)
        ):
            return False
        job.delivered = (*job.delivered, fold_record(sequence, status, delivery.attempts, delivery.sealed_as))
        del self.deliveries[delivery.id]
        if not self.deliveries:
            self.deliveries = {}  # as in `_dequeue`
        return True

    def _unfold(self, job: Job, record: int) -> Delivery:
        """The delivery a folded record stands for, as it was when it was folded."""
        assert self.payload_of is not None  # records exist only where it is set
        sequence, status, attempts, key = unfold_record(record)
        url = job.webhook_url or ""
        at = job.status_at(status)
        return Delivery(
            id=f"wh_{sequence:08d}",
            job_id=job.id,
            account=job.owner,
            url=url,
            payload=self.payload_of(job, status),
            created_at=at,
            next_at=at,
            attempts=tuple(Attempt(at_ms, http, None, bodies, url) for at_ms, http, bodies in attempts),
            state="delivered",
            sealed_as=key,
        )

    def get(self, delivery_id: str) -> Delivery | None:
        """The delivery with this id, live or folded into its job."""
        live = self.deliveries.get(delivery_id)
        if live is not None:
            return live
        sequence = sequence_of(delivery_id)
        if sequence is None or sequence > len(self._job_of) or self.jobs is None:
            return None
        job_id = self._job_of[sequence - 1]
        job = self.jobs.jobs.get(job_id) if job_id is not None else None
        if job is None:
            return None
        for record in job.delivered:
            if unfold_record(record)[0] == sequence:
                return self._unfold(job, record)
        return None

    def ids(self, job_id: str | None = None) -> list[str]:
        """The ids of every delivery (of one job), oldest first: O(the job's deliveries) for one job."""
        if job_id is None:
            known = [f"wh_{n:08d}" for n, job in enumerate(self._job_of, 1) if job is not None]
            return known + [i for i in self.deliveries if sequence_of(i) is None]
        job = self.jobs.jobs.get(job_id) if self.jobs is not None else None
        numbers = [unfold_record(record)[0] for record in job.delivered] if job is not None else []
        others: list[str] = []
        for delivery in (*self.queues.get(job_id, ()), *self._kept.get(job_id, ())):
            sequence = sequence_of(delivery.id)
            numbers.append(sequence) if sequence is not None else others.append(delivery.id)
        return [f"wh_{n:08d}" for n in sorted(numbers)] + others

    def for_job(self, job_id: str | None) -> list[Delivery]:
        """Every delivery (of one job), oldest first; folded ones rebuilt."""
        found = (self.get(delivery_id) for delivery_id in self.ids(job_id))
        return [delivery for delivery in found if delivery is not None]


def _foldable(attempt: Attempt, url: str) -> bool:
    """An attempt a folded record keeps exactly: acknowledged or answered, to the delivery's own URL."""
    return (
        attempt.error is None
        and attempt.url == url
        and isinstance(attempt.status, int)
        and 0 <= attempt.status < HTTP
        and 0 <= attempt.bodies < BODIES
        and 0 <= attempt.at_ms < AT_MS
    )
