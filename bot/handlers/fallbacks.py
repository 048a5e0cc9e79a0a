"""Replies to what no other handler claimed: registered last in group 0, so they only see that.

A plain message someone is waiting for goes to its free-text consumer in `TEXT_INPUTS`;
anything else gets a helpful reply or toast, never silence.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from alliance.questionnaires.checkins import instrument_of, open_questionnaire_of
from bot.conversation import await_text, take_awaited
from bot.handlers.common import PRIVATE
from bot.handlers.text_inputs import TEXT_INPUTS
from bot.transactional import transactional
from bot.turn import Turn
from bot.types import AnyApplication, Context

log = logging.getLogger(__name__)


@transactional
async def unexpected_message(update: Update, context: Context, turn: Turn) -> None:
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
        MessageHandler(filters.UpdateType.MESSAGE & PRIVATE, unexpected_message)
    )
    application.add_handler(CallbackQueryHandler(unexpected_button))
