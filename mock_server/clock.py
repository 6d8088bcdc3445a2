"""Time for the whole fake comes from one clock, so tests can move it.

`SystemClock` follows the wall clock, optionally faster (`--speed 60`: a minute per second), and can still be
advanced by hand; `ManualClock` only moves when told. Both answer in seconds since the epoch.
"""

from __future__ import annotations

import math
import time
from typing import Protocol

MAX_TIME = 253_402_300_799.0  # 9999-12-31T23:59:59Z: every timestamp the fake shows stays a valid date
MIN_SPEED, MAX_SPEED = 1e-6, 1e6


def checked_advance(now: float, seconds: float) -> float:
    """`now + seconds`, refused when it would not be a finite time before MAX_TIME or would go back."""
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError("the clock only moves forward, by a finite number of seconds")
    if now + seconds > MAX_TIME:
        raise ValueError("the clock cannot move past 9999-12-31T23:59:59Z")
    return now + seconds


def checked_speed(speed: float) -> float:
    if not MIN_SPEED <= speed <= MAX_SPEED:  # also refuses NaN
        raise ValueError(f"speed must be between {MIN_SPEED:g} and {MAX_SPEED:g}")
    return speed


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
        self._now = checked_advance(self._now, seconds)

    @property
    def speed(self) -> float:
        return 0.0

    def set_speed(self, speed: float) -> None:
        raise ValueError("a manual clock has no speed; advance it instead")


class SystemClock:
    """Wall-clock time scaled by `speed` from the moment it was made, plus any manual advances."""

    kind = "real"

    def __init__(self, speed: float = 1.0) -> None:
        checked_speed(speed)
        self._origin_wall = time.time()
        self._origin_mono = time.monotonic()
        self._base = self._origin_wall
        self._speed = speed
        self._offset = 0.0

    def now(self) -> float:
        return min(self._base + (time.monotonic() - self._origin_mono) * self._speed + self._offset, MAX_TIME)

    def advance(self, seconds: float) -> None:
        checked_advance(self.now(), seconds)
        self._offset += seconds

    @property
    def speed(self) -> float:
        return self._speed

    def set_speed(self, speed: float) -> None:
        checked_speed(speed)
        # Re-anchor so that changing speed never moves time backwards.
        self._base = self.now() - self._offset
        self._origin_mono = time.monotonic()
        self._speed = speed
