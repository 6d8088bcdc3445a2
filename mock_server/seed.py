"""Seeded catalogs (AI models, effects, languages, voices, avatars): the docs' examples, varied with faker.

Each `fixtures/canonical/<name>.json` holds `{"items": [...], "vary": {...}, "extra": N}`: the items from the
docs verbatim, then N more made from them with fresh ids and faker values for the fields named in `vary`
(field → faker provider). The same seed gives the same catalogs.

They are made once per process for each random state (a fresh in-process fake per test must be cheap: faker
took ~60 ms of each) and then shared by every Backend with that seed: each gets its own dict and lists, the
items are shared (handlers only read them, and copy what they answer).
"""

from __future__ import annotations

import copy
import functools
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


Catalogs = dict[str, list[dict[str, Any]]]


def seed_catalogs(rng: random.Random) -> Catalogs:
    """The catalogs for `rng`'s state, leaving `rng` as making them would have (so later ids match)."""
    if isinstance(rng, random.SystemRandom):  # no seed: nothing to repeat, nothing to cache
        return _make(rng)
    catalogs, after = _seeded(rng.getstate())
    rng.setstate(after)
    return {name: list(items) for name, items in catalogs.items()}  # each Backend its own dict and lists


@functools.lru_cache(maxsize=32)
def _seeded(state: tuple[Any, ...]) -> tuple[Catalogs, tuple[Any, ...]]:
    rng = random.Random()
    rng.setstate(state)
    return _make(rng), rng.getstate()


def _make(rng: random.Random) -> Catalogs:
    fake = Faker()
    fake.seed_instance(rng.getrandbits(32))
    catalogs: Catalogs = {}
    for path in sorted(CANONICAL_DIR.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        items: list[dict[str, Any]] = [copy.deepcopy(i) for i in spec["items"]]
        base = spec["items"]
        for n in range(int(spec.get("extra", 0))):
            items.append(_vary(base[n % len(base)], spec.get("vary", {}), fake, rng, n + 1))
        catalogs[path.stem] = items
    return catalogs
