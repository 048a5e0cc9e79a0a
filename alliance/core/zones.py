"""Time zone names from people and operators, checked before anything looks them up.

Typed input goes nowhere near the tz database until it is known to be one of its names: a
name is bounded, and must be in the list of zones the system has. `ZoneInfo` with arbitrary
text reaches the file system (a 1,024-character name raised OSError, not a lookup error).
The CLI, the settings and the bot all use `checked_timezone`.
"""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import available_timezones

# offered as buttons wherever a zone is chosen (the program's own first); any other is typed
COMMON_ZONES = (
    "America/Montreal",
    "America/Toronto",
    "America/Halifax",
    "America/Winnipeg",
    "America/Edmonton",
    "America/Vancouver",
    "Europe/Paris",
    "Europe/London",
    "UTC",
)
MAX_TIMEZONE_LENGTH = 64  # the programs.timezone column; IANA names are at most about 32


def zone_of(person_zone: str | None, program_zone: str) -> str:
    """The zone a person lives by: their own choice, else their program's."""
    return person_zone or program_zone


def place_of(zone: str) -> str:
    """What people call a zone: "America/Montreal" → "Montreal", "UTC" stays "UTC"."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


class UnknownTimeZone(ValueError):
    """Not a time zone name this system knows; the message is safe to show."""


@lru_cache(maxsize=1)
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


@lru_cache(maxsize=1)
def _by_lowered_name() -> dict[str, str]:
    """Lower-cased zone names and places ("montreal", "new york") → a zone; the full name wins
    over a place, and among zones sharing a place the first in sorted order."""
    names: dict[str, str] = {}
    for zone in sorted(_known_zones()):
        names.setdefault(place_of(zone).lower(), zone)
    names.update({zone.lower(): zone for zone in _known_zones()})
    return names


def timezone_named(text: str) -> str:
    """The zone a person typed, as a city ("Paris", "new york") or a zone name in any case;
    then `checked_timezone` like any other name."""
    name = text.strip()
    if len(name) <= MAX_TIMEZONE_LENGTH:
        name = _by_lowered_name().get(" ".join(name.lower().split()), name)
    return checked_timezone(name)


def checked_timezone(name: str) -> str:
    """The zone name, stripped, if it names a known IANA zone; UnknownTimeZone otherwise."""
    name = name.strip()
    if not name or len(name) > MAX_TIMEZONE_LENGTH or name not in _known_zones():
        shown = name if len(name) <= MAX_TIMEZONE_LENGTH else name[:MAX_TIMEZONE_LENGTH] + "…"
        raise UnknownTimeZone(f"unknown time zone {shown!r}")
    return name

