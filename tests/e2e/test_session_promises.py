"""A coachee is promised a check-in only when one is coming, and is told when it will not."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from alliance.core.models import CoachingSession, Prompt, PromptKind, PromptState, SessionStatus
from alliance.delivery.queue_model import OutboundMessage
from alliance.programs.setup import ProgramOptions
from bot.simulation import Message, SimulatedUser
from tests.e2e.dyads import COACHEE_CHECKIN, answer_questionnaire, count, enrolled_dyad, log_session
from tests.e2e.harness import BotHarness

# Check-ins and questions close after an hour; the reminder comes at half an hour.
SHORT = ProgramOptions(reminder_hours=0.5, expiry_hours=1)

TEXTS = {
    "en": {
        "check_in": "Question 1/4",
        "on_its_way": "your check-in is on its way",
        "closed": "its check-in has closed",
        "answered": "you have answered its check-in",
        "reported": "I asked Claire to confirm",
        "confirm_unanswered": "Claire did not answer whether your session took place",
        "planned": "Your session with Claire was planned for Mon 11 Jan, 15:30",
        "unconfirmed": "Claire did not say whether your planned session took place",
        "not_held": "Claire says your planned session did not take place",
    },
    "fr": {
        "check_in": "Question 1/4",
        "on_its_way": "votre bilan arrive",
        "closed": "son bilan est maintenant fermé",
        "answered": "vous avez répondu à son bilan",
        "reported": "J’ai demandé à Claire de confirmer",
        "confirm_unanswered": "Claire n’a pas répondu à la question sur votre séance",
        "planned": "Votre séance avec Claire était prévue le lun. 11 janv., 15:30",
        "unconfirmed": "Claire n’a pas indiqué si votre séance prévue a eu lieu",
        "not_held": "Claire indique que votre séance prévue n’a pas eu lieu",
    },
}
LANGS = pytest.mark.parametrize("lang", ["en", "fr"])


async def _texts(user: SimulatedUser, part: str) -> list[str]:
    return [m["text"] for m in await user.messages() if part in (m.get("text") or "")]


async def _expect_once(bot: BotHarness, user: SimulatedUser, part: str) -> None:
    """The message arrives, and further passes do not send it again."""
    await user.expect(part)
    for _ in range(2):
        bot.advance(minutes=5)
        await bot.dispatch()
    assert len(await _texts(user, part)) == 1


@LANGS
async def test_a_coachee_hears_on_its_way_only_while_the_check_in_is_open(
    bot: BotHarness, lang: str
) -> None:
    text = TEXTS[lang]
    dyad = await enrolled_dyad(bot, coachee_lang=lang, options=SHORT)
    await log_session(dyad.coach)
    await dyad.coachee.expect(text["check_in"])
    await dyad.coachee.send("/session")
    await dyad.coachee.expect(text["on_its_way"])

    bot.advance(minutes=61)  # the check-in closes unanswered, still within the duplicate window
    await bot.dispatch()
    await dyad.coachee.send("/session")
    reply = await dyad.coachee.expect(text["closed"])
    assert text["on_its_way"] not in reply["text"] and "/session" in reply["text"]


async def test_a_coachee_who_answered_is_thanked_not_promised_another(bot: BotHarness) -> None:
    dyad = await enrolled_dyad(bot, options=SHORT)
    await log_session(dyad.coach)
    await answer_questionnaire(dyad.coachee, COACHEE_CHECKIN)
    await dyad.coachee.send("/session")
    reply = await dyad.coachee.expect(TEXTS["en"]["answered"])
    assert "on its way" not in reply["text"]


@LANGS
async def test_a_coachee_is_told_once_when_the_coach_never_confirms_their_report(
    bot: BotHarness, lang: str
) -> None:
    text = TEXTS[lang]
    dyad = await enrolled_dyad(bot, coachee_lang=lang, options=SHORT)
    await dyad.coachee.send("/session")
    await dyad.coachee.expect(text["reported"])
    await dyad.coach.expect("Alice says you just had a coaching session together")
    bot.advance(minutes=61)
    await bot.dispatch()
    await _expect_once(bot, dyad.coachee, text["confirm_unanswered"])
    assert await count(bot, Prompt, Prompt.kind == PromptKind.CHECKIN) == 0
    assert await count(bot, OutboundMessage, OutboundMessage.key.like("no-checkin:%")) == 1


async def _scheduled_for_monday_1530(bot: BotHarness, dyad: object) -> None:
    coach: SimulatedUser = dyad.coach  # type: ignore[attr-defined]
    await coach.send("/schedule")
    picker: Message = await coach.expect("pick the day")
    for label, step in (("Mon 11 Jan", "pick the start time"), ("15:30", "how long?"),
                        ("45 min", "Scheduled:")):
        await coach.press(label, picker)
        picker = await coach.expect_edit(picker["message_id"], step)


async def _outcome_asks(bot: BotHarness) -> list[PromptState]:
    async with bot.db() as session:
        return list(await session.scalars(
            select(Prompt.state).where(Prompt.kind == PromptKind.SESSION_OUTCOME)
            .order_by(Prompt.id)
        ))


@LANGS
async def test_a_coachee_waiting_on_a_scheduled_session_is_told_when_it_ends_unconfirmed(
    bot: BotHarness, lang: str
) -> None:
    text = TEXTS[lang]
    dyad = await enrolled_dyad(bot, coachee_lang=lang, options=SHORT)
    await _scheduled_for_monday_1530(bot, dyad)
    bot.advance(hours=7)  # 16:00 local, during the session
    await dyad.coachee.send("/session")
    await dyad.coachee.expect(text["planned"])
    assert await count(bot, CoachingSession) == 1  # no second session for the coach to confirm

    bot.advance(minutes=20)  # the session has ended: asked once
    await bot.dispatch()
    await dyad.coach.expect("Did it take place?")
    bot.advance(minutes=61)  # unanswered: closed, then asked once more on the next pass
    await bot.dispatch()
    await bot.dispatch()
    first, again = await _outcome_asks(bot)
    assert first == PromptState.EXPIRED and again in (PromptState.PENDING, PromptState.SENT)
    assert not await _texts(dyad.coachee, text["unconfirmed"])
    bot.advance(minutes=61)  # unanswered again: unconfirmed, and the coachee is told
    await bot.dispatch()
    await _expect_once(bot, dyad.coachee, text["unconfirmed"])
    assert await _outcome_asks(bot) == [PromptState.EXPIRED, PromptState.EXPIRED]
    async with bot.db() as session:
        planned = await session.scalar(select(CoachingSession))
    assert planned is not None and planned.status == SessionStatus.SCHEDULED
    assert await count(bot, Prompt, Prompt.kind == PromptKind.CHECKIN) == 0


async def test_a_scheduled_session_nobody_waits_on_ends_unconfirmed_in_silence(
    bot: BotHarness,
) -> None:
    dyad = await enrolled_dyad(bot, options=SHORT)
    await _scheduled_for_monday_1530(bot, dyad)
    for minutes in (7 * 60 + 20, 61, 1, 61, 1):
        bot.advance(minutes=minutes)
        await bot.dispatch()
    assert await _outcome_asks(bot) == [PromptState.EXPIRED, PromptState.EXPIRED]
    assert await count(bot, OutboundMessage, OutboundMessage.key.like("no-checkin:%")) == 0


async def test_a_waiting_coachee_hears_when_the_coach_says_it_did_not_take_place(
    bot: BotHarness,
) -> None:
    dyad = await enrolled_dyad(bot, options=SHORT)
    await _scheduled_for_monday_1530(bot, dyad)
    bot.advance(hours=7, minutes=20)
    await dyad.coachee.send("/session")
    await dyad.coachee.expect(TEXTS["en"]["planned"])
    await bot.dispatch()
    asked = await dyad.coach.expect("Did it take place?")
    await dyad.coach.press("Cancelled", asked)
    await dyad.coach.expect_edit(asked["message_id"], "was cancelled")
    await bot.dispatch()
    await _expect_once(bot, dyad.coachee, TEXTS["en"]["not_held"])
