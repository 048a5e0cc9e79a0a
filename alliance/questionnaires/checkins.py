"""Questionnaires answered one tap at a time: which question comes next, and saving each tap.

One flow serves every instrument-driven prompt (session check-in, self-efficacy, mood, end of
program, five attributes). The next question is derived from the answers already stored, so a
half-finished questionnaire resumes where it stopped, after a restart too, and a repeated or
forged tap finds nothing to change.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, case, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from alliance.core.audit import record
from alliance.core.db import insert_new
from alliance.core.models import (
    Answer,
    CoachingSession,
    Comment,
    Dyad,
    Person,
    Program,
    Prompt,
    PromptKind,
    PromptState,
    Role,
)
from alliance.core.models_state import ProgramInstrument
from alliance.delivery.queue_model import OutboundKind, OutboundMessage
from alliance.instruments import Instrument, Item, items_for
from alliance.programs.instruments import instrument_for_prompt, parse_copy_once
from alliance.questionnaires.kinds import QUESTIONNAIRE_KINDS, instrument_id_for
from alliance.questionnaires.prompts import occasion_for_session, schedule_prompt

log = logging.getLogger(__name__)

OPEN_STATES = frozenset({PromptState.PENDING, PromptState.SENT})
MAX_COMMENT_CHARS = 2000


class Refusal(enum.StrEnum):
    """Why a tap changed nothing; each has its own reply."""

    UNKNOWN = "unknown"
    NOT_YOURS = "not_yours"
    CLOSED = "closed"
    ANSWERED = "answered"
    ALREADY_SAVED = "already_saved"
    STALE = "stale"
    OUT_OF_RANGE = "out_of_range"


class PromptRefused(Exception):
    """A tap or choice on a prompt that changes nothing, with the reason to tell the person."""

    def __init__(self, reason: Refusal) -> None:
        super().__init__(reason.value)
        self.reason = reason


def instrument_of(prompt: Prompt) -> Instrument:
    """The program's stored copy of the prompt's instrument (`alliance.programs.instruments`)."""
    return instrument_for_prompt(prompt, prompt.instrument_id or instrument_id_for(prompt.kind))


@dataclass(frozen=True)
class Step:
    """Where a questionnaire stands: its items for this side and the first one unanswered."""

    prompt_id: int
    kind: PromptKind
    side: str
    instrument: Instrument
    items: tuple[Item, ...]
    index: int | None

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def complete(self) -> bool:
        return self.index is None

    @property
    def item(self) -> Item:
        assert self.index is not None, "a complete questionnaire has no current item"
        return self.items[self.index]


def step_of(prompt: Prompt, answered_item_ids: set[str] | dict[str, float]) -> Step:
    """The prompt's current step, given the ids of the items already answered."""
    instrument = instrument_of(prompt)
    items = tuple(items_for(instrument, prompt.side.value))
    index = next((i for i, item in enumerate(items) if item.id not in answered_item_ids), None)
    return Step(prompt.id, prompt.kind, prompt.side.value, instrument, items, index)


_ANSWERS_OF = select(Answer.prompt_id, Answer.item_id, Answer.value).where(
    Answer.prompt_id.in_(bindparam("prompt_ids", expanding=True))
)


async def stored_answers(
    session: AsyncSession, prompt_ids: list[int]
) -> dict[int, dict[str, float]]:
    """Answers by prompt, in one query for a whole batch of prompts."""
    found: dict[int, dict[str, float]] = {prompt_id: {} for prompt_id in prompt_ids}
    if not prompt_ids:
        return found
    rows = await session.execute(_ANSWERS_OF, {"prompt_ids": prompt_ids})
    for prompt_id, item_id, value in rows:
        found[prompt_id][item_id] = value
    return found


@dataclass(frozen=True)
class PromptContext:
    """What a questionnaire's heading names: the session number and the other side's name."""

    sequence: int | None
    partner_name: str | None


def _context_columns() -> tuple[Any, Any]:
    """The session's number and the other side's name, as columns correlated to the prompt."""
    partner = case((Prompt.side == Role.COACH, Dyad.coachee_id), else_=Dyad.coach_id)
    sequence = (
        select(CoachingSession.sequence)
        .where(CoachingSession.id == Prompt.session_id)
        .scalar_subquery()
    )
    name = (
        select(Person.display_name)
        .join(Dyad, partner == Person.id)
        .where(Dyad.id == Prompt.dyad_id)
        .scalar_subquery()
    )
    return sequence, name


