"""The optional five-attribute check: to each coachee once their own coaching is under way.

A coachee is asked after their own midpoint: the program's calendar midpoint has passed AND
their dyad has held at least N sessions (a program option, default 3). A coachee who joined
late, or has had no session yet, is not asked about a coach they have barely met. Each coachee
is scheduled in a transaction of their own, so one row that fails never holds back the others;
the prompt's key (kind, recipient, occasion) makes it at most once per coachee and program.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alliance.core.db import transaction
from alliance.core.models import (
    CoachingSession,
    Dyad,
    Person,
    PersonState,
    Program,
    ProgramStatus,
    Prompt,
    PromptKind,
    Role,
    SessionStatus,
)
from alliance.questionnaires.kinds import instrument_id_for
from alliance.questionnaires.prompts import occasion_for_program, schedule_prompt

log = logging.getLogger(__name__)

MODULE = "five_attributes"
MIN_SESSIONS_KEY = "five_attributes_min_sessions"
DEFAULT_MIN_SESSIONS = 3


def min_sessions(program: Program) -> int:
    """Held sessions a dyad needs before its coachee is asked (kept beside the module switch)."""
    return int((program.modules or {}).get(MIN_SESSIONS_KEY, DEFAULT_MIN_SESSIONS))


def midpoint(program: Program) -> date:
    return program.start_date + (program.end_date - program.start_date) / 2


def attribute_occasion(program_id: int) -> str:
    return occasion_for_program(program_id, "midpoint")


@dataclass(frozen=True)
class DueCheck:
    """A coachee to ask, and the dyad whose sessions made it due."""

    program_id: int
    dyad_id: int
    coachee_id: int


async def attribute_checks_due(session: AsyncSession, now: datetime) -> list[DueCheck]:
    """Coachees past their own midpoint still without the check; one query per program."""
    programs = await session.scalars(
        select(Program).where(Program.status == ProgramStatus.ACTIVE).order_by(Program.id)
    )
    due: list[DueCheck] = []
    for program in programs:
        if not (program.modules or {}).get(MODULE) or now.date() < midpoint(program):
            continue
        held = (
            select(func.count(CoachingSession.id))
            .where(CoachingSession.dyad_id == Dyad.id,
                   CoachingSession.status == SessionStatus.HELD)
            .scalar_subquery()
        )
        rows = await session.execute(
            select(Dyad.id, Dyad.coachee_id)
            .join(Person, Person.id == Dyad.coachee_id)
            .where(
                Dyad.program_id == program.id,
                Dyad.active.is_(True),
                Person.state == PersonState.ACTIVE,
                held >= max(1, min_sessions(program)),
                ~exists().where(and_(
                    Prompt.kind == PromptKind.FIVE_ATTRIBUTES,
                    Prompt.recipient_id == Dyad.coachee_id,
                    Prompt.occasion == attribute_occasion(program.id),
                )),
            )
            .order_by(Dyad.id)
        )
        seen: set[int] = set()
        for dyad_id, coachee_id in rows:
            if coachee_id not in seen:  # a coachee with two coaches is still asked once
                seen.add(coachee_id)
                due.append(DueCheck(program.id, dyad_id, coachee_id))
    return due


async def schedule_attribute_check(
    session: AsyncSession, due: DueCheck, now: datetime
) -> Prompt:
    """The coachee's check, sent now and reminded like any questionnaire; idempotent."""
    program = await session.get(Program, due.program_id)
    if program is None:
        raise LookupError(f"program {due.program_id} is gone")
    return await schedule_prompt(
        session, program=program, kind=PromptKind.FIVE_ATTRIBUTES, recipient_id=due.coachee_id,
        side=Role.COACHEE, occasion=attribute_occasion(program.id), due_at=now,
        instrument_id=instrument_id_for(PromptKind.FIVE_ATTRIBUTES), dyad_id=due.dyad_id,
    )


async def schedule_attribute_checks(
    factory: async_sessionmaker[AsyncSession], now: datetime
) -> int:
    """Every due check, each coachee in its own transaction; a failure is logged by ids only."""
    try:
        async with transaction(factory) as session:
            due = await attribute_checks_due(session, now)
    except Exception:
        log.exception("listing due five-attribute checks failed")
        return 0
    scheduled = 0
    for check in due:
        try:
            async with transaction(factory) as session:
                await schedule_attribute_check(session, check, now)
        except Exception:
            log.exception("five-attribute check failed (program %s, dyad %s)",
                          check.program_id, check.dyad_id)
            continue
        scheduled += 1
    if scheduled:
        log.info("scheduled %s five-attribute checks", scheduled)
    return scheduled
