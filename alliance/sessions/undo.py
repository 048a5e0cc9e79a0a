"""Undoing a session a coach has just logged by mistake.

A coach's `/session` starts both check-ins at once, so a wrong tap reaches the coachee within
seconds. For UNDO_WINDOW after logging, the coach can take it back: the session is marked
cancelled, every check-in of it not answered yet is withdrawn (a message still queued is never
sent), and a coachee whose check-in went out (or is going out) is told it is not needed.
Answers given meanwhile stay stored, as nothing is deleted behind someone's back, but a
cancelled session is not part of the analysis. Only a session the coach logged on their own
can be undone: one the coachee reported or one that was planned has a second source saying it
took place.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.audit import record
from alliance.core.models import CoachingSession, Dyad, Prompt, PromptState, Role, SessionStatus
from alliance.questionnaires.checkins import OPEN_STATES
from alliance.sessions.records import SessionRefused, renumber_held
from alliance.sessions.waits import tell_coachee

log = logging.getLogger(__name__)

UNDO_WINDOW = timedelta(minutes=10)


@dataclass(frozen=True)
class Undone:
    coaching_session: CoachingSession
    dyad: Dyad
    withdrawn: int
    """Check-ins that were still open and are now withdrawn."""


def undoable(coaching_session: CoachingSession, coach_id: int, now: datetime) -> bool:
    """Logged by this coach alone (not reported, not planned), held, and within the window."""
    return (
        coaching_session.status == SessionStatus.HELD
        and coaching_session.reported_by_id == coach_id
        and coaching_session.confirmed_at is None
        and coaching_session.scheduled_start is None
        and coaching_session.held_at is not None
        and now - coaching_session.held_at <= UNDO_WINDOW
    )


async def undo_logged_session(
    session: AsyncSession, *, session_id: int, coach_id: int, now: datetime
) -> Undone:
    """Cancel the session and withdraw its open check-ins; refuses with `not_yours`,
    `undo_too_late` (window passed, or already undone) or `undo_not_possible`."""
    coaching_session = await session.get(CoachingSession, session_id)
    dyad = (
        await session.get(Dyad, coaching_session.dyad_id) if coaching_session is not None else None
    )
    if coaching_session is None or dyad is None or dyad.coach_id != coach_id:
        raise SessionRefused("not_yours")
    # Lock the dyad as logging does, so an undo and a new log cannot renumber at once.
    await session.execute(select(Dyad.id).where(Dyad.id == dyad.id).with_for_update())
    await session.refresh(coaching_session)
    if not undoable(coaching_session, coach_id, now):
        on_its_own = coaching_session.confirmed_at is None and (
            coaching_session.scheduled_start is None
        )
        raise SessionRefused("undo_too_late" if on_its_own else "undo_not_possible")
    # Theirs went out, or is going out now (it may be in flight): they hear it is not needed.
    # One still held for their quiet hours is simply never sent.
    coachee_had_it = bool(await session.scalar(
        select(Prompt.id).where(
            Prompt.session_id == session_id, Prompt.side == Role.COACHEE,
            or_(Prompt.state.in_((PromptState.SENT, PromptState.ANSWERED)), Prompt.due_at <= now),
        ).limit(1)
    ))
    withdrawn = await session.execute(
        update(Prompt)
        .where(Prompt.session_id == session_id, Prompt.state.in_(OPEN_STATES))
        .values(state=PromptState.CANCELLED)
        .returning(Prompt.id)
    )
    count = len(withdrawn.all())
    coaching_session.status = SessionStatus.CANCELLED
    coaching_session.sequence = None
    await session.flush()
    await renumber_held(session, dyad.id)
    if coachee_had_it:
        await tell_coachee(session, coaching_session=coaching_session, dyad=dyad,
                           text="session.coachee_undone", now=now)
    record(session, "session_undone", actor_id=coach_id, program_id=dyad.program_id,
           subject=f"session:{session_id}", withdrawn=count)
    log.info("session %s undone (dyad %s, %s check-ins withdrawn)", session_id, dyad.id, count)
    return Undone(coaching_session, dyad, count)
