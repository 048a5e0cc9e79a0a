"""How long the baseline and final questionnaires stay open, and when their reminders come.

A check-in belongs to one session and closes after the program's expiry. The two
self-efficacy questionnaires are the analysis's pre/post pair: a coachee who misses one drops
out of it. So the baseline stays open until the program's midpoint (or for at least the normal
expiry, for someone who joins later), the final for a closing window, and each is reminded a
configurable number of times across its window. Pure functions: the callers pass the moments.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from alliance.core.models import Program
from alliance.questionnaires.kinds import KINDS, Reminding

WINDOWED_KINDS = frozenset(k for k, q in KINDS.items() if q.reminding == Reminding.ACROSS_WINDOW)
MAX_QUESTIONNAIRE_REMINDERS = 5
MAX_FINAL_WINDOW_DAYS = 90


def program_midpoint(program: Program) -> datetime:
    """Halfway between the start and end dates' midnights in the program's own zone, counted in
    real hours (in UTC: arithmetic on local times would ignore a change of clock between)."""
    zone = ZoneInfo(program.timezone)
    start = datetime.combine(program.start_date, time(0), zone).astimezone(UTC)
    end = datetime.combine(program.end_date, time(0), zone).astimezone(UTC)
    return start + (end - start) / 2


def baseline_closes_at(program: Program, now: datetime) -> datetime:
    """The program's midpoint, or the normal expiry from now for someone who joins after it."""
    return max(program_midpoint(program), now + timedelta(minutes=program.expiry_minutes))


def final_closes_at(program: Program, now: datetime) -> datetime:
    return now + timedelta(days=program.final_window_days)


def reminder_times(
    sent_at: datetime, closes_at: datetime, count: int, first_after: timedelta
) -> list[datetime]:
    """`count` reminders between sending and closing: the first `first_after` the send, the last
    as long before the close, the others evenly between. A window too short for that spreads
    them evenly over the whole window instead."""
    window = closes_at - sent_at
    if count <= 0 or window <= timedelta(0):
        return []
    if count == 1 and first_after < window:
        return [sent_at + first_after]
    span = window - 2 * first_after
    if count == 1 or span <= timedelta(0):
        return [sent_at + window * k / (count + 1) for k in range(1, count + 1)]
    return [sent_at + first_after + span * k / (count - 1) for k in range(count)]
