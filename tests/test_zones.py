"""Typed input that reaches a lookup or a column is bounded and checked first: time zones
against the tz database's names, names against their column's length."""

from __future__ import annotations

import pytest

from alliance.core.config import SettingsError, load_settings
from alliance.core.zones import UnknownTimeZone, checked_timezone
from tests.test_cli_admin import alliance

LONG_ZONE = "A" * 1024


def test_a_known_zone_passes_stripped() -> None:
    assert checked_timezone(" America/Toronto ") == "America/Toronto"
    assert checked_timezone("UTC") == "UTC"


@pytest.mark.parametrize(
    "name", [LONG_ZONE, "", "Mars/Olympus", "America", "../../etc/passwd", "/etc/localtime",
             "America/Toronto\x00", "Europe/" + "x" * 200],
)
def test_anything_else_is_refused_with_a_short_message(name: str) -> None:
    with pytest.raises(UnknownTimeZone) as caught:
        checked_timezone(name)
    assert len(str(caught.value)) < 100


def test_settings_refuse_a_1024_character_zone_in_one_line() -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None, alliance_timezone=LONG_ZONE)
    assert str(caught.value).startswith("invalid setting ALLIANCE_TIMEZONE:")
    assert "\n" not in str(caught.value)


def test_cli_refuses_a_1024_character_zone_without_a_traceback(database_url: str) -> None:
    result = alliance(database_url, "program", "create", "P", "--timezone", LONG_ZONE)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "unknown time zone" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [
    ("program", "create", "P" * 201),
    ("invite", "--program", "1", "--role", "coach", "--name", "N" * 201),
])
def test_cli_refuses_names_longer_than_the_columns_in_one_line(
    database_url: str, command: tuple[str, ...]
) -> None:
    assert alliance(database_url, "program", "create", "Leaders 2027").returncode == 0
    result = alliance(database_url, *command)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "at most 200 characters" in result.stderr and "Traceback" not in result.stderr
