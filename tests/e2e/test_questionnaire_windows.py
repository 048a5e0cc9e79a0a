"""The baseline and final questionnaires are never silently lost: the baseline stays open until
the program's midpoint, the final for the closing window, each reminded the program's number of
times with its closing time in the person's zone; `/status` counts them; `/close` tells everyone,
once, and asks the final only of coachees who answered the baseline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from alliance.core.models import Program, Prompt, PromptKind, PromptState
from alliance.delivery.queue_model import OutboundKind, OutboundMessage, OutboundState
from alliance.programs.closing import close_program
from alliance.questionnaires.windows import program_midpoint
from bot.local_times import local_moment
from bot.simulation import Message, SimulatedUser
from bot.texts import t
from tests.e2e.dyads import answer_questionnaire, callback_answer
from tests.e2e.harness import BotHarness
from tests.e2e.people import make_dyad

ZONE = "America/Montreal"
BASELINE = [5, 6, 5, 6, 5, 6, 5]
LANGS = pytest.mark.parametrize("lang", ["en", "fr"])
CLOSED = {"en": "“Leaders 2027” is closed", "fr": "«\u00a0Leaders 2027\u00a0» est terminé"}
END_RATING = {"en": "Looking back on the program", "fr": "Retour sur le programme"}
SELF_EFFICACY = {"en": "Leadership confidence", "fr": "Confiance en son leadership"}


def _before(text_key: str, lang: str) -> str:
    """The fixed words of a text before its first placeholder."""
    return t(lang, text_key).split("{")[0].strip()


async def _program(bot: BotHarness, program_id: int) -> Program:
    async with bot.db() as session:
        program = await session.get(Program, program_id)
    assert program is not None
    return program


async def _prompt(bot: BotHarness, kind: PromptKind) -> Prompt:
    async with bot.db() as session:
        prompt = await session.scalar(select(Prompt).where(Prompt.kind == kind))
    assert prompt is not None
    return prompt


async def _next(bot: BotHarness, user: SimulatedUser, text: str, after: Message) -> Message:
    return await bot.client.wait_for_message(user.id, text, after_message_id=after["message_id"])


async def _reminders_sent(bot: BotHarness, kind: PromptKind) -> int:
    """Reminders of `kind`'s prompt that went out (their messages are edited afterwards)."""
    async with bot.db() as session:
        return len(list(await session.scalars(
            select(OutboundMessage.id)
            .join(Prompt, Prompt.id == OutboundMessage.prompt_id)
            .where(OutboundMessage.kind == OutboundKind.REMINDER, Prompt.kind == kind,
                   OutboundMessage.state == OutboundState.SENT))))


async def _status(lead: SimulatedUser, lang: str) -> str:
    await lead.send("/status")
    return str((await lead.expect(_before("lead.status_title", lang)))["text"])


async def _close(lead: SimulatedUser, lang: str) -> Message:
    await lead.send("/close")
    question = await lead.message_with_button(t(lang, "lead.close_yes"))
    assert t(lang, "lead.close_confirm", program="Leaders 2027", days=14) in question["text"]
    await lead.press(t(lang, "lead.close_yes"), question)
    return await lead.expect_edit(question["message_id"], CLOSED[lang])


@LANGS
async def test_the_baseline_stays_answerable_past_72_hours_and_is_reminded_twice(
    bot: BotHarness, lang: str
) -> None:
    program_id, _, _, coachee = await make_dyad(bot, lang=lang)
    title = t(lang, "questionnaire.baseline_title", title=SELF_EFFICACY[lang])
    baseline = await coachee.expect(title)
    midpoint = program_midpoint(await _program(bot, program_id))

    bot.advance(hours=73)  # past the normal 72-hour expiry, and past the first reminder
    await bot.dispatch()
    first = await _next(bot, coachee, _before("questionnaire.reminder", lang), baseline)
    assert local_moment(lang, midpoint, ZONE) in first["text"]
    await answer_questionnaire(coachee, BASELINE[:1], first, total=7)
    assert (await _prompt(bot, PromptKind.BASELINE_SE)).state == PromptState.SENT

    bot.clock.set(midpoint - timedelta(hours=23))  # the last reminder: a day before it closes
    await bot.dispatch()
    second = await _next(bot, coachee, _before("questionnaire.reminder", lang), first)
    await coachee.expect_edit(first["message_id"], t(lang, "checkin.continued_below",
                                                     title=title))
    await answer_questionnaire(coachee, BASELINE[1:], second, first=2, total=7)

    bot.clock.set(midpoint + timedelta(days=1))
    await bot.dispatch()
    assert (await _prompt(bot, PromptKind.BASELINE_SE)).state == PromptState.ANSWERED
    assert await _reminders_sent(bot, PromptKind.BASELINE_SE) == 2
    assert len([m for m in await coachee.messages() if m["message_id"] > baseline["message_id"]
                ]) == 2


