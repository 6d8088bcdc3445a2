"""The Backend: every piece of mutable state of the fake, in one object, with time from one clock.

Accounts, tokens, jobs, resources (voices, knowledge bases, sessions, ...), the request journal and the
seeded catalogs all live here; `reset()` puts everything back as the settings describe. No HTTP here:
handlers and the control API call these methods with plain data and get plain data or typed errors back.
"""

from __future__ import annotations

import base64
import json
import math
import random
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from akool_mock.mock_server.clock import Clock, now_ms
from akool_mock.mock_server.crypto import seal
from akool_mock.mock_server.destinations import Destinations
from akool_mock.mock_server.errors import (
    AccountBanned,
    AuthInvalid,
    AuthMissing,
    InsufficientCredit,
    NotFound,
)
from akool_mock.mock_server.faults import Faults
from akool_mock.mock_server.ids import IdFactory
from akool_mock.mock_server.job_fields import Derived, result_url
from akool_mock.mock_server.jobs import COMPLETED, FAILED, Job, JobEngine
from akool_mock.mock_server.persistence import StateFile
from akool_mock.mock_server.plans import DEFAULT_PLAN, plan_named
from akool_mock.mock_server.refunds import refunds_on_failure
from akool_mock.mock_server.secrecy import token_digest
from akool_mock.mock_server.settings import DEFAULT_CREDITS, AccountConfig, Lifecycle, Settings, check_account
from akool_mock.mock_server.webhooks import Attempt, Delivery, Outbox, payload_for
from akool_mock.schemas import Catalog, Operation

MEDIA_EXTENSIONS = {"image": "png", "video": "mp4", "audio": "mp3"}


@dataclass(slots=True, eq=False)
class Account:
    client_id: str
    api_key: str
    credits: float
    banned: bool
    uid: int
    lifecycle: Lifecycle
    charged: float = 0.0
    plan: str = DEFAULT_PLAN  # plans.py: what the account's subscription allows


@dataclass(slots=True, eq=False)
class Resource:
    """A stored object that is not a job: a knowledge base, a streaming session, a live face swap session."""

    id: str
    kind: str
    owner: str
    created_at: float
    data: dict[str, Any]
    deleted: bool = False


@dataclass(frozen=True, slots=True)
class JournalEntry:
    at_ms: int
    method: str
    path: str
    operation: str | None
    account: str | None
    code: int
    http_status: int
    latency_ms: float
    query: dict[str, Any] | None = None
    message: str | None = None  # the refusal's msg (code != 1000)

    def as_dict(self) -> dict[str, Any]:
        return {
            "at": self.at_ms,
            "method": self.method,
            "path": self.path,
            "operation": self.operation,
            "account": self.account,
            "code": self.code,
            "http_status": self.http_status,
            "latency_ms": round(self.latency_ms, 3),
            "query": self.query or {},
            "message": self.message,
        }


@dataclass(slots=True)
class Observers:
    """Who hears of each journal entry and each webhook attempt (the request and webhook log lines)."""

    requests: list[Callable[[JournalEntry], None]] = field(default_factory=list)
    attempts: list[Callable[[Delivery, Attempt], None]] = field(default_factory=list)

    def attempt(self, delivery: Delivery, attempt: Attempt) -> None:
        for observer in self.attempts:
            observer(delivery, attempt)


@dataclass(slots=True)
class Counters:
    requests: int = 0
    internal_errors: int = 0


@dataclass(slots=True)
class Token:
    client_id: str
    expires_at: float


@dataclass(slots=True)
class Touched:
    """What changed (or may have) since the last save; jobs and deliveries track their own."""

    accounts: bool = False
    tokens: set[str] = field(default_factory=set)
    resources: set[str] = field(default_factory=set)


