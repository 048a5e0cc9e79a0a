"""Nobody stuck: when the reply after a commit fails, the person's next tap shows where they are.

Faults are injected through the emulator (a 5xx on editMessageText, "query is too old" on
answerCallbackQuery, either of them answered only after the bot's HTTP timeout); the answer is
stored either way, no apology is sent for a reply that failed, the tapped message catches up
with what is stored, and a reply that hangs holds nobody else back.
"""

from __future__ import annotations

import asyncio
import time

import pytest
from sqlalchemy import select
from telegram import Update

from alliance.core.models import Answer, Prompt, PromptKind, Role
from alliance.delivery.queue import enqueue
from alliance.delivery.queue_model import OutboundKind
from bot.simulation import Message, SimulatedUser
from tests.e2e.dyads import (
    answer_questionnaire,
    callback_answer,
    count,
    logged_session,
    progress,
    prompt_of,
)
from tests.e2e.harness import BotHarness
from tests.waiting import eventually

pytestmark = pytest.mark.slow  # see pyproject.toml: left out of the quick selection

BOT_TIMEOUT = 5.0  # python-telegram-bot's read timeout, which the bot keeps
LATE = BOT_TIMEOUT + 1.0
TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
APOLOGY = "Sorry, something went wrong"


async def _stored(bot: BotHarness, expected: int) -> None:
    """Wait until `expected` answers are stored (the message itself shows nothing new)."""
    async def stored() -> bool:
        return await count(bot, Answer) == expected

    await eventually(stored, f"{expected} answers to be stored")


async def _values(bot: BotHarness) -> list[float]:
    async with bot.db() as session:
        return list(await session.scalars(select(Answer.value).order_by(Answer.id)))


async def _first_question(user: SimulatedUser) -> Message:
    return await user.expect(progress(1, 4))


async def _delivery_recorded(bot: BotHarness, message_id: int) -> None:
    async def recorded() -> int | None:
        async with bot.db() as db:
            found = select(Prompt.id).where(Prompt.telegram_message_id == message_id)
            return await db.scalar(found)

    await eventually(recorded, f"message {message_id} to be recorded as a prompt's delivery")


async def test_a_failed_edit_is_caught_up_by_the_next_tap_on_the_same_message(
    bot: BotHarness,
) -> None:
    dyad = await logged_session(bot)
    question = await _first_question(dyad.coachee)
    await bot.client.config(faults=[{"method": "editMessageText", "code": 502}])
    await dyad.coachee.press("7", question)
    await _stored(bot, 1)
    assert progress(1, 4) in (await dyad.coachee.messages())[-1]["text"]  # the edit was lost

    again = await dyad.coachee.press("9", question)  # the person taps the question they see

    assert "already saved" in await callback_answer(bot, again)
    await dyad.coachee.expect_edit(question["message_id"], progress(2, 4))
    await answer_questionnaire(dyad.coachee, [6, 5, 4], question, first=2, total=4)
    assert await _values(bot) == [7.0, 6.0, 5.0, 4.0]
    assert APOLOGY not in await dyad.coachee.all_text()


async def test_query_too_old_on_the_acknowledgement_still_moves_the_message_on(
    bot: BotHarness,
) -> None:
    dyad = await logged_session(bot)
    question = await _first_question(dyad.coachee)
    await bot.client.config(
        faults=[{"method": "answerCallbackQuery", "code": 400, "description": TOO_OLD}]
    )
    await dyad.coachee.press("7", question)

    await dyad.coachee.expect_edit(question["message_id"], progress(2, 4))
    assert await _values(bot) == [7.0]
    await asyncio.sleep(0.2)
    assert APOLOGY not in await dyad.coachee.all_text()


async def test_when_both_replies_fail_the_next_tap_shows_the_current_question(
    bot: BotHarness,
) -> None:
    dyad = await logged_session(bot)
    question = await _first_question(dyad.coachee)
    await bot.client.config(faults=[
        {"method": "answerCallbackQuery", "code": 400, "description": TOO_OLD},
        {"method": "editMessageText", "code": 500},
    ])
    await dyad.coachee.press("7", question)
    await _stored(bot, 1)

    await dyad.coachee.press("7", question)

    await dyad.coachee.expect_edit(question["message_id"], progress(2, 4))
    assert await _values(bot) == [7.0]
    assert APOLOGY not in await dyad.coachee.all_text()


async def test_a_tap_behind_a_finished_questionnaire_shows_it_finished(bot: BotHarness) -> None:
    dyad = await logged_session(bot)
    question = await answer_questionnaire(dyad.coachee, [7, 7, 7], total=4)
    await bot.client.config(faults=[{"method": "editMessageText", "code": 503}])
    await dyad.coachee.press("8", question)  # the last answer: stored, its edit lost
    await _stored(bot, 4)

    again = await dyad.coachee.press("8", question)

    assert "already answered" in await callback_answer(bot, again)
    done = await dyad.coachee.expect_edit(question["message_id"], "add a comment")
    assert progress(4, 4) not in done["text"]
    assert await _values(bot) == [7.0, 7.0, 7.0, 8.0]


