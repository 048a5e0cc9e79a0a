"""Sessions in the domain: numbering, the routes meeting rather than duplicating, scheduling,
outcomes; and the picker's choices in the program's time zone.

`make_pair` (a program with one enrolled dyad) is shared with the other domain tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.core.models import (
    CoachingSession,
    Dyad,
    Person,
    Program,
    Prompt,
    PromptKind,
    PromptState,
    Role,
    SessionStatus,
)
from alliance.programs.setup import ProgramOptions, create_program
from alliance.questionnaires.checkins import PromptRefused, Refusal
from alliance.sessions.outcomes import ask_due_session_outcomes
from alliance.sessions.records import (
    DyadView,
    SessionRefused,
    confirm_reported_session,
    log_session_by_coach,
    recent_held_session,
    record_session_outcome,
    report_session_by_coachee,
    schedule_session,
)
from alliance.sessions.slots import (
    decode_day,
    encode_day,
    is_offered,
    picker_days,
    picker_slots,
    to_utc,
)
from tests.domain.conftest import NOW, World


@dataclass
class Pair:
    """A program with one enrolled dyad, seen from its coach."""

    program: Program
    coach: Person
    coachee: Person
    dyad: Dyad

    @property
    def view(self) -> DyadView:
        return DyadView(self.dyad, self.program, self.coachee)


async def make_pair(world: World, **program: Any) -> Pair:
    """Montreal, quiet 21–8, reminder 24 h, expiry 72 h (the settings' defaults), and `program`."""
    created = await create_program(session=world.session, settings=world.settings,
                                   name="Leaders", start=NOW.date(), **program)
    coach, _ = await world.enrolled(created, Role.COACH, "Claire")
    coachee, dyad = await world.enrolled(created, Role.COACHEE, "Alice", coach=coach)
    assert dyad is not None
    return Pair(created, coach, coachee, dyad)


async def prompts(db: AsyncSession, kind: PromptKind) -> list[Prompt]:
    return list(await db.scalars(select(Prompt).where(Prompt.kind == kind).order_by(Prompt.id)))


async def test_logged_sessions_are_numbered_and_ask_both_sides_now(
    world: World
) -> None:
    db, pair = world.session, await make_pair(world)
    first = await log_session_by_coach(db, view=pair.view, actor_id=pair.coach.id, now=NOW)
    later = NOW + timedelta(days=7)
    second = await log_session_by_coach(db, view=pair.view, actor_id=pair.coach.id, now=later)
    assert (first.sequence, second.sequence) == (1, 2)
    assert first.status == SessionStatus.HELD and first.held_at == NOW
    checkins = await prompts(db, PromptKind.CHECKIN)
    assert [(p.side, p.session_id) for p in checkins] == [
        (Role.COACHEE, first.id), (Role.COACH, first.id),
        (Role.COACHEE, second.id), (Role.COACH, second.id),
    ]
    assert checkins[0].due_at == NOW
    assert checkins[0].reminder_due_at == NOW + timedelta(hours=24)
    assert checkins[0].expires_at == NOW + timedelta(hours=72)


async def test_the_duplicate_guard_looks_back_two_hours(
    world: World
) -> None:
    db, pair = world.session, await make_pair(world)
    held = await log_session_by_coach(db, view=pair.view, actor_id=pair.coach.id, now=NOW)
    assert await recent_held_session(db, pair.dyad.id, NOW + timedelta(hours=2)) is held
    assert await recent_held_session(db, pair.dyad.id, NOW + timedelta(hours=2, seconds=1)) is None


async def test_a_coach_logging_a_reported_session_confirms_it(
    world: World
) -> None:
    db, pair = world.session, await make_pair(world)
    reported = await report_session_by_coachee(db, view=pair.view, coachee_id=pair.coachee.id,
                                               now=NOW)
    logged = await log_session_by_coach(db, view=pair.view, actor_id=pair.coach.id,
                                        now=NOW + timedelta(minutes=5))
    assert logged is reported
    assert (logged.status, logged.sequence, logged.confirmed_by_id) == (
        SessionStatus.HELD, 1, pair.coach.id
    )
    (confirm,) = await prompts(db, PromptKind.SESSION_CONFIRM)
    assert confirm.state == PromptState.CANCELLED
    assert await db.scalar(select(func.count(CoachingSession.id))) == 1


async def test_a_coach_logging_during_a_scheduled_session_marks_that_one_held(
    world: World
) -> None:
    db, pair = world.session, await make_pair(world)
    start = NOW + timedelta(hours=1)
    planned = await schedule_session(db, view=pair.view, start=start, duration_minutes=60,
                                     actor_id=pair.coach.id, now=NOW)
    logged = await log_session_by_coach(db, view=pair.view, actor_id=pair.coach.id,
                                        now=start + timedelta(minutes=65))
    assert logged is planned and planned.held_at == start
    assert await ask_due_session_outcomes(db, start + timedelta(hours=3)) == 0


async def test_a_coachee_report_is_refused_after_a_recent_log_or_while_awaiting(
    world: World
) -> None:
    db, pair = world.session, await make_pair(world)
    await report_session_by_coachee(db, view=pair.view, coachee_id=pair.coachee.id, now=NOW)
    with pytest.raises(SessionRefused, match="awaiting"):
        await report_session_by_coachee(db, view=pair.view, coachee_id=pair.coachee.id, now=NOW)
    await log_session_by_coach(db, view=pair.view, actor_id=pair.coach.id, now=NOW)
    with pytest.raises(SessionRefused, match="recently_logged"):
        await report_session_by_coachee(db, view=pair.view, coachee_id=pair.coachee.id,
                                        now=NOW + timedelta(hours=1))


async def test_a_denied_report_is_cancelled_without_check_ins(
    world: World
) -> None:
    db, pair = world.session, await make_pair(world)
    await report_session_by_coachee(db, view=pair.view, coachee_id=pair.coachee.id, now=NOW)
    (confirm,) = await prompts(db, PromptKind.SESSION_CONFIRM)
    with pytest.raises(PromptRefused) as refused:
        await confirm_reported_session(db, prompt_id=confirm.id, person_id=pair.coachee.id,
                                       confirmed=True, now=NOW)
    assert refused.value.reason == Refusal.NOT_YOURS
    denied = await confirm_reported_session(db, prompt_id=confirm.id, person_id=pair.coach.id,
                                            confirmed=False, now=NOW)
    assert denied.status == SessionStatus.CANCELLED and denied.sequence is None
    assert await prompts(db, PromptKind.CHECKIN) == []
    with pytest.raises(PromptRefused):
        await confirm_reported_session(db, prompt_id=confirm.id, person_id=pair.coach.id,
                                       confirmed=True, now=NOW)


async def test_scheduling_the_same_slot_twice_gives_one_session_with_its_mood_check(
    world: World
) -> None:
    db, pair = world.session, await make_pair(world, options=ProgramOptions(modules=("mood",)))
    start = NOW + timedelta(days=1)
    first = await schedule_session(db, view=pair.view, start=start, duration_minutes=90,
                                   actor_id=pair.coach.id, now=NOW)
    again = await schedule_session(db, view=pair.view, start=start, duration_minutes=90,
                                   actor_id=pair.coach.id, now=NOW)
    assert again is first and first.scheduled_end == start + timedelta(minutes=90)
    (mood,) = await prompts(db, PromptKind.MOOD)
    assert (mood.recipient_id, mood.due_at, mood.expires_at, mood.reminder_due_at) == (
        pair.coach.id, start - timedelta(hours=1), start, None
    )
    with pytest.raises(SessionRefused, match="past"):
        await schedule_session(db, view=pair.view, start=NOW, duration_minutes=60,
                               actor_id=pair.coach.id, now=NOW)


async def test_an_ended_session_is_asked_about_once_and_its_outcome_counts_once(
    world: World
) -> None:
    db, pair = world.session, await make_pair(world, options=ProgramOptions(modules=("mood",)))
    planned = await schedule_session(db, view=pair.view, start=NOW + timedelta(hours=2),
                                     duration_minutes=60, actor_id=pair.coach.id, now=NOW)
    assert await ask_due_session_outcomes(db, NOW + timedelta(hours=2, minutes=59)) == 0
    after = NOW + timedelta(hours=3)
    assert await ask_due_session_outcomes(db, after) == 1
    assert await ask_due_session_outcomes(db, after) == 0
    (asked,) = await prompts(db, PromptKind.SESSION_OUTCOME)
    moved = await record_session_outcome(db, prompt_id=asked.id, person_id=pair.coach.id,
                                         outcome="moved", now=after)
    assert moved is planned and planned.status == SessionStatus.MOVED
    (mood,) = await prompts(db, PromptKind.MOOD)
    assert mood.state == PromptState.CANCELLED
    with pytest.raises(PromptRefused) as refused:
        await record_session_outcome(db, prompt_id=asked.id, person_id=pair.coach.id,
                                     outcome="held", now=after)
    assert refused.value.reason == Refusal.ANSWERED
    assert await prompts(db, PromptKind.CHECKIN) == []


async def test_a_held_outcome_numbers_the_session_and_asks_for_check_ins(
    world: World
) -> None:
    db, pair = world.session, await make_pair(world)
    start = NOW + timedelta(hours=1)
    await schedule_session(db, view=pair.view, start=start, duration_minutes=45,
                           actor_id=pair.coach.id, now=NOW)
    after = NOW + timedelta(hours=2)
    await ask_due_session_outcomes(db, after)
    (asked,) = await prompts(db, PromptKind.SESSION_OUTCOME)
    held = await record_session_outcome(db, prompt_id=asked.id, person_id=pair.coach.id,
                                        outcome="held", now=after)
    assert (held.status, held.sequence, held.held_at) == (SessionStatus.HELD, 1, start)
    assert [p.due_at for p in await prompts(db, PromptKind.CHECKIN)] == [after, after]


def test_the_picker_offers_two_weeks_of_local_days_from_today() -> None:
    late_evening = datetime(2027, 1, 12, 4, 30, tzinfo=UTC)  # still Monday 23:30 in Montreal
    days = picker_days(late_evening, "America/Montreal")
    assert days[0] == date(2027, 1, 11) and len(days) == 14
    assert picker_slots(date(2027, 1, 11), late_evening, "America/Montreal") == []


def test_today_offers_only_future_half_hour_slots() -> None:
    slots = picker_slots(date(2027, 1, 11), NOW, "America/Montreal")
    assert slots[0] == time(9, 30) and slots[-1] == time(20, 30) and len(slots) == 23


def test_local_times_follow_daylight_saving() -> None:
    assert to_utc(date(2027, 3, 13), time(9), "America/Montreal").hour == 14
    assert to_utc(date(2027, 3, 15), time(9), "America/Montreal").hour == 13


def test_forged_picker_choices_are_not_offered() -> None:
    tz = "America/Montreal"
    assert is_offered(date(2027, 1, 12), time(10), 60, NOW, tz)
    assert not is_offered(date(2027, 1, 12), time(10), 30, NOW, tz)  # not a proposed length
    assert not is_offered(date(2027, 1, 12), time(10, 15), 60, NOW, tz)  # not a slot
    assert not is_offered(date(2027, 1, 25), time(10), 60, NOW, tz)  # beyond two weeks
    assert not is_offered(date(2027, 1, 11), time(8, 30), 60, NOW, tz)  # already past
    assert decode_day(encode_day(date(2027, 1, 12))) == date(2027, 1, 12)
    assert decode_day("20271340") is None
