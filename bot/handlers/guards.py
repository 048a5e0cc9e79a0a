"""Guards that run before every other handler (groups -4 to -1) and may stop an update there.

Group chats get one notice and silence; an edited message does not run a command or change an
answer again; a button press that is not on one of our messages in a chat gets a toast; a
command drops a question that was waiting for free text.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, MessageHandler, TypeHandler, filters

from alliance.core.conversations import drop
from alliance.core.db import transaction
from bot.conversation import AWAITING
from bot.handlers.common import PRIVATE
from bot.services import services_of
from bot.texts import LANGUAGES, language_of, t
from bot.transactional import transactional
from bot.turn import Turn
from bot.types import AnyApplication, Context

log = logging.getLogger(__name__)

_GROUPS_TOLD = "groups_told_private_only"


def _bot_was_removed(update: Update) -> bool:
    member = update.my_chat_member
    return member is not None and member.new_chat_member.status in (
        ChatMemberStatus.LEFT,
        ChatMemberStatus.BANNED,
    )


async def _private_chats_only(update: Update, context: Context) -> None:
    """Outside private chats: say so once per group (in both languages), then stay silent."""
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return
    told: set[int] = context.bot_data.setdefault(_GROUPS_TOLD, set())
    group = chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)
    if group and chat.id not in told and not _bot_was_removed(update):
        told.add(chat.id)
        notice = "\n\n".join(t(lang, "error.private_only") for lang in LANGUAGES)
        try:
            await context.bot.send_message(chat.id, notice)
        except TelegramError as exc:
            log.info("could not tell group %s: %s", chat.id, type(exc).__name__)
    raise ApplicationHandlerStop


async def _buttons_on_our_messages_only(
    update: Update, context: Context
) -> None:
    """The one place that checks a button press can be placed: it is on a message in a chat.

    A query from an inline-mode message (only `inline_message_id`) or a game (no data) gets a
    short toast and changes nothing; every button handler may then rely on the query's message,
    chat and data.
    """
    query = update.callback_query
    if query is None or (query.message is not None and query.data):
        return
    lang = language_of(query.from_user.language_code if query.from_user else None)
    try:
        await query.answer(t(lang, "error.button_elsewhere"))
    except TelegramError as exc:
        log.info("could not answer a misplaced button: %s", type(exc).__name__)
    raise ApplicationHandlerStop


@transactional
async def _say_edits_are_not_read(update: Update, context: Context, turn: Turn) -> None:
    turn.say("fallback.edited")


async def _edits_are_not_read(update: Update, context: Context) -> None:
    """An edited message is not a new one: no command or answer runs again; the person is told."""
    await _say_edits_are_not_read(update, context)
    raise ApplicationHandlerStop


async def _commands_cancel_text_input(update: Update, context: Context) -> None:
    """A command means the person moved on: a question waiting for free text is dropped.

    Its own short transaction, before the command's: dropping a wait twice changes nothing.
    """
    user = update.effective_user
    if user is None:
        return
    services = services_of(context)
    async with transaction(services.session_factory) as db:
        await drop(db, user.id, AWAITING)


def register(application: AnyApplication) -> None:
    application.add_handler(
        MessageHandler(filters.UpdateType.EDITED_MESSAGE & PRIVATE, _edits_are_not_read),
        group=-4,
    )
    application.add_handler(TypeHandler(Update, _buttons_on_our_messages_only), group=-3)
    application.add_handler(TypeHandler(Update, _private_chats_only), group=-2)
    application.add_handler(
        MessageHandler(filters.COMMAND & PRIVATE, _commands_cancel_text_input), group=-1
    )
