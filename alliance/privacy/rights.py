"""A person's rights over their data: see everything stored about them, or have it erased.

The export holds only what is about the person: their profile, memberships, the questions put to
them with their own answers, and their own comments. Nothing another person answered appears,
not even for a coach looking at their own dyads. Erasure removes identity (Telegram id, name),
answers and comments, and the numbers derived from answers; the audit log keeps only that it
happened. `purge_erased` then pushes the erasure to the disk, once it has committed.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from alliance.core.audit import record
from alliance.core.conversations import forget_conversations
from alliance.core.db import reclaim_deleted
from alliance.core.models import (
    Answer,
    AuditEvent,
    CoachingSession,
    Comment,
    Dyad,
    Invite,
    InviteAttempt,
    Membership,
    Nudge,
    NudgeDecision,
    Person,
    PersonState,
    Program,
    Prompt,
    PromptState,
    Role,
)
from alliance.core.models_state import ConversationState
from alliance.delivery.queue_model import OutboundMessage
from alliance.enrolment.invite_limits import forget_attempts_of
from alliance.privacy.my_data import Wording

EXPORT_FORMAT = 2  # 2: answers carry the question's wording instead of the item id
# Every table whose rows `erase_person` deletes or rewrites.
ERASURE_TABLES = (
    Person, Answer, Comment, Prompt, Invite, InviteAttempt, Dyad, NudgeDecision, Nudge,
    OutboundMessage, ConversationState,
)


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


async def _dyads_of(session: AsyncSession, person_id: int) -> list[Dyad]:
    return list(
        await session.scalars(
            select(Dyad)
            .where(or_(Dyad.coach_id == person_id, Dyad.coachee_id == person_id))
            .order_by(Dyad.id)
        )
    )


async def _memberships(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    rows = await session.execute(
        select(Membership, Program.name)
        .join(Program, Program.id == Membership.program_id)
        .where(Membership.person_id == person_id)
        .order_by(Membership.id)
    )
    return [
        {"program_id": m.program_id, "program": name, "role": m.role.value,
         "since": _iso(m.created_at)}
        for m, name in rows
    ]


async def _dyad_entries(session: AsyncSession, person: Person) -> list[dict[str, Any]]:
    dyads = await _dyads_of(session, person.id)
    sessions: dict[int, list[dict[str, Any]]] = {}
    for held in await session.scalars(
        select(CoachingSession).where(CoachingSession.dyad_id.in_([d.id for d in dyads]))
        .order_by(CoachingSession.id)
    ):
        sessions.setdefault(held.dyad_id, []).append(
            {"status": held.status.value, "scheduled_start": _iso(held.scheduled_start),
             "held_at": _iso(held.held_at)}
        )
    return [
        {
            "dyad": dyad.code,
            "program_id": dyad.program_id,
            "your_role": (Role.COACH if dyad.coach_id == person.id else Role.COACHEE).value,
            "active": dyad.active,
            "sessions": sessions.get(dyad.id, []),
        }
        for dyad in dyads
    ]


async def _questions(session: AsyncSession, person: Person) -> list[dict[str, Any]]:
    """The questions put to the person, each answer with the question as they read it."""
    prompts = {p.id: p for p in await session.scalars(
        select(Prompt).where(Prompt.recipient_id == person.id).order_by(Prompt.id)
    )}
    wording = await Wording.of(session, prompts.values())
    answers: dict[int, list[dict[str, Any]]] = {}
    for answer in await session.scalars(
        select(Answer).join(Prompt, Prompt.id == Answer.prompt_id)
        .where(Prompt.recipient_id == person.id).order_by(Answer.id)
    ):
        question = wording.question(prompts[answer.prompt_id], answer.item_id, person.language)
        answers.setdefault(answer.prompt_id, []).append(
            {"question": question, "answer": answer.value,
             "answered_at": _iso(answer.answered_at)}
        )
    return [
        {
            "kind": prompt.kind.value,
            "questionnaire": wording.title(prompt, person.language),
            "as": prompt.side.value,
            "state": prompt.state.value,
            "due_at": _iso(prompt.due_at),
            "sent_at": _iso(prompt.sent_at),
            "answered_at": _iso(prompt.answered_at),
            "answers": answers.get(prompt.id, []),
        }
        for prompt in prompts.values()
    ]


async def export_person_data(
    session: AsyncSession, person_id: int, now: datetime
) -> dict[str, Any]:
    """Everything stored about this person, as a JSON-ready document (for `/mydata`)."""
    person = await session.get(Person, person_id)
    if person is None:
        raise LookupError(f"person {person_id} does not exist")
    comments = await session.scalars(
        select(Comment).where(Comment.author_id == person_id).order_by(Comment.id)
    )
    # A nudge is addressed to the coach; its numbers come from both sides' answers, so only
    # what the coach was told and what they did with it is theirs.
    nudges = await session.scalars(
        select(Nudge).where(Nudge.coach_id == person_id).order_by(Nudge.id)
    )
    events = await session.scalars(
        select(AuditEvent).where(AuditEvent.actor_id == person_id).order_by(AuditEvent.id)
    )
    return {
        "format": EXPORT_FORMAT,
        "generated_at": _iso(now),
        "profile": {
            "person_id": person.id,
            "telegram_user_id": person.telegram_user_id,
            "name": person.display_name,
            "language": person.language,
            "timezone": person.timezone,
            "state": person.state.value,
            "consent_at": _iso(person.consent_at),
            "created_at": _iso(person.created_at),
        },
        "memberships": await _memberships(session, person_id),
        "dyads": await _dyad_entries(session, person),
        "questions": await _questions(session, person),
        "comments": [
            {"text": c.text, "shared_with_coach": c.shared, "written_at": _iso(c.created_at)}
            for c in comments
        ],
        "nudges_received": [
            {"kind": n.kind, "sent_at": _iso(n.sent_at), "outcome": n.outcome.value,
             "outcome_at": _iso(n.outcome_at)}
            for n in nudges
        ],
        "activity": [{"action": e.action, "at": _iso(e.at)} for e in events],
    }


async def erase_person(session: AsyncSession, person_id: int, now: datetime) -> None:
    """Forget the person: identity, answers, comments and derived numbers go; the rest is inert.

    Their dyads stop (no further check-ins) and lose the matching traits drawn from the roster;
    open prompts are cancelled; unused invites naming them expire, so the erased record can never
    be claimed again. Rows that remain (memberships,
    prompt timelines) identify nobody and keep the program's counts honest.
    """
    person = await session.get(Person, person_id)
    if person is None or person.state == PersonState.ERASED:
        return
    prompt_ids = select(Prompt.id).where(Prompt.recipient_id == person_id)
    await session.execute(delete(Answer).where(Answer.prompt_id.in_(prompt_ids)))
    await session.execute(
        delete(Comment).where(
            or_(Comment.author_id == person_id, Comment.prompt_id.in_(prompt_ids))
        )
    )
    await session.execute(
        update(Prompt)
        .where(
            Prompt.recipient_id == person_id,
            Prompt.state.in_((PromptState.PENDING, PromptState.SENT)),
        )
        .values(state=PromptState.CANCELLED)
    )
    dyad_ids = [d.id for d in await _dyads_of(session, person_id)]
    if dyad_ids:
        await session.execute(
            update(Dyad).where(Dyad.id.in_(dyad_ids)).values(active=False, similarity={})
        )
        await session.execute(
            update(NudgeDecision).where(NudgeDecision.dyad_id.in_(dyad_ids))
            .values(d=None, details={})
        )
        await session.execute(
            update(Nudge).where(Nudge.dyad_id.in_(dyad_ids)).values(numbers={})
        )
    if person.telegram_user_id is not None:
        await forget_attempts_of(session, person.telegram_user_id)
        await forget_conversations(session, person.telegram_user_id)  # drafts, awaited inputs
        await session.execute(
            update(Invite).where(Invite.used_by_telegram_id == person.telegram_user_id)
            .values(used_by_telegram_id=None)
        )
    await session.execute(
        update(Invite)
        .where(Invite.person_id == person_id, Invite.used_at.is_(None))
        .values(expires_at=now)
    )
    person.telegram_user_id = None
    person.display_name = None
    person.timezone = None
    person.state = PersonState.ERASED
    person.erased_at = now
    await session.flush()
    record(session, "person_erased", actor_id=person_id, subject=f"person:{person_id}")


async def purge_erased(engine: AsyncEngine) -> bool:
    """After an erasure has committed, leave no old copy of the rows in the database files.

    Returns False when SQLite could not finish its checkpoint (a long reader held it up); the
    next checkpoint, at the latest when the bot stops, then completes it.
    """
    return await reclaim_deleted(engine, [model.__tablename__ for model in ERASURE_TABLES])
