"""Conversations in progress are rows in the database: a restart does not lose them.

The bot process is stopped and started again between two steps of a conversation; the second
step must land where the first left it, as it would in another process on the same database.
"""

from __future__ import annotations

from sqlalchemy import select

from alliance.core.models import Comment, Program, Role
from alliance.core.models_state import ConversationState
from tests.e2e.dyads import COACHEE_CHECKIN, answer_questionnaire, count, logged_session
from tests.e2e.harness import BotHarness
from tests.e2e.people import enrol


async def test_a_comment_armed_before_a_restart_is_stored_after_it(bot: BotHarness) -> None:
    dyad = await logged_session(bot)
    checkin = await answer_questionnaire(dyad.coachee, COACHEE_CHECKIN)
    await dyad.coachee.press("Add a comment", checkin)
    await dyad.coachee.expect_edit(checkin["message_id"], "Write your comment")

    await bot.restart_bot()
    await dyad.coachee.send("The pace is a little fast for me.")

    await dyad.coachee.expect("Share it with your coach?")
    async with bot.db() as session:
        comment = await session.scalar(select(Comment))
    assert comment is not None and comment.text == "The pace is a little fast for me."
    assert await count(bot, ConversationState) == 0  # the wait was consumed


async def test_a_new_program_draft_survives_a_restart_between_steps(bot: BotHarness) -> None:
    program_id = await bot.program()
    lead = await bot.user("Lea")
    await enrol(bot, lead, await bot.invite(program_id, Role.LEAD, "Lea Lead"))
    await lead.send("/newprogram")
    await lead.expect("What is the new program called")
    await lead.send("Harbour cohort")
    await lead.expect("time zone")

    await bot.restart_bot()
    await lead.send("America/Halifax")
    await lead.expect("When does it run?")
    await bot.restart_bot()
    await lead.send("2027-02-01 2027-09-30")

    await lead.expect("(America/Halifax, 2027-02-01 → 2027-09-30)")
    async with bot.db() as session:
        created = await session.scalar(select(Program).where(Program.name == "Harbour cohort"))
    assert created is not None and created.timezone == "America/Halifax"
    assert await count(bot, ConversationState) == 0


async def test_a_command_drops_the_comment_being_awaited(bot: BotHarness) -> None:
    dyad = await logged_session(bot)
    checkin = await answer_questionnaire(dyad.coachee, COACHEE_CHECKIN)
    await dyad.coachee.press("Add a comment", checkin)
    await dyad.coachee.expect_edit(checkin["message_id"], "Write your comment")
    await dyad.coachee.send("/help")
    await dyad.coachee.expect("/mydata")

    await dyad.coachee.send("Not a comment any more")
    await dyad.coachee.expect("I didn't expect")
    assert await count(bot, Comment) == 0
