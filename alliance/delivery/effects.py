"""What each queued message means to the domain: the rows it words, and what sending it changes.

The queue itself (claims, leases, retries) is `alliance.delivery.queue`. Here: loading what a prompt
or nudge message needs, queueing the prompt, its reminder and a nudge, and recording a send on
the domain rows (a sent prompt gets its reminder queued; a reminder carries the live question).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from alliance.core.audit import record
from alliance.core.models import (
    Answer,
    CoachingSession,
    Dyad,
    Nudge,
    Person,
    PersonState,
    Program,
    ProgramStatus,
    Prompt,
    PromptState,
    Role,
    SessionStatus,
)
from alliance.delivery.queue import enqueue
from alliance.delivery.queue_model import OutboundKind, OutboundMessage, OutboundState
from alliance.questionnaires.checkins import OPEN_STATES, stored_answers
from alliance.questionnaires.windows import WINDOWED_KINDS, reminder_times
from alliance.sessions.waits import tell_coachees_left_waiting

log = logging.getLogger(__name__)

BATCH_SIZE = 100


@dataclass(frozen=True)
class PromptDelivery:
    """Everything needed to word a prompt's message, loaded in one query."""

    prompt: Prompt
    recipient: Person
    program: Program
    coaching_session: CoachingSession | None
    partner_name: str | None
    answers: dict[str, float]

    @property
    def chat_id(self) -> int:
        assert self.recipient.telegram_user_id is not None
        return self.recipient.telegram_user_id


@dataclass(frozen=True)
class NudgeDelivery:
    nudge: Nudge
    coach: Person
    coachee_name: str | None
    sequence: int | None
    program: Program
    stale: str | None  # why it should no longer go out, if so

    @property
    def chat_id(self) -> int:
        assert self.coach.telegram_user_id is not None
        return self.coach.telegram_user_id


def _deliverable() -> list[Any]:
    """Recipients we may write to: enrolled, active (not paused, unreachable or erased)."""
    return [Person.state == PersonState.ACTIVE, Person.telegram_user_id.is_not(None)]


async def load_prompt_deliveries(
    session: AsyncSession, *conditions: Any, limit: int = BATCH_SIZE
) -> list[PromptDelivery]:
    """Prompts matching `conditions` with recipient, program, session and the partner's name."""
    coach, coachee = aliased(Person), aliased(Person)
    rows = (
        await session.execute(
            select(Prompt, Person, Program, CoachingSession, coach.display_name,
                   coachee.display_name)
            .join(Person, Person.id == Prompt.recipient_id)
            .join(Program, Program.id == Prompt.program_id)
            .outerjoin(CoachingSession, CoachingSession.id == Prompt.session_id)
            .outerjoin(Dyad, Dyad.id == Prompt.dyad_id)
            .outerjoin(coach, coach.id == Dyad.coach_id)
            .outerjoin(coachee, coachee.id == Dyad.coachee_id)
            .where(*conditions)
            .order_by(Prompt.due_at, Prompt.id)
            .limit(limit)
        )
    ).all()
    answers = await stored_answers(session, [row[0].id for row in rows])
    return [
        PromptDelivery(
            prompt=prompt,
            recipient=person,
            program=program,
            coaching_session=coaching_session,
            partner_name=coachee_name if prompt.side == Role.COACH else coach_name,
            answers=answers[prompt.id],
        )
        for prompt, person, program, coaching_session, coach_name, coachee_name in rows
    ]


async def prompt_delivery(session: AsyncSession, prompt_id: int) -> PromptDelivery | None:
    found = await load_prompt_deliveries(session, Prompt.id == prompt_id, limit=1)
    return found[0] if found else None


async def prompt_sent(
    session: AsyncSession, prompt_id: int, message_id: int, now: datetime
) -> None:
    """Record the message and queue its reminders; a prompt sent late (quiet hours, a pause)
    gets its reminder later too, unless that would fall after the prompt closes. The baseline
    and final questionnaires get the program's number of reminders across their window."""
    prompt = await session.get(Prompt, prompt_id)
    if prompt is None:
        return
    times = await _reminder_times(session, prompt, now)
    prompt.reminder_due_at = times[0] if times else None
    prompt.sent_at = now
    prompt.telegram_message_id = message_id
    # A conditional UPDATE, not the loaded row's state: a prompt withdrawn meanwhile (an undone
    # session) stays cancelled, whichever transaction commits first.
    await session.execute(update(Prompt).where(
        Prompt.id == prompt.id, Prompt.state == PromptState.PENDING,
    ).values(state=PromptState.SENT).execution_options(synchronize_session="fetch"))
    for number, due_at in enumerate(times, start=1):
        await enqueue(
            session, kind=OutboundKind.REMINDER, key=reminder_key(prompt.id, number),
            recipient_id=prompt.recipient_id, due_at=due_at,
            expires_at=prompt.expires_at, program_id=prompt.program_id, prompt_id=prompt.id,
            session_id=prompt.session_id,
        )


def reminder_key(prompt_id: int, number: int) -> str:
    """The first reminder keeps the key it always had; later ones are numbered."""
    return f"reminder:{prompt_id}" if number == 1 else f"reminder:{prompt_id}:{number}"


