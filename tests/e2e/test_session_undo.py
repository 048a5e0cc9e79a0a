"""A coach's `/session` is asked before it is stored and can be taken back for ten minutes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from alliance.core.models import AuditEvent, CoachingSession, Prompt, PromptState, SessionStatus
from alliance.reporting.analysis.dataset import load_program_data
from bot.simulation import Message, SimulatedUser
from bot.texts import t
from tests.e2e.dyads import (
    COACHEE_CHECKIN,
    answer_questionnaire,
    callback_answer,
    count,
    enrolled_dyad,
    log_session,
)
from tests.e2e.harness import BotHarness

LANGS = pytest.mark.parametrize("lang", ["en", "fr"])
CHECK_IN = {"en": "Question 1/", "fr": "Question 1/"}


def _labels(message: Message) -> list[str]:
    return [b["text"] for row in message.get("buttons") or [] for b in row]


async def _sessions(bot: BotHarness) -> list[CoachingSession]:
    async with bot.db() as session:
        return list(await session.scalars(select(CoachingSession).order_by(CoachingSession.id)))


async def _undo(bot: BotHarness, coach: SimulatedUser, logged: Message) -> str:
    pressed = await coach.press(t(coach.lang, "session.button.undo"), logged)
    return await callback_answer(bot, pressed)


@LANGS
async def test_session_asks_first_and_cancel_logs_nothing(bot: BotHarness, lang: str) -> None:
    dyad = await enrolled_dyad(bot, coachee_lang=lang, coach_lang=lang)
    await dyad.coach.send("/session")
    question = await dyad.coach.expect(t(lang, "session.confirm_log", coachee="Alice"))
    assert _labels(question) == [t(lang, "session.button.log_yes"), t(lang, "button.cancel")]
    await dyad.coach.press(t(lang, "button.cancel"), question)
    await dyad.coach.expect_edit(question["message_id"], t(lang, "session.not_duplicated"))
    assert await _sessions(bot) == []
    assert await count(bot, Prompt, Prompt.session_id.is_not(None)) == 0


@LANGS
async def test_undo_withdraws_both_check_ins_and_tells_the_coachee(
    bot: BotHarness, lang: str
) -> None:
    dyad = await enrolled_dyad(bot, coachee_lang=lang)
    logged = await log_session(dyad.coach)
    assert "Session 1 with Alice is logged" in logged["text"]
    assert _labels(logged) == ["Undo"]
    coachee_question = await dyad.coachee.expect(CHECK_IN[lang])

    bot.advance(minutes=9)
    assert await _undo(bot, dyad.coach, logged) == ""
    await dyad.coach.expect_edit(logged["message_id"], "Undone: the session with Alice")
    await dyad.coachee.expect(t(lang, "session.coachee_undone", coach="Claire"))
    [undone] = await _sessions(bot)
    assert (undone.status, undone.sequence) == (SessionStatus.CANCELLED, None)
    assert await count(bot, Prompt, Prompt.session_id == undone.id,
                       Prompt.state == PromptState.CANCELLED) == 2
    assert await count(bot, AuditEvent, AuditEvent.action == "session_undone") == 1

    # The coachee's withdrawn question does nothing; the coach's next /session starts afresh.
    tapped = await dyad.coachee.press("8", coachee_question)
    assert await callback_answer(bot, tapped) != ""
    assert "Session 1 with Alice is logged" in (await log_session(dyad.coach))["text"]


async def test_undo_after_ten_minutes_is_refused_and_its_button_goes(bot: BotHarness) -> None:
    dyad = await enrolled_dyad(bot)
    logged = await log_session(dyad.coach)
    bot.advance(minutes=11)
    assert "Too late to undo" in await _undo(bot, dyad.coach, logged)
    await dyad.coach.expect_edit(logged["message_id"], lambda m: not m.get("buttons"))
    [held] = await _sessions(bot)
    assert (held.status, held.sequence) == (SessionStatus.HELD, 1)


async def test_answers_given_before_undo_are_kept_but_leave_the_analysis(
    bot: BotHarness,
) -> None:
    dyad = await enrolled_dyad(bot)
    logged = await log_session(dyad.coach)
    await answer_questionnaire(dyad.coachee, COACHEE_CHECKIN)
    await _undo(bot, dyad.coach, logged)
    await dyad.coach.expect_edit(logged["message_id"], "Undone")
    async with bot.db() as session:
        answered = await session.scalar(select(Prompt).where(
            Prompt.state == PromptState.ANSWERED, Prompt.session_id.is_not(None)))
        data = await load_program_data(session, dyad.program_id)
    assert answered is not None  # kept as given
    assert data.sessions.empty  # but a session taken back is not part of the analysis


async def test_another_coach_cannot_undo_a_session(bot: BotHarness) -> None:
    first = await enrolled_dyad(bot)
    other = await enrolled_dyad(bot, program_id=first.program_id, coachee_name="Bruno")
    await log_session(first.coach)
    [held] = await _sessions(bot)
    own = await log_session(other.coach)  # a message of their own, its button data forged
    forged = await other.coach.press_data(own["message_id"], f"su:{held.id}")
    assert await callback_answer(bot, forged) != ""
    assert [s.status for s in await _sessions(bot)] == [SessionStatus.HELD] * 2


async def test_a_session_the_coachee_reported_is_confirmed_without_undo(
    bot: BotHarness,
) -> None:
    dyad = await enrolled_dyad(bot)
    await dyad.coachee.send("/session")
    await dyad.coach.expect("Alice says you just had a coaching session together")
    logged = await log_session(dyad.coach)  # the coach's own /session confirms that report
    assert "is logged" in logged["text"] and _labels(logged) == []
