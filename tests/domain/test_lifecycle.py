"""Sessions and nudges over time: numbers follow when sessions were held, an unanswered
"did it take place?" is asked once more and then counted, nudges count only once sent."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from alliance.core.models import CoachingSession, Nudge, PromptKind, PromptState, SessionStatus
from alliance.nudges.decisions import decide_for_session
from alliance.programs.participation import participation_summary
from alliance.sessions.outcomes import ask_due_session_outcomes
from alliance.sessions.records import log_session_by_coach, record_session_outcome, schedule_session
from tests.domain.conftest import NOW, World
from tests.domain.test_nudges_domain import COACH_HIGH, COACHEE_LOWER, _session
from tests.domain.test_sessions_domain import make_pair, prompts

DAY = timedelta(days=1)


async def test_a_session_confirmed_late_is_numbered_by_when_it_was_held(world: World) -> None:
    db, pair = world.session, await make_pair(world)
    monday = await schedule_session(db, view=pair.view, start=NOW + timedelta(hours=2),
                                    duration_minutes=60, actor_id=pair.coach.id, now=NOW)
    tuesday = await log_session_by_coach(db, view=pair.view, actor_id=pair.coach.id,
                                         now=NOW + DAY)
    assert tuesday.sequence == 1
    wednesday = NOW + 2 * DAY
    await ask_due_session_outcomes(db, wednesday)
    (asked,) = await prompts(db, PromptKind.SESSION_OUTCOME)
    await record_session_outcome(db, prompt_id=asked.id, person_id=pair.coach.id,
                                 outcome="held", now=wednesday)
    assert (monday.sequence, tuesday.sequence) == (1, 2)
    numbers = list(await db.scalars(
        select(CoachingSession.sequence).order_by(CoachingSession.held_at)
    ))
    assert numbers == [1, 2]


async def test_an_unanswered_outcome_question_is_asked_once_more_then_counted(
    world: World,
) -> None:
    db, pair = world.session, await make_pair(world)
    planned = await schedule_session(db, view=pair.view, start=NOW + timedelta(hours=1),
                                     duration_minutes=60, actor_id=pair.coach.id, now=NOW)
    moment = NOW + timedelta(hours=2)
    assert await ask_due_session_outcomes(db, moment) == 1
    for asked in (1, 2):
        (*_, latest) = await prompts(db, PromptKind.SESSION_OUTCOME)
        assert await ask_due_session_outcomes(db, moment) == 0  # not while one is open
        latest.state = PromptState.EXPIRED
        await db.flush()
        moment += 3 * DAY
        assert await ask_due_session_outcomes(db, moment) == (1 if asked == 1 else 0)
    assert len(await prompts(db, PromptKind.SESSION_OUTCOME)) == 2
    assert planned.status == SessionStatus.SCHEDULED
    assert (await participation_summary(db, pair.program.id)).unconfirmed_sessions == 1


async def _nudges_after_three_sessions(world: World, *, send_first: bool) -> list[Nudge]:
    pair = await make_pair(world)
    for week in (0, 1, 2):
        session_id = await _session(world, pair, week, COACH_HIGH, COACHEE_LOWER)
        await decide_for_session(world.session, session_id=session_id, now=NOW)
        if send_first and week == 1:
            await world.session.execute(update(Nudge).values(sent_at=NOW))
    return list(await world.session.scalars(select(Nudge).order_by(Nudge.id)))


async def test_a_sent_nudge_holds_back_the_next_one(world: World) -> None:
    assert len(await _nudges_after_three_sessions(world, send_first=True)) == 1


async def test_a_nudge_never_sent_does_not_count_for_the_cooldown(world: World) -> None:
    assert len(await _nudges_after_three_sessions(world, send_first=False)) == 2
