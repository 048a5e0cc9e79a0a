"""Coaching sessions: logged after the fact, scheduled ahead, or reported by the coachee.

Whatever the route, a session becomes HELD in one place (`mark_held`), which numbers it within
the dyad and creates both check-ins due now. The routes meet rather than duplicate: a coach
logging a session that the coachee reported, or that was scheduled for now, confirms that one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import and_, exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from alliance.core.audit import record
from alliance.core.models import (
    CoachingSession,
    Dyad,
    Person,
    Program,
    ProgramStatus,
    Prompt,
    PromptKind,
    PromptState,
    Role,
    SessionStatus,
)
from alliance.questionnaires.checkins import (
    OPEN_STATES,
    PromptRefused,
    Refusal,
    open_prompt_for,
    schedule_checkins,
)
from alliance.questionnaires.kinds import instrument_id_for
from alliance.questionnaires.prompts import occasion_for_session, schedule_prompt
from alliance.sessions.outcomes import SCHEDULED_MATCH_WINDOW, planned_session_now

log = logging.getLogger(__name__)

# A second "session just ended" for the same dyad this soon is more likely a double log.
DUPLICATE_WINDOW = timedelta(hours=2)
MOOD_LEAD_MINUTES = 60

Outcome = Literal["held", "cancelled", "moved"]


class SessionRefused(Exception):
    """A session request that cannot go ahead; `reason` picks the reply."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class DyadView:
    """A dyad seen from one member: the program and the other person."""

    dyad: Dyad
    program: Program
    partner: Person


async def _dyads(session: AsyncSession, member: str, person_id: int) -> list[DyadView]:
    partner = aliased(Person)
    own, other = (Dyad.coach_id, Dyad.coachee_id) if member == "coach" else (
        Dyad.coachee_id, Dyad.coach_id
    )
    rows = await session.execute(
        select(Dyad, Program, partner)
        .join(Program, Program.id == Dyad.program_id)
        .join(partner, partner.id == other)
        .where(own == person_id, Dyad.active.is_(True), Program.status == ProgramStatus.ACTIVE)
        .order_by(Dyad.id)
    )
    return [DyadView(dyad, program, person) for dyad, program, person in rows]


async def dyads_coached_by(session: AsyncSession, person_id: int) -> list[DyadView]:
    return await _dyads(session, "coach", person_id)


async def dyads_of_coachee(session: AsyncSession, person_id: int) -> list[DyadView]:
    return await _dyads(session, "coachee", person_id)


async def coached_dyad(session: AsyncSession, dyad_id: int, person_id: int) -> DyadView:
    """One of the person's active dyads as coach, or SessionRefused("not_yours")."""
    for view in await dyads_coached_by(session, person_id):
        if view.dyad.id == dyad_id:
            return view
    raise SessionRefused("not_yours")


async def latest_held_session(session: AsyncSession, dyad_id: int) -> CoachingSession | None:
    return await session.scalar(
        select(CoachingSession)
        .where(CoachingSession.dyad_id == dyad_id, CoachingSession.status == SessionStatus.HELD)
        .order_by(CoachingSession.sequence.desc())
        .limit(1)
    )


async def recent_held_session(
    session: AsyncSession, dyad_id: int, now: datetime
) -> CoachingSession | None:
    """The dyad's held session of the last DUPLICATE_WINDOW, if any."""
    latest = await latest_held_session(session, dyad_id)
    if latest is None or latest.held_at is None or latest.held_at < now - DUPLICATE_WINDOW:
        return None
    return latest


async def mark_held(
    session: AsyncSession,
    coaching_session: CoachingSession,
    *,
    dyad: Dyad,
    program: Program,
    held_at: datetime,
    now: datetime,
) -> list[Prompt]:
    """Number the session by when it was held and ask both sides for their check-in, due now."""
    # Lock the dyad so two routes marking sessions at once cannot take the same number.
    await session.execute(select(Dyad.id).where(Dyad.id == dyad.id).with_for_update())
    coaching_session.status = SessionStatus.HELD
    coaching_session.held_at = held_at
    coaching_session.sequence = None
    await session.flush()
    await renumber_held(session, dyad.id)
    prompts = await schedule_checkins(
        session, program=program, dyad=dyad, coaching_session=coaching_session, due_at=now
    )
    record(
        session, "session_held", program_id=program.id,
        subject=f"session:{coaching_session.id}", sequence=coaching_session.sequence,
    )
    log.info("session %s held (dyad %s, #%s)", coaching_session.id, dyad.id,
             coaching_session.sequence)
    return prompts


