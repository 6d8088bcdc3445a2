"""`--state-file PATH`: the Backend's state in SQLite (stdlib), so a restart, even after `kill -9`, loses
nothing that had been acknowledged.

What a request read or changed (jobs, resources, tokens, accounts, webhook deliveries) is written in one
transaction before its answer leaves (`Backend.persist`), so every answer a client saw is on disk. SQLite in
WAL mode with synchronous=NORMAL survives a killed process. On start the state is read back: jobs resume
their lifecycles (time-policy deadlines are recomputed from their creation time), pending webhook deliveries
resume, the clock never goes back, and ids continue where they stopped. Faults, rate limits and the request
journal are test-time settings and are not kept.
"""

from __future__ import annotations

import json
import sqlite3
from collections import deque
from dataclasses import asdict, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from akool_mock.mock_server.jobs import Job
from akool_mock.mock_server.webhooks import Attempt, Delivery, Modes

if TYPE_CHECKING:
    from akool_mock.mock_server.state import Account, Backend

TABLES = ("accounts", "tokens", "jobs", "resources", "deliveries")
SCHEMA = ";".join(f"CREATE TABLE IF NOT EXISTS {t} (id TEXT PRIMARY KEY, data TEXT NOT NULL)" for t in TABLES)
META = "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"


def _dump(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


class StateFile:
    """One SQLite file holding a Backend's state."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA + ";" + META)

    def close(self) -> None:
        self.db.close()

    def clear(self) -> None:
        with self.db:
            self.db.execute("BEGIN")
            for table in (*TABLES, "meta"):
                self.db.execute(f"DELETE FROM {table}")

    # ----- writing ------------------------------------------------------------------------------------
    def save(self, backend: Backend) -> None:
        """Write everything touched since the last save, in one transaction."""
        rows = self._rows(backend)
        if not any(rows.values()):
            return
        self.db.execute("BEGIN")
        try:
            for table, values in rows.items():
                self.db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", values)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        backend.clear_touched()

    def _rows(self, backend: Backend) -> dict[str, list[tuple[str, str]]]:
        touched = backend.touched
        jobs = backend.jobs.jobs
        outbox = backend.outbox
        return {
            "accounts": [(a.client_id, _dump(_account(a))) for a in backend.accounts.values()]
            if touched.accounts
            else [],
            "tokens": [(t, _dump(asdict(backend.tokens[t]))) for t in touched.tokens if t in backend.tokens],
            "jobs": [(i, _dump(asdict(jobs[i]))) for i in backend.jobs.touched if i in jobs],
            "resources": [(r, _dump(asdict(backend.resources[r]))) for r in touched.resources],
            "deliveries": [(d, _dump(asdict(outbox.deliveries[d]))) for d in outbox.touched],
            "meta": [
                ("clock", _dump(backend.clock.now())),
                ("ids", _dump(backend.ids.snapshot())),
                ("outbox", _dump({"sequence": outbox.sequence, "modes": _modes(outbox.modes)})),
            ],
        }

    # ----- reading ------------------------------------------------------------------------------------
    def load(self, backend: Backend) -> None:
        """Put the saved state into a freshly reset Backend."""
        from akool_mock.mock_server.state import Resource, Token

        meta = {key: json.loads(value) for key, value in self.db.execute("SELECT key, value FROM meta")}
        if not meta:
            return
        saved_now = float(meta["clock"])
        if saved_now > backend.clock.now():
            backend.clock.advance(saved_now - backend.clock.now())
        backend.ids.restore(meta["ids"])
        for data in self._all("accounts"):
            _restore_account(backend, data)
        for key, data in self._keyed("tokens"):
            backend.tokens[key] = Token(**data)
        for data in self._all("resources"):
            backend.resources[data["id"]] = Resource(**data)
        for data in self._all("jobs"):
            job = _job(data)
            owner = backend.accounts.get(job.owner)
            lifecycle = owner.lifecycle if owner else backend.settings.lifecycle
            backend.jobs.add(job, lifecycle.for_operation(job.op_id))
        _restore_outbox(backend, meta["outbox"], [_delivery(d) for d in self._all("deliveries")])
        backend.clear_touched()
        backend.tick()

    def _all(self, table: str) -> list[dict[str, Any]]:
        return [json.loads(row[0]) for row in self.db.execute(f"SELECT data FROM {table} ORDER BY id")]

    def _keyed(self, table: str) -> list[tuple[str, dict[str, Any]]]:
        return [(key, json.loads(data)) for key, data in self.db.execute(f"SELECT id, data FROM {table}")]


def _modes(modes: dict[str, Modes]) -> dict[str, dict[str, Any]]:
    return {account: flags.as_dict() for account, flags in modes.items()}


def _account(account: Account) -> dict[str, Any]:
    return {f.name: getattr(account, f.name) for f in fields(account) if f.name != "lifecycle"}


def _restore_account(backend: Backend, data: dict[str, Any]) -> None:
    existing = backend.accounts.get(data["client_id"])
    if existing is None:
        existing = backend.create_account(client_id=data["client_id"], api_key=data["api_key"])
    existing.credits, existing.charged, existing.banned = data["credits"], data["charged"], data["banned"]
    existing.uid = data["uid"]
    existing.plan = data.get("plan", existing.plan)


def _job(data: dict[str, Any]) -> Job:
    data["history"] = [tuple(entry) for entry in data["history"]]
    return Job(**data)


def _delivery(data: dict[str, Any]) -> Delivery:
    data["attempts"] = [Attempt(**attempt) for attempt in data["attempts"]]
    if data["state"] == "in_flight":  # the process died mid-send: send it again
        data["state"] = "pending"
    return Delivery(**data)


def _restore_outbox(backend: Backend, meta: dict[str, Any], deliveries: list[Delivery]) -> None:
    outbox = backend.outbox
    outbox.sequence = int(meta["sequence"])
    outbox.modes = {account: Modes(**flags) for account, flags in meta["modes"].items()}
    for delivery in sorted(deliveries, key=lambda d: d.id):
        outbox.deliveries[delivery.id] = delivery
        if delivery.state == "pending":
            outbox.queues.setdefault(delivery.job_id, deque()).append(delivery)


__all__ = ["StateFile"]
