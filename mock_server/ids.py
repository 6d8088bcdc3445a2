"""Ids as Akool makes them (24 hex characters, MongoDB ObjectId layout), repeatable under a seed."""

from __future__ import annotations

import hashlib
import random
import secrets
import string
from typing import Any

from akool_mock.mock_server.clock import Clock

_ALPHANUMERIC = string.ascii_letters + string.digits
_PROCESS_KEY = secrets.token_bytes(32)  # `job_token`'s key in a fake without a seed


class IdFactory:
    """ObjectId-shaped ids: 4 bytes of clock seconds, 5 seeded random bytes, a 3-byte counter."""

    def __init__(self, clock: Clock, seed: int | None = None) -> None:
        self._clock = clock
        self._seed = seed
        self.reset()

    def reset(self) -> None:
        self._random = random.Random(self._seed) if self._seed is not None else random.SystemRandom()
        self._process = self._random.getrandbits(40)
        self._counter = self._random.getrandbits(24)

    def snapshot(self) -> dict[str, Any]:
        """What a state file keeps so that ids after a restart never repeat ones already handed out."""
        state: dict[str, Any] = {"process": self._process, "counter": self._counter}
        if self._seed is not None:
            version, internal, gauss = self._random.getstate()
            state["random"] = [version, list(internal), gauss]
        return state

    def restore(self, state: dict[str, Any]) -> None:
        self._process = int(state["process"])
        self._counter = int(state["counter"])
        if self._seed is not None and "random" in state:
            version, internal, gauss = state["random"]
            self._random.setstate((version, tuple(internal), gauss))

    def object_id(self) -> str:
        self._counter = (self._counter + 1) & 0xFFFFFF
        seconds = int(self._clock.now()) & 0xFFFFFFFF
        return f"{seconds:08x}{self._process:010x}{self._counter:06x}"

    def token(self, length: int = 32) -> str:
        """Random alphanumeric text for ids that are not ObjectIds (seeded when the fake is)."""
        if self._seed is None:
            return secrets.token_urlsafe(length)[:length]
        return "".join(self._random.choice(_ALPHANUMERIC) for _ in range(length))

    @staticmethod
    def secret(length: int = 32) -> str:
        """Random URL-safe text for API keys and tokens: never seeded, so `--seed` makes ids repeatable
        but no run can guess another run's credentials (NOTES.md #seeded-secrets)."""
        return secrets.token_urlsafe(length)[:length]

    @property
    def seed(self) -> int | None:
        return self._seed

    def number(self, low: int, high: int) -> int:
        return self._random.randint(low, high)

    def chance(self, probability: float) -> bool:
        return self._random.random() < probability

    @property
    def random(self) -> random.Random:
        return self._random


def job_digest(seed: int | None, name: str, size: int) -> bytes:
    """`size` bytes (at most 64) that only `name` (a job id, with what the value is for) and the fake's seed
    determine: for a value a job shows that is computed when read instead of kept (job_fields.py `Derived`).
    Keyed BLAKE2b, so it looks random; with a seed it is the same on every run, without one a key chosen at
    start-up."""
    key = _PROCESS_KEY if seed is None else hashlib.sha256(f"akool-mock job token {seed}".encode()).digest()
    return hashlib.blake2b(name.encode(), key=key, digest_size=size).digest()


def job_token(seed: int | None, name: str, length: int) -> str:
    """Alphanumeric text of `length` (at most 64) made from `job_digest`."""
    return "".join([_ALPHANUMERIC[byte % len(_ALPHANUMERIC)] for byte in job_digest(seed, name, 64)[:length]])