async def renumber_held(session: AsyncSession, dyad_id: int) -> None:
    """Sessions are numbered by when they were held: a session confirmed late takes its place
    among the others. Numbers that move go negative first, so (dyad, sequence) stays unique
    at every statement on both databases."""
    held = (
        await session.execute(
            select(CoachingSession.id, CoachingSession.sequence)
            .where(CoachingSession.dyad_id == dyad_id,
                   CoachingSession.status == SessionStatus.HELD)
            .order_by(CoachingSession.held_at, CoachingSession.id)
        )
    ).all()
    moves = [(row_id, place) for place, (row_id, current) in enumerate(held, 1)
             if current != place]
    for row_id, place in moves:
        await session.execute(
            update(CoachingSession).where(CoachingSession.id == row_id).values(sequence=-place)
        )
    for row_id, place in moves:
        await session.execute(
            update(CoachingSession).where(CoachingSession.id == row_id).values(sequence=place)
        )
    moved = {row_id for row_id, _ in moves}
    for cached in list(session.identity_map.values()):  # loaded objects see their new number
        if isinstance(cached, CoachingSession) and cached.id in moved:
            await session.refresh(cached, ["sequence"])


async def _cancel_open_prompts(
    session: AsyncSession, session_id: int, kinds: tuple[PromptKind, ...]
) -> None:
    await session.execute(
        update(Prompt)
        .where(
            Prompt.session_id == session_id,
            Prompt.kind.in_(kinds),
            Prompt.state.in_(OPEN_STATES),
        )
        .values(state=PromptState.CANCELLED)
    )


async def _awaiting_confirmation(session: AsyncSession, dyad_id: int) -> CoachingSession | None:
    """The coachee-reported session whose confirmation question is still open."""
    return await session.scalar(
        select(CoachingSession)
        .where(
            CoachingSession.dyad_id == dyad_id,
            CoachingSession.status == SessionStatus.AWAITING_CONFIRMATION,
            exists().where(
                and_(
                    Prompt.session_id == CoachingSession.id,
                    Prompt.kind == PromptKind.SESSION_CONFIRM,
                    Prompt.state.in_(OPEN_STATES),
                )
            ),
        )
        .order_by(CoachingSession.id.desc())
        .limit(1)
    )


async def log_session_by_coach(
    session: AsyncSession, *, view: DyadView, actor_id: int, now: datetime
) -> CoachingSession:
    """The coach says a session just ended; it confirms a reported or a scheduled one if any."""
    dyad = view.dyad
    reported = await _awaiting_confirmation(session, dyad.id)
    if reported is not None:
        reported.confirmed_by_id, reported.confirmed_at = actor_id, now
        await _cancel_open_prompts(session, reported.id, (PromptKind.SESSION_CONFIRM,))
        await mark_held(session, reported, dyad=dyad, program=view.program,
                        held_at=reported.created_at, now=now)
        return reported
    scheduled = await session.scalar(
        select(CoachingSession)
        .where(
            CoachingSession.dyad_id == dyad.id,
            CoachingSession.status == SessionStatus.SCHEDULED,
            CoachingSession.scheduled_start <= now,
            CoachingSession.scheduled_start >= now - SCHEDULED_MATCH_WINDOW,
        )
        .order_by(CoachingSession.scheduled_start.desc())
        .limit(1)
    )
    if scheduled is not None:
        await _cancel_open_prompts(session, scheduled.id, (PromptKind.SESSION_OUTCOME,))
        held_at = scheduled.scheduled_start or now
    else:
        scheduled = CoachingSession(
            dyad_id=dyad.id, status=SessionStatus.HELD, reported_by_id=actor_id, created_at=now
        )
        session.add(scheduled)
        held_at = now
    await mark_held(session, scheduled, dyad=dyad, program=view.program, held_at=held_at, now=now)
    return scheduled


async def report_session_by_coachee(
    session: AsyncSession, *, view: DyadView, coachee_id: int, now: datetime
) -> CoachingSession:
    """The coachee says "we just had a session": ask the coach to confirm before any check-in.

    A session scheduled for now is the one the coach is (or will be) asked about: that one is
    returned, still SCHEDULED, noting that the coachee waits on the answer."""
    dyad = view.dyad
    if await recent_held_session(session, dyad.id, now) is not None:
        raise SessionRefused("recently_logged")
    if await _awaiting_confirmation(session, dyad.id) is not None:
        raise SessionRefused("awaiting")
    planned = await planned_session_now(session, dyad.id, now)
    if planned is not None:
        planned.coachee_reported_at = planned.coachee_reported_at or now
        return planned
    reported = CoachingSession(
        dyad_id=dyad.id, status=SessionStatus.AWAITING_CONFIRMATION,
        reported_by_id=coachee_id, created_at=now,
    )
    session.add(reported)
    await session.flush()
    await schedule_prompt(
        session, program=view.program, kind=PromptKind.SESSION_CONFIRM,
        recipient_id=dyad.coach_id, side=Role.COACH, occasion=occasion_for_session(reported.id),
        due_at=now, dyad_id=dyad.id, session_id=reported.id,
    )
    record(session, "session_reported", actor_id=coachee_id, program_id=view.program.id,
           subject=f"session:{reported.id}")
    return reported


