"""Group chats: the bot says once that it works in private chats only, then stays silent."""

from __future__ import annotations

from sqlalchemy import select

from alliance.core.models import Program, ProgramStatus
from bot.emulator.models import BOT_USER
from bot.simulation import SimulatedUser
from tests.e2e.harness import BotHarness
from tests.e2e.people import make_dyad

GROUP = -1001


async def _settled(user: SimulatedUser) -> None:
    """Updates are handled in order: once a private reply arrives, the group ones are done."""
    await user.send("/help")
    await user.expect(lambda message: True)


async def _bot_messages(bot: BotHarness, chat_id: int) -> list[str]:
    return [m["text"] or "" for m in await bot.client.chat_messages(chat_id)]


async def test_a_group_gets_exactly_one_reply_whatever_is_sent(bot: BotHarness) -> None:
    user = await bot.user("Gus")
    await bot.client.create_group(GROUP, "Coaching team")

    for text in ("/start", "/help", "@CoachAllianceBot hello?", "/status", "/forget"):
        await bot.client.send_in_group(user.id, GROUP, text)
    await bot.client.wait_for_chat_message(GROUP, "private chats")
    await _settled(user)

    replies = await _bot_messages(bot, GROUP)
    assert len(replies) == 1
    assert "only work in private chats" in replies[0]
    assert "seulement en conversation privée" in replies[0]


async def test_being_added_to_a_group_is_answered_once(bot: BotHarness) -> None:
    user = await bot.user("Gus")
    await bot.client.create_group(GROUP, "Coaching team")
    state = bot.server.state  # the control API has no "add the bot to a group" call yet
    state.updates.put("my_chat_member", {
        "chat": state.chat(GROUP).json(), "from": state.user(user.id).json(), "date": 0,
        "old_chat_member": {"status": "left", "user": BOT_USER},
        "new_chat_member": {"status": "member", "user": BOT_USER},
    })

    await bot.client.wait_for_chat_message(GROUP, "private chats")
    await bot.client.send_in_group(user.id, GROUP, "/start")
    await _settled(user)

    assert len(await _bot_messages(bot, GROUP)) == 1


async def test_each_group_is_told_once(bot: BotHarness) -> None:
    user = await bot.user("Gus")
    for chat_id in (GROUP, GROUP - 1):
        await bot.client.create_group(chat_id, f"Team {chat_id}")
        await bot.client.send_in_group(user.id, chat_id, "/help")
        await bot.client.send_in_group(user.id, chat_id, "/help")
    await bot.client.wait_for_chat_message(GROUP - 1, "private chats")
    await _settled(user)

    assert len(await _bot_messages(bot, GROUP)) == 1
    assert len(await _bot_messages(bot, GROUP - 1)) == 1


async def test_commands_sent_in_a_group_change_nothing(bot: BotHarness) -> None:
    program_id, lead, _, _ = await make_dyad(bot)
    await bot.client.create_group(GROUP, "Coaching team")

    await bot.client.send_in_group(lead.id, GROUP, "/close")
    await bot.client.wait_for_chat_message(GROUP, "private chats")
    await _settled(lead)

    async with bot.db() as session:
        status = await session.scalar(select(Program.status).where(Program.id == program_id))
    assert status == ProgramStatus.ACTIVE
    assert "Close the program" not in await lead.all_text()
