"""After each check-in pair: ask the discrepancy engine, keep its decision, queue the nudge.

Every decision is stored, fired or not, so the report can show how the rules behaved; a fired one
becomes a `Nudge` row due now, which the delivery pass sends to the coach. The coach's message is
written elsewhere and never carries the coachee's numbers.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from pydantic import ValidationError
from sqlalchemy import and_, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import aliased

from alliance.core.audit import record
from alliance.core.db import transaction
from alliance.core.models import (
    Answer,
    CoachingSession,
    Dyad,
    Nudge,
    NudgeDecision,
    NudgeOutcome,
    Program,
    Prompt,
    PromptKind,
    PromptState,
    Role,
    SessionStatus,
)
from alliance.delivery.queue import enqueue
from alliance.delivery.queue_model import OutboundKind
from alliance.instruments import (
    Instrument,
    predicted_score,
    resolve_instrument,
    score,
    scored_items,
)
from alliance.nudges.engine import (
    Decision,
    NudgeThresholds,
    SessionObservation,
    decide_nudge,
    program_sd_of_d,
)
from alliance.programs.instruments import lookup, program_instruments
from alliance.questionnaires.kinds import instrument_id_for

log = logging.getLogger(__name__)

# A nudge is about one session: after this long, or once the next session is held, it is stale.
NUDGE_WINDOW = timedelta(days=7)

# Which outcome may follow which: "I'll ask" can later become "we talked"; the rest are final.
ALLOWED_OUTCOMES: dict[NudgeOutcome, frozenset[NudgeOutcome]] = {
    NudgeOutcome.PENDING: frozenset(
        {NudgeOutcome.WILL_ASK, NudgeOutcome.TALKED, NudgeOutcome.NOT_NOW}
    ),
    NudgeOutcome.WILL_ASK: frozenset({NudgeOutcome.TALKED}),
    NudgeOutcome.TALKED: frozenset(),
    NudgeOutcome.NOT_NOW: frozenset(),
}


class NudgeOutcomeRefused(Exception):
    """Not this coach's nudge, or an outcome that cannot follow the recorded one."""


def thresholds_of(program: Program) -> NudgeThresholds:
    """The program's thresholds; a broken setting falls back to the defaults, loudly."""
    try:
        return NudgeThresholds.model_validate(program.nudge_thresholds or {})
    except ValidationError:
        log.error("program %s has invalid nudge_thresholds; defaults used", program.id)
        return NudgeThresholds()


@dataclass
class _SessionAnswers:
    """Both sides' check-in answers for one session, with the instrument each was asked."""

    answers: dict[str, dict[str, float]] = field(default_factory=lambda: defaultdict(dict))
    instruments: dict[str, Instrument] = field(default_factory=dict)

    def score(self, side: str) -> float | None:
        instrument = self.instruments.get(side)
        if instrument is None:
            return None
        return score(instrument, self.answers[side], side)


async def _checkin_answers(
    session: AsyncSession, *conditions: Any
) -> dict[int, _SessionAnswers]:
    """Check-in answers by session for the prompts matching `conditions`, with the instrument
    each side was asked (the program's stored copy), in two queries."""
    rows = (
        await session.execute(
            select(Prompt.session_id, Prompt.side, Prompt.program_id, Prompt.instrument_id,
                   Answer.item_id, Answer.value)
            .join(Answer, Answer.prompt_id == Prompt.id, isouter=True)
            .where(Prompt.kind == PromptKind.CHECKIN, Prompt.session_id.is_not(None), *conditions)
        )
    ).all()
    stored = await program_instruments(session, {row.program_id for row in rows})
    by_session: dict[int, _SessionAnswers] = defaultdict(_SessionAnswers)
    for session_id, side, program_id, instrument_id, item_id, value in rows:
        if session_id is None:
            continue
        entry = by_session[session_id]
        if side.value not in entry.instruments:
            reference = instrument_id or instrument_id_for(PromptKind.CHECKIN)
            entry.instruments[side.value] = lookup(stored, program_id, reference)
        if item_id is not None:
            entry.answers[side.value][item_id] = value
    return by_session


def _scale_of(instrument: Instrument) -> tuple[float, float]:
    counted = [item for item in instrument.items if instrument.counts(item)]
    return float(counted[0].scale.min), float(counted[0].scale.max)


