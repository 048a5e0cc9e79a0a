"""Who may not be written to right now: quiet hours in each recipient's own time zone.

The delivery loop asks every second, so the tz arithmetic is done in Python once per distinct
(program hours, zone) pair in use, and the claim query only compares zone names. A recipient
without a zone of their own (NULL) lives by the program's zone; in the query that is the empty
name, so no comparison ever yields NULL.

The query lists where it is *day*, not where it is night: a row committed between working out
the zones and claiming (its recipient's zone not yet in the list) waits for the next pass, a
second later, instead of going out at night.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from alliance.core.models import Person, Program
from alliance.delivery.queue_model import OutboundMessage, OutboundState
from alliance.delivery.quiet_hours import in_quiet_hours

PROGRAM_ZONE = ""  # stands for "no zone of their own" in the claim query


@dataclass(frozen=True)
class ProgramHours:
    program_id: int
    timezone: str
    start_hour: int
    end_hour: int


def awake_zones(
    now: datetime, programs: Iterable[ProgramHours], own_zones: Iterable[str]
) -> dict[frozenset[str], list[int]]:
    """Per set of zones where it is not quiet now, the programs whose hours make it so.

    Programs with the same hours (the usual case) share one entry, so the query stays short; a
    program where it is night in every zone in use has none."""
    zones = set(own_zones)
    grouped: dict[frozenset[str], list[int]] = {}
    for program in programs:
        start, end = program.start_hour, program.end_hour
        awake = {z for z in zones if not in_quiet_hours(now, z, start, end)}
        if not in_quiet_hours(now, program.timezone, start, end):
            awake.add(PROGRAM_ZONE)
        if awake:
            grouped.setdefault(frozenset(awake), []).append(program.program_id)
    return grouped


async def awake_now(session: AsyncSession, now: datetime) -> dict[frozenset[str], list[int]]:
    """`awake_zones` for the programs, and for the zones people chose."""
    programs = [
        ProgramHours(*row)
        for row in await session.execute(
            select(Program.id, Program.timezone, Program.quiet_start_hour, Program.quiet_end_hour)
        )
    ]
    # Every zone anyone has chosen (a handful), not only those with something due: a join with
    # the queue cost a scan of every due row on each claim, many times a second in a fan-out.
    own_zones = await session.scalars(
        select(Person.timezone).where(Person.timezone.is_not(None)).distinct()
    )
    return awake_zones(now, programs, (zone for zone in own_zones if zone))


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


def outside_quiet_hours(awake: dict[frozenset[str], list[int]]) -> Any:
    """SQL: it is day where the outbound row's recipient lives, by their program's hours."""
    if not awake:
        return false()
    own = aliased(Person)
    zone = func.coalesce(
        select(own.timezone).where(own.id == OutboundMessage.recipient_id).scalar_subquery(),
        PROGRAM_ZONE,
    )
    return or_(
        *(
            and_(OutboundMessage.program_id.in_(program_ids), zone.in_(sorted(zones)))
            for zones, program_ids in awake.items()
        )
    )
