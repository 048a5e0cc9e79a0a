"""Nudge decisions in the domain: one per answered pair, stored fired or not, a Nudge row only
when a rule fires; the program's thresholds; the coach's outcome."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alliance.core.config import Settings
from alliance.core.db import transaction
from alliance.core.models import (
    Answer,
    Nudge,
    NudgeDecision,
    NudgeOutcome,
    Prompt,
    PromptKind,
    Role,
)
from alliance.nudges.decisions import (
    NudgeOutcomeRefused,
    decide_for_session,
    decide_undecided_pairs,
    record_nudge_outcome,
)
from alliance.questionnaires.checkins import record_answer
from alliance.sessions.records import log_session_by_coach
from tests.domain.conftest import NOW, World
from tests.domain.test_sessions_domain import Pair, make_pair

COACH_HIGH = [9, 9, 9, 9, 8]  # goal, task, bond, overall, predicted
COACHEE_LOWER = [7, 7, 7, 7]


async def _answer(world: World, prompt: Prompt, person_id: int, values: list[int]) -> None:
    for index, value in enumerate(values):
        await record_answer(world.session, prompt_id=prompt.id, person_id=person_id,
                            item_index=index, value=value, now=NOW)


async def _session(world: World, pair: Pair, week: int, coach: list[int] | None,
                   coachee: list[int] | None) -> int:
    """A held session `week` weeks in, with the sides that answer; returns its id."""
    held = await log_session_by_coach(world.session, view=pair.view, actor_id=pair.coach.id,
                                      now=NOW + timedelta(weeks=week))
    checkins = {
        p.side: p for p in await world.session.scalars(
            select(Prompt).where(Prompt.session_id == held.id, Prompt.kind == PromptKind.CHECKIN)
        )
    }
    if coach is not None:
        await _answer(world, checkins[Role.COACH], pair.coach.id, coach)
    if coachee is not None:
        await _answer(world, checkins[Role.COACHEE], pair.coachee.id, coachee)
    return held.id


async def _decisions(world: World) -> list[NudgeDecision]:
    return list(await world.session.scalars(select(NudgeDecision).order_by(NudgeDecision.id)))


async def test_a_decision_waits_for_both_sides_and_is_stored_once(world: World) -> None:
    pair = await make_pair(world)
    session_id = await _session(world, pair, 0, COACH_HIGH, None)
    assert await decide_for_session(world.session, session_id=session_id, now=NOW) is None
    session_id = await _session(world, pair, 1, COACH_HIGH, COACHEE_LOWER)
    decided = await decide_for_session(world.session, session_id=session_id, now=NOW)
    assert decided is not None and not decided.fired and decided.d == pytest.approx(2.0)
    assert await decide_for_session(world.session, session_id=session_id, now=NOW) is decided
    assert len(await _decisions(world)) == 1
    assert list(await world.session.scalars(select(Nudge))) == []


async def test_two_sessions_of_overestimation_queue_a_verify_nudge_for_the_coach(
    world: World,
) -> None:
    pair = await make_pair(world)
    for week in (0, 1):
        session_id = await _session(world, pair, week, COACH_HIGH, COACHEE_LOWER)
        await decide_for_session(world.session, session_id=session_id, now=NOW)
    first, second = await _decisions(world)
    assert (first.fired, second.fired, second.rule) == (False, True, "overestimation")
    assert second.details["rules"][0]["reason"] == "consecutive"
    nudge = await world.session.scalar(select(Nudge))
    assert nudge is not None
    assert (nudge.coach_id, nudge.session_id, nudge.kind, nudge.due_at, nudge.outcome) == (
        pair.coach.id, session_id, "verify", NOW, NudgeOutcome.PENDING
    )


async def test_underestimation_is_logged_without_a_nudge(world: World) -> None:
    pair = await make_pair(world)
    session_id = await _session(world, pair, 0, [5, 5, 5, 5, 9], [9, 9, 9, 9])
    decided = await decide_for_session(world.session, session_id=session_id, now=NOW)
    assert decided is not None
    assert (decided.fired, decided.rule, decided.d) == (False, "underestimation", -4.0)
    assert list(await world.session.scalars(select(Nudge))) == []


async def test_the_program_s_thresholds_are_used(world: World) -> None:
    pair = await make_pair(world)
    pair.program.nudge_thresholds = {"over_d": 3.0, "over_ewma": 3.0}
    for week in (0, 1):
        session_id = await _session(world, pair, week, COACH_HIGH, COACHEE_LOWER)
        await decide_for_session(world.session, session_id=session_id, now=NOW)
    assert [d.fired for d in await _decisions(world)] == [False, False]


async def test_sd_units_read_as_points_until_the_program_has_enough_pairs(world: World) -> None:
    pair = await make_pair(world)
    pair.program.nudge_thresholds = {"units": "sd"}
    session_id = await _session(world, pair, 0, COACH_HIGH, COACHEE_LOWER)
    decided = await decide_for_session(world.session, session_id=session_id, now=NOW)
    assert decided is not None and decided.details["units"] == "points"
    assert "program has 1" in decided.details["note"]


async def test_broken_thresholds_fall_back_to_the_defaults(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    pair = await make_pair(world)
    pair.program.nudge_thresholds = {"over_d": -1}
    for week in (0, 1):
        session_id = await _session(world, pair, week, COACH_HIGH, COACHEE_LOWER)
        await decide_for_session(world.session, session_id=session_id, now=NOW)
    assert [d.fired for d in await _decisions(world)] == [False, True]
    assert "invalid nudge_thresholds" in caplog.text


async def _decided_sessions(session_factory: async_sessionmaker[AsyncSession]) -> list[int]:
    async with transaction(session_factory) as session:
        return list(await session.scalars(select(NudgeDecision.session_id)))


async def test_pairs_answered_in_racing_transactions_are_decided_by_the_catch_up(
    session_factory: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with transaction(session_factory) as session:  # committed before the catch-up
        world = World(session, settings)
        pair = await make_pair(world)
        await _session(world, pair, 0, COACH_HIGH, COACHEE_LOWER)  # nobody asked for a decision
        await _session(world, pair, 1, COACH_HIGH, None)
    assert await decide_undecided_pairs(session_factory, NOW) == 1
    assert await decide_undecided_pairs(session_factory, NOW) == 0
    assert len(await _decided_sessions(session_factory)) == 1


async def test_a_failing_decision_is_logged_by_session_and_never_blocks_the_others(
    session_factory: async_sessionmaker[AsyncSession], settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with transaction(session_factory) as session:
        world = World(session, settings)
        first, second = await make_pair(world), await make_pair(world)
        broken = await _session(world, first, 0, COACH_HIGH, COACHEE_LOWER)
        healthy = await _session(world, second, 0, COACH_HIGH, COACHEE_LOWER)
        coach_prompt = select(Prompt.id).where(
            Prompt.session_id == broken, Prompt.side == Role.COACH
        )
        await session.execute(  # a stored answer off the scale makes the engine raise
            update(Answer).where(Answer.prompt_id.in_(coach_prompt), Answer.item_id == "goal")
            .values(value=42)
        )

    assert await decide_undecided_pairs(session_factory, NOW) == 1
    assert await _decided_sessions(session_factory) == [healthy]
    failures = [r.getMessage() for r in caplog.records if "decision" in r.getMessage()]
    assert failures == [f"nudge decision for session {broken} failed: ValueError"]
    assert await decide_undecided_pairs(session_factory, NOW) == 0  # retried, still failing


async def test_the_coach_s_outcome_can_only_move_forward(world: World) -> None:
    pair = await make_pair(world)
    for week in (0, 1):
        session_id = await _session(world, pair, week, COACH_HIGH, COACHEE_LOWER)
        await decide_for_session(world.session, session_id=session_id, now=NOW)
    nudge = await world.session.scalar(select(Nudge))
    assert nudge is not None
    with pytest.raises(NudgeOutcomeRefused, match="not_yours"):
        await record_nudge_outcome(world.session, nudge_id=nudge.id, person_id=pair.coachee.id,
                                   outcome=NudgeOutcome.TALKED, now=NOW)
    later = NOW + timedelta(days=3)
    await record_nudge_outcome(world.session, nudge_id=nudge.id, person_id=pair.coach.id,
                               outcome=NudgeOutcome.WILL_ASK, now=NOW)
    await record_nudge_outcome(world.session, nudge_id=nudge.id, person_id=pair.coach.id,
                               outcome=NudgeOutcome.TALKED, now=later)
    assert (nudge.outcome, nudge.outcome_at) == (NudgeOutcome.TALKED, later)
    with pytest.raises(NudgeOutcomeRefused, match="already"):
        await record_nudge_outcome(world.session, nudge_id=nudge.id, person_id=pair.coach.id,
                                   outcome=NudgeOutcome.NOT_NOW, now=later)