async def _session_of_prompt(
    session: AsyncSession, prompt: Prompt
) -> tuple[CoachingSession, Dyad, Program]:
    coaching_session = await session.get(CoachingSession, prompt.session_id)
    dyad = await session.get(Dyad, prompt.dyad_id) if prompt.dyad_id else None
    program = await session.get(Program, prompt.program_id)
    if coaching_session is None or dyad is None or program is None:
        raise PromptRefused(Refusal.UNKNOWN)
    return coaching_session, dyad, program


async def confirm_reported_session(
    session: AsyncSession, *, prompt_id: int, person_id: int, confirmed: bool, now: datetime
) -> CoachingSession:
    """The coach's yes (held, check-ins) or no (cancelled) to a coachee's report."""
    prompt = await open_prompt_for(
        session, prompt_id=prompt_id, person_id=person_id,
        kinds=frozenset({PromptKind.SESSION_CONFIRM}), now=now,
    )
    reported, dyad, program = await _session_of_prompt(session, prompt)
    if reported.status != SessionStatus.AWAITING_CONFIRMATION:
        raise PromptRefused(Refusal.ANSWERED)
    prompt.state, prompt.answered_at = PromptState.ANSWERED, now
    if confirmed:
        reported.confirmed_by_id, reported.confirmed_at = person_id, now
        await mark_held(session, reported, dyad=dyad, program=program,
                        held_at=reported.created_at, now=now)
    else:
        reported.status = SessionStatus.CANCELLED
        record(session, "session_not_confirmed", actor_id=person_id, program_id=program.id,
               subject=f"session:{reported.id}")
    return reported


async def schedule_session(
    session: AsyncSession,
    *,
    view: DyadView,
    start: datetime,
    duration_minutes: int,
    actor_id: int,
    now: datetime,
) -> CoachingSession:
    """A session ahead; the same slot chosen twice (a double tap) gives the same session."""
    if start <= now:
        raise SessionRefused("past")
    dyad, program = view.dyad, view.program
    same_slot = await session.scalar(
        select(CoachingSession).where(
            CoachingSession.dyad_id == dyad.id,
            CoachingSession.status == SessionStatus.SCHEDULED,
            CoachingSession.scheduled_start == start,
        )
    )
    if same_slot is not None:
        return same_slot
    planned = CoachingSession(
        dyad_id=dyad.id, status=SessionStatus.SCHEDULED, scheduled_start=start,
        scheduled_end=start + timedelta(minutes=duration_minutes), reported_by_id=actor_id,
        created_at=now,
    )
    session.add(planned)
    await session.flush()
    if program.modules.get("mood"):
        lead = timedelta(minutes=int(program.modules.get("mood_lead_minutes", MOOD_LEAD_MINUTES)))
        await schedule_prompt(  # only useful before the session: no reminder, closes at start
            session, program=program, kind=PromptKind.MOOD, recipient_id=dyad.coach_id,
            side=Role.COACH, occasion=occasion_for_session(planned.id),
            due_at=max(now, start - lead), instrument_id=instrument_id_for(PromptKind.MOOD),
            dyad_id=dyad.id, session_id=planned.id, expires_at=start, remind=False,
        )
    record(session, "session_scheduled", actor_id=actor_id, program_id=program.id,
           subject=f"session:{planned.id}")
    return planned


async def record_session_outcome(
    session: AsyncSession, *, prompt_id: int, person_id: int, outcome: Outcome, now: datetime
) -> CoachingSession:
    """Held → check-ins; cancelled → nothing more; moved → the caller asks for the new slot."""
    prompt = await open_prompt_for(
        session, prompt_id=prompt_id, person_id=person_id,
        kinds=frozenset({PromptKind.SESSION_OUTCOME}), now=now,
    )
    planned, dyad, program = await _session_of_prompt(session, prompt)
    if planned.status != SessionStatus.SCHEDULED:
        raise PromptRefused(Refusal.ANSWERED)
    prompt.state, prompt.answered_at = PromptState.ANSWERED, now
    if outcome == "held":
        await mark_held(session, planned, dyad=dyad, program=program,
                        held_at=planned.scheduled_start or now, now=now)
        return planned
    planned.status = SessionStatus.CANCELLED if outcome == "cancelled" else SessionStatus.MOVED
    await _cancel_open_prompts(session, planned.id, (PromptKind.MOOD,))
    record(session, f"session_{outcome}", actor_id=person_id, program_id=program.id,
           subject=f"session:{planned.id}")
    return planned
