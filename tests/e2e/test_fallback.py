"""Anything the bot does not expect gets a helpful reply: never silence, never a traceback."""

from __future__ import annotations

from tests.e2e.dyads import callback_answer
from tests.e2e.harness import BotHarness
from tests.e2e.people import make_dyad


async def test_a_stranger_writing_anything_learns_how_to_join(bot: BotHarness) -> None:
    stranger = await bot.user("Sam")

    await stranger.send("hello?")

    await stranger.expect("Open the invitation link")


async def test_unexpected_text_from_a_member_points_to_help(bot: BotHarness) -> None:
    _, _, coach, _ = await make_dyad(bot)

    await coach.send("what now?")

    await coach.expect("I didn't expect a message here")


async def test_an_unknown_command_is_answered(bot: BotHarness) -> None:
    _, lead, _, _ = await make_dyad(bot)

    await lead.send("/frobnicate")

    await lead.expect("I don't know that command")


async def test_a_button_the_bot_no_longer_knows_is_answered(bot: BotHarness) -> None:
    _, _, coach, _ = await make_dyad(bot)
    welcome = (await coach.messages())[-1]
    before = await coach.messages()

    pressed = await coach.press_data(welcome["message_id"], "zz:stale:1")

    assert await callback_answer(bot, pressed) == "This button no longer does anything."
    assert await coach.messages() == before  # a toast, no new message and no edit


async def test_a_command_drops_a_question_waiting_for_text(bot: BotHarness) -> None:
    _, lead, _, _ = await make_dyad(bot)
    await lead.send("/newprogram")
    await lead.expect("What is the new program called")

    await lead.send("/help")
    await lead.expect("As a program lead")
    await lead.send("Not a program name")

    await lead.expect("I didn't expect a message here")


async def test_a_text_answer_still_awaited_after_a_cancelled_flow_is_not_taken(
    bot: BotHarness,
) -> None:
    _, lead, _, _ = await make_dyad(bot)
    await lead.send("/newprogram")
    question = await lead.message_with_button("Cancel")
    await lead.press("Cancel", question)
    await lead.expect_edit(question["message_id"], "Cancelled.")

    await lead.send("Summit 2027")

    await lead.expect("I didn't expect a message here")
