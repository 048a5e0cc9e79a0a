"""Asking whether a scheduled session took place, once the slot has ended.

The coach is asked; an unanswered question is asked once more, and a session whose two
questions both expired counts as unconfirmed in the lead's `/status` (it has no check-ins).
Each session is asked about in its own transaction (see `bot.housekeeping`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.models import (
    CoachingSession,
    Dyad,
    Program,
    Prompt,
    PromptKind,
    PromptState,
    Role,
    SessionStatus,
)
from alliance.questionnaires.prompts import occasion_for_session, schedule_prompt

OUTCOME_ASKS = 2
# A /session this long after a scheduled start is about that scheduled session.
SCHEDULED_MATCH_WINDOW = timedelta(hours=12)


def _outcome_prompts(*conditions: Any) -> Any:
    return (
        select(func.count(Prompt.id))
        .where(Prompt.session_id == CoachingSession.id,
               Prompt.kind == PromptKind.SESSION_OUTCOME, *conditions)
        .scalar_subquery()
    )


def unconfirmed_condition() -> Any:
    """A scheduled session asked about twice, both times unanswered: it never got check-ins."""
    return and_(
        CoachingSession.status == SessionStatus.SCHEDULED,
        _outcome_prompts(Prompt.state == PromptState.EXPIRED) >= OUTCOME_ASKS,
    )


async def planned_session_now(
    session: AsyncSession, dyad_id: int, now: datetime
) -> CoachingSession | None:
    """The dyad's scheduled session that started in the last SCHEDULED_MATCH_WINDOW and whose
    outcome is still to come (not yet counted as unconfirmed), the latest if several."""
    return await session.scalar(
        select(CoachingSession)
        .where(
            CoachingSession.dyad_id == dyad_id,
            CoachingSession.status == SessionStatus.SCHEDULED,
            CoachingSession.scheduled_start <= now,
            CoachingSession.scheduled_start >= now - SCHEDULED_MATCH_WINDOW,
            ~unconfirmed_condition(),
        )
        .order_by(CoachingSession.scheduled_start.desc())
        .limit(1)
    )


async def sessions_awaiting_outcome(session: AsyncSession, now: datetime) -> list[int]:
    """Scheduled sessions that have ended whose coach was not asked yet, or was asked once
    and let the question expire (asked once more, then counted as unconfirmed)."""
    asked = _outcome_prompts()
    rows = await session.scalars(
        select(CoachingSession.id)
        .where(
            CoachingSession.status == SessionStatus.SCHEDULED,
            CoachingSession.scheduled_end <= now,
            or_(
                asked == 0,
                and_(asked < OUTCOME_ASKS,
                     _outcome_prompts(Prompt.state != PromptState.EXPIRED) == 0),
            ),
        )
        .order_by(CoachingSession.id)
    )
    return list(rows)


async def ask_session_outcome(session: AsyncSession, session_id: int, now: datetime) -> None:
    """Ask the coach whether the scheduled session took place (a second time if the first
    question expired unanswered)."""
    row = (
        await session.execute(
            select(CoachingSession, Dyad, Program)
            .join(Dyad, Dyad.id == CoachingSession.dyad_id)
            .join(Program, Program.id == Dyad.program_id)
            .where(CoachingSession.id == session_id)
        )
    ).first()
    if row is None:
        return
    coaching_session, dyad, program = row
    earlier = await session.scalar(
        select(func.count(Prompt.id)).where(
            Prompt.session_id == session_id, Prompt.kind == PromptKind.SESSION_OUTCOME
        )
    )
    occasion = occasion_for_session(coaching_session.id)
    await schedule_prompt(
        session, program=program, kind=PromptKind.SESSION_OUTCOME,
        recipient_id=dyad.coach_id, side=Role.COACH,
        occasion=f"{occasion}:again" if earlier else occasion, due_at=now,
        dyad_id=dyad.id, session_id=coaching_session.id,
    )


async def ask_due_session_outcomes(session: AsyncSession, now: datetime) -> int:
    """Ask about every scheduled session that has ended (one transaction: for tests, the CLI)."""
    due = await sessions_awaiting_outcome(session, now)
    for session_id in due:
        await ask_session_outcome(session, session_id, now)
    return len(due)
