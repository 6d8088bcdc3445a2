"""Clocks: manual stands still, system follows the wall clock scaled by speed; both only go forward."""

from __future__ import annotations

import pytest

from akool_mock.mock_server.clock import ManualClock, SystemClock, now_ms


def test_manual_clock_moves_only_when_advanced() -> None:
    clock = ManualClock(start=100.0)
    assert clock.now() == clock.now() == 100.0
    clock.advance(2.5)
    assert now_ms(clock) == 102_500
    with pytest.raises(ValueError, match="forward"):
        clock.advance(-1)
    with pytest.raises(ValueError, match="speed"):
        clock.set_speed(2)


def test_system_clock_advances_and_changes_speed_without_going_back() -> None:
    clock = SystemClock(speed=1000.0)
    before = clock.now()
    clock.advance(60)
    after = clock.now()
    assert after - before >= 60
    clock.set_speed(1.0)
    assert clock.now() >= after
    assert clock.speed == 1.0
    with pytest.raises(ValueError, match="speed"):
        SystemClock(speed=0)