async def _history(
    session: AsyncSession, dyad: Dyad, current: CoachingSession
) -> tuple[list[SessionObservation], Instrument]:
    """The dyad's held sessions up to `current`, oldest first, as the engine wants them."""
    held = list(
        await session.scalars(
            select(CoachingSession)
            .where(
                CoachingSession.dyad_id == dyad.id,
                CoachingSession.status == SessionStatus.HELD,
                CoachingSession.sequence <= (current.sequence or 0),
            )
            .order_by(CoachingSession.sequence)
        )
    )
    answers = await _checkin_answers(session, Prompt.dyad_id == dyad.id)
    nudged = set(  # the cooldown counts nudges that reached the coach, not stale ones
        await session.scalars(
            select(Nudge.session_id).where(Nudge.dyad_id == dyad.id, Nudge.sent_at.is_not(None))
        )
    )
    history: list[SessionObservation] = []
    for coaching_session in held:
        entry = answers.get(coaching_session.id, _SessionAnswers())
        coachee_instrument = entry.instruments.get(Role.COACHEE.value)
        coachee_items: dict[str, float] = {}
        if coachee_instrument is not None:
            coachee_answers = entry.answers[Role.COACHEE.value]
            coachee_items = {
                item.id: coachee_answers[item.id]
                for item in scored_items(coachee_instrument, Role.COACHEE.value)
                if item.id in coachee_answers
            }
        coach_instrument = entry.instruments.get(Role.COACH.value)
        predicted = (
            predicted_score(coach_instrument, entry.answers[Role.COACH.value])
            if coach_instrument is not None
            else None
        )
        history.append(
            SessionObservation(
                session_id=coaching_session.id,
                coach_score=entry.score(Role.COACH.value),
                coachee_score=entry.score(Role.COACHEE.value),
                coachee_items=coachee_items,
                predicted_coachee=predicted,
                nudged=coaching_session.id in nudged,
            )
        )
    current_entry = answers[current.id]
    instrument = current_entry.instruments.get(Role.COACH.value)
    return history, instrument or resolve_instrument(instrument_id_for(PromptKind.CHECKIN))


async def _program_spread(session: AsyncSession, program_id: int) -> tuple[float | None, int]:
    """SD of D across every answered pair of the program, and how many pairs there are."""
    by_session = await _checkin_answers(session, Prompt.program_id == program_id)
    pairs = [
        (entry.score(Role.COACH.value), entry.score(Role.COACHEE.value))
        for entry in by_session.values()
    ]
    complete = [pair for pair in pairs if pair[0] is not None and pair[1] is not None]
    return program_sd_of_d(complete), len(complete)


async def both_sides_answered(session: AsyncSession, session_id: int) -> bool:
    answered = await session.scalar(
        select(func.count(Prompt.id)).where(
            Prompt.session_id == session_id,
            Prompt.kind == PromptKind.CHECKIN,
            Prompt.state == PromptState.ANSWERED,
        )
    )
    return (answered or 0) >= 2


async def decide_for_session(
    session: AsyncSession, *, session_id: int, now: datetime
) -> NudgeDecision | None:
    """Decide once per session whose two check-ins are answered; None while one is missing."""
    existing = await session.scalar(
        select(NudgeDecision).where(NudgeDecision.session_id == session_id)
    )
    if existing is not None:
        return existing
    if not await both_sides_answered(session, session_id):
        return None
    coaching_session = await session.get(CoachingSession, session_id)
    assert coaching_session is not None
    dyad = await session.get(Dyad, coaching_session.dyad_id)
    assert dyad is not None
    program = await session.get(Program, dyad.program_id)
    assert program is not None
    thresholds = thresholds_of(program)
    history, instrument = await _history(session, dyad, coaching_session)
    spread, pairs = (None, 0)
    if thresholds.units == "sd":
        spread, pairs = await _program_spread(session, program.id)
    scale_min, scale_max = _scale_of(instrument)
    decision = decide_nudge(
        history, thresholds=thresholds, scale_min=scale_min, scale_max=scale_max,
        program_sd=spread, program_pairs=pairs,
    )
    return await _store(session, decision, dyad, coaching_session, now)


def _named_rule(decision: Decision) -> str | None:
    """The rule a decision is filed under: the nudging one, else any that fired (logged only)."""
    if decision.nudge_rules:
        return decision.nudge_rules[0]
    fired = decision.fired_rules
    return fired[0] if fired else None


