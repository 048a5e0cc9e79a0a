"""Quiet hours follow the program's local time, across midnight and daylight-saving changes."""

from datetime import UTC, datetime

import pytest

from alliance.delivery.quiet_hours import in_quiet_hours, next_sending_time

TZ = "America/Montreal"


@pytest.mark.parametrize(
    ("utc", "quiet"),
    [
        (datetime(2027, 1, 12, 1, 59, tzinfo=UTC), False),  # 20:59 local
        (datetime(2027, 1, 12, 2, 0, tzinfo=UTC), True),  # 21:00 local
        (datetime(2027, 1, 12, 12, 59, tzinfo=UTC), True),  # 07:59 local
        (datetime(2027, 1, 12, 13, 0, tzinfo=UTC), False),  # 08:00 local
    ],
)
def test_window_crossing_midnight(utc: datetime, quiet: bool) -> None:
    assert in_quiet_hours(utc, TZ, 21, 8) is quiet


def test_same_start_and_end_means_never_quiet() -> None:
    assert not in_quiet_hours(datetime(2027, 1, 12, 3, tzinfo=UTC), TZ, 8, 8)


def test_daytime_window() -> None:
    assert in_quiet_hours(datetime(2027, 1, 12, 17, tzinfo=UTC), TZ, 12, 14)  # 12:00 local


def test_evening_moment_waits_for_next_morning() -> None:
    evening = datetime(2027, 1, 12, 3, 30, tzinfo=UTC)  # 22:30 local on the 11th
    assert next_sending_time(evening, TZ, 21, 8) == datetime(2027, 1, 12, 13, 0, tzinfo=UTC)


def test_early_morning_waits_until_end_of_window_same_day() -> None:
    early = datetime(2027, 1, 12, 10, 0, tzinfo=UTC)  # 05:00 local
    assert next_sending_time(early, TZ, 21, 8) == datetime(2027, 1, 12, 13, 0, tzinfo=UTC)


def test_daylight_saving_day_uses_local_wall_clock() -> None:
    night = datetime(2027, 3, 14, 5, 0, tzinfo=UTC)  # 00:00 EST, DST starts at 02:00
    assert next_sending_time(night, TZ, 21, 8) == datetime(2027, 3, 14, 12, 0, tzinfo=UTC)


def test_outside_quiet_hours_is_unchanged() -> None:
    noon = datetime(2027, 1, 12, 17, 0, tzinfo=UTC)
    assert next_sending_time(noon, TZ, 21, 8) == noon