async def test_a_redelivered_tap_whose_reply_was_lost_shows_the_current_question(
    bot: BotHarness,
) -> None:
    dyad = await logged_session(bot)
    question = await _first_question(dyad.coachee)
    await bot.client.config(faults=[{"method": "editMessageText", "code": 502}])
    pressed = await dyad.coachee.press("7", question)
    await _stored(bot, 1)
    prompt = await prompt_of(bot, PromptKind.CHECKIN, Role.COACHEE)
    user = {"id": dyad.coachee.id, "is_bot": False, "first_name": "Alice"}
    redelivered = Update.de_json(  # Telegram sends the same update again (no offset confirmed)
        {
            "update_id": pressed["update_id"],
            "callback_query": {
                "id": pressed["callback_query_id"], "from": user, "chat_instance": "1",
                "data": f"a:{prompt.id}:0:7",
                "message": {
                    "message_id": question["message_id"], "date": 0, "text": question["text"],
                    "chat": {"id": dyad.coachee.id, "type": "private"},
                },
            },
        },
        bot.app.bot,
    )

    await bot.app.process_update(redelivered)

    await dyad.coachee.expect_edit(question["message_id"], progress(2, 4))
    assert await _values(bot) == [7.0]


async def test_free_text_while_a_questionnaire_is_open_points_to_it(bot: BotHarness) -> None:
    dyad = await logged_session(bot)
    question = await _first_question(dyad.coachee)
    await _delivery_recorded(bot, question["message_id"])

    await dyad.coachee.send("8")

    pointer = await dyad.coachee.expect("You have “Session check-in” open")
    assert "buttons" in pointer["text"]
    assert await count(bot, Answer) == 0


async def test_a_button_nothing_handles_any_more_toasts_and_points_to_the_open_one(
    bot: BotHarness,
) -> None:
    dyad = await logged_session(bot)
    question = await _first_question(dyad.coachee)
    await _delivery_recorded(bot, question["message_id"])  # the loop marks it just after sending

    old = await dyad.coachee.press_data(question["message_id"], "gone:1")

    toast = await callback_answer(bot, old)

    assert "no longer does anything" in toast and "“Session check-in” is open" in toast
    await dyad.coachee.send("/help")
    await dyad.coachee.expect("/forget")  # the chat is handled in order: the tap is done
    assert "You have “Session check-in” open" not in await dyad.coachee.all_text()



@pytest.mark.parametrize("late_code", [200, 504], ids=["done-late", "never-done"])
async def test_an_edit_that_times_out_loses_nothing_and_holds_no_one_else(
    bot: BotHarness, late_code: int
) -> None:
    dyad = await logged_session(bot)
    question = await _first_question(dyad.coachee)
    await _delivery_recorded(bot, question["message_id"])
    edits_before = (await bot.client.stats())["calls"].get("editMessageText", 0)  # /session's
    await bot.client.config(
        faults=[{"method": "editMessageText", "code": late_code, "delay": LATE}]
    )
    tapped = time.monotonic()
    await dyad.coachee.press("7", question)
    await _stored(bot, 1)

    await dyad.coach.send("/help")  # another chat, while the coachee's edit hangs
    await dyad.coach.expect("As a coach")
    async with bot.db() as db:
        await enqueue(db, kind=OutboundKind.NOTICE, key="notice:meanwhile",
                      recipient_id=dyad.coach_id, due_at=bot.clock.now(),
                      program_id=dyad.program_id,
                      payload={"text": "session.coachee_not_confirmed",
                               "names": {"coach": dyad.coach_id}})
    await bot.dispatch()
    await dyad.coach.expect("did not confirm")
    assert time.monotonic() - tapped < BOT_TIMEOUT  # neither waited for the hung edit

    again = await dyad.coachee.press("9", question)  # the message still shows question 1
    assert "already saved" in await callback_answer(bot, again)
    await dyad.coachee.expect_edit(question["message_id"], progress(2, 4))
    await asyncio.sleep(max(0.0, tapped + LATE + 0.3 - time.monotonic()))  # the late edit lands
    await answer_questionnaire(dyad.coachee, [6, 5, 4], question, first=2, total=4)
    assert await _values(bot) == [7.0, 6.0, 5.0, 4.0]
    edits = (await bot.client.stats())["calls"]["editMessageText"] - edits_before
    assert edits == 5  # one per tap: no retries
    assert APOLOGY not in await dyad.coachee.all_text()


async def test_an_acknowledgement_that_times_out_does_not_hold_the_edit(bot: BotHarness) -> None:
    dyad = await logged_session(bot)
    question = await _first_question(dyad.coachee)
    await bot.client.config(faults=[
        {"method": "answerCallbackQuery", "code": 400, "description": TOO_OLD, "delay": LATE},
    ])
    tapped = time.monotonic()
    await dyad.coachee.press("7", question)

    await dyad.coachee.expect_edit(question["message_id"], progress(2, 4))
    assert time.monotonic() - tapped < BOT_TIMEOUT
    await answer_questionnaire(dyad.coachee, [6, 5, 4], question, first=2, total=4)
    assert await _values(bot) == [7.0, 6.0, 5.0, 4.0]
    assert APOLOGY not in await dyad.coachee.all_text()
