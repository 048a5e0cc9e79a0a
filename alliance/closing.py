"""Ending a program: on its end date or at the lead's `/close`.

Closing asks for the measures the analysis compares against the start: every coachee gets the
final self-efficacy questionnaire, and every coach rates the alliance of each of their dyads over
the whole program (one prompt per dyad, so the rating can be set beside that dyad's check-ins).
Scheduling is idempotent, so closing twice, or a lead and the end date racing, asks nobody twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from alliance.audit import record
from alliance.enrolment import SELF_EFFICACY_INSTRUMENT
from alliance.models import Dyad, Person, PersonState, Program, ProgramStatus, PromptKind, Role
from alliance.prompts import occasion_for_program, schedule_prompt

END_ALLIANCE_INSTRUMENT = "end_alliance"
FINAL_STAGE = "final"
# People who consented and are still with us; invited-only and erased people are not asked.
_ASKABLE = (PersonState.ACTIVE, PersonState.PAUSED, PersonState.UNREACHABLE)
# No time zone is ahead of UTC by more than this: programs ending later cannot be due yet.
_WIDEST_UTC_OFFSET = timedelta(hours=14)


class ClosingError(ValueError):
    """A close request that cannot go ahead (no such program)."""


@dataclass(frozen=True)
class ClosingResult:
    program: Program
    final_questionnaires: int
    end_ratings: int
    already_closed: bool


def end_alliance_occasion(program_id: int, dyad_id: int) -> str:
    """One end-of-program rating per dyad: a coach with three coachees rates three alliances."""
    return occasion_for_program(program_id, f"end:{dyad_id}")


async def close_program(
    session: AsyncSession, program_id: int, now: datetime, *, actor_id: int | None = None
) -> ClosingResult:
    """Mark the program closed and schedule the final questionnaires, due now."""
    program = await session.get(Program, program_id)
    if program is None:
        raise ClosingError(f"program {program_id} does not exist")
    already_closed = program.status == ProgramStatus.CLOSED
    if not already_closed:
        program.status = ProgramStatus.CLOSED
        program.closed_at = now
        record(session, "program_closed", actor_id=actor_id, program_id=program.id,
               reason="lead" if actor_id else "end_date")
    coach, coachee = aliased(Person), aliased(Person)
    dyads = (
        await session.execute(
            select(Dyad, coach.state, coachee.state)
            .join(coach, coach.id == Dyad.coach_id)
            .join(coachee, coachee.id == Dyad.coachee_id)
            .where(Dyad.program_id == program.id, Dyad.active.is_(True))
            .order_by(Dyad.id)
        )
    ).all()
    coachees: set[int] = set()
    ratings = 0
    for dyad, coach_state, coachee_state in dyads:
        if coachee_state in _ASKABLE and dyad.coachee_id not in coachees:
            coachees.add(dyad.coachee_id)
            await schedule_prompt(
                session, program=program, kind=PromptKind.FINAL_SE,
                recipient_id=dyad.coachee_id, side=Role.COACHEE,
                occasion=occasion_for_program(program.id, FINAL_STAGE), due_at=now,
                instrument_id=SELF_EFFICACY_INSTRUMENT, dyad_id=dyad.id,
            )
        if coach_state in _ASKABLE:
            ratings += 1
            await schedule_prompt(
                session, program=program, kind=PromptKind.END_ALLIANCE,
                recipient_id=dyad.coach_id, side=Role.COACH,
                occasion=end_alliance_occasion(program.id, dyad.id), due_at=now,
                instrument_id=END_ALLIANCE_INSTRUMENT, dyad_id=dyad.id,
            )
    await session.flush()
    return ClosingResult(program, len(coachees), ratings, already_closed)


async def programs_due_to_close(session: AsyncSession, now: datetime) -> list[int]:
    """Active programs whose end date has come in their own time zone; each is then closed in
    its own transaction, so one that fails does not hold back the others."""
    latest_local_date = (now + _WIDEST_UTC_OFFSET).date()
    programs = await session.scalars(
        select(Program)
        .where(Program.status == ProgramStatus.ACTIVE, Program.end_date <= latest_local_date)
        .order_by(Program.id)
    )
    return [
        program.id
        for program in programs
        if now.astimezone(ZoneInfo(program.timezone)).date() >= program.end_date
    ]


async def close_due_programs(session: AsyncSession, now: datetime) -> list[int]:
    """Close every active program whose end date has come (one transaction: for the CLI)."""
    closed = await programs_due_to_close(session, now)
    for program_id in closed:
        await close_program(session, program_id, now)
    return closed
