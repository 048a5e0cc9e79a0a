"""Ending a program: on its end date or at the lead's `/close`.

Closing tells every coach and coachee that the program has closed, and asks for the measures the
analysis compares against the start: every coachee who answered the baseline gets the final
self-efficacy questionnaire, open for the program's closing window, and every coach rates the
alliance of each of their dyads over the whole program (one prompt per dyad, so the rating can
be set beside that dyad's check-ins). Notices and prompts are keyed, so closing twice, or a lead
and the end date racing, tells and asks nobody twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from alliance.core.audit import record
from alliance.core.models import (
    Dyad,
    Person,
    PersonState,
    Program,
    ProgramStatus,
    Prompt,
    PromptKind,
    PromptState,
    Role,
)
from alliance.delivery.queue import enqueue_many
from alliance.delivery.queue_model import OutboundKind, OutboundMessage, OutboundState
from alliance.questionnaires.checkins import OPEN_STATES
from alliance.questionnaires.kinds import instrument_id_for
from alliance.questionnaires.prompts import PromptToAsk, occasion_for_program, schedule_prompts
from alliance.questionnaires.windows import final_closes_at

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
    without_baseline: int = 0  # coachees not asked the final: no answered baseline
    baselines_closed: int = 0  # of those, baselines still open until now, closed by closing
    told: int = 0  # people told that the program has closed


def end_alliance_occasion(program_id: int, dyad_id: int) -> str:
    """One end-of-program rating per dyad: a coach with three coachees rates three alliances."""
    return occasion_for_program(program_id, f"end:{dyad_id}")


async def close_program(
    session: AsyncSession, program_id: int, now: datetime, *, actor_id: int | None = None
) -> ClosingResult:
    """Mark the program closed, tell everyone, and schedule the end-of-program questionnaires.

    The final self-efficacy questionnaire is the second half of a pre/post pair, so only a
    coachee who answered the baseline is asked it: a final without a baseline cannot enter the
    analysis, and a baseline answered at the close would not be a baseline. A baseline still
    open is closed now (the delivery loop marks it expired and says so on its message).
    """
    program = await session.get(Program, program_id)
    if program is None:
        raise ClosingError(f"program {program_id} does not exist")
    already_closed = program.status == ProgramStatus.CLOSED
    if not already_closed:
        program.status = ProgramStatus.CLOSED
        program.closed_at = now
    with_baseline = await _answered_baselines(session, program.id)
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
    finals: dict[int, int] = {}  # coachee → the dyad their final is filed under
    skipped: set[int] = set()
    rated: list[Dyad] = []
    told: dict[int, str] = {}
    for dyad, coach_state, coachee_state in dyads:
        if coachee_state in _ASKABLE:
            if dyad.coachee_id in with_baseline:
                finals.setdefault(dyad.coachee_id, dyad.id)
                told[dyad.coachee_id] = "closing.notice_final"
            else:
                skipped.add(dyad.coachee_id)
                told.setdefault(dyad.coachee_id, "closing.notice")
        if coach_state in _ASKABLE:
            rated.append(dyad)
            if told.get(dyad.coach_id) != "closing.notice_final":
                told[dyad.coach_id] = "closing.notice_rating"
    closes_at = final_closes_at(program, now)
    await enqueue_many(session, [  # queued first: the notice comes before what it names
        {"kind": OutboundKind.NOTICE, "key": f"program_closed:{program.id}:{person_id}",
         "recipient_id": person_id, "due_at": now, "expires_at": closes_at,
         "program_id": program.id, "payload": {"text": text}}
        for person_id, text in told.items()
    ])
    await schedule_prompts(session, program=program, due_at=now, prompts=[
        *(PromptToAsk(PromptKind.FINAL_SE, coachee_id, Role.COACHEE,
                      occasion_for_program(program.id, FINAL_STAGE),
                      instrument_id_for(PromptKind.FINAL_SE), dyad_id, expires_at=closes_at)
          for coachee_id, dyad_id in finals.items()),
        *(PromptToAsk(PromptKind.END_ALLIANCE, dyad.coach_id, Role.COACH,
                      end_alliance_occasion(program.id, dyad.id),
                      instrument_id_for(PromptKind.END_ALLIANCE), dyad.id)
          for dyad in rated),
    ])
    # Last: their row locks hold until commit, and a coachee tapping a baseline meanwhile
    # would wait for the whole closing instead of this one statement.
    closed_baselines = await _close_open_baselines(session, program.id, now)
    result = ClosingResult(program, len(finals), len(rated), already_closed,
                           without_baseline=len(skipped - set(finals)),
                           baselines_closed=closed_baselines, told=len(told))
    if not already_closed:
        record(session, "program_closed", actor_id=actor_id, program_id=program.id,
               reason="lead" if actor_id else "end_date", finals=result.final_questionnaires,
               without_baseline=result.without_baseline, baselines_closed=closed_baselines)
    await session.flush()
    return result


async def _close_open_baselines(session: AsyncSession, program_id: int, now: datetime) -> int:
    """Baselines still open close with the program: they and their queued messages expire now,
    and the delivery loop marks them expired and says so on their message."""
    open_ids = list(await session.scalars(
        select(Prompt.id).where(
            Prompt.program_id == program_id, Prompt.kind == PromptKind.BASELINE_SE,
            Prompt.state.in_(OPEN_STATES),
            or_(Prompt.expires_at.is_(None), Prompt.expires_at > now),
        )
    ))
    if open_ids:
        await session.execute(update(Prompt).where(Prompt.id.in_(open_ids))
                              .values(expires_at=now))
        await session.execute(
            update(OutboundMessage)
            .where(OutboundMessage.prompt_id.in_(open_ids),
                   OutboundMessage.state == OutboundState.PENDING)
            .values(expires_at=now)
        )
    return len(open_ids)


async def _answered_baselines(session: AsyncSession, program_id: int) -> set[int]:
    return set(await session.scalars(
        select(Prompt.recipient_id).where(
            Prompt.program_id == program_id, Prompt.kind == PromptKind.BASELINE_SE,
            Prompt.state == PromptState.ANSWERED,
        )
    ))


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
