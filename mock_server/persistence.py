"""`--state-file PATH`: the Backend's state in SQLite (stdlib), so a restart, even after `kill -9`, loses
nothing that had been acknowledged.

What a request read or changed (jobs, resources, tokens, accounts, webhook deliveries) is written in one
transaction before its answer leaves (`Backend.persist`), so every answer a client saw is on disk. SQLite in
WAL mode with synchronous=NORMAL survives a killed process. On start the state is read back: jobs resume
their lifecycles (time-policy deadlines are recomputed from their creation time), pending webhook deliveries
resume, the clock never goes back, and ids continue where they stopped. Faults, rate limits and the request
journal are test-time settings and are not kept. Nothing is written when nothing changed (an idle server
writes nothing), and keys and tokens are never written in plain text (secrecy.py); what a file must be to
be opened at all is state_format.py's.
"""

from __future__ import annotations

import json
import math
import sqlite3
from dataclasses import asdict, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from akool_mock.mock_server.crypto import signature
from akool_mock.mock_server.job_fields import pack, stored_values
from akool_mock.mock_server.jobs import PROCESSING, Job
from akool_mock.mock_server.secrecy import KeyVault, key_file_for, token_digest
from akool_mock.mock_server.state_format import (
    LEGACY_VERSION,
    TABLES,
    StateFileError,
    damaged,
    mark_current,
    open_state,
)
from akool_mock.mock_server.webhooks import Attempt, Delivery, Modes, Outbox, seal_key

if TYPE_CHECKING:
    from akool_mock.mock_server.state import Account, Backend


