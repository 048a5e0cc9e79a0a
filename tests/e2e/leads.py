"""Leads for end-to-end tests of the lead tools: a program with its lead enrolled in Telegram,
and a look at what the bot answered a tap with."""

from __future__ import annotations

from sqlalchemy import select

from alliance.core.models import Person, Role
from bot.simulation import Message, SimulatedUser
from tests.e2e.harness import BotHarness
from tests.e2e.people import enrol


async def program_with_lead(bot: BotHarness, lang: str = "en") -> tuple[int, SimulatedUser]:
    """A program ("Leaders 2027") whose lead has joined through their link in `lang`."""
    program_id = await bot.program()
    lead = await bot.user("Lea", lang)
    await enrol(bot, lead, await bot.invite(program_id, Role.LEAD, "Lea Lead"))
    return program_id, lead


async def person_id(bot: BotHarness, user: SimulatedUser) -> int:
    async with bot.db() as session:
        found = await session.scalar(select(Person.id).where(Person.telegram_user_id == user.id))
    assert found is not None
    return found


async def shown(user: SimulatedUser, message: Message) -> Message:
    """The message as the chat shows it now (after any edit)."""
    return next(m for m in await user.messages() if m["message_id"] == message["message_id"])


def labels(message: Message) -> list[str]:
    return [button["text"] for row in message.get("buttons") or [] for button in row]
