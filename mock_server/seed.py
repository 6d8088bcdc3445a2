"""Seeded catalogs (AI models, effects, languages, voices, avatars): the docs' examples, varied.

Each `fixtures/canonical/<name>.json` holds `{"items": [...], "vary": {...}, "extra": N}`: the items from the
docs verbatim, then N more made from them with fresh ids and values for the fields named in `vary`
(field → how: `object_id`, `suffix`, `first_name` or `name`). The same seed gives the same catalogs.
Names come from a small bundled list, so the server needs no faker (the contract suite uses faker).

They are made once per process for each random state (a fresh in-process fake per test must be cheap) and
then shared by every Backend with that seed: each gets its own dict and lists, the items are shared
(handlers only read them, and copy what they answer).
"""

from __future__ import annotations

import copy
import functools
import json
import random
from pathlib import Path
from typing import Any

from akool_mock.fixtures import FIXTURES_DIR

CANONICAL_DIR = FIXTURES_DIR / "canonical"
NAMES_FILE = Path(__file__).resolve().parent / "data" / "names.json"


@functools.cache
def _names() -> dict[str, list[str]]:
    names: dict[str, list[str]] = json.loads(NAMES_FILE.read_text(encoding="utf-8"))
    return names


def _value(how: str, current: Any, rng: random.Random, n: int) -> str:
    if how == "object_id":
        return f"{rng.getrandbits(96):024x}"
    if how == "suffix":
        return f"{current or ''}-{n}"
    names = _names()
    if how == "first_name":
        return rng.choice(names["first"])
    if how == "name":
        return f"{rng.choice(names['first'])} {rng.choice(names['last'])}"
    raise ValueError(f"unknown way to vary a seeded field: {how!r}")


def _vary(item: dict[str, Any], vary: dict[str, str], rng: random.Random, n: int) -> dict[str, Any]:
    copied = copy.deepcopy(item)
    for field, how in vary.items():
        copied[field] = _value(how, copied.get(field), rng, n)
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
    catalogs: Catalogs = {}
    for path in sorted(CANONICAL_DIR.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        items: list[dict[str, Any]] = [copy.deepcopy(i) for i in spec["items"]]
        base = spec["items"]
        for n in range(int(spec.get("extra", 0))):
            items.append(_vary(base[n % len(base)], spec.get("vary", {}), rng, n + 1))
        catalogs[path.stem] = items
    return catalogs
