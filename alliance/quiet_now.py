"""Who may not be written to right now: quiet hours in each recipient's own time zone.

The delivery loop asks every second, so the tz arithmetic is done in Python once per distinct
(program hours, zone) pair in use, and the claim query only compares zone names. A recipient
without a zone of their own (NULL) lives by the program's zone; in the query that is the empty
name, so no comparison ever yields NULL (a NULL would silently hold a row forever).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from alliance.models import Person, Program
from alliance.outbound_model import OutboundMessage, OutboundState
from alliance.quiet_hours import in_quiet_hours

PROGRAM_ZONE = ""  # stands for "no zone of their own" in the claim query


@dataclass(frozen=True)
class ProgramHours:
    program_id: int
    timezone: str
    start_hour: int
    end_hour: int


def quiet_zones(
    now: datetime, programs: Iterable[ProgramHours], own_zones: Iterable[str]
) -> dict[frozenset[str], list[int]]:
    """Per set of zones now quiet, the programs whose hours make them so.

    Programs with the same hours (the usual case) share one entry, so the query stays short."""
    zones = set(own_zones)
    grouped: dict[frozenset[str], list[int]] = {}
    for program in programs:
        quiet = {z for z in zones if in_quiet_hours(now, z, program.start_hour, program.end_hour)}
        if in_quiet_hours(now, program.timezone, program.start_hour, program.end_hour):
            quiet.add(PROGRAM_ZONE)
        if quiet:
            grouped.setdefault(frozenset(quiet), []).append(program.program_id)
    return grouped


async def quiet_now(session: AsyncSession, now: datetime) -> dict[frozenset[str], list[int]]:
    """`quiet_zones` for the programs, and for the own zones of people with something due."""
    programs = [
        ProgramHours(*row)
        for row in await session.execute(
            select(Program.id, Program.timezone, Program.quiet_start_hour, Program.quiet_end_hour)
        )
    ]
    own_zones = await session.scalars(
        select(Person.timezone)
        .join(OutboundMessage, OutboundMessage.recipient_id == Person.id)
        .where(
            Person.timezone.is_not(None),
            OutboundMessage.state == OutboundState.PENDING,
            OutboundMessage.due_at <= now,
        )
        .distinct()
    )
    return quiet_zones(now, programs, (zone for zone in own_zones if zone))


async def program_waiting_for(
    session: AsyncSession, person_id: int, now: datetime
) -> Program | None:
    """The program of a message due for this person but not sent yet (held for their quiet
    hours, usually), so that a change of zone can say when it now comes."""
    return await session.scalar(
        select(Program)
        .join(OutboundMessage, OutboundMessage.program_id == Program.id)
        .where(
            OutboundMessage.recipient_id == person_id,
            OutboundMessage.state == OutboundState.PENDING,
            OutboundMessage.due_at <= now,
        )
        .limit(1)
    )


def held_for_quiet_hours(quiet: dict[frozenset[str], list[int]]) -> Any:
    """SQL: the outbound row's recipient is in quiet hours (true, false, never NULL)."""
    if not quiet:
        return false()
    own = aliased(Person)
    zone = func.coalesce(
        select(own.timezone).where(own.id == OutboundMessage.recipient_id).scalar_subquery(),
        PROGRAM_ZONE,
    )
    return or_(
        *(
            and_(OutboundMessage.program_id.in_(program_ids), zone.in_(sorted(zones)))
            for zones, program_ids in quiet.items()
        )
    )
