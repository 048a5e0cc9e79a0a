"""What every conversation shares: /help, /language, and the helpers other handlers build on.

The helpers: help text, and follow-ups that must wait until the update's transaction has
committed (a command menu, a dispatch pass). The guards that run before every handler are in
`guards`, the replies to what no handler claimed in `fallbacks`.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from alliance.core.models import Role
from alliance.enrolment.people import PersonError, roles_of, set_language
from bot.commands import set_commands_for
from bot.dispatcher import request_dispatch
from bot.texts import LANGUAGES, t
from bot.transactional import transactional
from bot.turn import Turn
from bot.types import AnyApplication, Context
from bot.views import buttons

log = logging.getLogger(__name__)

PRIVATE = filters.ChatType.PRIVATE


# -- helpers for every handler module --------------------------------------------------------


def refresh_menu(
    turn: Turn, context: Context, chat_id: int, roles: list[Role], lang: str
) -> None:
    """Set the person's command menu after commit."""

    async def set_menu() -> None:
        await set_commands_for(context.bot, chat_id, roles, lang)

    turn.after_commit(set_menu)


def dispatch_soon(turn: Turn, context: Context) -> None:
    """Ask the dispatcher for a pass after commit, so a prompt due now goes out now."""

    async def request() -> None:
        request_dispatch(context)

    turn.after_commit(request)


async def help_text(turn: Turn) -> str:
    """Help for what this person can do: strangers learn how to join."""
    if turn.person is None:
        return turn.t("help.stranger")
    parts = [turn.t("help.intro")]
    parts.extend(turn.t(f"help.{role.value}") for role in await roles_of(turn.db, turn.person.id))
    parts.append(turn.t("help.everyone"))
    parts.append(turn.t("help.confidential"))
    return "\n\n".join(parts)


# -- help and language -----------------------------------------------------------------------


@transactional
async def show_help(update: Update, context: Context, turn: Turn) -> None:
    turn.outbox.reply(await help_text(turn))


@transactional
async def choose_language(update: Update, context: Context, turn: Turn) -> None:
    if turn.person is None:  # nothing is stored about strangers, not even a language
        turn.say("language.stranger")
        return
    turn.say(
        "language.choose",
        buttons([[(t(lang, "language.name"), f"lang:{lang}") for lang in LANGUAGES]]),
    )


@transactional
async def language_chosen(update: Update, context: Context, turn: Turn) -> None:
    assert update.callback_query and update.callback_query.data and update.effective_chat
    lang = update.callback_query.data.split(":", 1)[1]
    if turn.person is None:
        turn.refuse("language.stranger")
        return
    try:
        set_language(turn.db, turn.person, lang)
    except PersonError:
        turn.refuse("fallback.button_toast")
        return
    turn.outbox.edit(t(lang, "language.done"))
    refresh_menu(
        turn, context, update.effective_chat.id, await roles_of(turn.db, turn.person.id), lang
    )
    log.info("person %s switched language", turn.person.id)


def register(application: AnyApplication) -> None:
    application.add_handler(CommandHandler("help", show_help, filters=PRIVATE))
    application.add_handler(CommandHandler("language", choose_language, filters=PRIVATE))
    application.add_handler(CallbackQueryHandler(language_chosen, pattern=r"^lang:([a-z]{2,3})$"))
