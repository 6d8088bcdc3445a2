"""Seeded catalogs (AI models, effects, languages, voices, avatars): the docs' examples, varied with faker.

Each `fixtures/canonical/<name>.json` holds `{"items": [...], "vary": {...}, "extra": N}`: the items from the
docs verbatim, then N more made from them with fresh ids and faker values for the fields named in `vary`
(field → faker provider). The same seed gives the same catalogs.
"""

from __future__ import annotations

import copy
import json
import random
from typing import Any

from faker import Faker

from akool_mock.fixtures import FIXTURES_DIR

CANONICAL_DIR = FIXTURES_DIR / "canonical"


def _hex_id(rng: random.Random) -> str:
    return f"{rng.getrandbits(96):024x}"


def _vary(
    item: dict[str, Any], vary: dict[str, str], fake: Faker, rng: random.Random, n: int
) -> dict[str, Any]:
    copied = copy.deepcopy(item)
    for field, provider in vary.items():
        if provider == "object_id":
            copied[field] = _hex_id(rng)
        elif provider == "suffix":
            copied[field] = f"{copied.get(field, '')}-{n}"
        else:
            copied[field] = getattr(fake, provider)()
    return copied


def seed_catalogs(rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    fake = Faker()
    fake.seed_instance(rng.getrandbits(32))
    catalogs: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(CANONICAL_DIR.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        items: list[dict[str, Any]] = [copy.deepcopy(i) for i in spec["items"]]
        base = spec["items"]
        for n in range(int(spec.get("extra", 0))):
            items.append(_vary(base[n % len(base)], spec.get("vary", {}), fake, rng, n + 1))
        catalogs[path.stem] = items
    return catalogs
