"""Quiet hours in the program's time zone: nothing is sent at night, it waits for the morning."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo


def in_quiet_hours(moment: datetime, timezone: str, start_hour: int, end_hour: int) -> bool:
    """True when local time is in [start_hour, end_hour), a window that may cross midnight."""
    if start_hour == end_hour:
        return False
    hour = moment.astimezone(ZoneInfo(timezone)).hour
    if start_hour < end_hour:
        return start_hour <= hour < end_hour
    return hour >= start_hour or hour < end_hour


def next_sending_time(moment: datetime, timezone: str, start_hour: int, end_hour: int) -> datetime:
    """`moment` itself outside quiet hours, else the end of the quiet window (in UTC)."""
    if not in_quiet_hours(moment, timezone, start_hour, end_hour):
        return moment
    zone = ZoneInfo(timezone)
    local = moment.astimezone(zone)
    wake = datetime.combine(local.date(), time(end_hour), tzinfo=zone)
    if wake <= local:
        wake = datetime.combine(local.date() + timedelta(days=1), time(end_hour), tzinfo=zone)
    return wake.astimezone(UTC)
