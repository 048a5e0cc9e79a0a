"""Delivery through the real bot with a manual clock: reminders, expiry, quiet hours, people
who blocked the bot. Message counts are exact: nothing may be lost or sent twice."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from alliance.core.models import (
    Answer,
    AuditEvent,
    Person,
    PersonState,
    Prompt,
    PromptKind,
    PromptState,
    Role,
)
from tests.e2e.dyads import (
    COACHEE_CHECKIN,
    answer_questionnaire,
    callback_answer,
    count,
    enrolled_dyad,
    log_session,
    logged_session,
    progress,
    prompt_of,
)
from tests.e2e.harness import BotHarness

REMINDER = "Reminder: this is still waiting for you, until Thu 14 Jan, 09:00 (Montreal time)."


async def test_a_half_finished_check_in_resumes_from_its_single_reminder(bot: BotHarness) -> None:
    dyad = await logged_session(bot)
    question = await answer_questionnaire(dyad.coachee, [7, 6], total=4)

    bot.advance(hours=23, minutes=59)
    await bot.dispatch()
    assert len(await dyad.coachee.messages()) == 1
    bot.advance(minutes=2)
    await bot.dispatch()
    reminder = await dyad.coachee.expect(REMINDER)
    assert progress(3, 4) in reminder["text"]
    await dyad.coachee.expect_edit(question["message_id"], "continued in the reminder below")
    bot.advance(hours=5)
    await bot.dispatch()
    assert len(await dyad.coachee.messages()) == 2

    done = await answer_questionnaire(dyad.coachee, [5, 8], reminder, first=3, total=4)
    assert "Would you like to add a comment?" in done["text"]
    async with bot.db() as session:
        values = list(await session.scalars(select(Answer.value).order_by(Answer.id)))
    assert values == [7.0, 6.0, 5.0, 8.0]
    assert len(await dyad.coach.messages()) == 3  # logged, check-in, its reminder


async def test_an_unanswered_check_in_closes_and_refuses_late_taps(bot: BotHarness) -> None:
    dyad = await logged_session(bot)
    question = await dyad.coach.expect(progress(1, 5))
    await answer_questionnaire(dyad.coachee, COACHEE_CHECKIN)

    bot.advance(hours=72)
    await bot.dispatch()
    closed = await dyad.coach.expect_edit(question["message_id"], "this has closed")
    assert closed["text"].startswith("Session check-in · session 1 with Alice")
    assert closed["buttons"] == []
    prompt = await prompt_of(bot, PromptKind.CHECKIN, Role.COACH)
    assert prompt.state == PromptState.EXPIRED

    late = await dyad.coach.press_data(question["message_id"], f"a:{prompt.id}:0:8")
    assert "has closed" in await callback_answer(bot, late)
    assert await count(bot, Answer, Answer.prompt_id == prompt.id) == 0
    assert len(await dyad.coach.messages()) == 2  # logged, check-in: no reminder once closed


async def test_quiet_hours_hold_prompts_until_the_morning(bot: BotHarness) -> None:
    bot.clock.set(datetime(2027, 1, 12, 3, 30, tzinfo=UTC))  # Monday 22:30 in Montreal
    dyad = await logged_session(bot)
    await bot.dispatch()
    assert len(await dyad.coach.messages()) == 1  # only the reply to /session
    assert len(await dyad.coachee.messages()) == 0

    bot.clock.set(datetime(2027, 1, 12, 12, 59, tzinfo=UTC))  # 07:59
    await bot.dispatch()
    assert len(await dyad.coachee.messages()) == 0
    bot.advance(minutes=1)  # 08:00
    await bot.dispatch()
    await dyad.coachee.expect(progress(1, 4))
    await dyad.coach.expect(progress(1, 5))
    async with bot.db() as session:
        prompt = await session.scalar(select(Prompt).where(Prompt.side == Role.COACHEE))
    assert prompt is not None and prompt.sent_at == bot.clock.now()


async def test_a_person_who_blocked_the_bot_becomes_unreachable_and_is_left_alone(
    bot: BotHarness,
) -> None:
    dyad = await enrolled_dyad(bot)
    await bot.client.block(dyad.coachee.id)
    await log_session(dyad.coach)
    await dyad.coach.expect(progress(1, 5))
    await bot.dispatch()
    async with bot.db() as session:
        coachee = await session.get(Person, dyad.coachee_id)
        events = list(await session.scalars(
            select(AuditEvent.subject).where(AuditEvent.action == "person_unreachable")
        ))
    assert coachee is not None and coachee.state == PersonState.UNREACHABLE
    assert events == [f"person:{dyad.coachee_id}"]
    refused = (await bot.client.stats())["errors"].get("403", 0)
    assert refused == 1

    bot.advance(hours=3)
    assert "Session 2 with Alice is logged" in (await log_session(dyad.coach))["text"]
    await bot.dispatch()
    await bot.dispatch()
    assert (await bot.client.stats())["errors"].get("403", 0) == refused
