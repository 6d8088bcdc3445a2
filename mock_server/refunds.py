"""What a failed job costs: the `on_failure` of its pricing rule (`data/pricing/*.json`), read once.

`refund` (the default) gives every credit of a failed job back when it fails, so the balance, the poll
answer's `deduction_credit` and the webhook's agree on 0 (schemas/NOTES.md #audit-credits-on-failure);
`keep` leaves the charge to the area's own rule (streaming sessions refund their unused minutes).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

PRICING_DIR = Path(__file__).resolve().parent / "data" / "pricing"
REFUND, KEEP = "refund", "keep"


@cache
def _policies() -> tuple[str, dict[str, str]]:
    default = REFUND
    policies: dict[str, str] = {}
    for path in sorted(PRICING_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        default = data.get("default", {}).get("on_failure", default)
        for op_id, rule in data.get("operations", {}).items():
            if "on_failure" in rule:
                policies[op_id] = rule["on_failure"]
    for policy in (default, *policies.values()):
        if policy not in (REFUND, KEEP):
            raise ValueError(f"on_failure must be {REFUND!r} or {KEEP!r}, not {policy!r}")
    return default, policies


def refunds_on_failure(op_id: str) -> bool:
    """True when a failed job of this operation gives its credits back."""
    default, policies = _policies()
    return policies.get(op_id, default) == REFUND
