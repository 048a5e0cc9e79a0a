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


class UnknownTimeZone(ValueError):
    """Not a time zone name this system knows; the message is safe to show."""


@lru_cache(maxsize=1)
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def checked_timezone(name: str) -> str:
    """The zone name, stripped, if it names a known IANA zone; UnknownTimeZone otherwise."""
    name = name.strip()
    if not name or len(name) > MAX_TIMEZONE_LENGTH or name not in _known_zones():
        shown = name if len(name) <= MAX_TIMEZONE_LENGTH else name[:MAX_TIMEZONE_LENGTH] + "…"
        raise UnknownTimeZone(f"unknown time zone {shown!r}")
    return name