async def current_step(session: AsyncSession, prompt: Prompt) -> Step:
    return step_of(prompt, (await stored_answers(session, [prompt.id]))[prompt.id])


def is_closed(prompt: Prompt, now: datetime) -> bool:
    """Expired or cancelled, or past its expiry even if the delivery pass has not marked it yet."""
    if prompt.state in (PromptState.EXPIRED, PromptState.CANCELLED):
        return True
    return prompt.state != PromptState.ANSWERED and (
        prompt.expires_at is not None and prompt.expires_at <= now
    )


async def open_prompt_for(
    session: AsyncSession,
    *,
    prompt_id: int,
    person_id: int,
    kinds: frozenset[PromptKind],
    now: datetime,
) -> Prompt:
    """The person's own, still open prompt of one of `kinds`, locked for this transaction."""
    prompt = await session.scalar(_LOCKED_PROMPT, {"prompt_id": prompt_id})
    prompt = _checked_open(prompt, person_id=person_id, kinds=kinds, now=now)
    await parse_copy_once(session, prompt)
    return prompt


async def _open_prompt_in_context(
    session: AsyncSession,
    *,
    prompt_id: int,
    person_id: int,
    kinds: frozenset[PromptKind],
    now: datetime,
) -> tuple[Prompt, PromptContext]:
    """`open_prompt_for` with what its heading names, in one statement: a tap is hot."""
    row = (await session.execute(_LOCKED_PROMPT_IN_CONTEXT, {"prompt_id": prompt_id})).first()
    prompt = _checked_open(row[0] if row is not None else None,
                           person_id=person_id, kinds=kinds, now=now)
    assert row is not None
    await parse_copy_once(session, prompt)
    return prompt, PromptContext(sequence=row[1], partner_name=row[2])


# Built once, run with a bound id: a tap is hot, and a statement built per call costs more than
# the database's own work (construction, coercion and its cache key are paid again each time).
_LOCKED_PROMPT = (  # the prompt with its instrument copy's hash, locked for the transaction
    select(Prompt)
    .options(joinedload(Prompt.stored_instrument).defer(ProgramInstrument.content))
    .where(Prompt.id == bindparam("prompt_id")).with_for_update(of=Prompt)
)
_LOCKED_PROMPT_IN_CONTEXT = _LOCKED_PROMPT.add_columns(*_context_columns())


def _checked_open(
    prompt: Prompt | None, *, person_id: int, kinds: frozenset[PromptKind], now: datetime
) -> Prompt:
    if prompt is None or prompt.kind not in kinds:
        raise PromptRefused(Refusal.UNKNOWN)
    if prompt.recipient_id != person_id:
        raise PromptRefused(Refusal.NOT_YOURS)
    if is_closed(prompt, now):
        raise PromptRefused(Refusal.CLOSED)
    if prompt.state == PromptState.ANSWERED:
        raise PromptRefused(Refusal.ANSWERED)
    return prompt


@dataclass(frozen=True)
class SavedAnswer:
    prompt: Prompt
    step: Step  # after this answer
    completed: bool  # this answer finished the questionnaire
    context: PromptContext  # for the heading of the next question


async def record_answer(
    session: AsyncSession,
    *,
    prompt_id: int,
    person_id: int,
    item_index: int,
    value: int,
    now: datetime,
) -> SavedAnswer:
    """Save one tap. Only the current question of one's own open prompt, within its scale."""
    prompt, context = await _open_prompt_in_context(
        session, prompt_id=prompt_id, person_id=person_id, kinds=QUESTIONNAIRE_KINDS, now=now
    )
    answers = (await stored_answers(session, [prompt.id]))[prompt.id]
    step = step_of(prompt, answers)
    if not 0 <= item_index < step.total:
        raise PromptRefused(Refusal.OUT_OF_RANGE)
    item = step.items[item_index]
    if item.id in answers:
        raise PromptRefused(Refusal.ALREADY_SAVED)
    if item_index != step.index:
        raise PromptRefused(Refusal.STALE)
    if not item.scale.min <= value <= item.scale.max:
        raise PromptRefused(Refusal.OUT_OF_RANGE)
    if not await insert_new(
        session, Answer, prompt_id=prompt.id, item_id=item.id, value=value, answered_at=now
    ):
        raise PromptRefused(Refusal.ALREADY_SAVED)
    answers[item.id] = float(value)
    after = step_of(prompt, answers)
    if after.complete:
        prompt.state = PromptState.ANSWERED
        prompt.answered_at = now
        record(
            session, "prompt_answered", actor_id=person_id, program_id=prompt.program_id,
            subject=f"prompt:{prompt.id}", kind=prompt.kind.value,
        )
        log.info("prompt %s (%s) answered", prompt.id, prompt.kind.value)
    return SavedAnswer(prompt, after, after.complete, context)


