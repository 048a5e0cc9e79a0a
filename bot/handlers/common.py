"""What every conversation shares: help, language, group chats, and replies to the unexpected.

Registered last (see `bot.handlers.HANDLER_MODULES`), so its catch-alls in group 0 only see what
no other handler claimed: armed free-text inputs go to their consumer in `TEXT_INPUTS`, anything
else gets a helpful reply, never silence. Group chats, edited messages (an edit does not run a
command or change an answer again), and button presses that are not on one of our messages in a
chat, are stopped before any other handler runs.

It also holds the small helpers the other handler modules build on: help text, and follow-ups
that must wait until the update's transaction has committed (a command menu, a dispatch pass).
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from alliance.checkins import instrument_of, open_questionnaire_of
from alliance.conversations import drop
from alliance.db import transaction
from alliance.models import Role
from alliance.people import PersonError, roles_of, set_language
from bot.commands import set_commands_for
from bot.conversation import AWAITING, TEXT_INPUTS, await_text, take_awaited
from bot.dispatcher import request_dispatch
from bot.keyboards import buttons
from bot.services import services_of
from bot.texts import LANGUAGES, language_of, t
from bot.transactional import transactional
from bot.turn import Turn
from bot.types import AnyApplication, Context

log = logging.getLogger(__name__)

_GROUPS_TOLD = "groups_told_private_only"
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


# -- group chats -----------------------------------------------------------------------------


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
async def _say_edits_are_not_read(
    update: Update, context: Context, turn: Turn
) -> None:
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


# -- the unexpected --------------------------------------------------------------------------


@transactional
async def unexpected_message(
    update: Update, context: Context, turn: Turn
) -> None:
    """Free text someone is waiting for goes to its consumer; anything else gets guidance."""
    message = update.effective_message
    assert message is not None
    awaiting = await take_awaited(turn)
    if awaiting is not None:
        name = awaiting.pop("name")
        consumer = TEXT_INPUTS.get(name)
        if consumer is not None and message.text:
            await consumer(update, context, turn, awaiting)
            return
        if consumer is not None:  # a sticker or photo instead of words: keep waiting
            await await_text(turn, name, **awaiting)
            turn.say("fallback.need_text")
            return
        log.warning("no consumer for awaited text input %s", name)
    if message.text and message.text.startswith("/"):
        turn.say("fallback.command")
    elif turn.person is None:
        turn.say("error.not_enrolled")
    elif not await _point_to_open_questionnaire(turn):
        turn.say("fallback.text")


async def _point_to_open_questionnaire(turn: Turn, key: str = "prompt.open_above") -> bool:
    """Tell the person which questionnaire is waiting for their taps, if one is."""
    assert turn.person is not None
    prompt = await open_questionnaire_of(turn.db, turn.person.id, turn.now)
    if prompt is None:
        return False
    turn.refuse(key, title=instrument_of(prompt).title.in_language(turn.lang))
    return True


@transactional
async def unexpected_button(update: Update, context: Context, turn: Turn) -> None:
    """A button nothing handles any more: a short toast, naming the questionnaire still open."""
    if turn.person is None:
        turn.refuse("error.not_enrolled")
    elif not await _point_to_open_questionnaire(turn, "fallback.button_open_above"):
        turn.refuse("fallback.button_toast")


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
    application.add_handler(CommandHandler("help", show_help, filters=PRIVATE))
    application.add_handler(CommandHandler("language", choose_language, filters=PRIVATE))
    application.add_handler(CallbackQueryHandler(language_chosen, pattern=r"^lang:(en|fr)$"))
    application.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & PRIVATE, unexpected_message)
    )
    application.add_handler(CallbackQueryHandler(unexpected_button))
