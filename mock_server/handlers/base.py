"""What a handler receives and returns. Handlers take plain data and raise typed errors; no HTTP here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from akool_mock.mock_server.state import Account, Backend
from akool_mock.schemas import Operation


@dataclass(frozen=True, slots=True)
class Call:
    """One validated call of an operation."""

    op: Operation
    backend: Backend
    account: Account | None
    body: dict[str, Any] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    path: dict[str, Any] = field(default_factory=dict)

    @property
    def owner(self) -> Account:
        """The authenticated account (every operation but getToken has one)."""
        if self.account is None:
            raise RuntimeError(f"{self.op.id} has no authenticated account")
        return self.account


@dataclass(frozen=True, slots=True)
class Reply:
    """A success answer: `data` in Akool's envelope, or `raw` as the whole body (bare and token envelopes)."""

    data: Any = None
    msg: str = "OK"
    extra: dict[str, Any] | None = None
    raw: dict[str, Any] | None = None

    def body(self) -> dict[str, Any]:
        if self.raw is not None:
            return self.raw
        body: dict[str, Any] = {"code": 1000, "msg": self.msg, "data": self.data}
        if self.extra:
            body.update(self.extra)
        return body


Handler = Callable[[Call], Reply]
# Builds the body of an error raised outside the handler (request check, auth, credits, faults) for an
# operation whose answers are not Akool's {code, msg} envelope: (operation id, code, msg) -> body.
ErrorShape = Callable[[str, int, str], dict[str, Any]]