async def open_questionnaire_of(
    session: AsyncSession, person_id: int, now: datetime
) -> Prompt | None:
    """The person's most recently sent questionnaire that is still open, to point them to it.

    One being sent right now counts too: the delivery loop records a send just after Telegram
    answers, and a person may tap or type in between; its live lease says it is going out.
    """
    being_sent = exists().where(
        OutboundMessage.prompt_id == Prompt.id,
        OutboundMessage.kind == OutboundKind.PROMPT,
        OutboundMessage.lease_until > now,
    )
    return await session.scalar(
        select(Prompt)
        .where(
            Prompt.recipient_id == person_id,
            Prompt.kind.in_(QUESTIONNAIRE_KINDS),
            or_(Prompt.state == PromptState.SENT,
                and_(Prompt.state == PromptState.PENDING, being_sent)),
            or_(Prompt.expires_at.is_(None), Prompt.expires_at > now),
        )
        .order_by(Prompt.sent_at.desc().nulls_first(), Prompt.id.desc())
        .limit(1)
    )


async def has_comment(session: AsyncSession, prompt_id: int) -> bool:
    found = await session.scalar(select(Comment.id).where(Comment.prompt_id == prompt_id))
    return found is not None


async def schedule_checkins(
    session: AsyncSession,
    *,
    program: Program,
    dyad: Dyad,
    coaching_session: CoachingSession,
    due_at: datetime,
) -> list[Prompt]:
    """Both sides' check-in for a held session; idempotent per (side, session)."""
    occasion = occasion_for_session(coaching_session.id)
    return [
        await schedule_prompt(
            session,
            program=program,
            kind=PromptKind.CHECKIN,
            recipient_id=recipient_id,
            side=side,
            occasion=occasion,
            due_at=due_at,
            instrument_id=instrument_id_for(PromptKind.CHECKIN, program),
            dyad_id=dyad.id,
            session_id=coaching_session.id,
        )
        for recipient_id, side in ((dyad.coachee_id, Role.COACHEE), (dyad.coach_id, Role.COACH))
    ]


def offers_comment(prompt: Prompt) -> bool:
    """Coachees may add a comment after a session check-in; it is private unless shared."""
    return prompt.kind == PromptKind.CHECKIN and prompt.side == Role.COACHEE


async def _commentable_prompt(session: AsyncSession, prompt_id: int, person_id: int) -> Prompt:
    prompt = await session.get(Prompt, prompt_id)
    if prompt is None or not offers_comment(prompt):
        raise PromptRefused(Refusal.UNKNOWN)
    if prompt.recipient_id != person_id:
        raise PromptRefused(Refusal.NOT_YOURS)
    if prompt.state != PromptState.ANSWERED:
        raise PromptRefused(Refusal.STALE)
    return prompt


async def save_comment(
    session: AsyncSession, *, prompt_id: int, person_id: int, text: str, now: datetime
) -> Comment:
    """Store the comment as private; a comment not yet shared may be rewritten."""
    prompt = await _commentable_prompt(session, prompt_id, person_id)
    comment = await session.scalar(select(Comment).where(Comment.prompt_id == prompt.id))
    if comment is not None and comment.shared:
        raise PromptRefused(Refusal.ALREADY_SAVED)
    if comment is None:
        comment = Comment(prompt_id=prompt.id, author_id=person_id, text=text, created_at=now)
        session.add(comment)
    else:
        comment.text = text
    await session.flush()
    record(
        session, "comment_saved", actor_id=person_id, program_id=prompt.program_id,
        subject=f"prompt:{prompt.id}",
    )
    return comment


async def share_comment(
    session: AsyncSession, *, prompt_id: int, person_id: int, now: datetime
) -> Comment | None:
    """Mark the comment shared; None when there is none or it was shared already."""
    prompt = await _commentable_prompt(session, prompt_id, person_id)
    comment = await session.scalar(
        select(Comment).where(Comment.prompt_id == prompt.id).with_for_update()
    )
    if comment is None or comment.shared:
        return None
    comment.shared = True
    comment.shared_at = now
    record(
        session, "comment_shared", actor_id=person_id, program_id=prompt.program_id,
        subject=f"prompt:{prompt.id}",
    )
    return comment
