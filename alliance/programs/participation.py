"""What a program lead may see while the program runs: counts, never anyone's answers.

Everything here is an aggregate. Participation totals are always shown; a breakdown (check-ins
by role) is withheld when it covers fewer than `MIN_DYADS_SHOWN` dyads, the same rule the report
follows, so a small program cannot reveal how one coachee or one coach behaves. Nudges come from
comparing the two sides' ratings, so their count and outcomes are figures derived from ratings:
withheld until the engine has compared at least `MIN_DYADS_SHOWN` dyads (with one pair, "1 nudge"
would tell the lead that this coach's view and the coachee's differ).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.confidentiality import MIN_DYADS_SHOWN
from alliance.core.model_types import utcnow
from alliance.core.models import (
    CoachingSession,
    Dyad,
    Membership,
    Nudge,
    NudgeDecision,
    NudgeOutcome,
    Person,
    PersonState,
    Program,
    ProgramStatus,
    Prompt,
    PromptKind,
    PromptState,
    Role,
)
from alliance.questionnaires.counts import ENROLLED, StageTally, enrolled_coachees, stage_tally
from alliance.sessions.outcomes import unconfirmed_condition

_ENROLLED = ENROLLED
_ASKED = (PromptState.SENT, PromptState.ANSWERED, PromptState.EXPIRED)


@dataclass(frozen=True)
class PeopleCount:
    enrolled: int = 0
    invited: int = 0


@dataclass(frozen=True)
class PromptTally:
    """Prompts that reached people: answered, expired unanswered, or still open."""

    asked: int = 0
    answered: int = 0
    expired: int = 0

    @property
    def waiting(self) -> int:
        return self.asked - self.answered - self.expired

    @property
    def rate(self) -> float | None:
        return self.answered / self.asked if self.asked else None


@dataclass(frozen=True)
class Participation:
    """A program's participation; `None` marks a figure withheld for covering too few dyads."""

    program: Program
    dyads: int
    people: dict[Role, PeopleCount]
    checkins: PromptTally
    checkins_by_role: dict[Role, PromptTally | None]
    nudges_sent: int | None
    nudge_outcomes: dict[NudgeOutcome, int] | None
    unconfirmed_sessions: int = 0
    baseline: StageTally | None = None
    final: StageTally | None = None  # once the program has closed


async def _people(session: AsyncSession, program_id: int) -> dict[Role, PeopleCount]:
    rows = await session.execute(
        select(Membership.role, Person.state, func.count(distinct(Person.id)))
        .join(Person, Person.id == Membership.person_id)
        .where(Membership.program_id == program_id)
        .group_by(Membership.role, Person.state)
    )
    enrolled: dict[Role, int] = {}
    invited: dict[Role, int] = {}
    for role, state, count in rows:
        if state in _ENROLLED:
            enrolled[role] = enrolled.get(role, 0) + count
        elif state == PersonState.INVITED:
            invited[role] = invited.get(role, 0) + count
    return {
        role: PeopleCount(enrolled.get(role, 0), invited.get(role, 0))
        for role in (Role.LEAD, Role.COACH, Role.COACHEE)
    }


async def _checkins(
    session: AsyncSession, program_id: int
) -> tuple[PromptTally, dict[Role, PromptTally | None]]:
    def asked(*columns: Any) -> Select[Any]:
        """Check-ins that reached someone, with their session (whose dyad counts for spread)."""
        return (
            select(*columns)
            .outerjoin(CoachingSession, CoachingSession.id == Prompt.session_id)
            .where(
                Prompt.program_id == program_id,
                Prompt.kind == PromptKind.CHECKIN,
                Prompt.state.in_(_ASKED),
            )
        )

    dyad = func.coalesce(Prompt.dyad_id, CoachingSession.dyad_id)
    by_state = asked(Prompt.side, Prompt.state, func.count(Prompt.id)).group_by(
        Prompt.side, Prompt.state
    )
    counts = {(side, state): n for side, state, n in await session.execute(by_state)}
    by_side = asked(Prompt.side, func.count(distinct(dyad))).group_by(Prompt.side)
    spread = {side: n for side, n in await session.execute(by_side)}

    def tally(sides: tuple[Role, ...]) -> PromptTally:
        return PromptTally(
            asked=sum(n for (side, _), n in counts.items() if side in sides),
            answered=sum(counts.get((side, PromptState.ANSWERED), 0) for side in sides),
            expired=sum(counts.get((side, PromptState.EXPIRED), 0) for side in sides),
        )

    by_role: dict[Role, PromptTally | None] = {
        role: tally((role,)) if spread.get(role, 0) >= MIN_DYADS_SHOWN else None
        for role in (Role.COACHEE, Role.COACH)
    }
    return tally((Role.COACHEE, Role.COACH)), by_role


async def _nudges(
    session: AsyncSession, program_id: int
) -> tuple[int | None, dict[NudgeOutcome, int] | None]:
    """Nudges sent and their outcomes, or None for what covers fewer than 5 dyads."""
    compared = await session.scalar(
        select(func.count(distinct(NudgeDecision.dyad_id)))
        .join(Dyad, Dyad.id == NudgeDecision.dyad_id)
        .where(Dyad.program_id == program_id)
    )
    if (compared or 0) < MIN_DYADS_SHOWN:
        return None, None
    sent = (
        select(Nudge.outcome, func.count(Nudge.id))
        .join(Dyad, Dyad.id == Nudge.dyad_id)
        .where(Dyad.program_id == program_id, Nudge.sent_at.is_not(None))
        .group_by(Nudge.outcome)
    )
    outcomes = {outcome: count for outcome, count in await session.execute(sent)}
    dyads = await session.scalar(
        select(func.count(distinct(Nudge.dyad_id)))
        .join(Dyad, Dyad.id == Nudge.dyad_id)
        .where(Dyad.program_id == program_id, Nudge.sent_at.is_not(None))
    )
    total = sum(outcomes.values())
    if (dyads or 0) < MIN_DYADS_SHOWN:
        return total, None
    return total, {outcome: outcomes.get(outcome, 0) for outcome in NudgeOutcome}


async def participation_summary(
    session: AsyncSession, program_id: int, now: datetime | None = None
) -> Participation:
    """Counts for the lead's `/status`: people by role, check-ins, nudges and their outcomes,
    the baseline and (once closed) the final questionnaire."""
    program = await session.get(Program, program_id)
    if program is None:
        raise LookupError(f"program {program_id} does not exist")
    dyads = await session.scalar(
        select(func.count(Dyad.id)).where(Dyad.program_id == program_id, Dyad.active.is_(True))
    )
    checkins, by_role = await _checkins(session, program_id)
    nudges_sent, outcomes = await _nudges(session, program_id)
    unconfirmed = await session.scalar(
        select(func.count(CoachingSession.id))
        .join(Dyad, Dyad.id == CoachingSession.dyad_id)
        .where(Dyad.program_id == program_id, unconfirmed_condition())
    )
    now = now or utcnow()
    coachees = await enrolled_coachees(session, program_id)
    baseline = await stage_tally(session, program_id, PromptKind.BASELINE_SE, now, coachees)
    final = None
    if program.status == ProgramStatus.CLOSED:
        final = await stage_tally(session, program_id, PromptKind.FINAL_SE, now, coachees)
    return Participation(
        program=program,
        baseline=baseline,
        final=final,
        dyads=dyads or 0,
        people=await _people(session, program_id),
        checkins=checkins,
        checkins_by_role=by_role,
        nudges_sent=nudges_sent,
        nudge_outcomes=outcomes,
        unconfirmed_sessions=unconfirmed or 0,
    )
