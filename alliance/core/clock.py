"""Time as a dependency: the real clock in production, a settable one in tests, a fast one in
the demo. Everything that compares with "now" asks a Clock, never datetime.now directly."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that moves only when told to: reminders and expiry become testable."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime.now(UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> datetime:
        self._now += delta
        return self._now

    def set(self, moment: datetime) -> None:
        self._now = moment


class AcceleratedClock:
    """Program time running `factor` times faster than wall time, from `start`; can also jump."""

    def __init__(self, start: datetime, factor: float) -> None:
        self._start = start
        self._factor = factor
        self._origin = time.monotonic()
        self._jumped = timedelta()

    def now(self) -> datetime:
        elapsed = (time.monotonic() - self._origin) * self._factor
        return self._start + self._jumped + timedelta(seconds=elapsed)

    def jump(self, delta: timedelta) -> datetime:
        self._jumped += delta
        return self.now()
