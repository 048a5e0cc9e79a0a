"""A person's own settings: which roles they hold, their language and time zone, pausing.

These are the changes people make to themselves; what others do to them (invites, enrolment)
lives in `alliance.enrolment.invites` and `alliance.enrolment.joining`.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.audit import record
from alliance.core.catalogues import languages
from alliance.core.models import Membership, Person, PersonState, Program, Role
from alliance.core.zones import checked_timezone

LANGUAGES = languages()  # those with a catalogue (alliance/locales)
# Menus and help list roles in this order: a lead who also coaches sees the lead's tools first.
ROLE_ORDER = (Role.LEAD, Role.COACH, Role.COACHEE)


class PersonError(ValueError):
    """A change a person asked for that does not apply to them; the message names the reason."""


async def roles_of(session: AsyncSession, person_id: int) -> list[Role]:
    """Every role the person holds in any program, in `ROLE_ORDER`."""
    held = set(
        await session.scalars(
            select(Membership.role).where(Membership.person_id == person_id).distinct()
        )
    )
    return [role for role in ROLE_ORDER if role in held]


def set_language(session: AsyncSession, person: Person, language: str) -> None:
    """Switch the language of every message the person gets from now on."""
    if language not in LANGUAGES:
        raise PersonError("unsupported_language")
    person.language = language
    record(session, "language_changed", actor_id=person.id, subject=f"person:{person.id}",
           language=language)


async def zone_of_person(session: AsyncSession, person: Person, default: str) -> str:
    """The zone a person's times are shown in: their own, else their first program's."""
    if person.timezone:
        return person.timezone
    program_zone = await session.scalar(
        select(Program.timezone)
        .join(Membership, Membership.program_id == Program.id)
        .where(Membership.person_id == person.id)
        .order_by(Membership.id)
        .limit(1)
    )
    return program_zone or default


def set_timezone(session: AsyncSession, person: Person, zone: str) -> str:
    """Show this person's times, and keep their quiet hours, in `zone` from now on.

    Raises `UnknownTimeZone` (and changes nothing) for a name the tz database does not have."""
    person.timezone = checked_timezone(zone)
    record(session, "timezone_changed", actor_id=person.id, subject=f"person:{person.id}")
    return person.timezone


def pause(session: AsyncSession, person: Person) -> None:
    """Stop prompts to this person until they resume; pending prompts wait, nothing is lost."""
    if person.state == PersonState.PAUSED:
        raise PersonError("already_paused")
    if person.state not in (PersonState.ACTIVE, PersonState.UNREACHABLE):
        raise PersonError("not_active")
    person.state = PersonState.PAUSED
    record(session, "participation_paused", actor_id=person.id, subject=f"person:{person.id}")


def resume(session: AsyncSession, person: Person) -> None:
    """Let prompts flow again; anything that came due meanwhile goes out on the next pass."""
    if person.state != PersonState.PAUSED:
        raise PersonError("not_paused")
    person.state = PersonState.ACTIVE
    record(session, "participation_resumed", actor_id=person.id, subject=f"person:{person.id}")
