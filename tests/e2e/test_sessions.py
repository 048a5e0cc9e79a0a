"""Sessions through the real bot: logged, scheduled with the picker, reported and confirmed."""

from __future__ import annotations

import re

from sqlalchemy import select

from alliance.core.models import (
    Answer,
    CoachingSession,
    NudgeDecision,
    Prompt,
    PromptKind,
    PromptState,
    SessionStatus,
)
from alliance.programs.setup import ProgramOptions
from bot.simulation import Message, SimulatedUser
from tests.e2e.dyads import (
    COACH_CHECKIN,
    COACHEE_CHECKIN,
    answer_questionnaire,
    count,
    enrolled_dyad,
    log_session,
    progress,
)
from tests.e2e.harness import BotHarness


async def test_a_dyad_logs_two_sessions_and_both_sides_answer_by_button(bot: BotHarness) -> None:
    dyad = await enrolled_dyad(bot)
    for sequence in (1, 2):
        assert f"Session {sequence} with Alice is logged" in (await log_session(dyad.coach))["text"]
        await answer_questionnaire(dyad.coach, COACH_CHECKIN)
        await answer_questionnaire(dyad.coachee, COACHEE_CHECKIN)
        await dyad.coachee.press("Skip")
        await dyad.coachee.expect_edit(
            (await dyad.coachee.messages())[-1]["message_id"], "check-in is complete"
        )
        bot.advance(hours=3)

    async with bot.db() as session:
        sessions = list(await session.scalars(
            select(CoachingSession).where(CoachingSession.dyad_id == dyad.dyad_id)
            .order_by(CoachingSession.sequence)
        ))
    assert [(s.sequence, s.status) for s in sessions] == [
        (1, SessionStatus.HELD), (2, SessionStatus.HELD)
    ]
    assert await count(bot, Prompt, Prompt.state == PromptState.ANSWERED) == 4
    assert await count(bot, Answer) == 2 * (len(COACH_CHECKIN) + len(COACHEE_CHECKIN))
    assert await count(bot, NudgeDecision, NudgeDecision.fired.is_(False)) == 2


async def test_a_second_session_within_two_hours_asks_whether_it_is_another(
    bot: BotHarness,
) -> None:
    dyad = await enrolled_dyad(bot)
    assert "Session 1 with Alice is logged" in (await log_session(dyad.coach))["text"]
    bot.advance(minutes=30)
    await dyad.coach.send("/session")
    question = await dyad.coach.expect("Was this another session?")
    await dyad.coach.press("No, already logged", question)
    await dyad.coach.expect_edit(question["message_id"], "nothing new was logged")
    assert await count(bot, CoachingSession) == 1

    await dyad.coach.send("/session")
    question = await dyad.coach.expect("Was this another session?")
    await dyad.coach.press("Yes, another session", question)
    await dyad.coach.expect_edit(question["message_id"], "Session 2 with Alice is logged")
    assert await count(bot, CoachingSession, CoachingSession.status == SessionStatus.HELD) == 2


async def test_a_coach_with_two_coachees_picks_one_by_button(bot: BotHarness) -> None:
    first = await enrolled_dyad(bot)
    second = await enrolled_dyad(
        bot, program_id=first.program_id, coach=(first.coach, first.coach_id), coachee_name="Bruno"
    )
    await first.coach.send("/session")
    choice = await first.coach.expect("Which coachee was the session with?")
    await first.coach.press("Bruno", choice)
    await first.coach.expect_edit(choice["message_id"], "Session 1 with Bruno is logged")
    await second.coachee.expect(progress(1, 4))
    async with bot.db() as session:
        held = await session.scalar(select(CoachingSession))
    assert held is not None and held.dyad_id == second.dyad_id


async def test_a_coachee_reports_a_session_and_the_coach_confirms_it(bot: BotHarness) -> None:
    dyad = await enrolled_dyad(bot)
    await dyad.coachee.send("/session")
    await dyad.coachee.expect("I asked Claire to confirm the session")
    confirm = await dyad.coach.expect("Alice says you just had a coaching session together")
    await dyad.coachee.send("/session")
    await dyad.coachee.expect("already asked Claire to confirm")

    await dyad.coach.press("Yes, it took place", confirm)
    await dyad.coach.expect_edit(confirm["message_id"], "Session 1 with Alice is logged")
    await answer_questionnaire(dyad.coachee, COACHEE_CHECKIN)
    await answer_questionnaire(dyad.coach, COACH_CHECKIN)
    async with bot.db() as session:
        held = await session.scalar(select(CoachingSession))
    assert held is not None
    assert (held.status, held.sequence, held.confirmed_by_id) == (
        SessionStatus.HELD, 1, dyad.coach_id
    )


async def test_a_coach_who_denies_a_reported_session_logs_nothing(bot: BotHarness) -> None:
    dyad = await enrolled_dyad(bot)
    await dyad.coachee.send("/session")
    confirm = await dyad.coach.expect("Alice says you just had a coaching session together")
    await dyad.coach.press("No", confirm)
    await dyad.coachee.expect("Claire did not confirm a session")
    assert await count(bot, CoachingSession, CoachingSession.status == SessionStatus.CANCELLED) == 1
    assert await count(bot, Prompt, Prompt.kind == PromptKind.CHECKIN) == 0