def _dump(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


class StateFile:
    """One SQLite file holding a Backend's state (format and refusals: state_format.py)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.vault = KeyVault(key_file_for(path))
        self.db, version = open_state(path)
        self._written: dict[str, str] = {}  # meta rows as last written: unchanged ones are not written again
        self._sealed: dict[str, tuple[str, str]] = {}  # client_id -> (api_key, its encrypted form)
        if version == LEGACY_VERSION:
            self._upgrade_legacy()

    def close(self) -> None:
        self.db.close()

    def clear(self) -> None:
        with self.db:
            self.db.execute("BEGIN")
            for table in (*TABLES, "meta"):
                self.db.execute(f"DELETE FROM {table}")
        self._written.clear()

    # ----- writing ------------------------------------------------------------------------------------
    def save(self, backend: Backend, observed: bool = True) -> None:
        """Write everything touched since the last save, in one transaction; nothing when nothing changed.

        The clock is written with other changes, or when a request `observed` it and it moved; an idle
        tick of a real clock writes nothing (the clock resumes from wall time after a restart).
        """
        rows = self._rows(backend)
        meta = self._meta(backend, observed or any(rows.values()))
        if not any(rows.values()) and not meta:
            return
        self.db.execute("BEGIN")
        try:
            for table, values in (*rows.items(), ("meta", meta)):
                self.db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", values)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self._written.update(meta)
        backend.clear_touched()

    def _rows(self, backend: Backend) -> dict[str, list[tuple[str, str]]]:
        touched = backend.touched
        jobs = backend.jobs.jobs
        outbox = backend.outbox
        return {
            "accounts": [(a.client_id, _dump(self._account(a))) for a in backend.accounts.values()]
            if touched.accounts
            else [],
            "tokens": [(t, _dump(asdict(backend.tokens[t]))) for t in touched.tokens if t in backend.tokens],
            "jobs": [(i, _dump(_job_record(jobs[i]))) for i in backend.jobs.touched if i in jobs],
            "resources": [(r, _dump(asdict(backend.resources[r]))) for r in touched.resources],
            "deliveries": [
                (d, _dump(_delivery_record(outbox, delivery)))
                for d in outbox.touched
                if (delivery := outbox.get(d)) is not None
            ],
        }

    def _meta(self, backend: Backend, with_clock: bool) -> list[tuple[str, str]]:
        outbox = backend.outbox
        values = {
            "ids": _dump(backend.ids.snapshot()),
            "outbox": _dump({"sequence": outbox.sequence, "modes": _modes(outbox.modes)}),
        }
        if with_clock:
            values["clock"] = _dump(backend.clock.now())
        return [(key, text) for key, text in values.items() if self._written.get(key) != text]

    def _account(self, account: Account) -> dict[str, Any]:
        """An account without its key in plain text: the key is kept encrypted (secrecy.py)."""
        kept = (f.name for f in fields(account) if f.name not in ("lifecycle", "api_key"))
        data = {name: getattr(account, name) for name in kept}
        cached = self._sealed.get(account.client_id)
        if cached is None or cached[0] != account.api_key:
            cached = (account.api_key, self.vault.seal(account.client_id, account.api_key))
            self._sealed[account.client_id] = cached
        data["key_sealed"] = cached[1]
        return data

    # ----- reading ------------------------------------------------------------------------------------
    def load(self, backend: Backend) -> None:
        """Put the saved state into a freshly reset Backend; a file that cannot be read is refused."""
        try:
            self._load(backend)
        except StateFileError:
            raise
        except (sqlite3.DatabaseError, ValueError, KeyError, TypeError) as exc:
            raise damaged(self.path, exc) from None

    def _load(self, backend: Backend) -> None:
        from akool_mock.mock_server.state import Resource, Token

        meta: dict[str, str] = dict(self.db.execute("SELECT key, value FROM meta"))
        if not meta:
            return
        self._written = dict(meta)
        saved_now = float(self._loads(meta["clock"]))
        if saved_now > backend.clock.now():
            backend.clock.advance(saved_now - backend.clock.now())
        backend.ids.restore(self._loads(meta["ids"]))
        for data in self._all("accounts"):
            self._restore_account(backend, data)
        for key, data in self._keyed("tokens"):
            backend.tokens[key] = Token(**data)
        for data in self._all("resources"):
            backend.resources[data["id"]] = Resource(**data)
        for data in self._all("jobs"):
            job = _job(data)
            owner = backend.accounts.get(job.owner)
            lifecycle = owner.lifecycle if owner else backend.settings.lifecycle
            backend.jobs.add(job, lifecycle.for_operation(job.op_id))
        _restore_outbox(backend, self._loads(meta["outbox"]), [_delivery(d) for d in self._all("deliveries")])
        backend.clear_touched()
        backend.tick()

    def _restore_account(self, backend: Backend, data: dict[str, Any]) -> None:
        """A configured account keeps the configured key; one made through the control API gets its own."""
        existing = backend.accounts.get(data["client_id"])
        if existing is None:
            api_key = self.vault.open(data["client_id"], data["key_sealed"])
            self._sealed[data["client_id"]] = (api_key, data["key_sealed"])
            existing = backend.create_account(client_id=data["client_id"], api_key=api_key)
        existing.credits, existing.charged, existing.banned = data["credits"], data["charged"], data["banned"]
        existing.uid = data["uid"]
        existing.plan = data.get("plan", existing.plan)

    def _upgrade_legacy(self) -> None:
        """akool-mock 0.1 kept keys and tokens in plain text: encrypt the keys, keep token digests."""
        try:
            accounts = self._keyed("accounts")
            tokens = self._keyed("tokens")
            self.db.execute("PRAGMA secure_delete = ON")  # rewritten rows are zeroed, not left in free pages
            self.db.execute("BEGIN")
            for client_id, data in accounts:
                data["key_sealed"] = self.vault.seal(client_id, data.pop("api_key"))
                self.db.execute("UPDATE accounts SET data = ? WHERE id = ?", (_dump(data), client_id))
            self.db.execute("DELETE FROM tokens")
            for token, data in tokens:
                self.db.execute("INSERT INTO tokens VALUES (?, ?)", (token_digest(token), _dump(data)))
            mark_current(self.db)
            self.db.execute("COMMIT")
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the old pages, plain text and all, go
        except (sqlite3.DatabaseError, ValueError, KeyError, TypeError) as exc:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise damaged(self.path, exc) from None

    def _all(self, table: str) -> list[dict[str, Any]]:
        return [self._loads(row[0]) for row in self.db.execute(f"SELECT data FROM {table} ORDER BY id")]

    def _keyed(self, table: str) -> list[tuple[str, dict[str, Any]]]:
        return [(key, self._loads(data)) for key, data in self.db.execute(f"SELECT id, data FROM {table}")]

    def _loads(self, text: str) -> Any:
        """A saved value; a non-finite number (which no state of the fake may hold) refuses the whole file."""

        def refuse(literal: str) -> float:
            raise StateFileError(
                f"state file {self.path} holds a non-finite number ({literal}); it cannot be loaded "
                "(move it away to start empty)"
            )

        def finite(literal: str) -> float:
            value = float(literal)
            return value if math.isfinite(value) else refuse(literal)

        return json.loads(text, parse_constant=refuse, parse_float=finite)


def _modes(modes: dict[str, Modes]) -> dict[str, dict[str, Any]]:
    return {account: flags.as_dict() for account, flags in modes.items()}


# A job's row keeps the layout it always had (the times of its statuses as `history`, `completed_at`, and
# `fields` as a dict with every value written out), although the Job derives the first two from
# `processing_at` and `updated_at` and keeps its fields as a layout and values (jobs.py, job_fields.py).
DERIVED = ("history", "completed_at")
NOT_STORED = ("processing_at", "layout", "values", "delivered")  # deliveries have rows of their own


def _job_record(job: Job) -> dict[str, Any]:
    data = {f.name: getattr(job, f.name) for f in fields(job) if f.name not in NOT_STORED}
    data["fields"] = job.fields.as_dict()
    data["planned"] = job.planned_dict()
    data["completed_at"] = job.completed_at
    data["history"] = job.history
    return data


def _job(data: dict[str, Any]) -> Job:
    processing = [at for status, at in data["history"] if status == PROCESSING]
    for name in DERIVED:
        del data[name]
    layout, values = pack(data.pop("fields"))
    if data.get("planned") is not None:
        data["planned"] = stored_values(data["planned"])
    return Job(**data, layout=layout, values=values, processing_at=processing[0] if processing else None)


def _delivery_record(outbox: Outbox, delivery: Delivery) -> dict[str, Any]:
    """A delivery's row, as it always was: with the body of its last try (sealed again once acknowledged,
    as the Delivery keeps only how to: webhooks.py)."""
    data = {name: getattr(delivery, name) for name in Delivery.RECORD}
    data["attempts"] = [asdict(attempt) for attempt in delivery.attempts]
    data["last_body"] = outbox.body_of(delivery)
    return data


def _delivery(data: dict[str, Any]) -> Delivery:
    data["attempts"] = tuple(Attempt(**attempt) for attempt in data["attempts"])
    if data["state"] == "in_flight":  # the process died mid-send: send it again
        data["state"] = "pending"
    body = data["last_body"]
    if isinstance(body, dict) and {"timestamp", "nonce", "signature", "dataEncrypt"} <= body.keys():
        nonce = body["nonce"]
        if isinstance(nonce, str) and nonce.isdigit() and isinstance(body["timestamp"], int):
            honest = signature(data["account"], body["timestamp"], nonce, body["dataEncrypt"])
            data["sealed_as"] = seal_key(body["timestamp"], nonce, body["signature"] != honest)
    return Delivery(**data)


def _restore_outbox(backend: Backend, meta: dict[str, Any], deliveries: list[Delivery]) -> None:
    outbox = backend.outbox
    outbox.sequence = int(meta["sequence"])
    outbox.modes = {account: Modes(**flags) for account, flags in meta["modes"].items()}
    jobs = backend.jobs.jobs
    for delivery in sorted(deliveries, key=lambda d: d.id):
        job = jobs.get(delivery.job_id)
        outbox.register(delivery, job.id if job is not None else delivery.job_id)
        if delivery.state == "pending":
            outbox.restore_pending(delivery)
            continue
        if (
            delivery.state == "delivered"
            and delivery.sealed_as is not None
            and delivery.account in backend.accounts
        ):
            delivery.last_body = None  # sealed again when shown (webhooks.py: `Outbox.body_of`)
        if not outbox.fold(delivery):
            outbox.keep(delivery)


__all__ = ["StateFile"]
