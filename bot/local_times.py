"""Times as a person reads them: in their own zone, labelled with it, and the zone buttons.

One convention everywhere a person sees a moment: "Tue 1 Dec, 08:27 (Montreal time)", or
"08:00 (Montreal time)" for a time today. The label says whose clock it is, so a coach and a
coachee in different zones never read the same hour two ways.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from babel.dates import get_timezone_location

from alliance.core.models import Person, Program
from alliance.core.zones import COMMON_ZONES, place_of, zone_of
from alliance.delivery.quiet_hours import next_sending_time
from bot.texts import CATALOGUE, t


def format_day(lang: str, day: date) -> str:
    return t(lang, "date.day", weekday=t(lang, f"weekday.{day.weekday()}"), day=day.day,
             month=t(lang, f"month.{day.month}"))


def format_time(moment: datetime, timezone: str) -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime("%H:%M")


def format_moment(lang: str, moment: datetime, timezone: str) -> str:
    """"Tue 1 Dec, 08:27" in `timezone`, unlabelled (where the zone is said once nearby)."""
    local = moment.astimezone(ZoneInfo(timezone))
    return t(lang, "date.moment", weekday=t(lang, f"weekday.{local.weekday()}"), day=local.day,
             month=t(lang, f"month.{local.month}"), time=local.strftime("%H:%M"))


@cache  # CLDR lookups for every time label: a zone's name does not change while we run
def place_name(lang: str, zone: str) -> str:
    """The zone's city as the reader writes it (Babel's CLDR names: "Londres", "Calcutta");
    a zone CLDR folds into another city (America/Montreal is Toronto's) keeps its own name,
    spelt by the catalogue when it has one ("Montréal")."""
    own = place_of(zone)
    try:
        if get_timezone_location(zone, locale="en", return_city=True) == own:
            return str(get_timezone_location(zone, locale=lang, return_city=True))
    except LookupError:
        pass
    return t(lang, f"place.{own}") if CATALOGUE.has(f"place.{own}") else own


def zone_label(lang: str, zone: str) -> str:
    """"Montreal time", "heure de Montréal"; UTC is no place: just "UTC"."""
    if zone in ("UTC", "Etc/UTC"):
        return "UTC"
    return t(lang, "zone.label", place=place_name(lang, zone))


def local_time(lang: str, moment: datetime, zone: str) -> str:
    """"08:00 (Montreal time)"."""
    clock = moment.astimezone(ZoneInfo(zone)).strftime("%H:%M")
    return t(lang, "zone.at", time=clock, label=zone_label(lang, zone))


def local_moment(lang: str, moment: datetime, zone: str) -> str:
    """"Tue 1 Dec, 08:27 (Montreal time)"."""
    return t(lang, "zone.when", moment=format_moment(lang, moment, zone),
             label=zone_label(lang, zone))


def person_zone(person: Person, program: Program) -> str:
    return zone_of(person.timezone, program.timezone)


def promised_at(lang: str, now: datetime, person: Person, program: Program) -> str | None:
    """When a message queued now for `person` goes out, in their zone and labelled; None when
    it goes at once (not held for their quiet hours)."""
    zone = person_zone(person, program)
    at = next_sending_time(now, zone, program.quiet_start_hour, program.quiet_end_hour)
    return local_time(lang, at, zone) if at > now else None


def zone_rows(
    first: str, data_prefix: str, label: Callable[[str], str] = str, per_row: int = 3
) -> list[list[tuple[str, str]]]:
    """The usual zones as button rows, `first` (the program's) first; data `<prefix><zone>`."""
    zones = [first, *(z for z in COMMON_ZONES if z != first)]
    cells = [(label(z), f"{data_prefix}{z}") for z in zones]
    return [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