async def _store(
    session: AsyncSession,
    decision: Decision,
    dyad: Dyad,
    coaching_session: CoachingSession,
    now: datetime,
) -> NudgeDecision | None:
    stored = NudgeDecision(
        dyad_id=dyad.id,
        session_id=coaching_session.id,
        fired=decision.fire,
        rule=_named_rule(decision),
        d=decision.d,
        details=decision.to_json(),
        created_at=now,
    )
    try:
        async with session.begin_nested():
            session.add(stored)
            await session.flush()
            if decision.fire and decision.nudge_kind is not None:
                nudge = Nudge(
                    decision_id=stored.id,
                    dyad_id=dyad.id,
                    session_id=coaching_session.id,
                    coach_id=dyad.coach_id,
                    rule=decision.nudge_rules[0],
                    kind=decision.nudge_kind,
                    numbers={"d": decision.d, "ewma": decision.ewma, "units": decision.units},
                    due_at=now,
                    created_at=now,
                )
                session.add(nudge)
                await session.flush()
                await enqueue(
                    session, kind=OutboundKind.NUDGE, key=f"nudge:{nudge.id}",
                    recipient_id=dyad.coach_id, due_at=now, expires_at=now + NUDGE_WINDOW,
                    program_id=dyad.program_id, nudge_id=nudge.id, session_id=coaching_session.id,
                )
    except IntegrityError:  # decided concurrently by the other side's transaction
        return await session.scalar(
            select(NudgeDecision).where(NudgeDecision.session_id == coaching_session.id)
        )
    record(
        session, "nudge_decided", program_id=dyad.program_id,
        subject=f"session:{coaching_session.id}", fired=decision.fire, rule=stored.rule,
    )
    log.info(
        "session %s decided: fired=%s rule=%s", coaching_session.id, decision.fire, stored.rule
    )
    return stored


async def undecided_pairs(session: AsyncSession, limit: int = 50) -> list[int]:
    """Sessions whose two check-ins are answered but not decided (racing transactions, or a
    decision that failed): each is then decided in its own transaction."""
    coachee_side = aliased(Prompt)
    rows = await session.scalars(
        select(Prompt.session_id)
        .join(
            coachee_side,
            and_(
                coachee_side.session_id == Prompt.session_id,
                coachee_side.kind == PromptKind.CHECKIN,
                coachee_side.side == Role.COACHEE,
                coachee_side.state == PromptState.ANSWERED,
            ),
        )
        .where(
            Prompt.kind == PromptKind.CHECKIN,
            Prompt.side == Role.COACH,
            Prompt.state == PromptState.ANSWERED,
            Prompt.session_id.is_not(None),
            ~exists().where(NudgeDecision.session_id == Prompt.session_id),
        )
        .order_by(Prompt.session_id)
        .limit(limit)
    )
    return [session_id for session_id in rows if session_id is not None]


async def decide_one(
    session_factory: async_sessionmaker[AsyncSession], session_id: int, now: datetime
) -> NudgeDecision | None:
    """Decide one session in its own transaction, after the answers have committed.

    A decision that fails never costs an answer: it is logged with the session id only (never
    the numbers) and None is returned; the periodic catch-up tries it again.
    """
    try:
        async with transaction(session_factory) as session:
            return await decide_for_session(session, session_id=session_id, now=now)
    except Exception as exc:
        log.error("nudge decision for session %s failed: %s", session_id, type(exc).__name__)
        return None


async def decide_undecided_pairs(
    session_factory: async_sessionmaker[AsyncSession], now: datetime, limit: int = 50
) -> int:
    """Catch up on pairs left undecided (racing answers, a decision that failed), each session in
    its own transaction, so one failing session never holds back the others."""
    async with transaction(session_factory) as session:
        session_ids = await undecided_pairs(session, limit)
    decided = 0
    for session_id in session_ids:
        if await decide_one(session_factory, session_id, now) is not None:
            decided += 1
    return decided


async def record_nudge_outcome(
    session: AsyncSession, *, nudge_id: int, person_id: int, outcome: NudgeOutcome, now: datetime
) -> Nudge:
    """Store what the coach did with the nudge; repeats and backwards steps change nothing."""
    nudge = await session.scalar(select(Nudge).where(Nudge.id == nudge_id).with_for_update())
    if nudge is None or nudge.coach_id != person_id:
        raise NudgeOutcomeRefused("not_yours")
    if outcome not in ALLOWED_OUTCOMES[nudge.outcome]:
        raise NudgeOutcomeRefused("already")
    nudge.outcome = outcome
    nudge.outcome_at = now
    record(
        session, "nudge_outcome", actor_id=person_id, subject=f"nudge:{nudge.id}",
        outcome=outcome.value,
    )
    return nudge