def _buttons(message: Message) -> list[str]:
    return [b["text"] for row in message.get("buttons") or [] for b in row]


async def _pick_slot(user: SimulatedUser, message: Message, day: str, time: str,
                     minutes: str) -> Message:
    days = await user.expect_edit(message["message_id"], lambda m: day in _buttons(m))
    await user.press(day, days)
    times = await user.expect_edit(message["message_id"], "pick the start time")
    await user.press(time, times)
    lengths = await user.expect_edit(message["message_id"], "how long?")
    await user.press(minutes, lengths)
    return await user.expect_edit(message["message_id"], "Scheduled:")


async def test_a_scheduled_session_is_asked_about_after_its_end_then_checked_in(
    bot: BotHarness,
) -> None:
    dyad = await enrolled_dyad(bot, options=ProgramOptions(modules=("mood",)))
    await dyad.coach.send("/schedule")
    picker = await dyad.coach.expect("pick the day (America/Montreal time)")
    labels = _buttons(picker)
    assert labels[0] == "Mon 11 Jan" and len(labels) == 14 + 1  # two weeks, then Cancel
    done = await _pick_slot(dyad.coach, picker, "Tue 12 Jan", "10:00", "60 min")
    assert "Tue 12 Jan, 10:00 to 11:00" in done["text"]

    bot.advance(hours=24)  # Tuesday 9:00 local: the mood question, an hour ahead
    await bot.dispatch()
    mood = await dyad.coach.expect(progress(1, 1))
    assert "mood" in mood["text"]
    await answer_questionnaire(dyad.coach, [7], mood)

    bot.advance(hours=2, minutes=5)  # after the end
    await bot.dispatch()
    asked = await dyad.coach.expect(
        "was planned for Tue 12 Jan, 10:00 (Montreal time). Did it take place?"
    )
    await dyad.coach.press("It took place", asked)
    await dyad.coach.expect_edit(asked["message_id"], "Session 1 with Alice is logged")
    await answer_questionnaire(dyad.coachee, COACHEE_CHECKIN)
    await bot.dispatch()
    assert await count(bot, Prompt, Prompt.kind == PromptKind.SESSION_OUTCOME) == 1


async def test_a_moved_session_is_rescheduled_with_the_same_picker(bot: BotHarness) -> None:
    dyad = await enrolled_dyad(bot)
    await dyad.coach.send("/schedule")
    picker = await dyad.coach.expect("pick the day")
    await _pick_slot(dyad.coach, picker, "Mon 11 Jan", "15:30", "45 min")
    bot.advance(hours=8)
    await bot.dispatch()
    asked = await dyad.coach.expect("Did it take place?")
    await dyad.coach.press("Moved", asked)
    await dyad.coach.expect_edit(asked["message_id"], "was moved. When is the new one?")
    await _pick_slot(dyad.coach, asked, "Wed 13 Jan", "08:30", "90 min")
    async with bot.db() as session:
        statuses = list(await session.scalars(
            select(CoachingSession.status).order_by(CoachingSession.id)
        ))
    assert statuses == [SessionStatus.MOVED, SessionStatus.SCHEDULED]
    assert await count(bot, Prompt, Prompt.kind == PromptKind.CHECKIN) == 0


async def test_a_cancelled_session_gets_no_check_in(bot: BotHarness) -> None:
    dyad = await enrolled_dyad(bot)
    await dyad.coach.send("/schedule")
    picker = await dyad.coach.expect("pick the day")
    await _pick_slot(dyad.coach, picker, "Mon 11 Jan", "11:00", "60 min")
    bot.advance(hours=3, minutes=1)
    await bot.dispatch()
    asked = await dyad.coach.expect("Did it take place?")
    await dyad.coach.press("Cancelled", asked)
    await dyad.coach.expect_edit(asked["message_id"], "was cancelled")
    assert await count(bot, Prompt, Prompt.kind == PromptKind.CHECKIN) == 0
    assert re.search(r"Mon 11 Jan, 11:00", (await dyad.coach.messages())[-1]["text"])


async def test_the_picker_refuses_a_slot_that_has_passed(bot: BotHarness) -> None:
    dyad = await enrolled_dyad(bot)
    await dyad.coach.send("/schedule")
    picker = await dyad.coach.expect("pick the day")
    await dyad.coach.press("Mon 11 Jan", picker)
    times = await dyad.coach.expect_edit(picker["message_id"], "pick the start time")
    assert _buttons(times)[0] == "09:30"  # 9:00 local now: earlier slots are gone
    await dyad.coach.press("10:00", times)
    await dyad.coach.expect_edit(picker["message_id"], "how long?")
    bot.advance(hours=2)
    await dyad.coach.press("60 min", await dyad.coach.message_with_button("60 min"))
    await dyad.coach.expect_edit(picker["message_id"], "no longer available")
    assert await count(bot, CoachingSession) == 0
