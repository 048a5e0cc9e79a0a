"""How far the baseline and final questionnaires have got: counts of coachees, never names.

These are participation figures, like the check-in totals of `/status`: they say how many
answered, not what. A questionnaire whose closing time has passed counts as expired even before
the delivery loop marks it so (closing a program closes open baselines at that moment).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.models import (
    Membership,
    Person,
    PersonState,
    Prompt,
    PromptKind,
    PromptState,
    Role,
)

ENROLLED = (PersonState.ACTIVE, PersonState.PAUSED, PersonState.UNREACHABLE)  # consented
_OPEN = (PromptState.PENDING, PromptState.SENT)


@dataclass(frozen=True)
class StageTally:
    """One questionnaire over the program's enrolled coachees."""

    coachees: int
    answered: int = 0
    open: int = 0
    expired: int = 0

    @property
    def not_asked(self) -> int:
        return max(self.coachees - self.answered - self.open - self.expired, 0)


async def enrolled_coachees(session: AsyncSession, program_id: int) -> int:
    found = await session.scalar(
        select(func.count(distinct(Person.id)))
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.program_id == program_id, Membership.role == Role.COACHEE,
               Person.state.in_(ENROLLED))
    )
    return found or 0


async def stage_tally(
    session: AsyncSession, program_id: int, kind: PromptKind, now: datetime, coachees: int
) -> StageTally:
    """Answered, open and expired (or cancelled) prompts of `kind` of enrolled coachees."""
    rows = await session.execute(
        select(Prompt.state, Prompt.expires_at)
        .join(Person, Person.id == Prompt.recipient_id)
        .where(Prompt.program_id == program_id, Prompt.kind == kind,
               Person.state.in_(ENROLLED))
    )
    answered = open_ = expired = 0
    for state, expires_at in rows:
        if state == PromptState.ANSWERED:
            answered += 1
        elif state in _OPEN and (expires_at is None or expires_at > now):
            open_ += 1
        else:
            expired += 1
    return StageTally(coachees, answered, open_, expired)