async def test_the_baseline_expires_at_the_midpoint_and_status_counts_it(bot: BotHarness) -> None:
    program_id, lead, _, coachee = await make_dyad(bot)
    baseline = await coachee.expect("Start of the program: Leadership confidence")
    assert "Baseline questionnaire, of 1 coachee(s): 0 answered, 1 open, 0 expired" in \
        await _status(lead, "en")

    bot.clock.set(program_midpoint(await _program(bot, program_id)) + timedelta(minutes=1))
    await bot.dispatch()

    await coachee.expect_edit(baseline["message_id"], "this has closed")
    pressed = await coachee.press_data(
        baseline["message_id"], f"a:{(await _prompt(bot, PromptKind.BASELINE_SE)).id}:0:5")
    assert "closed" in await callback_answer(bot, pressed)
    assert (await _prompt(bot, PromptKind.BASELINE_SE)).state == PromptState.EXPIRED
    assert "Baseline questionnaire, of 1 coachee(s): 0 answered, 0 open, 1 expired" in \
        await _status(lead, "en")


@LANGS
async def test_status_counts_the_answered_baseline(bot: BotHarness, lang: str) -> None:
    _, lead, _, coachee = await make_dyad(bot, lang=lang)
    await answer_questionnaire(coachee, BASELINE)

    text = await _status(lead, lang)

    expected = t(lang, "lead.status_baseline", coachees=1, answered=1, open=0, expired=0)
    assert expected in text and "Cam" not in text
    assert _before("lead.status_final", lang) not in text  # not before the program closes


@LANGS
async def test_closing_tells_everyone_once_and_the_final_is_titled_as_the_end(
    bot: BotHarness, lang: str
) -> None:
    program_id, lead, coach, coachee = await make_dyad(bot, lang=lang)
    await answer_questionnaire(coachee, BASELINE)

    closed = await _close(lead, lang)

    final_until = local_moment(lang, bot.clock.now() + timedelta(days=14), ZONE)
    assert closed["text"] == t(lang, "lead.closed", program="Leaders 2027", told=2, final=1,
                               until=final_until, ratings=1)
    await coach.expect(t(lang, "closing.notice_rating", program="Leaders 2027"))
    await coach.expect(END_RATING[lang])
    notice = await coachee.expect(t(lang, "closing.notice_final", program="Leaders 2027"))
    final = await coachee.expect(t(lang, "questionnaire.final_title", title=SELF_EFFICACY[lang]))
    assert notice["message_id"] < final["message_id"]  # one chat's messages go out in order
    assert t(lang, "questionnaire.final_intro", count=7) in final["text"]
    baseline_intro = "at the start and at the end" if lang == "en" else "au début et à la fin"
    assert baseline_intro not in final["text"]

    before = {user.id: len(await user.messages()) for user in (coach, coachee, lead)}
    again_pressed = await lead.press_data(closed["message_id"], f"cl:y:{program_id}")
    assert await callback_answer(bot, again_pressed) == t(lang, "lead.program_closed")
    async with bot.db() as session:
        again = await close_program(session, program_id, bot.clock.now())
    assert again.already_closed
    await bot.dispatch()
    assert {user.id: len(await user.messages()) for user in (coach, coachee, lead)} == before
    text = await _status(lead, lang)
    assert t(lang, "lead.status_final", coachees=1, answered=0, open=1, expired=0,
             not_asked=0) in text


async def test_the_final_is_reminded_twice_and_closes_after_its_window(bot: BotHarness) -> None:
    _, lead, _, coachee = await make_dyad(bot)
    await answer_questionnaire(coachee, BASELINE)
    await _close(lead, "en")
    final = await coachee.expect("End of the program: Leadership confidence")
    closes = bot.clock.now() + timedelta(days=14)

    bot.advance(hours=24, minutes=1)
    await bot.dispatch()
    first = await _next(bot, coachee, "Reminder: this questionnaire", final)
    assert f"It stays open until {local_moment('en', closes, ZONE)}." in first["text"]
    bot.advance(days=12)
    await bot.dispatch()
    await _next(bot, coachee, "Reminder: this questionnaire", first)
    bot.advance(days=1, minutes=1)
    await bot.dispatch()

    assert await _reminders_sent(bot, PromptKind.FINAL_SE) == 2
    assert (await _prompt(bot, PromptKind.FINAL_SE)).state == PromptState.EXPIRED
    assert "Final questionnaire, of 1 coachee(s): 0 answered, 0 open, 1 expired, 0 not asked" \
        in await _status(lead, "en")


async def test_closing_with_the_baseline_open_closes_it_and_asks_no_final(
    bot: BotHarness,
) -> None:
    _, lead, coach, coachee = await make_dyad(bot)
    baseline = await coachee.expect("Start of the program: Leadership confidence")

    closed = await _close(lead, "en")

    assert "1 final" not in closed["text"] and "0 final questionnaire(s)" in closed["text"]
    assert "no answered baseline to compare it with: 1." in closed["text"]
    assert "Baselines still open, closed now: 1." in closed["text"]
    await coachee.expect(t("en", "closing.notice", program="Leaders 2027"))
    await coach.expect(t("en", "closing.notice_rating", program="Leaders 2027"))
    await coachee.expect_edit(baseline["message_id"], "this has closed")
    assert "End of the program" not in await coachee.all_text()
    text = await _status(lead, "en")
    assert "Baseline questionnaire, of 1 coachee(s): 0 answered, 0 open, 1 expired" in text
    assert "Final questionnaire, of 1 coachee(s): 0 answered, 0 open, 0 expired, 1 not asked" \
        in text
