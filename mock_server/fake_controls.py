"""FakeAkool's controls as plain Python: `akool.clock`, `.jobs`, `.accounts`, `.webhooks`, `.faults`.

Each reads the fake's current Backend (a decorated test gets a new one per call), refuses unknown names with a
did-you-mean (spelling.py), and settles after a change so due webhooks go out at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from akool_mock.mock_server.faults import Fault
from akool_mock.mock_server.jobs import Job
from akool_mock.mock_server.spelling import check_names
from akool_mock.mock_server.state import Account

if TYPE_CHECKING:
    from akool_mock.mock_server.inprocess import FakeAkool

Receiver = Callable[[str, dict[str, Any]], int | None]


class FakeClock:
    """`akool.clock`: the fake's time; `advance` moves jobs and sends due webhooks."""

    def __init__(self, fake: FakeAkool) -> None:
        self._fake = fake

    def now(self) -> float:
        return self._fake.backend.now()

    def now_ms(self) -> int:
        return self._fake.backend.now_ms()

    def advance(self, seconds: float) -> None:
        """Move time on: jobs due by then move, and due webhooks are delivered.

        Also a `sleep=` for the SDK: `AkoolClient(sleep=akool.clock.advance)`, and AsyncAkoolClient alike.
        """
        with self._fake.lock:
            self._fake.backend.clock.advance(seconds)
            self._fake.settle()


class FakeJobs:
    def __init__(self, fake: FakeAkool) -> None:
        self._fake = fake

    def get(self, job_id: str) -> Job:
        job = self._fake.backend.jobs.get(job_id)
        if job is None:
            raise KeyError(f"no job {job_id}")
        return job

    def all(self, operation: str | None = None, account: str | None = None) -> list[Job]:
        backend = self._fake.backend
        if operation is not None:
            check_names([operation], [op.id for op in backend.catalog.operations], "operation")
        if account is not None:
            check_names([account], backend.accounts, "account")
        return [j for j in backend.jobs if operation in (None, j.op_id) and account in (None, j.owner)]

    def complete(self, job_id: str) -> Job:
        return self._act(job_id, self._fake.backend.jobs.complete)

    def fail(self, job_id: str, reason: str | None = None) -> Job:
        return self._act(job_id, lambda job, now: self._fake.backend.jobs.fail(job, now, reason))

    def advance(self, job_id: str) -> Job:
        return self._act(job_id, self._fake.backend.jobs.step)

    def _act(self, job_id: str, action: Callable[[Job, float], None]) -> Job:
        with self._fake.lock:
            job = self.get(job_id)
            action(job, self._fake.backend.now())
            self._fake.settle()
        return job


class FakeAccounts:
    def __init__(self, fake: FakeAkool) -> None:
        self._fake = fake

    def create(
        self,
        credits: float | None = None,
        *,
        client_id: str | None = None,
        api_key: str | None = None,
        banned: bool = False,
    ) -> Account:
        return self._fake.backend.create_account(client_id, api_key, credits, banned)

    def get(self, client_id: str) -> Account:
        check_names([client_id], self._fake.backend.accounts, "account")
        return self._fake.backend.account(client_id)

    def set_credits(self, client_id: str, credits: float) -> None:
        self._fake.backend.update_account(self.get(client_id), credits=credits)

    def ban(self, client_id: str, banned: bool = True) -> None:
        self._fake.backend.update_account(self.get(client_id), banned=banned)

    def set_plan(self, client_id: str, plan: str) -> None:
        """free, pro, max, business or enterprise (the default): what the account may use (plans.py)."""
        self._fake.backend.update_account(self.get(client_id), plan=plan)


class FakeWebhooks:
    """`akool.webhooks`: every delivery (sent or only recorded), adversarial modes, redelivery."""

    def __init__(self, fake: FakeAkool, receiver: Receiver | None) -> None:
        self._fake = fake
        self.receiver = receiver

    @property
    def deliveries(self) -> list[dict[str, Any]]:
        outbox = self._fake.backend.outbox
        return [outbox.describe(d) for d in outbox.for_job(None)]

    @property
    def payloads(self) -> list[dict[str, Any]]:
        """The decrypted payloads of every delivery, in the order they were made."""
        return [d.payload for d in self._fake.backend.outbox.for_job(None)]

    def for_job(self, job_id: str) -> list[dict[str, Any]]:
        outbox = self._fake.backend.outbox
        return [outbox.describe(d) for d in outbox.for_job(job_id)]

    def modes(self, client_id: str | None = None, **flags: Any) -> None:
        """e.g. `modes(duplicate=True)` for the default account; unknown modes are refused."""
        account = self._fake.accounts.get(client_id or self._fake.client_id)
        self._fake.backend.outbox.set_modes(account.client_id, **flags)

    def redeliver(self, delivery_id: str) -> None:
        self._fake.backend.outbox.redeliver(delivery_id, self._fake.backend.now())
        self._fake.settle()


class FakeFaults:
    def __init__(self, fake: FakeAkool) -> None:
        self._fake = fake

    def add(self, **rule: Any) -> Fault:
        """e.g. `add(operation="faceswap.create_image", count=2, code=1005)`, `add(drop=True, count=1)`.

        Unknown keys (`operaton=`, `cout=`) and unknown operation ids are refused with a did-you-mean.
        """
        if rule.get("account") is not None:
            self._fake.accounts.get(str(rule["account"]))
        return self._fake.backend.faults.add(rule)

    def rate_limit(self, client_id: str, per_second: float | None) -> None:
        account = self._fake.accounts.get(client_id)
        limits = self._fake.backend.faults.rate_limits
        if per_second is None:
            limits.pop(account.client_id, None)
        else:
            limits[account.client_id] = per_second

    def clear(self) -> None:
        self._fake.backend.faults.clear()
