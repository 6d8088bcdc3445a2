"""What the fake received, for assertions: the calls by operation and account, and `assert_called`.

Read from the Backend's journal (the last `journal_size` requests, 1,000 by default), so the in-process and
served fakes tell the same story. A failed assertion lists what was called instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from akool_mock.mock_server.spelling import check_names
from akool_mock.mock_server.state import Backend, JournalEntry

SHOWN = 20  # calls listed in a failure message


@dataclass(frozen=True, slots=True)
class Call:
    """One request the fake answered."""

    method: str
    path: str
    operation: str | None  # None: not an Akool operation (a control call, an unknown path)
    account: str | None  # the clientId that made it, when it authenticated
    code: int
    http_status: int
    at_ms: int

    @classmethod
    def of(cls, entry: JournalEntry) -> Call:
        return cls(
            entry.method,
            entry.path,
            entry.operation,
            entry.account,
            entry.code,
            entry.http_status,
            entry.at_ms,
        )

    def __str__(self) -> str:
        who = f" by {self.account}" if self.account else ""
        return f"{self.method} {self.path} ({self.operation or 'no operation'}{who}) → code {self.code}"


class Calls:
    """`akool.calls`: filter what was received; `akool.assert_called(...)` checks it."""

    def __init__(self, backend: Backend) -> None:
        self._backend = backend

    def __call__(self, operation: str | None = None, account: str | None = None) -> list[Call]:
        """The calls received, oldest first; only those of `operation` and/or `account` when given."""
        self._check(operation, account)
        return [
            Call.of(entry)
            for entry in self._backend.journal
            if operation in (None, entry.operation) and account in (None, entry.account)
        ]

    def __len__(self) -> int:
        return len(self._backend.journal)

    def __iter__(self) -> Any:
        return iter(self())

    def count(self, operation: str | None = None, account: str | None = None) -> int:
        return len(self(operation, account))

    def assert_called(
        self, operation: str, *, times: int | None = None, account: str | None = None
    ) -> list[Call]:
        """At least once (or exactly `times`); the AssertionError lists the calls received instead."""
        found = self(operation, account)
        if (times is None and found) or (times is not None and len(found) == times):
            return found
        wanted = "at least once" if times is None else _times(times)
        who = f" by account {account}" if account else ""
        raise AssertionError(
            f"expected {operation}{who} to be called {wanted}, it was called {_times(len(found))}.\n"
            f"{self._listing()}"
        )

    def assert_not_called(self, operation: str, *, account: str | None = None) -> None:
        self.assert_called(operation, times=0, account=account)

    def _check(self, operation: str | None, account: str | None) -> None:
        if operation is not None:
            check_names([operation], [op.id for op in self._backend.catalog.operations], "operation")
        if account is not None:
            check_names([account], self._backend.accounts, "account")

    def _listing(self) -> str:
        calls = self()
        if not calls:
            return "The fake received no calls."
        lines = [f"  {call}" for call in calls[-SHOWN:]]
        more = f" (the last {SHOWN})" if len(calls) > SHOWN else ""
        return f"The fake received {len(calls)} calls{more}:\n" + "\n".join(lines)


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"