class Backend:
    """All state of one fake Akool."""

    def __init__(self, settings: Settings, clock: Clock, catalog: Catalog) -> None:
        self.settings = settings
        self.clock = clock
        self.catalog = catalog
        self.ids = IdFactory(clock, settings.seed)
        self.accounts: dict[str, Account] = {}
        self.by_api_key: dict[str, Account] = {}
        self.tokens: dict[str, Token] = {}  # by token digest (secrecy.py): a state file never holds a token
        self.jobs = JobEngine()
        self.resources: dict[str, Resource] = {}
        self.journal: deque[JournalEntry] = deque(maxlen=settings.journal_size)
        self.counters = Counters()
        self.observers = Observers()  # kept across reset()
        self.seeded: dict[str, list[dict[str, Any]]] = {}
        self.outbox = new_outbox(settings, self.ids.random)
        self._operation_ids = frozenset(op.id for op in catalog.operations)
        self.faults = Faults(self._operation_ids)
        self.touched = Touched()
        self._result_urls: dict[tuple[str, str], Derived] = {}
        self.state_file = StateFile(Path(settings.state_file)) if settings.state_file else None
        self.reset(clear_state_file=False)
        if self.state_file is not None:
            self.state_file.load(self)

    # ----- lifecycle of the whole fake -------------------------------------------------------------
    def reset(self, clear_state_file: bool = True) -> None:
        """Forget everything; start again from the settings (same seed, same ids)."""
        if clear_state_file and self.state_file is not None:
            self.state_file.clear()
        self.touched = Touched(accounts=True)
        self.ids.reset()
        self.accounts.clear()
        self.by_api_key.clear()
        self.tokens.clear()
        # Only a state file reads what was touched; without one, tracking it would only cost memory per job.
        self.jobs = JobEngine(track_touched=self.state_file is not None)
        self.jobs.listeners.append(self._on_job_change)
        self.resources.clear()
        self.journal.clear()
        self.counters = Counters()
        forward_to = self.outbox.forward_to  # `akool-mock listen` keeps listening across a reset
        self.outbox = new_outbox(self.settings, self.ids.random)
        self.outbox.on_attempt = self.observers.attempt
        self.outbox.seal_for = self.seal_for
        self.outbox.jobs = self.jobs
        self.outbox.payload_of = self.webhook_payload
        self.outbox.forward_to = forward_to
        self.faults = Faults(self._operation_ids)
        for config in self.settings.accounts:
            self.add_account(config)
        from akool_mock.mock_server.seed import seed_catalogs

        self.seeded = seed_catalogs(self.ids.random)

    def now(self) -> float:
        return self.clock.now()

    def now_ms(self) -> int:
        return now_ms(self.clock)

    def tick(self) -> int:
        return self.jobs.tick(self.clock.now())

    def persist(self, observed: bool = True) -> None:
        """Write what this request read or changed to the state file, if there is one (before answering).

        `observed=False` (background ticks and deliveries): nothing is written unless something changed.
        """
        if self.state_file is not None:
            self.state_file.save(self, observed)

    def clear_touched(self) -> None:
        self.touched = Touched()
        self.jobs.touched.clear()
        self.outbox.touched.clear()

    # ----- accounts and auth ------------------------------------------------------------------------
    def add_account(self, config: AccountConfig) -> Account:
        check_account(config)
        if config.client_id in self.accounts:
            raise ValueError(f"account {config.client_id!r} exists")
        if config.api_key in self.by_api_key:
            raise ValueError("another account has this api_key")
        account = Account(
            client_id=config.client_id,
            api_key=config.api_key,
            credits=config.credits,
            banned=config.banned,
            uid=100_000 + len(self.accounts) + 1,
            lifecycle=config.lifecycle or self.settings.lifecycle,
            plan=plan_named(config.plan).name,
        )
        self.accounts[account.client_id] = account
        self.by_api_key[account.api_key] = account
        self.touched.accounts = True
        return account

    def create_account(
        self,
        client_id: str | None = None,
        api_key: str | None = None,
        credits: float | None = None,
        banned: bool = False,
        plan: str = DEFAULT_PLAN,
    ) -> Account:
        """A new account; missing credentials are generated (24-character clientId, 32-character key)."""
        config = AccountConfig(
            client_id=client_id or self.ids.token(24),
            api_key=api_key or self.ids.secret(32),
            credits=DEFAULT_CREDITS if credits is None else credits,
            banned=banned,
            plan=plan,
        )
        return self.add_account(config)

    def account(self, client_id: str) -> Account:
        try:
            return self.accounts[client_id]
        except KeyError:
            raise NotFound(f"no account {client_id!r}") from None

    def authenticate(self, authorization: str | None, api_key: str | None) -> Account:
        """Authorization wins when both are sent (authentication__usage); 1102 missing, 1101 invalid."""
        if authorization:
            scheme, _, token = authorization.partition(" ")
            record = self.tokens.get(token_digest(token.strip())) if scheme.lower() == "bearer" else None
            if record is None or record.expires_at <= self.clock.now():
                raise AuthInvalid()
            account = self.accounts.get(record.client_id)
        elif api_key:
            account = self.by_api_key.get(api_key)
        else:
            raise AuthMissing()
        if account is None:
            raise AuthInvalid()
        if account.banned:
            raise AccountBanned()
        return account

    def issue_token(self, client_id: str, client_secret: str) -> str:
        account = self.accounts.get(client_id)
        if account is None or account.api_key != client_secret:
            raise AuthInvalid("Invalid clientId or clientSecret")
        if account.banned:
            raise AccountBanned()
        token = _jwt_like(account, self.clock.now(), self.ids.secret(43))
        digest = token_digest(token)
        self.tokens[digest] = Token(account.client_id, self.clock.now() + self.settings.token_lifetime_s)
        self.touched.tokens.add(digest)
        return token

    def charge(self, account: Account, amount: float, shortfall_code: int = 1006) -> None:
        """Deduct credits at creation; not enough answers the area's code (1006 or 1104)."""
        if amount <= 0:
            return
        if not math.isfinite(amount) or account.credits < amount:  # credits stay finite
            raise InsufficientCredit(code=shortfall_code)
        account.credits -= amount
        account.charged += amount
        self.touched.accounts = True

    def refund(self, account: Account, amount: float) -> None:
        """Give back credits charged for work that did not happen (e.g. an unused streaming session)."""
        account.credits += amount
        account.charged -= amount
        self.touched.accounts = True

    def update_account(
        self,
        account: Account,
        credits: float | None = None,
        banned: bool | None = None,
        plan: str | None = None,
    ) -> None:
        if plan is not None:
            account.plan = plan_named(plan).name
        if credits is not None:
            if not math.isfinite(credits):
                raise ValueError("credits must be a finite number")
            account.credits = credits
        if banned is not None:
            account.banned = banned
        self.touched.accounts = True

    # ----- jobs -------------------------------------------------------------------------------------
    def create_job(
        self,
        account: Account,
        op: Operation,
        fields: dict[str, Any],
        *,
        webhook_url: str | None = None,
        cost: float = 0.0,
        job_id: str | None = None,
        planned: dict[str, Any] | None = None,
    ) -> Job:
        """A new job with status 1; `planned` holds result values other than media URLs (e.g. a voice_id)."""
        lifecycle = account.lifecycle.for_operation(op.id)
        fails = lifecycle.failure_rate > 0 and self.ids.chance(lifecycle.failure_rate)
        return self.jobs.create(
            job_id or self.ids.object_id(),
            op.id,
            account.client_id,
            self.clock.now(),
            lifecycle,
            fails=fails,
            webhook_url=webhook_url,
            cost=cost,
            fields=fields,
            planned=planned,
        )

    def find_job(self, account: Account, job_id: str, op_ids: tuple[str, ...], code: int = 1008) -> Job:
        """The account's job, or the area's not-found code: another account's job does not exist."""
        job = self.jobs.get(job_id)
        if job is None or job.deleted or job.owner != account.client_id or job.op_id not in op_ids:
            raise NotFound(f"{job_id} not found", code=code)
        return job

    def media_url(self, job: Job, media: str) -> str:
        return self.media_url_of(job.id, media)

    def media_url_of(self, job_id: str, media: str) -> str:
        """The URL of a job's result media (`result_url` makes the same, when read)."""
        prefix, suffix = self._media_url_parts(media)
        return prefix + job_id + suffix

    def result_url(self, media: str) -> Derived:
        """A job's media URL as a value its fields compute when read (job_fields.py): one object per base
        URL and media kind, instead of a ~110 B string per job."""
        parts = self._media_url_parts(media)
        url = self._result_urls.get(parts)
        if url is None:
            url = self._result_urls[parts] = result_url(*parts)
        return url

    def _media_url_parts(self, media: str) -> tuple[str, str]:
        """What comes before and after the job id in its media URL."""
        return f"{self.settings.base_url}/_mock/media/", f".{MEDIA_EXTENSIONS.get(media, 'bin')}"

    def _on_job_change(self, job: Job, status: int, now: float) -> None:
        spec = self.catalog.operation(job.op_id).job
        if spec is None:
            return
        if status == COMPLETED:
            planned = job.planned or {}
            for name in spec.result_fields:
                job.fields[name] = planned[name] if name in planned else self.result_url(spec.media)
        elif status == FAILED:
            if spec.failure_field:
                job.fields[spec.failure_field] = job.failure_reason
            self._refund_failed(job)
        if job.webhook_url and self.catalog.webhook.types.get(job.op_id):
            self.outbox.enqueue(job, self.webhook_payload(job, status), now)

    def webhook_payload(self, job: Job, status: int) -> dict[str, Any]:
        """The payload of the job's webhook for `status` (the one it has, or had)."""
        spec = self.catalog.operation(job.op_id).job
        fields = spec.result_fields if spec is not None else ()
        return payload_for(job, self.catalog.webhook.types.get(job.op_id, ""), fields, status)

    def _refund_failed(self, job: Job) -> None:
        """A failed job costs nothing where its pricing rule says so: every answer then shows 0 credits."""
        account = self.accounts.get(job.owner)
        if job.cost and account is not None and refunds_on_failure(job.op_id):
            self.refund(account, job.cost)
            job.cost = 0.0
            if "deduction_credit" in job.fields:  # the copy some areas store at creation
                job.fields["deduction_credit"] = 0

    def seal_for(
        self, client_id: str, payload: dict[str, Any], timestamp: int, nonce: int | str
    ) -> dict[str, Any]:
        """A webhook body sealed with the account's clientId and API key, as Akool sends it."""
        account = self.accounts[client_id]
        return seal(payload, account.client_id, account.api_key, timestamp, nonce)

    # ----- resources --------------------------------------------------------------------------------
    def add_resource(
        self, kind: str, account: Account, data: dict[str, Any], rid: str | None = None
    ) -> Resource:
        resource = Resource(rid or self.ids.object_id(), kind, account.client_id, self.clock.now(), data)
        self.resources[resource.id] = resource
        self.touched.resources.add(resource.id)
        return resource

    def find_resource(self, account: Account, kind: str, rid: str, code: int = 1008) -> Resource:
        resource = self.resources.get(rid)
        if (
            resource is None
            or resource.deleted
            or resource.kind != kind
            or resource.owner != account.client_id
        ):
            raise NotFound(f"{rid} not found", code=code)
        self.touched.resources.add(rid)
        return resource

    def owned_resources(self, account: Account, kind: str) -> Iterator[Resource]:
        for resource in self.resources.values():
            if resource.kind == kind and resource.owner == account.client_id and not resource.deleted:
                self.touched.resources.add(resource.id)
                yield resource

    # ----- journal ----------------------------------------------------------------------------------
    def record(self, entry: JournalEntry) -> None:
        self.journal.append(entry)
        self.counters.requests += 1
        for observer in self.observers.requests:
            observer(entry)


def new_outbox(settings: Settings, rng: random.Random) -> Outbox:
    """An empty outbox with the configured retries and destination policy (see destinations.py)."""
    destinations = Destinations.for_fake(
        settings.host,
        settings.port,
        settings.public_url,
        settings.webhook_allowlist,
        settings.webhook_allow_self,
    )
    return Outbox(settings.webhook_retry_s, destinations, rng, track_touched=settings.state_file is not None)


def _jwt_like(account: Account, now: float, secret: str) -> str:
    """A token shaped like Akool's (a JWT), so clients that split or log it behave as in production."""

    def part(value: dict[str, Any]) -> str:
        raw = json.dumps(value, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    header = part({"alg": "HS256", "typ": "JWT"})
    payload = part({"uid": account.uid, "clientId": account.client_id, "iat": int(now)})
    return f"{header}.{payload}.{secret}"


def page_of(items: list[Any], page: int, size: int) -> list[Any]:
    start = (max(page, 1) - 1) * size
    return items[start : start + size]
