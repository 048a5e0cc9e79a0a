"""The choices of the session date/time picker, in the program's time zone.

A coach scheduling a session thinks in local days and clock times; the picker offers the next two
weeks, half-hour slots during the working day, and the usual session lengths, and converts the
choice to UTC once, here, so daylight-saving changes are handled in one place.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

PICKER_DAYS = 14
FIRST_SLOT = time(7, 0)
LAST_SLOT = time(20, 30)
SLOT_STEP_MINUTES = 30
DURATIONS_MINUTES: tuple[int, ...] = (45, 60, 90)


def local_today(now: datetime, timezone: str) -> date:
    return now.astimezone(ZoneInfo(timezone)).date()


def to_utc(day: date, slot: time, timezone: str) -> datetime:
    """The UTC instant of a local wall-clock time (slots avoid the small-hours DST gaps)."""
    return datetime.combine(day, slot, tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def picker_days(now: datetime, timezone: str, days: int = PICKER_DAYS) -> list[date]:
    """Today and the following days, as the program's participants see the calendar."""
    today = local_today(now, timezone)
    return [today + timedelta(days=offset) for offset in range(days)]


def all_slots() -> list[time]:
    """Every slot start of a day, FIRST_SLOT to LAST_SLOT inclusive."""
    slots: list[time] = []
    minutes = FIRST_SLOT.hour * 60 + FIRST_SLOT.minute
    last = LAST_SLOT.hour * 60 + LAST_SLOT.minute
    while minutes <= last:
        slots.append(time(minutes // 60, minutes % 60))
        minutes += SLOT_STEP_MINUTES
    return slots


def picker_slots(day: date, now: datetime, timezone: str) -> list[time]:
    """The slots of `day` that still lie in the future (today loses the hours already past)."""
    return [slot for slot in all_slots() if to_utc(day, slot, timezone) > now]


def is_offered(day: date, slot: time, duration_minutes: int, now: datetime, timezone: str) -> bool:
    """Whether a (possibly forged or stale) picker choice is one the picker would offer now."""
    return (
        day in picker_days(now, timezone)
        and slot in picker_slots(day, now, timezone)
        and duration_minutes in DURATIONS_MINUTES
    )


def encode_day(day: date) -> str:
    return day.strftime("%Y%m%d")


def decode_day(text: str) -> date | None:
    try:
        return datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        return None


def encode_slot(slot: time) -> str:
    return slot.strftime("%H%M")


def decode_slot(text: str) -> time | None:
    try:
        return datetime.strptime(text, "%H%M").time()
    except ValueError:
        return None
