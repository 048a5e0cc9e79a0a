"""Questionnaires through the real bot: one message edited per tap, comments private unless
shared, forged or repeated taps changing nothing, end-of-program questionnaires."""

from __future__ import annotations

import asyncio

from sqlalchemy import select
from telegram import Update

from alliance.core.models import Answer, Comment, Program, Prompt, PromptKind, PromptState, Role
from alliance.programs.closing import close_program
from bot.simulation import SimulatedUser
from tests.baselines import baseline_of
from tests.e2e.dyads import (
    COACH_CHECKIN,
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


async def test_a_french_coachee_answers_in_french_and_keeps_the_comment_private(
    bot: BotHarness,
) -> None:
    dyad = await logged_session(bot, coachee_lang="fr")
    first = await dyad.coachee.expect(progress(1, 4))
    assert "Aujourd'hui, nous avons travaillé sur ce qui compte pour moi." in first["text"]
    assert "0 = Pas du tout · 5 = En partie · 10 = Tout à fait" in first["text"]
    assert [len(row) for row in first["buttons"]] == [6, 5]
    await answer_questionnaire(dyad.coachee, COACHEE_CHECKIN, first)
    await dyad.coachee.press("Ajouter un commentaire", first)
    await dyad.coachee.expect_edit(first["message_id"], "Écrivez votre commentaire")
    await dyad.coachee.send("Le rythme me fatigue un peu")
    share = await dyad.coachee.expect("Le partager avec votre coach?")
    await dyad.coachee.press("Garder privé", share)
    await dyad.coachee.expect_edit(share["message_id"], "reste privé")
    async with bot.db() as session:
        comment = await session.scalar(select(Comment))
    assert comment is not None and comment.text == "Le rythme me fatigue un peu"
    assert not comment.shared
    await answer_questionnaire(dyad.coach, COACH_CHECKIN)
    assert "fatigue" not in await dyad.coach.all_text()


async def test_only_an_explicit_share_sends_the_comment_to_the_coach_once(
    bot: BotHarness,
) -> None:
    dyad = await logged_session(bot)
    checkin = await answer_questionnaire(dyad.coachee, COACHEE_CHECKIN)
    await dyad.coachee.press("Add a comment", checkin)
    await dyad.coachee.send("I would like more time on delegation.")
    share = await dyad.coachee.expect("Share it with your coach?")
    await dyad.coachee.press("Share with my coach", share)
    received = await dyad.coach.expect("Alice chose to share a comment with you after session 1")
    assert "I would like more time on delegation." in received["text"]

    prompt = await prompt_of(bot, PromptKind.CHECKIN, Role.COACHEE)
    again = await dyad.coachee.press_data(share["message_id"], f"cm:{prompt.id}:share")
    assert "already saved" in await callback_answer(bot, again)
    coach_messages = len(await dyad.coach.messages())
    await asyncio.sleep(0.2)
    assert len(await dyad.coach.messages()) == coach_messages


async def test_forged_presses_change_nothing(bot: BotHarness) -> None:
    dyad = await logged_session(bot)
    question = await dyad.coachee.expect(progress(1, 4))
    await dyad.coach.expect(progress(1, 5))
    mine = await prompt_of(bot, PromptKind.CHECKIN, Role.COACHEE)
    theirs = await prompt_of(bot, PromptKind.CHECKIN, Role.COACH)
    forged = {
        f"a:{theirs.id}:0:3": "not meant for you",
        f"a:{mine.id}:0:11": "not on the scale",
        f"a:{mine.id}:9:5": "not on the scale",
        f"a:{mine.id}:2:5": "answer the question shown now",
        "a:987654:0:5": "no longer valid",
        f"cm:{theirs.id}:share": "no longer valid",
    }
    for data, reply in forged.items():
        pressed = await dyad.coachee.press_data(question["message_id"], data)
        assert reply in await callback_answer(bot, pressed), data
    assert await count(bot, Answer) == 0
    unchanged = next(m for m in await dyad.coachee.messages()
                     if m["message_id"] == question["message_id"])
    assert unchanged["edits"] == 0 and progress(1, 4) in unchanged["text"]


async def test_a_repeated_tap_saves_one_answer(bot: BotHarness) -> None:
    dyad = await logged_session(bot)
    question = await dyad.coachee.expect(progress(1, 4))
    mine = await prompt_of(bot, PromptKind.CHECKIN, Role.COACHEE)
    await dyad.coachee.press("6", question)
    await dyad.coachee.expect_edit(question["message_id"], progress(2, 4))
    pressed = await dyad.coachee.press_data(question["message_id"], f"a:{mine.id}:0:9")
    assert "already saved" in await callback_answer(bot, pressed)
    async with bot.db() as session:
        values = list(await session.scalars(select(Answer.value)))
    assert values == [6.0]


async def test_a_redelivered_update_changes_nothing(bot: BotHarness) -> None:
    dyad = await enrolled_dyad(bot)
    sent = await bot.client.send(dyad.coach.id, "/session")
    question = await dyad.coach.expect("A session with Alice that just ended?")
    pressed = await dyad.coach.press("Yes, log it", question)
    await dyad.coach.expect_edit(question["message_id"], "Session 1 with Alice is logged")
    await dyad.coach.expect(progress(1, 5))
    before = await dyad.coach.messages()

    user = {"id": dyad.coach.id, "is_bot": False, "first_name": "Claire"}
    chat = {"id": dyad.coach.id, "type": "private"}
    command = {  # the /session above, sent again by Telegram
        "update_id": sent["update_id"],
        "message": {
            "message_id": sent["message_id"], "date": 0, "text": "/session",
            "entities": [{"type": "bot_command", "offset": 0, "length": 8}],
            "chat": chat, "from": user,
        },
    }
    tap = {  # and the tap that logged it
        "update_id": pressed["update_id"],
        "callback_query": {
            "id": pressed["callback_query_id"], "from": user, "chat_instance": "1",
            "data": f"sy:{dyad.dyad_id}",
            "message": {"message_id": question["message_id"], "date": 0,
                        "text": question["text"], "chat": chat},
        },
    }
    for raw in (command, tap):
        await bot.app.process_update(Update.de_json(raw, bot.app.bot))
    await bot.dispatch()
    assert await dyad.coach.messages() == before
    assert await count(bot, Prompt) == 2


async def _answer_from_reminder(user: SimulatedUser, values: list[int]) -> None:
    reminder = await user.expect("Reminder: this is still waiting for you")
    await answer_questionnaire(user, values, reminder)


async def test_end_of_program_questionnaires_are_delivered_reminded_and_answered(
    bot: BotHarness,
) -> None:
    dyad = await enrolled_dyad(bot)
    async with bot.db() as session:
        program = await session.get(Program, dyad.program_id)
        assert program is not None
        await baseline_of(session, program, dyad.coachee_id, dyad.dyad_id, bot.clock.now())
        await close_program(session, dyad.program_id, bot.clock.now())
    await bot.dispatch()
    await dyad.coachee.expect("“Leaders 2027” has closed")
    final = await dyad.coachee.expect(progress(1, 7))
    assert final["text"].startswith("End of the program: Leadership confidence")
    await answer_questionnaire(dyad.coachee, [6, 7, 6, 7, 6, 7, 6], final)
    rating = await dyad.coach.expect(progress(1, 4))
    assert rating["text"].startswith("Looking back on the program · with Alice")

    bot.advance(hours=24, minutes=1)
    await bot.dispatch()
    await _answer_from_reminder(dyad.coach, [8, 8, 8, 8])
    await dyad.coach.expect_edit(rating["message_id"], "continued in the reminder below")
    async with bot.db() as session:
        states = set(await session.scalars(select(Prompt.state)))
    assert states == {PromptState.ANSWERED}
    assert len(await dyad.coachee.messages()) == 2  # the notice; answered in time: no reminder
    assert len(await dyad.coach.messages()) == 3  # the notice, the rating, its reminder


async def test_after_the_first_session_a_check_in_opens_with_one_line(bot: BotHarness) -> None:
    dyad = await logged_session(bot, coachee_lang="fr")
    first_coach = await dyad.coach.expect(progress(1, 5))
    first_coachee = await dyad.coachee.expect(progress(1, 4))
    assert "about 30 seconds" in first_coach["text"] and "not a validated" in first_coach["text"]
    assert "environ 30 secondes" in first_coachee["text"]
    await answer_questionnaire(dyad.coach, COACH_CHECKIN, first_coach)
    await answer_questionnaire(dyad.coachee, COACHEE_CHECKIN, first_coachee)
    bot.advance(days=7)
    assert "Session 2 with Alice is logged" in (await log_session(dyad.coach))["text"]
    second_coach = await dyad.coach.expect(progress(1, 5))
    second_coachee = await dyad.coachee.expect(progress(1, 4))
    assert "5 quick questions, about 30 seconds." in second_coach["text"]
    assert "not a validated" not in second_coach["text"]
    assert "4 questions rapides, environ 30 secondes." in second_coachee["text"]
    assert "psychométrique" not in second_coachee["text"]
