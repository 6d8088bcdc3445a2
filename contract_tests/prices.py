"""What a create should charge, computed from the docs' prices (fixtures/docs/prices.json), not the fake's.

`expected_charge(op_id, body, made=..., facts=...)` answers a `Charge`: the credits the docs' price table
gives this request, and whether the docs publish that price (`documented`), or the number rests on an
assumption of akool-mock's (a price the docs leave open, or a media length the request only names:
schemas/NOTES.md #contract-prices), which the suite checks on a controllable target only. `made` is how
many things the create made (videos of a batch, languages of a translation); `facts` what only the target
can tell (the models' unit credits, the length of the video audio is added to).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from akool_mock.fixtures import FIXTURES_DIR

STEP_SECONDS = 5  # the video tables and the models' unit_credit price 5-second blocks
TEXT_BLOCK = 600  # jarvis: 0.1C per 600 characters
URL = re.compile(r"https?://", re.IGNORECASE)


@dataclass(frozen=True)
class Charge:
    credits: float
    documented: bool


@dataclass(frozen=True)
class Facts:
    """What the target tells about things a request names: `models` (model value -> its aimodel item),
    `video_seconds` (the length of the video `pre_video_id` names), `audio_seconds` (the length of the
    source audio, which a voice change's answer shows as `duration`)."""

    models: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    video_seconds: float | None = None
    audio_seconds: float | None = None


@cache
def price_table() -> dict[str, dict[str, Any]]:
    raw = json.loads((FIXTURES_DIR / "docs" / "prices.json").read_text(encoding="utf-8"))
    table: dict[str, dict[str, Any]] = raw["operations"]
    return table


def priced(op_id: str) -> bool:
    return op_id in price_table()


def _video_table(rule: Mapping[str, Any], body: Mapping[str, Any]) -> float:
    given = {**rule.get("assumed_defaults", {}), **body}
    return float(rule["table"][str(given["video_length"])][str(given["resolution"])])


def _model_unit(rule: Mapping[str, Any], body: Mapping[str, Any], facts: Facts) -> float:
    """A batch with a model: its resolutionList unit_credit per 5 seconds (started blocks); else the table."""
    model = facts.models.get(str(body.get("model_name") or ""))
    if model is None:
        return _video_table(rule, body)
    unit = next(r["unit_credit"] for r in model["resolutionList"] if r.get("value") == body["resolution"])
    return float(math.ceil(float(unit) * int(body["video_length"]) / STEP_SECONDS))


def _jarvis(rule: Mapping[str, Any], body: Mapping[str, Any]) -> Charge:
    kind = rule["types"][str(body["type"])]
    content = str(body.get("content", ""))
    if kind["per"] == "item":
        return Charge(float(kind["credits"]), True)
    if kind["per"] == "started_minute":
        return Charge(float(kind["credits"]) * math.ceil(float(kind["assumed_seconds"]) / 60), False)
    if URL.match(content):  # a text URL's length is not in the request: one block assumed
        return Charge(float(kind["credits"]), False)
    return Charge(float(kind["credits"]) * max(math.ceil(len(content) / TEXT_BLOCK), 1), True)


def expected_charge(
    op_id: str, body: Mapping[str, Any], *, made: int = 1, facts: Facts | None = None
) -> Charge:
    """The credits the docs' prices give this create of `op_id` with `body`, `made` things made."""
    rule = price_table()[op_id]
    facts = facts or Facts()
    documented = bool(rule["documented"])
    kind = rule["rule"]
    credits: float
    if kind == "flat":
        credits = float(rule["credits"])
    elif kind == "per_language":
        credits = float(rule["credits"]) * made
    elif kind == "table":
        documented = documented and all(name in body for name in rule.get("assumed_defaults", {}))
        credits = _video_table(rule, body) * made
    elif kind == "model_unit":
        credits = _model_unit(rule, body, facts) * made
    elif kind == "audio_table":
        if facts.video_seconds is None:
            raise ValueError(f"{op_id}: the price depends on the length of the video pre_video_id names")
        credits = float(rule["table"][str(int(facts.video_seconds))])
    elif kind == "per_1000_characters":
        credits = float(rule["credits"]) * max(len(str(body.get(rule["field"], ""))), 1) / 1000
    elif kind in ("per_minute", "per_second"):
        seconds = facts.audio_seconds if facts.audio_seconds is not None else float(rule["assumed_seconds"])
        credits = float(rule["credits"]) * (seconds / 60 if kind == "per_minute" else seconds)
    elif kind == "per_5_seconds":
        documented = documented and "duration" in body
        seconds = float(body.get("duration", rule["assumed_seconds"]))
        unit = rule["unit"][str(body.get("resolution", rule["default_resolution"]))]
        credits = float(unit) * math.ceil(seconds / STEP_SECONDS)
    elif kind == "per_minute_of_duration":
        credits = float(rule["credits"]) * float(body.get("duration") or rule["default_seconds"]) / 60
    elif kind == "by_type":
        return _jarvis(rule, body)
    else:
        raise ValueError(f"{op_id}: unknown price rule {kind!r} in fixtures/docs/prices.json")
    return Charge(round(credits, 4), documented)
