"""Fault injection: make the next N calls (of an operation, of an account, or both) misbehave.

A fault answers a business code (1005 rate limited, 1006 no credit, ...), an HTTP 5xx, a delay before the
real answer, or a dropped connection. Rate limiting answers 1005 once an account makes more than N requests
within one second of the fake's clock. Both are set through the control API or `FakeAkool.faults`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from akool_mock.mock_server.errors import code_messages
from akool_mock.mock_server.spelling import check_names

ACTIONS = ("code", "http_status", "delay", "drop")
KEYS = frozenset({"operation", "account", "count", "code", "msg", "http_status", "delay_s", "drop"})


@dataclass(slots=True, eq=False)
class Fault:
    id: str
    operation: str | None
    account: str | None
    remaining: int | None
    code: int | None = None
    msg: str | None = None
    http_status: int | None = None
    delay_s: float = 0.0
    drop: bool = False

    def matches(self, op_id: str | None, account: str | None) -> bool:
        return self.operation in (None, op_id) and self.account in (None, account)

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


def fault_from(raw: dict[str, Any], fault_id: str, operations: Collection[str] = ()) -> Fault:
    """Build a fault from control-API JSON; ValueError names what is wrong (unknown keys and, when
    `operations` is given, unknown operation ids too, each with a did-you-mean)."""
    check_names(raw, KEYS, "fault key")
    if operations and raw.get("operation") is not None:
        check_names([str(raw["operation"])], operations, "operation")
    count = raw.get("count")
    if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 1):
        raise ValueError("count must be a whole number >= 1 (omit it for every call)")
    fault = Fault(fault_id, raw.get("operation"), raw.get("account"), count)
    if "code" in raw:
        fault.code = int(raw["code"])
        fault.msg = str(raw.get("msg") or code_messages().get(fault.code, "error"))
    if "http_status" in raw:
        status = int(raw["http_status"])
        if not 400 <= status <= 599:
            raise ValueError("http_status must be 4xx or 5xx")
        fault.http_status = status
    if "delay_s" in raw:
        fault.delay_s = float(raw["delay_s"])
        if not 0 <= fault.delay_s <= 600:
            raise ValueError("delay_s must be between 0 and 600")
    fault.drop = bool(raw.get("drop", False))
    if fault.code is None and fault.http_status is None and not fault.delay_s and not fault.drop:
        raise ValueError("a fault needs one of code, http_status, delay_s or drop")
    return fault


class Faults:
    """Active fault rules and per-account rate limits."""

    def __init__(self, operations: Collection[str] = ()) -> None:
        self.operations = operations  # the catalog's ids: a rule naming another operation is refused
        self.rules: list[Fault] = []
        self.rate_limits: dict[str, float] = {}
        self._windows: dict[str, deque[float]] = {}
        self._sequence = 0

    def add(self, raw: dict[str, Any]) -> Fault:
        self._sequence += 1
        fault = fault_from(raw, f"fault_{self._sequence}", self.operations)
        self.rules.append(fault)
        return fault

    def clear(self) -> None:
        self.rules.clear()
        self.rate_limits.clear()
        self._windows.clear()

    def take(self, op_id: str | None, account: str | None) -> Fault | None:
        """The first rule that matches this call, counted down (and dropped when used up)."""
        for fault in self.rules:
            if fault.matches(op_id, account):
                if fault.remaining is not None:
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self.rules.remove(fault)
                return fault
        return None

    def over_rate(self, account: str, now: float) -> bool:
        limit = self.rate_limits.get(account)
        if limit is None:
            return False
        window = self._windows.setdefault(account, deque())
        while window and window[0] <= now - 1.0:
            window.popleft()
        if len(window) >= limit:
            return True
        window.append(now)
        return False
