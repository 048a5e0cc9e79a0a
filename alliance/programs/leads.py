"""What a program lead may do, and the check that they may do it for this program.

Every lead action names a program; `lead_program` is the one gate that says whether this person
leads it (and whether it is still open), so no handler can forget the check.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.config import Settings
from alliance.core.models import Membership, Person, PersonState, Program, ProgramStatus, Role
from alliance.enrolment.invites import IssuedInvite, issue_invite
from alliance.programs.setup import create_program, programs_led_by

INVITABLE_ROLES = (Role.COACH, Role.COACHEE)


class LeadError(ValueError):
    """A lead action refused; the message is a reason code the bot turns into a reply."""


async def led_programs(
    session: AsyncSession, person_id: int, *, open_only: bool = False
) -> list[Program]:
    """The programs this person leads, oldest first; only the active ones with `open_only`."""
    programs = await programs_led_by(session=session, person_id=person_id)
    if open_only:
        return [p for p in programs if p.status == ProgramStatus.ACTIVE]
    return programs


async def lead_program(
    session: AsyncSession, person_id: int, program_id: int, *, open_only: bool = False
) -> Program:
    """The program, if this person leads it (and it is still open when `open_only`)."""
    for program in await programs_led_by(session=session, person_id=person_id):
        if program.id == program_id:
            if open_only and program.status != ProgramStatus.ACTIVE:
                raise LeadError("program_closed")
            return program
    raise LeadError("not_lead")


async def create_led_program(
    session: AsyncSession,
    settings: Settings,
    *,
    lead_id: int,
    name: str,
    timezone: str,
    start: date,
    end: date | None = None,
) -> Program:
    """Create a program with its creator as lead (ProgramError for a bad name, zone or dates)."""
    program = await create_program(
        session=session, settings=settings, name=name, timezone=timezone, start=start, end=end,
        actor_id=lead_id,
    )
    session.add(Membership(person_id=lead_id, program_id=program.id, role=Role.LEAD))
    await session.flush()
    return program


async def program_coaches(session: AsyncSession, program_id: int) -> list[Person]:
    """Coaches a new coachee can be paired with: enrolled or still invited, not erased."""
    return list(
        await session.scalars(
            select(Person)
            .join(Membership, Membership.person_id == Person.id)
            .where(
                Membership.program_id == program_id,
                Membership.role == Role.COACH,
                Person.state != PersonState.ERASED,
            )
            .order_by(Person.display_name, Person.id)
        )
    )


async def invite_to_program(
    session: AsyncSession,
    settings: Settings,
    *,
    lead_id: int,
    program_id: int,
    role: Role,
    name: str,
    now: datetime,
    coach_id: int | None = None,
) -> IssuedInvite:
    """Issue a one-time invite on behalf of a lead of this (open) program."""
    await lead_program(session, lead_id, program_id, open_only=True)
    if role not in INVITABLE_ROLES:
        raise LeadError("role")
    return await issue_invite(
        session=session, program_id=program_id, role=role, name=name, coach_id=coach_id,
        ttl=timedelta(days=settings.alliance_invite_ttl_days), actor_id=lead_id, now=now,
    )
