"""Seeded catalogs (AI models, effects, languages, voices, avatars): the docs' examples, varied.

Each `fixtures/canonical/<name>.json` holds `{"items": [...], "vary": {...}, "extra": N}`: the items from the
docs verbatim, then N more made from them with fresh ids and values for the fields named in `vary` (field →
`object_id`, `suffix`, or a person's `name` or `first_name`). The same seed gives the same catalogs. The
server needs nothing but the standard library for this (faker belongs to the contract suite's extra).
"""

from __future__ import annotations

import copy
import json
import random
from typing import Any

from akool_mock.fixtures import FIXTURES_DIR

CANONICAL_DIR = FIXTURES_DIR / "canonical"
FIRST_NAMES = (
    "Ada",
    "Amir",
    "Chen",
    "Elena",
    "Fatima",
    "Hiro",
    "Ines",
    "Kofi",
    "Lena",
    "Mateo",
    "Nia",
    "Omar",
)
LAST_NAMES = ("Akande", "Berg", "Costa", "Dubois", "Haddad", "Ito", "Kowalski", "Lopez", "Nguyen", "Silva")


def _hex_id(rng: random.Random) -> str:
    return f"{rng.getrandbits(96):024x}"


def _vary(item: dict[str, Any], vary: dict[str, str], rng: random.Random, n: int) -> dict[str, Any]:
    copied = copy.deepcopy(item)
    for field, provider in vary.items():
        if provider == "object_id":
            copied[field] = _hex_id(rng)
        elif provider == "suffix":
            copied[field] = f"{copied.get(field, '')}-{n}"
        elif provider == "name":
            copied[field] = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        elif provider == "first_name":
            copied[field] = rng.choice(FIRST_NAMES)
        else:
            raise ValueError(f"unknown way to vary {field!r}: {provider!r}")
    return copied


def seed_catalogs(rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    catalogs: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(CANONICAL_DIR.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        items: list[dict[str, Any]] = [copy.deepcopy(i) for i in spec["items"]]
        base = spec["items"]
        for n in range(int(spec.get("extra", 0))):
            items.append(_vary(base[n % len(base)], spec.get("vary", {}), rng, n + 1))
        catalogs[path.stem] = items
    return catalogs
