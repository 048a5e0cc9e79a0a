"""A coach's own trends for /mystats: only what the coach gave or received, nothing of a
coachee's answers (not even averaged — with one coachee an average would be their answer)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from alliance.core.models import (
    CoachingSession,
    Dyad,
    Nudge,
    Person,
    Program,
    Prompt,
    PromptKind,
    PromptState,
    SessionStatus,
)
from alliance.core.zones import zone_of
from alliance.instruments import score
from alliance.questionnaires.checkins import instrument_of


@dataclass
class CoachStats:
    coachees: int = 0
    sessions_held: int = 0
    checkins_sent: int = 0
    checkins_answered: int = 0
    own_alliance_by_month: list[tuple[str, float, int]] = field(default_factory=list)
    nudges_by_outcome: dict[str, int] = field(default_factory=dict)

    @property
    def nudges_received(self) -> int:
        return sum(self.nudges_by_outcome.values())


async def coach_stats(session: AsyncSession, *, coach_id: int) -> CoachStats:
    """Counts and the coach's own alliance ratings by month (program time zone)."""
    stats = CoachStats()
    stats.coachees = (
        await session.scalar(
            select(func.count(Dyad.id)).where(Dyad.coach_id == coach_id, Dyad.active.is_(True))
        )
        or 0
    )
    stats.sessions_held = (
        await session.scalar(
            select(func.count(CoachingSession.id))
            .join(Dyad, Dyad.id == CoachingSession.dyad_id)
            .where(Dyad.coach_id == coach_id, CoachingSession.status == SessionStatus.HELD)
        )
        or 0
    )
    prompts = list(
        await session.scalars(
            select(Prompt)
            .options(selectinload(Prompt.answers))
            .where(
                Prompt.recipient_id == coach_id,
                Prompt.kind == PromptKind.CHECKIN,
                Prompt.sent_at.is_not(None),
            )
        )
    )
    stats.checkins_sent = len(prompts)
    answered = [p for p in prompts if p.state == PromptState.ANSWERED]
    stats.checkins_answered = len(answered)
    zones = dict((await session.execute(select(Program.id, Program.timezone))).all())
    own_zone = await session.scalar(select(Person.timezone).where(Person.id == coach_id))
    by_month: dict[str, list[float]] = defaultdict(list)
    for prompt in answered:
        instrument = instrument_of(prompt)
        value = score(instrument, {a.item_id: a.value for a in prompt.answers}, "coach")
        if value is not None and prompt.answered_at is not None:
            zone = zone_of(own_zone, zones[prompt.program_id])  # the month on the coach's clock
            local = prompt.answered_at.astimezone(ZoneInfo(zone))
            by_month[local.strftime("%Y-%m")].append(value)
    stats.own_alliance_by_month = [
        (month, sum(values) / len(values), len(values))
        for month, values in sorted(by_month.items())
    ]
    outcomes = await session.scalars(
        select(Nudge.outcome).where(Nudge.coach_id == coach_id, Nudge.sent_at.is_not(None))
    )
    stats.nudges_by_outcome = dict(Counter(outcome.value for outcome in outcomes))
    return stats