async def _reminder_times(session: AsyncSession, prompt: Prompt, now: datetime) -> list[datetime]:
    if prompt.reminder_due_at is None:
        return []
    if prompt.kind in WINDOWED_KINDS and prompt.expires_at is not None:
        program = await session.get(Program, prompt.program_id)
        assert program is not None
        return reminder_times(now, prompt.expires_at, program.questionnaire_reminders,
                              timedelta(minutes=program.reminder_delay_minutes))
    late = now - prompt.due_at
    due_at = prompt.reminder_due_at + max(late, timedelta(0))
    expired_by_then = prompt.expires_at is not None and due_at >= prompt.expires_at
    return [] if expired_by_then else [due_at]


async def prompt_sent_earlier(session: AsyncSession, prompt_id: int, now: datetime) -> None:
    """A prompt answered before its send was recorded (the sender died in between): it went
    out no later than its first answer."""
    prompt = await session.get(Prompt, prompt_id)
    if prompt is not None and prompt.sent_at is None:
        first = await session.scalar(
            select(func.min(Answer.answered_at)).where(Answer.prompt_id == prompt_id)
        )
        prompt.sent_at = first or now


async def reminder_sent(
    session: AsyncSession, prompt_id: int, message_id: int, now: datetime
) -> None:
    """The reminder carries the live question now; later edits (closing) go to it."""
    await session.execute(
        update(Prompt)
        .where(Prompt.id == prompt_id)
        .values(telegram_message_id=message_id, reminded_at=now)
    )


async def nudge_sent(session: AsyncSession, nudge_id: int, message_id: int, now: datetime) -> None:
    await session.execute(
        update(Nudge)
        .where(Nudge.id == nudge_id)
        .values(sent_at=now, telegram_message_id=message_id)
    )


async def nudge_delivery(session: AsyncSession, nudge_id: int) -> NudgeDelivery | None:
    """The nudge with its coach and coachee; `stale` says why it should not go out any more."""
    coachee = aliased(Person)
    row = (
        await session.execute(
            select(Nudge, Person, coachee.display_name, CoachingSession.sequence, Program,
                   Dyad.active)
            .join(Person, Person.id == Nudge.coach_id)
            .join(Dyad, Dyad.id == Nudge.dyad_id)
            .join(Program, Program.id == Dyad.program_id)
            .join(coachee, coachee.id == Dyad.coachee_id)
            .join(CoachingSession, CoachingSession.id == Nudge.session_id)
            .where(Nudge.id == nudge_id)
        )
    ).first()
    if row is None:
        return None
    nudge, coach, coachee_name, sequence, program, pair_active = row
    stale = None
    if nudge.sent_at is not None:
        stale = "already sent"
    elif program.status == ProgramStatus.CLOSED:
        stale = "program closed"
    elif not pair_active:
        stale = "the pair ended"  # the coachee moved to another coach
    elif sequence is not None and await session.scalar(
        select(CoachingSession.id).where(
            CoachingSession.dyad_id == nudge.dyad_id,
            CoachingSession.status == SessionStatus.HELD,
            CoachingSession.sequence > sequence,
        ).limit(1)
    ):
        stale = "a later session was held"
    return NudgeDelivery(nudge, coach, coachee_name, sequence, program, stale)


async def close_expired_prompts(session: AsyncSession, now: datetime) -> list[PromptDelivery]:
    """Close open prompts past `expires_at`; return the sent ones whose message should say so."""
    due = list(
        await session.scalars(
            select(Prompt.id)
            .where(Prompt.state.in_(OPEN_STATES), Prompt.expires_at <= now)
            .limit(BATCH_SIZE * 5)
        )
    )
    if not due:
        return []
    closed = await session.scalars(
        update(Prompt)
        .where(Prompt.id.in_(due), Prompt.state.in_(OPEN_STATES))
        .values(state=PromptState.EXPIRED)
        .returning(Prompt.id)
    )
    expired = set(closed)
    if not expired:
        return []
    await session.execute(
        update(OutboundMessage)
        .where(OutboundMessage.prompt_id.in_(expired),
               OutboundMessage.state == OutboundState.PENDING)
        .values(state=OutboundState.EXPIRED, lease_owner=None, lease_until=None)
    )
    log.info("prompts expired: %s", sorted(expired))
    await tell_coachees_left_waiting(session, expired, now)
    return await load_prompt_deliveries(
        session,
        Prompt.id.in_(expired),
        Prompt.telegram_message_id.is_not(None),
        *_deliverable(),
        limit=len(expired),
    )


async def mark_unreachable(session: AsyncSession, person_id: int) -> bool:
    """Telegram refused (blocked, chat gone): stop writing until the person writes again."""
    result = await session.execute(
        update(Person)
        .where(Person.id == person_id, Person.state == PersonState.ACTIVE)
        .values(state=PersonState.UNREACHABLE)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    record(session, "person_unreachable", subject=f"person:{person_id}")
    log.info("person %s unreachable; sending stopped", person_id)
    return True
