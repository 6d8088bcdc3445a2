"""Time for the whole fake comes from one clock, so tests can move it.

`SystemClock` follows the wall clock, optionally faster (`--speed 60`: a minute per second), and can still be
advanced by hand; `ManualClock` only moves when told. Both answer in seconds since the epoch.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """What every part of the fake asks for the time."""

    def now(self) -> float: ...

    def advance(self, seconds: float) -> None: ...

    @property
    def speed(self) -> float: ...

    def set_speed(self, speed: float) -> None: ...


def now_ms(clock: Clock) -> int:
    """The clock's time in whole milliseconds, as Akool timestamps are."""
    return int(clock.now() * 1000)


class ManualClock:
    """Stands still until advanced; starts at a fixed, realistic time so ids and timestamps repeat."""

    kind = "manual"

    def __init__(self, start: float = 1_735_689_600.0) -> None:  # 2025-01-01T00:00:00Z
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        self._now += seconds

    @property
    def speed(self) -> float:
        return 0.0

    def set_speed(self, speed: float) -> None:
        raise ValueError("a manual clock has no speed; advance it instead")


class SystemClock:
    """Wall-clock time scaled by `speed` from the moment it was made, plus any manual advances."""

    kind = "real"

    def __init__(self, speed: float = 1.0) -> None:
        if speed <= 0:
            raise ValueError("speed must be > 0")
        self._origin_wall = time.time()
        self._origin_mono = time.monotonic()
        self._base = self._origin_wall
        self._speed = speed
        self._offset = 0.0

    def now(self) -> float:
        return self._base + (time.monotonic() - self._origin_mono) * self._speed + self._offset

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        self._offset += seconds

    @property
    def speed(self) -> float:
        return self._speed

    def set_speed(self, speed: float) -> None:
        if speed <= 0:
            raise ValueError("speed must be > 0")
        # Re-anchor so that changing speed never moves time backwards.
        self._base = self.now() - self._offset
        self._origin_mono = time.monotonic()
        self._speed = speed
