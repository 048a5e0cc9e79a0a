"""A tap on a stale button re-shows where things are: a nudge already handled, a "did it take
place?" already answered or closed. The tap is answered with a toast, and the tapped message
is edited to what was decided (or that it closed), in the person's language — also when the
reply to the first tap was lost."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from alliance.core.models import (
    CoachingSession,
    Nudge,
    NudgeOutcome,
    Person,
    Prompt,
    PromptKind,
    SessionStatus,
)
from alliance.programs.setup import ProgramOptions
from bot.simulation import Message
from bot.texts import t
from tests.e2e.dyads import Dyad, callback_answer, count, enrolled_dyad
from tests.e2e.harness import BotHarness
from tests.e2e.test_nudges import COACH_HIGH, COACHEE_LOWER, two_sessions
from tests.waiting import eventually

LANGS = pytest.mark.parametrize("lang", ["en", "fr"])
SHORT = ProgramOptions(reminder_hours=0.5, expiry_hours=1)
OUTCOME_NOW = {
    "en": {"held": "took place (session 1); its check-ins were sent",
           "asked_again": "this question was asked again below",
           "closed": "this question has closed, so the session has no check-in"},
    "fr": {"held": "a eu lieu (séance 1); ses bilans ont été envoyés",
           "asked_again": "cette question a été reposée plus bas",
           "closed": "cette question est fermée, la séance n’a donc pas de bilan"},
}


async def _speaks(bot: BotHarness, person_id: int, lang: str) -> None:
    async with bot.db() as db:
        await db.execute(update(Person).where(Person.id == person_id).values(language=lang))


async def _asked_whether_it_took_place(bot: BotHarness, dyad: Dyad, lang: str) -> Message:
    """A session planned for Monday 15:30–16:15, ended: the coach is asked about it."""
    await dyad.coach.send("/schedule")
    picker = await dyad.coach.expect("pick the day")
    for label, step in (("Mon 11 Jan", "pick the start time"), ("15:30", "how long?"),
                        ("45 min", "Scheduled:")):
        await dyad.coach.press(label, picker)
        picker = await dyad.coach.expect_edit(picker["message_id"], step)
    await _speaks(bot, dyad.coach_id, lang)
    bot.advance(hours=7, minutes=20)
    await bot.dispatch()
    return await dyad.coach.message_with_button(t(lang, "session.button.held"))


async def _status(bot: BotHarness) -> SessionStatus:
    async with bot.db() as db:
        status = await db.scalar(select(CoachingSession.status).order_by(CoachingSession.id))
    assert status is not None
    return status


@LANGS
async def test_a_lost_reply_to_did_it_take_place_is_shown_by_the_next_tap(
    bot: BotHarness, lang: str
) -> None:
    dyad = await enrolled_dyad(bot)
    asked = await _asked_whether_it_took_place(bot, dyad, lang)
    await bot.client.config(faults=[{"method": "editMessageText", "code": 502}])
    await dyad.coach.press(t(lang, "session.button.held"), asked)

    async def held() -> bool:
        return await _status(bot) == SessionStatus.HELD

    await eventually(held, "the session to be recorded as held")
    again = await dyad.coach.press(t(lang, "session.button.cancelled"), asked)  # still shown

    assert await callback_answer(bot, again) == t(lang, "prompt.refused.answered")
    shown = await dyad.coach.expect_edit(asked["message_id"], OUTCOME_NOW[lang]["held"])
    assert not shown.get("buttons")
    assert await _status(bot) == SessionStatus.HELD


@LANGS
async def test_a_closed_did_it_take_place_points_to_the_new_ask_then_says_it_closed(
    bot: BotHarness, lang: str
) -> None:
    dyad = await enrolled_dyad(bot, options=SHORT)
    first = await _asked_whether_it_took_place(bot, dyad, lang)
    held = t(lang, "session.button.held")
    await bot.client.config(faults=[{"method": "editMessageText", "code": 502, "count": 50}])
    bot.advance(minutes=61)  # closed (the edit saying so is lost), then asked once more
    await bot.dispatch()
    await bot.dispatch()
    await bot.client.config(faults=[])

    await dyad.coach.press(held, first)
    await dyad.coach.expect_edit(first["message_id"], OUTCOME_NOW[lang]["asked_again"])

    second = await dyad.coach.message_with_button(held)
    assert second["message_id"] != first["message_id"]
    await bot.client.config(faults=[{"method": "editMessageText", "code": 502, "count": 50}])
    bot.advance(minutes=61)
    await bot.dispatch()
    await bot.client.config(faults=[])
    pressed = await dyad.coach.press(held, second)
    assert await callback_answer(bot, pressed) == t(lang, "prompt.refused.closed")
    await dyad.coach.expect_edit(second["message_id"], OUTCOME_NOW[lang]["closed"])
    assert await _status(bot) == SessionStatus.SCHEDULED
    assert await count(bot, Prompt, Prompt.kind == PromptKind.SESSION_OUTCOME) == 2


@LANGS
async def test_a_stale_nudge_button_shows_what_was_decided(bot: BotHarness, lang: str) -> None:
    dyad = await two_sessions(bot, COACH_HIGH, COACHEE_LOWER)
    nudge = await dyad.coach.expect("A moment to verify")
    await bot.client.config(faults=[{"method": "editMessageText", "code": 502}])
    await dyad.coach.press("I'll ask", nudge)

    async def noted() -> bool:
        async with bot.db() as db:
            return await db.scalar(select(Nudge.outcome)) == NudgeOutcome.WILL_ASK

    await eventually(noted, "the coach's answer to be stored")
    await _speaks(bot, dyad.coach_id, lang)
    stale = await dyad.coach.press("Not now", nudge)  # the message still shows all three

    assert await callback_answer(bot, stale) == t(lang, "nudge.refused")
    shown = await dyad.coach.expect_edit(nudge["message_id"], t(lang, "nudge.noted.will_ask"))
    labels = [b["text"] for row in shown["buttons"] for b in row]
    assert labels == [t(lang, "nudge.button.talked")]  # what the outcome still allows
    async with bot.db() as db:
        assert await db.scalar(select(Nudge.outcome)) == NudgeOutcome.WILL_ASK
