"""The database side of delivery: what is due, claiming it, and recording what was sent.

Prompts and nudges are rows with due times. A row is claimed with a conditional UPDATE (its
`claimed_at`) before the message goes out, and `sent_at` plus the Telegram message id are written
after, each in its own short transaction: a crash loses nothing (an unsent claim lapses after
CLAIM_LEASE and is taken again) and two passes never send the same row twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from alliance.audit import record
from alliance.checkins import OPEN_STATES, stored_answers
from alliance.models import (
    CoachingSession,
    Dyad,
    Nudge,
    Person,
    PersonState,
    Program,
    Prompt,
    PromptState,
    Role,
)
from alliance.quiet_hours import in_quiet_hours

log = logging.getLogger(__name__)

CLAIM_LEASE = timedelta(minutes=5)
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

    @property
    def chat_id(self) -> int:
        assert self.coach.telegram_user_id is not None
        return self.coach.telegram_user_id


def _deliverable() -> list[Any]:
    """Recipients we may write to: enrolled, active (not paused, unreachable or erased)."""
    return [Person.state == PersonState.ACTIVE, Person.telegram_user_id.is_not(None)]


def _claimable(column: Any, now: datetime) -> Any:
    return or_(column.is_(None), column < now - CLAIM_LEASE)


async def _claim(
    session: AsyncSession,
    model: type[Prompt] | type[Nudge],
    ids: list[int],
    still: list[Any],
    values: dict[str, Any],
) -> set[int]:
    """One conditional UPDATE for a batch: the ids whose row still met `still` are ours.

    A concurrent pass that got there first changed the row, so its id is not returned here.
    """
    if not ids:
        return set()
    result = await session.execute(
        update(model)
        .where(model.id.in_(ids), *still)
        .values(values)
        .returning(model.id)
    )
    return set(result.scalars())


async def programs_outside_quiet_hours(session: AsyncSession, now: datetime) -> list[int]:
    """Programs whose local time allows sending now; there are few programs, so ask them all."""
    rows = await session.execute(
        select(Program.id, Program.timezone, Program.quiet_start_hour, Program.quiet_end_hour)
    )
    return [
        program_id
        for program_id, timezone, start, end in rows
        if not in_quiet_hours(now, timezone, start, end)
    ]


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


async def claim_due_prompts(session: AsyncSession, now: datetime) -> list[PromptDelivery]:
    """Due, unsent prompts of reachable people outside quiet hours, each claimed by this pass."""
    programs = await programs_outside_quiet_hours(session, now)
    if not programs:
        return []
    candidates = await load_prompt_deliveries(
        session,
        Prompt.state == PromptState.PENDING,
        Prompt.due_at <= now,
        _claimable(Prompt.claimed_at, now),
        or_(Prompt.expires_at.is_(None), Prompt.expires_at > now),
        Prompt.program_id.in_(programs),
        *_deliverable(),
    )
    won = await _claim(
        session,
        Prompt,
        [d.prompt.id for d in candidates],
        [Prompt.state == PromptState.PENDING, _claimable(Prompt.claimed_at, now)],
        {"claimed_at": now},
    )
    return [d for d in candidates if d.prompt.id in won]


async def mark_prompt_sent(
    session: AsyncSession, prompt_id: int, message_id: int, now: datetime
) -> None:
    """Record the message; a prompt sent late (quiet hours, a pause) gets its reminder later too."""
    prompt = await session.get(Prompt, prompt_id)
    if prompt is None:
        return
    late = now - prompt.due_at
    if prompt.reminder_due_at is not None and late > timedelta(0):
        shifted = prompt.reminder_due_at + late
        expired_by_then = prompt.expires_at is not None and shifted >= prompt.expires_at
        prompt.reminder_due_at = None if expired_by_then else shifted
    prompt.sent_at = now
    prompt.telegram_message_id = message_id
    if prompt.state == PromptState.PENDING:
        prompt.state = PromptState.SENT


async def release_prompt_claim(session: AsyncSession, prompt_id: int) -> None:
    """Sending failed for a passing reason: let the next pass try again."""
    await session.execute(
        update(Prompt)
        .where(Prompt.id == prompt_id, Prompt.sent_at.is_(None))
        .values(claimed_at=None)
    )


async def claim_due_reminders(session: AsyncSession, now: datetime) -> list[PromptDelivery]:
    """Sent, unanswered, still open prompts past their reminder time; each reminded at most once."""
    programs = await programs_outside_quiet_hours(session, now)
    if not programs:
        return []
    candidates = await load_prompt_deliveries(
        session,
        Prompt.state == PromptState.SENT,
        Prompt.reminder_due_at <= now,
        Prompt.reminded_at.is_(None),
        or_(Prompt.expires_at.is_(None), Prompt.expires_at > now),
        Prompt.program_id.in_(programs),
        *_deliverable(),
    )
    won = await _claim(
        session,
        Prompt,
        [d.prompt.id for d in candidates],
        [Prompt.state == PromptState.SENT, Prompt.reminded_at.is_(None)],
        {"reminded_at": now},
    )
    return [d for d in candidates if d.prompt.id in won]


async def mark_reminder_sent(session: AsyncSession, prompt_id: int, message_id: int) -> None:
    """The reminder carries the live question now; later edits (closing) go to it."""
    await session.execute(
        update(Prompt).where(Prompt.id == prompt_id).values(telegram_message_id=message_id)
    )


async def release_reminder_claim(session: AsyncSession, prompt_id: int) -> None:
    await session.execute(
        update(Prompt).where(Prompt.id == prompt_id).values(reminded_at=None)
    )


async def expire_due_prompts(session: AsyncSession, now: datetime) -> list[PromptDelivery]:
    """Close open prompts past `expires_at`; return the sent ones whose message should say so."""
    due = list(
        await session.scalars(
            select(Prompt.id)
            .where(Prompt.state.in_(OPEN_STATES), Prompt.expires_at <= now)
            .limit(BATCH_SIZE * 5)
        )
    )
    expired = await _claim(
        session, Prompt, due, [Prompt.state.in_(OPEN_STATES)], {"state": PromptState.EXPIRED}
    )
    if not expired:
        return []
    log.info("prompts expired: %s", sorted(expired))
    return await load_prompt_deliveries(
        session,
        Prompt.id.in_(expired),
        Prompt.telegram_message_id.is_not(None),
        *_deliverable(),
        limit=len(expired),
    )


async def claim_due_nudges(session: AsyncSession, now: datetime) -> list[NudgeDelivery]:
    """Due, unsent nudges of reachable coaches outside quiet hours, each claimed by this pass."""
    programs = await programs_outside_quiet_hours(session, now)
    if not programs:
        return []
    coachee = aliased(Person)
    rows = (
        await session.execute(
            select(Nudge, Person, coachee.display_name, CoachingSession.sequence)
            .join(Person, Person.id == Nudge.coach_id)
            .join(Dyad, Dyad.id == Nudge.dyad_id)
            .join(coachee, coachee.id == Dyad.coachee_id)
            .join(CoachingSession, CoachingSession.id == Nudge.session_id)
            .where(
                Nudge.sent_at.is_(None),
                Nudge.due_at <= now,
                _claimable(Nudge.claimed_at, now),
                Dyad.program_id.in_(programs),
                *_deliverable(),
            )
            .order_by(Nudge.due_at, Nudge.id)
            .limit(BATCH_SIZE)
        )
    ).all()
    won = await _claim(
        session,
        Nudge,
        [row[0].id for row in rows],
        [Nudge.sent_at.is_(None), _claimable(Nudge.claimed_at, now)],
        {"claimed_at": now},
    )
    return [
        NudgeDelivery(nudge, coach, coachee_name, sequence)
        for nudge, coach, coachee_name, sequence in rows
        if nudge.id in won
    ]


async def mark_nudge_sent(
    session: AsyncSession, nudge_id: int, message_id: int, now: datetime
) -> None:
    await session.execute(
        update(Nudge)
        .where(Nudge.id == nudge_id)
        .values(sent_at=now, telegram_message_id=message_id)
    )


async def release_nudge_claim(session: AsyncSession, nudge_id: int) -> None:
    await session.execute(
        update(Nudge).where(Nudge.id == nudge_id, Nudge.sent_at.is_(None)).values(claimed_at=None)
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
