"""The command menus Telegram shows beside the message box, per role and language.

Strangers see the default menu (how to join, help, language), in English or French by their
Telegram language. Once enrolled, a person's own chat gets a menu for the roles they hold, in the
language they chose: it is set without a language code so their `/language` choice wins over
whatever language their Telegram app is in.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError

from alliance.core.models import Role
from alliance.enrolment.people import ROLE_ORDER
from bot.texts import LANGUAGES, t

log = logging.getLogger(__name__)

STRANGER_COMMANDS = ("start", "help", "language")
ROLE_COMMANDS: dict[Role, tuple[str, ...]] = {
    Role.LEAD: ("newprogram", "invite", "invites", "people", "settings", "status", "report",
                "close"),
    Role.COACH: ("session", "schedule", "mystats"),
    Role.COACHEE: ("session",),
}
EVERYONE_COMMANDS = ("help", "pause", "resume", "language", "timezone", "mydata", "forget")


def commands_for(roles: Iterable[Role], lang: str) -> list[BotCommand]:
    """The menu for someone holding `roles`: each role's tools, then what everyone can do."""
    held = set(roles)
    names: list[str] = []
    for role in ROLE_ORDER:
        if role in held:
            names.extend(n for n in ROLE_COMMANDS[role] if n not in names)
    names.extend(n for n in EVERYONE_COMMANDS if n not in names)
    return [BotCommand(name, t(lang, f"command.{name}")) for name in names]


async def set_default_commands(bot: Bot) -> None:
    """The menu for people the bot does not know yet, in both languages."""
    stranger = {lang: [BotCommand(n, t(lang, f"command.{n}")) for n in STRANGER_COMMANDS]
                for lang in LANGUAGES}
    scope = BotCommandScopeDefault()
    await bot.set_my_commands(stranger["en"], scope=scope)
    for lang in LANGUAGES:
        await bot.set_my_commands(stranger[lang], scope=scope, language_code=lang)


async def set_commands_for(bot: Bot, chat_id: int, role: Role | Iterable[Role], lang: str) -> None:
    """Give one person's private chat the menu for their role(s) in their language.

    A menu is a convenience: if Telegram refuses, the commands still work, so this only logs.
    """
    roles = [role] if isinstance(role, Role) else list(role)
    try:
        await bot.set_my_commands(commands_for(roles, lang), scope=BotCommandScopeChat(chat_id))
    except TelegramError as exc:
        log.warning("could not set the command menu of chat %s: %s", chat_id, type(exc).__name__)


async def clear_commands_for(bot: Bot, chat_id: int) -> None:
    """Back to the stranger's menu, e.g. after someone asked to be forgotten."""
    try:
        await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id))
    except TelegramError as exc:
        log.warning("could not reset the command menu of chat %s: %s", chat_id, type(exc).__name__)
