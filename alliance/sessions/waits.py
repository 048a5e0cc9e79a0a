"""What a coachee waits for after a session, and telling them when it will not come.

A coachee who says a session took place is promised a check-in once the coach confirms. When
the coach's question closes unanswered (a report's "please confirm", or a scheduled session's
"did it take place?" asked twice), nothing else would reach the coachee, so they are told once,
through the outbound queue: the key makes a second closing pass queue nothing new.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.models import (
    CoachingSession,
    Dyad,
    Prompt,
    PromptKind,
    PromptState,
    SessionStatus,
)
from alliance.delivery.queue import enqueue
from alliance.delivery.queue_model import OutboundKind
from alliance.questionnaires.checkins import is_closed
from alliance.sessions.outcomes import OUTCOME_ASKS

CheckinState = Literal["open", "answered", "closed"]


async def checkin_state(
    session: AsyncSession, *, session_id: int, person_id: int, now: datetime
) -> CheckinState:
    """Whether the person's check-in for the session is still to come or open, answered, or
    closed (expired, cancelled, or never created, e.g. while they were paused)."""
    prompt = await session.scalar(
        select(Prompt).where(
            Prompt.session_id == session_id,
            Prompt.recipient_id == person_id,
            Prompt.kind == PromptKind.CHECKIN,
        )
    )
    if prompt is None:
        return "closed"
    if prompt.state == PromptState.ANSWERED:
        return "answered"
    return "closed" if is_closed(prompt, now) else "open"


async def tell_coachee(
    session: AsyncSession, *, coaching_session: CoachingSession, dyad: Dyad, text: str,
    now: datetime,
) -> None:
    """Queue, once per session, a short notice to the coachee naming their coach."""
    await enqueue(
        session, kind=OutboundKind.NOTICE, key=f"no-checkin:{coaching_session.id}",
        recipient_id=dyad.coachee_id, due_at=now, program_id=dyad.program_id,
        session_id=coaching_session.id,
        payload={"text": text, "names": {"coach": dyad.coach_id},
                 "fallbacks": {"coach": "session.your_coach"}},
    )


async def _expired_outcome_asks(session: AsyncSession, session_id: int) -> int:
    return int(
        await session.scalar(
            select(func.count(Prompt.id)).where(
                Prompt.session_id == session_id,
                Prompt.kind == PromptKind.SESSION_OUTCOME,
                Prompt.state == PromptState.EXPIRED,
            )
        ) or 0
    )


async def tell_coachees_left_waiting(
    session: AsyncSession, expired_ids: Collection[int], now: datetime
) -> None:
    """For prompts just expired: a coachee whose report went unconfirmed, or whose scheduled
    session ended unconfirmed after they said it took place, is told there is no check-in."""
    rows = await session.execute(
        select(Prompt.kind, CoachingSession, Dyad)
        .join(CoachingSession, CoachingSession.id == Prompt.session_id)
        .join(Dyad, Dyad.id == CoachingSession.dyad_id)
        .where(
            Prompt.id.in_(list(expired_ids)),
            Prompt.kind.in_((PromptKind.SESSION_CONFIRM, PromptKind.SESSION_OUTCOME)),
        )
    )
    for kind, coaching_session, dyad in rows:
        if kind == PromptKind.SESSION_CONFIRM:
            if coaching_session.status != SessionStatus.AWAITING_CONFIRMATION:
                continue
            text = "session.coachee_confirm_unanswered"
        elif (
            coaching_session.status != SessionStatus.SCHEDULED
            or coaching_session.coachee_reported_at is None
            or await _expired_outcome_asks(session, coaching_session.id) < OUTCOME_ASKS
        ):
            continue
        else:
            text = "session.coachee_outcome_unconfirmed"
        await tell_coachee(
            session, coaching_session=coaching_session, dyad=dyad, text=text, now=now
        )
