"""Subscription plans: what each account's plan allows (schemas/NOTES.md #audit-plans).

The documented limits only: the VoiceLab rates table (instant voice clones: Pro 30, Max 180, Business 500,
Enterprise customized), the per-request `input_text` limits (Pro 5,000, Pro Max 10,000, Business 50,000
characters), Character Swap "requires Pro plan or higher", Image to Video's 10-second videos and premium
model "pro and above", and Jarvis Moderator "available only to enterprise users". A feature the plan lacks
answers 1213 "Requires subscription user to use"; a clone over the plan's count 1006 "Insufficient quota
balance"; a text over the plan's limit 1003 naming the field. `enterprise`, the default, allows everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from akool_mock.mock_server.errors import AkoolError, InsufficientCredit, ValidationFailed

SUBSCRIPTION_REQUIRED = 1213
QUOTA = 1006
TEXT_FIELDS = {"voices.tts": "input_text"}


@dataclass(frozen=True, slots=True)
class Plan:
    name: str
    rank: int  # free 0 < pro 1 < max 2 < business 3 < enterprise 4
    voice_clones: int | None  # None: no limit ("Customized")
    text_chars: int


PLANS = {
    plan.name: plan
    for plan in (
        Plan("free", 0, 0, 5_000),
        Plan("pro", 1, 30, 5_000),
        Plan("max", 2, 180, 10_000),
        Plan("business", 3, 500, 50_000),
        Plan("enterprise", 4, None, 50_000),
    )
}
DEFAULT_PLAN = "enterprise"
PRO, ENTERPRISE = PLANS["pro"].rank, PLANS["enterprise"].rank


def plan_named(name: str) -> Plan:
    try:
        return PLANS[name]
    except KeyError:
        raise ValueError(f"unknown plan {name!r}; plans: {', '.join(PLANS)}") from None


def _require(plan: Plan, rank: int, feature: str) -> None:
    if plan.rank < rank:
        needed = next(p.name for p in PLANS.values() if p.rank == rank)
        raise AkoolError(
            f"{feature} requires the {needed} plan or higher (this account: {plan.name})",
            code=SUBSCRIPTION_REQUIRED,
        )


def _texts(op_id: str, body: dict[str, Any]) -> list[tuple[str, str]]:
    if op_id == "talking_avatar.create":
        elements = body.get("elements") or []
        return [
            (f"elements[{i}].input_text", str(e.get("input_text") or ""))
            for i, e in enumerate(elements)
            if isinstance(e, dict)
        ]
    field = TEXT_FIELDS.get(op_id)
    return [(field, str(body.get(field) or ""))] if field else []


def enforce(plan: Plan, op_id: str, body: dict[str, Any], clones: int = 0) -> None:
    """Refuse what this plan does not allow for one call (`clones`: the account's current voice clones)."""
    if op_id == "character_swap.create":
        _require(plan, PRO, "Character Swap")
    elif op_id in ("image2video.create", "image2video.create_batch"):
        if body.get("video_length") == 10:
            _require(plan, PRO, "video_length 10")
        if body.get("is_premium_model"):
            _require(plan, PRO, "is_premium_model")
    elif op_id == "jarvis.create_analysis":
        _require(plan, ENTERPRISE, "Jarvis Moderator")
    elif op_id == "voices.clone":
        _require(plan, PRO, "Voice clone")
        if plan.voice_clones is not None and clones >= plan.voice_clones:
            raise InsufficientCredit(
                f"voice clones: the {plan.name} plan allows {plan.voice_clones}; delete one first", code=QUOTA
            )
    for field, text in _texts(op_id, body):
        if len(text) > plan.text_chars:
            raise ValidationFailed(
                f"{field}: {len(text)} characters; the {plan.name} plan allows {plan.text_chars} per request"
            )
