"""The baseline's and the final's windows, and their reminders spread across them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from alliance.core.models import Program
from alliance.questionnaires.windows import (
    baseline_closes_at,
    final_closes_at,
    program_midpoint,
    reminder_times,
)

T0 = datetime(2027, 1, 11, 14, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def _program(start: date = date(2027, 1, 11), end: date = date(2027, 9, 11), *,
             zone: str = "America/Montreal") -> Program:
    return Program(name="P", timezone=zone, start_date=start, end_date=end,
                   expiry_minutes=72 * 60, final_window_days=14)


def test_the_midpoint_is_halfway_between_the_dates_in_the_programs_zone() -> None:
    midpoint = program_midpoint(_program(date(2027, 1, 1), date(2027, 1, 11)))
    assert midpoint == datetime(2027, 1, 6, 5, 0, tzinfo=UTC)  # midnight in Montreal
    odd = program_midpoint(_program(date(2027, 1, 1), date(2027, 1, 4), zone="Asia/Tokyo"))
    assert odd == datetime(2027, 1, 2, 3, 0, tzinfo=UTC)  # 12:00 in Tokyo on the 2nd


def test_the_midpoint_allows_for_a_change_of_clock_in_between() -> None:
    # Montreal moves its clocks forward on 14 March 2027: the halfway point is in hours.
    midpoint = program_midpoint(_program(date(2027, 3, 1), date(2027, 3, 31)))
    start = datetime(2027, 3, 1, 5, 0, tzinfo=UTC)
    end = datetime(2027, 3, 31, 4, 0, tzinfo=UTC)
    assert midpoint == start + (end - start) / 2


def test_a_baseline_stays_open_until_the_midpoint() -> None:
    program = _program()
    assert baseline_closes_at(program, T0) == program_midpoint(program)


def test_a_coachee_joining_after_the_midpoint_still_gets_the_normal_expiry() -> None:
    program = _program(date(2027, 1, 11), date(2027, 1, 21))
    late = T0 + 8 * DAY
    assert baseline_closes_at(program, late) == late + timedelta(hours=72)


def test_the_final_stays_open_for_the_closing_window() -> None:
    assert final_closes_at(_program(), T0) == T0 + 14 * DAY


def test_two_reminders_come_after_the_delay_and_as_long_before_the_close() -> None:
    assert reminder_times(T0, T0 + 14 * DAY, 2, DAY) == [T0 + DAY, T0 + 13 * DAY]


def test_more_reminders_are_spread_evenly_between() -> None:
    assert reminder_times(T0, T0 + 14 * DAY, 3, DAY) == [T0 + DAY, T0 + 7 * DAY, T0 + 13 * DAY]


def test_one_reminder_comes_after_the_delay() -> None:
    assert reminder_times(T0, T0 + 90 * DAY, 1, DAY) == [T0 + DAY]


def test_a_short_window_spreads_its_reminders_over_all_of_it() -> None:
    assert reminder_times(T0, T0 + 36 * timedelta(hours=1), 2, DAY) == [
        T0 + timedelta(hours=12), T0 + timedelta(hours=24)]
    assert reminder_times(T0, T0 + timedelta(hours=12), 1, DAY) == [T0 + timedelta(hours=6)]


def test_no_reminders_when_none_are_wanted_or_the_window_has_passed() -> None:
    assert reminder_times(T0, T0 + 14 * DAY, 0, DAY) == []
    assert reminder_times(T0, T0 - DAY, 2, DAY) == []


def test_every_reminder_falls_inside_the_window_in_order() -> None:
    for count in range(1, 6):
        for hours in (1, 30, 72, 2000):
            closes = T0 + timedelta(hours=hours)
            times = reminder_times(T0, closes, count, DAY)
            assert len(times) == count
            assert all(T0 < when < closes for when in times)
            assert times == sorted(times)
