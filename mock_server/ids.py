"""Ids as Akool makes them (24 hex characters, MongoDB ObjectId layout), repeatable under a seed."""

from __future__ import annotations

import random
import secrets
import string
from typing import Any

from akool_mock.mock_server.clock import Clock

_ALPHANUMERIC = string.ascii_letters + string.digits


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

    def number(self, low: int, high: int) -> int:
        return self._random.randint(low, high)

    def chance(self, probability: float) -> bool:
        return self._random.random() < probability

    @property
    def random(self) -> random.Random:
        return self._random
